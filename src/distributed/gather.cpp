#include "distributed/gather.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <optional>
#include <thread>
#include <utility>

#include "distributed/wire.hpp"
#include "trendscan/distributed/merge.hpp"
#include "trendscan/ingest/dates.hpp"

namespace trendscan::internal {

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}
namespace {

std::string EncodeStatus(const Status& s) {
  const auto code = static_cast<std::int32_t>(s.code());
  std::string out(sizeof code, '\0');
  std::memcpy(out.data(), &code, sizeof code);
  return out + s.message();
}

Status DecodeStatus(const std::string& bytes) {
  std::int32_t code = 0;
  if (bytes.size() < sizeof code) return Status::Internal("a rank failed");
  std::memcpy(&code, bytes.data(), sizeof code);
  if (code <= 0 || code > static_cast<std::int32_t>(StatusCode::kInternal)) {
    return Status::Internal("a rank failed");
  }
  return Status(static_cast<StatusCode>(code), bytes.substr(sizeof code));
}

// The options every rank checks before the one collective call inside CountCorpusTerms
// (ShareCounting::total_documents): they fail alike on every rank, or on none, so no rank is
// left alone in that call.
Status CheckBeforeCounting(const AnalyzeOptions& options) {
  TRENDSCAN_RETURN_IF_ERROR(ValidateOptions(options));
  const TimelineOptions& timeline = options.over_time.timeline;
  return ParseDateRange(timeline.since, timeline.until).status();
}

}  // namespace

Status AgreeOnStatus(Transport& transport, const Status& local) {
  if (transport.Sum(local.ok() ? 0 : 1) == 0) return Status::Ok();
  std::optional<Status> first;
  int first_rank = -1;
  transport.Gather(local.ok() ? std::string() : EncodeStatus(local),
                   [&](int rank, std::string bytes) {
                     if (!first && !bytes.empty()) {
                       first = DecodeStatus(bytes);
                       first_rank = rank;
                     }
                   });
  const int code = transport.Broadcast(first ? static_cast<int>(first->code()) : 0);
  if (transport.rank() != 0) {
    return Status(static_cast<StatusCode>(code), "failed on another rank");
  }
  if (first_rank == 0) return *first;
  return Status(first->code(), first->message() + " (on rank " + std::to_string(first_rank) +
                                   " of " + std::to_string(transport.size()) + ")");
}

FilesReadFn FilesProgress(const ProgressFn& progress) {
  if (!progress) return {};
  return [progress](std::size_t done, std::size_t total) {
    progress("reading: " + std::to_string(done) + " of " + std::to_string(total) + " files");
  };
}

Result<GatheredCorpus> LoadAndCountShares(Transport& transport,
                                          const std::vector<std::string>& paths,
                                          const IngestOptions& ingest,
                                          const AnalyzeOptions& options,
                                          const ProgressFn& progress) {
  // The counting threads of one machine are shared among its ranks; rank 0 then analyses alone,
  // on as many threads as `options` says.
  AnalyzeOptions counting = options;
  if (counting.threads == 0) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    counting.threads =
        std::max(1, static_cast<int>(cores) / std::max(1, transport.ranks_on_this_machine()));
  }
  IngestOptions share = ingest;
  share.shard_count = static_cast<std::size_t>(transport.size());
  share.shard_index = static_cast<std::size_t>(transport.rank());

  const Clock::time_point start = Clock::now();
  // Rank 0 shows how far its own share is (the shares are about the same size).
  Result<Corpus> corpus =
      LoadCorpus(paths, share, nullptr, counting.threads,
                 transport.rank() == 0 ? FilesProgress(progress) : FilesReadFn());
  const double read_seconds = SecondsSince(start);
  TRENDSCAN_RETURN_IF_ERROR(
      AgreeOnStatus(transport, corpus.ok() ? CheckBeforeCounting(counting) : corpus.status()));
  GatheredCorpus out;
  out.documents_read = transport.Sum(corpus->documents.size());

  ShareCounting counting_share;
  counting_share.total_documents = [&](std::size_t n) {
    return static_cast<std::size_t>(transport.Sum(n));
  };
  Result<CountedCorpus> counted =
      CountCorpusTerms(std::move(*corpus), counting, progress, &counting_share);
  TRENDSCAN_RETURN_IF_ERROR(AgreeOnStatus(transport, counted.status()));
  counted->counted.timings.insert(counted->counted.timings.begin(),
                                  StageTiming{"read", read_seconds});

  if (progress) progress("gather");
  const Clock::time_point gather_start = Clock::now();
  std::string bytes;
  {
    const CountedCorpus sent = std::move(counted).value();  // freed once encoded
    bytes = EncodeShare(sent);
  }
  std::vector<CountedCorpus> shares;
  Status received;
  transport.Gather(std::move(bytes), [&](int rank, std::string from) {
    Result<CountedCorpus> decoded = DecodeShare(from);
    std::string().swap(from);
    if (!decoded.ok()) {
      if (received.ok()) {
        received = Status(decoded.status().code(),
                          decoded.status().message() + " (from rank " + std::to_string(rank) + ")");
      }
      return;
    }
    shares.push_back(std::move(decoded).value());
  });
  if (transport.rank() != 0) return out;
  TRENDSCAN_RETURN_IF_ERROR(received);
  TRENDSCAN_ASSIGN_OR_RETURN(out.counted, MergeShares(std::move(shares)));
  Corpus& merged = out.counted.corpus;
  merged.read_with = ingest;
  // The check LoadCorpus leaves to the caller when reading shares: no rank read a document.
  if (out.documents_read == 0) TRENDSCAN_RETURN_IF_ERROR(CheckCorpusReadable(paths, merged));
  std::vector<StageTiming>& timings = out.counted.counted.timings;
  auto read = std::find_if(timings.begin(), timings.end(),
                           [](const StageTiming& t) { return t.stage == "read"; });
  if (read != timings.end()) {
    out.read_seconds = read->seconds;
    timings.erase(read);
  }
  timings.push_back({"gather", SecondsSince(gather_start)});
  return out;
}

}  // namespace trendscan::internal
