// The bytes one rank sends rank 0: its share's counts (trendscan/pipeline/counted.hpp) encoded
// as a flat buffer, so that MPI moves plain bytes (not part of the public API).
#ifndef TRENDSCAN_SRC_DISTRIBUTED_WIRE_HPP_
#define TRENDSCAN_SRC_DISTRIBUTED_WIRE_HPP_

#include <string>
#include <string_view>

#include "trendscan/pipeline/counted.hpp"
#include "trendscan/status.hpp"

namespace trendscan::internal {

// Everything of `share` that merging needs: its documents (metadata, and the text only when it
// was not released), warnings and counters, units, term counts, surface tally, released-text
// fingerprints and timings. Not the ingest options (rank 0 has its own). Integers are written
// in the machine's byte order: every rank of a job runs the same binary on the same kind of
// machine.
std::string EncodeShare(const CountedCorpus& share);

// The share EncodeShare wrote. Fails with kInternal when the bytes are cut short or malformed
// (never reads past `bytes`).
Result<CountedCorpus> DecodeShare(std::string_view bytes);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_DISTRIBUTED_WIRE_HPP_
