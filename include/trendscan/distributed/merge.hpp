// Distributed counting, the merge: the shares of a corpus counted apart (MPI rank i reads the
// inputs i, i + N, i + 2N... of the walk and counts them, trendscan/pipeline/counted.hpp) put
// back together into exactly what one process counting every input would have counted, so
// that AnalyzeCounted gives the single-process report byte for byte.
#ifndef TRENDSCAN_DISTRIBUTED_MERGE_HPP_
#define TRENDSCAN_DISTRIBUTED_MERGE_HPP_

#include <vector>

#include "trendscan/pipeline/counted.hpp"
#include "trendscan/status.hpp"

namespace trendscan {

// Merges shares counted with CountCorpusTerms(..., ShareCounting) from LoadCorpus shares of the
// same paths and options, in any order. The documents are put in reading order (by
// Document::input, then record) with their units; the vocabularies merged (MergeVocabularies:
// term ids, display forms, document frequencies and totals as one count gives them) and every
// row remapped to the merged ids; warnings in reading order; counters summed (those every share
// counts alike, such as files_ignored, taken once); the unit plan and its notes from a share
// that has documents; each stage's time the slowest share's. Consumes the shares. Fails with
// kInternal when a share is inconsistent (a unit of a document it does not have, a term id out
// of its vocabulary), which only a corrupted transfer gives.
Result<CountedCorpus> MergeShares(std::vector<CountedCorpus> shares);

}  // namespace trendscan

#endif  // TRENDSCAN_DISTRIBUTED_MERGE_HPP_
