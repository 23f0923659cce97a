// The distributed counting over any transport (not part of the public API): what MpiJob runs
// over MPI, and the tests over threads of one process.
#ifndef TRENDSCAN_SRC_DISTRIBUTED_GATHER_HPP_
#define TRENDSCAN_SRC_DISTRIBUTED_GATHER_HPP_

#include <chrono>
#include <string>
#include <vector>

#include "distributed/transport.hpp"
#include "trendscan/distributed/mpi_job.hpp"

namespace trendscan::internal {

using Clock = std::chrono::steady_clock;
// Seconds from `start` to now, for the stage timings.
double SecondsSince(Clock::time_point start);

// MpiJob::Agree over `transport`.
Status AgreeOnStatus(Transport& transport, const Status& local);

// The reading's progress as a stage line for `progress` ("reading: 12 of 40 files"); empty
// when `progress` is.
FilesReadFn FilesProgress(const ProgressFn& progress);

// MpiJob::LoadAndCount of a job of several ranks over `transport`.
Result<GatheredCorpus> LoadAndCountShares(Transport& transport,
                                          const std::vector<std::string>& paths,
                                          const IngestOptions& ingest,
                                          const AnalyzeOptions& options,
                                          const ProgressFn& progress);

// MpiJob::LoadAndCount of a job of one: everything read and counted, in batches of about
// options.batch_bytes of texts when the inputs are files and hold more than one batch.
Result<GatheredCorpus> LoadAndCountAlone(const std::vector<std::string>& paths,
                                         const IngestOptions& ingest, const AnalyzeOptions& options,
                                         std::istream* stdin_stream, const ProgressFn& progress);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_DISTRIBUTED_GATHER_HPP_
