// A job of one reading a corpus larger than a batch: the corpus read and counted in batches,
// merged as the shares of several ranks are.
#include <algorithm>
#include <memory>
#include <utility>

#include "distributed/gather.hpp"
#include "trendscan/describe/themes.hpp"
#include "trendscan/distributed/merge.hpp"
#include "util/spare_pages.hpp"

namespace trendscan::internal {
namespace {

// What counting batch after batch keeps.
struct Batches {
  std::vector<CountedCorpus> counted;
  std::shared_ptr<IdentityStore> identities = std::make_shared<IdentityStore>();
  std::size_t documents_read = 0;
  std::size_t in_range = 0;     // documents in the --since/--until range counted so far
  double counting_seconds = 0;  // spent counting and merging, not reading
  std::vector<StageTiming> timings;
  std::size_t files_found = 0;
  std::size_t files_ignored = 0;
};

// Counts one batch as a share whose units are planned for at least kDocumentsForSettledPlan
// documents (the batches after the first do not know how many there will be), and keeps its
// documents' identities apart, after those of the batches before it.
Status CountBatch(Corpus&& batch, const AnalyzeOptions& options, const ProgressFn& progress,
                  Batches* out) {
  const Clock::time_point start = Clock::now();
  out->documents_read += batch.documents.size();
  out->files_found += batch.files_found;
  out->files_ignored += batch.files_ignored;
  ShareCounting share;
  share.total_documents = [out](std::size_t n) {
    out->in_range += n;
    return std::max(out->in_range, kDocumentsForSettledPlan);
  };
  TRENDSCAN_ASSIGN_OR_RETURN(CountedCorpus counted,
                             CountCorpusTerms(std::move(batch), options, progress, &share));
  TRENDSCAN_RETURN_IF_ERROR(MoveIdentitiesInto(&counted.corpus.documents, out->identities.get()));
  TrimHeap();
  for (const StageTiming& t : counted.counted.timings) {
    auto it = std::find_if(out->timings.begin(), out->timings.end(),
                           [&](const StageTiming& o) { return o.stage == t.stage; });
    if (it == out->timings.end()) {
      out->timings.push_back(t);
    } else {
      it->seconds += t.seconds;
    }
  }
  out->counted.push_back(std::move(counted));
  out->counting_seconds += SecondsSince(start);
  return Status::Ok();
}

// The batches merged into what counting the whole corpus at once gives.
Result<CountedCorpus> MergeBatches(Batches* batches, const AnalyzeOptions& options,
                                   const ProgressFn& progress) {
  if (progress) progress("merge");
  const Clock::time_point start = Clock::now();
  TRENDSCAN_ASSIGN_OR_RETURN(CountedCorpus merged, MergeShares(std::move(batches->counted)));
  // The walk's counters are split among the batches, not counted again by each share.
  merged.corpus.files_found = batches->files_found;
  merged.corpus.files_ignored = batches->files_ignored;
  merged.counted.timings = batches->timings;
  TRENDSCAN_RETURN_IF_ERROR(CheckCountedCorpus(merged, options));
  TRENDSCAN_RETURN_IF_ERROR(batches->identities->Seal());
  merged.counted.identities = std::move(batches->identities);
  // The shares' vocabularies and surface tallies were many small blocks.
  TrimHeap();
  merged.counted.timings.push_back({"merge", SecondsSince(start)});
  batches->counting_seconds += SecondsSince(start);
  return merged;
}

}  // namespace

Result<GatheredCorpus> LoadAndCountAlone(const std::vector<std::string>& paths,
                                         const IngestOptions& ingest, const AnalyzeOptions& options,
                                         std::istream* stdin_stream, const ProgressFn& progress) {
  Clock::time_point start = Clock::now();
  GatheredCorpus out;
  const bool from_files = std::find(paths.begin(), paths.end(), "-") == paths.end();
  const bool in_batches = options.batch_bytes > 0 && from_files && !options.themes.unit_texts;
  Batches batches;
  const CorpusBatchFn count = [&](Corpus&& batch) {
    return CountBatch(std::move(batch), options, progress, &batches);
  };
  // Without a batch handed, what is left is the whole corpus, as LoadCorpus reads it.
  Result<Corpus> corpus =
      in_batches
          ? LoadCorpusInBatches(paths, ingest, options.threads, FilesProgress(progress),
                                options.batch_bytes, kDocumentsForSettledPlan, count)
          : LoadCorpus(paths, ingest, stdin_stream, options.threads, FilesProgress(progress));
  TRENDSCAN_RETURN_IF_ERROR(corpus.status());
  if (!batches.counted.empty()) {
    TRENDSCAN_RETURN_IF_ERROR(CountBatch(std::move(*corpus), options, progress, &batches));
    if (batches.in_range >= kDocumentsForSettledPlan) {
      out.documents_read = batches.documents_read;
      TRENDSCAN_ASSIGN_OR_RETURN(out.counted, MergeBatches(&batches, options, progress));
      out.read_seconds = std::max(0.0, SecondsSince(start) - batches.counting_seconds);
      return out;
    }
    // Fewer documents in range than the batches were planned for: read and counted at once.
    batches = Batches();
    start = Clock::now();
    corpus = LoadCorpus(paths, ingest, stdin_stream, options.threads, FilesProgress(progress));
    TRENDSCAN_RETURN_IF_ERROR(corpus.status());
  }
  out.read_seconds = SecondsSince(start);
  out.documents_read = corpus->documents.size();
  TRENDSCAN_ASSIGN_OR_RETURN(out.counted, CountCorpusTerms(std::move(*corpus), options, progress));
  return out;
}

}  // namespace trendscan::internal
