// The distributed counting without MPI: N ranks played by N threads of this process, over a
// transport of the same collective calls, running exactly the code an MPI job runs
// (LoadAndCountShares, then AnalyzeCounted on rank 0). Its report must be the single-process
// one, byte for byte, for any number of ranks and threads.
#include <doctest/doctest.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "distributed/gather.hpp"
#include "distributed/wire.hpp"
#include "test_util.hpp"
#include "trendscan/distributed/merge.hpp"
#include "trendscan/report/render.hpp"

using namespace trendscan;
using trendscan::testing::TempDir;

namespace {

// What the ranks of a thread job share: a barrier and the slots the collectives exchange by.
class ThreadGroup {
 public:
  explicit ThreadGroup(int size)
      : size_(size), values_(static_cast<std::size_t>(size)), bytes_(values_.size()) {}

  int size() const { return size_; }

  void Barrier() {
    std::unique_lock<std::mutex> lock(mutex_);
    const std::uint64_t generation = generation_;
    if (++arrived_ == size_) {
      arrived_ = 0;
      ++generation_;
      cv_.notify_all();
      return;
    }
    cv_.wait(lock, [&] { return generation_ != generation; });
  }

  std::vector<std::uint64_t>& values() { return values_; }
  std::vector<std::string>& bytes() { return bytes_; }
  int& broadcast() { return broadcast_; }

 private:
  const int size_;
  std::mutex mutex_;
  std::condition_variable cv_;
  int arrived_ = 0;
  std::uint64_t generation_ = 0;
  std::vector<std::uint64_t> values_;
  std::vector<std::string> bytes_;
  int broadcast_ = 0;
};

class ThreadTransport : public internal::Transport {
 public:
  ThreadTransport(ThreadGroup* group, int rank) : group_(group), rank_(rank) {}
  int rank() const override { return rank_; }
  int size() const override { return group_->size(); }
  int ranks_on_this_machine() const override { return group_->size(); }

  std::uint64_t Sum(std::uint64_t value) override {
    group_->values()[static_cast<std::size_t>(rank_)] = value;
    group_->Barrier();
    std::uint64_t sum = 0;
    for (std::uint64_t v : group_->values()) sum += v;
    group_->Barrier();
    return sum;
  }

  void Gather(std::string bytes,
              const std::function<void(int rank, std::string bytes)>& at_root) override {
    group_->bytes()[static_cast<std::size_t>(rank_)] = std::move(bytes);
    group_->Barrier();
    if (rank_ == 0) {
      for (int r = 0; r < group_->size(); ++r) {
        at_root(r, std::move(group_->bytes()[static_cast<std::size_t>(r)]));
      }
    }
    group_->Barrier();
  }

  int Broadcast(int value) override {
    if (rank_ == 0) group_->broadcast() = value;
    group_->Barrier();
    const int out = group_->broadcast();
    group_->Barrier();
    return out;
  }

  void Abort(int) override { FAIL("a rank aborted"); }

 private:
  ThreadGroup* group_;
  int rank_;
};

struct JobResult {
  std::vector<Status> status;  // per rank
  std::string report;          // rank 0's JSON report, without timings; empty on failure
  Status analysis;             // rank 0's AnalyzeCounted
};

// LoadAndCountShares on `ranks` threads, then rank 0 analyses and renders.
JobResult RunJob(int ranks, const std::vector<std::string>& paths, const AnalyzeOptions& options,
                 const IngestOptions& ingest = {}) {
  ThreadGroup group(ranks);
  JobResult out;
  out.status.resize(static_cast<std::size_t>(ranks));
  std::vector<std::thread> threads;
  for (int r = 0; r < ranks; ++r) {
    threads.emplace_back([&, r] {
      ThreadTransport transport(&group, r);
      Result<GatheredCorpus> gathered =
          internal::LoadAndCountShares(transport, paths, ingest, options, {});
      out.status[static_cast<std::size_t>(r)] = gathered.status();
      if (r != 0 || !gathered.ok()) return;
      Result<Report> report = AnalyzeCounted(std::move(gathered->counted), options);
      out.analysis = report.status();
      if (report.ok()) out.report = RenderJson(*report, /*include_timings=*/false, 1);
    });
  }
  for (std::thread& t : threads) t.join();
  return out;
}

// The single-process report, as `trendscan analyze` makes it.
std::string SingleProcess(const std::vector<std::string>& paths, const AnalyzeOptions& options,
                          const IngestOptions& ingest = {}) {
  Result<Corpus> corpus = LoadCorpus(paths, ingest, nullptr, options.threads);
  REQUIRE(corpus.ok());
  Result<Report> report = Analyze(std::move(*corpus), options);
  REQUIRE(report.ok());
  return RenderJson(*report, /*include_timings=*/false, 1);
}

std::string Sample() { return std::string(TRENDSCAN_SOURCE_DIR) + "/corpora/sample-fr"; }

// Posts in JSONL shards, with a bad line, an empty line and a file that gives nothing, so that
// warnings and skip counts come from several ranks.
void WritePosts(const TempDir& dir) {
  const char* words[][6] = {{"jardin", "potager", "tomates", "semis", "compost", "arrosage"},
                            {"vote", "citoyens", "budget", "assemblée", "démocratie", "mairie"},
                            {"blog", "photos", "vidéos", "journal", "lecteurs", "commentaires"}};
  for (int shard = 0; shard < 5; ++shard) {
    std::string lines;
    for (int i = 0; i < 12; ++i) {
      const int topic = (shard + i) % 3;
      std::string text;
      for (int w = 0; w < 8; ++w) text += std::string(words[topic][(i + w * shard) % 6]) + " ";
      lines += "{\"id\": \"s" + std::to_string(shard) + "-" + std::to_string(i) +
               "\", \"date\": \"201" + std::to_string(i % 4) + "-0" +
               std::to_string(1 + shard % 9) + "-1" + std::to_string(i % 10) + "\", \"text\": \"" +
               text + "\"}\n";
      if (i == 5 && shard % 2 == 1) lines += "{not json}\n";
    }
    dir.Write("shards/part-" + std::to_string(shard) + ".jsonl", lines);
  }
  dir.Write("shards/empty.jsonl", "\n");
  dir.Write("shards/notes.bin", "ignored: not a known extension");
}

AnalyzeOptions PostOptions() {
  AnalyzeOptions o;
  o.cluster.kmeans.k = 3;
  o.tfidf.min_df = 1;
  o.tfidf.max_df = 1.0;
  o.themes.min_term_frequency = 1;
  return o;
}

// A run to compare with the single-process one: paragraphs, segments, a date range (cases[2]),
// JSONL shards with warnings, two paths of different kinds.
struct Case {
  const char* name;
  std::vector<std::string> paths;
  AnalyzeOptions options;
};

std::vector<Case> CountingCases(const std::string& shards) {
  std::vector<Case> cases;
  AnalyzeOptions o;
  o.units.kind = UnitKind::kParagraph;
  cases.push_back({"paragraphs", {Sample()}, o});
  AnalyzeOptions s;
  s.units.kind = UnitKind::kSegment;
  s.units.segment_words = 20;
  cases.push_back({"segments", {Sample()}, s});
  AnalyzeOptions range;
  range.over_time.timeline.since = "2010";
  range.over_time.timeline.until = "2012-06";
  cases.push_back({"date range", {Sample()}, range});
  cases.push_back({"jsonl shards", {shards}, PostOptions()});
  cases.push_back({"two paths", {shards + "/part-3.jsonl", Sample()}, AnalyzeOptions{}});
  return cases;
}

}  // namespace

TEST_CASE("the distributed report is the single-process one for any number of ranks and threads") {
  for (int threads : {1, 2}) {
    AnalyzeOptions options;
    options.threads = threads;
    const std::string single = SingleProcess({Sample()}, options);
    for (int ranks : {1, 2, 3, 4, 7}) {
      CAPTURE(threads);
      CAPTURE(ranks);
      const JobResult job = RunJob(ranks, {Sample()}, options);
      for (const Status& s : job.status) CHECK(s.ok());
      CHECK(job.analysis.ok());
      CHECK(job.report == single);
    }
  }
}

TEST_CASE(
    "distributed: paragraphs, a date range, JSONL shards with warnings, more ranks than files") {
  TempDir dir;
  WritePosts(dir);
  std::vector<Case> cases = CountingCases((dir.path() / "shards").string());
  {
    // Identities kept apart: as counting begins in one process, once the shares are merged on
    // rank 0.
    AnalyzeOptions apart = PostOptions();
    apart.identities_apart_from = 0;
    cases.push_back({"identities apart", {(dir.path() / "shards").string()}, apart});
    AnalyzeOptions range = cases[2].options;
    range.identities_apart_from = 0;
    cases.push_back({"identities apart, date range", {Sample()}, range});
  }
  for (const Case& c : cases) {
    const std::string single = SingleProcess(c.paths, c.options);
    for (int ranks : {2, 4, 9}) {
      CAPTURE(c.name);
      CAPTURE(ranks);
      const JobResult job = RunJob(ranks, c.paths, c.options);
      for (const Status& s : job.status) CHECK(s.ok());
      CHECK(job.report == single);
    }
  }
}

TEST_CASE("distributed: one essay is cut into paragraphs by the rank that holds it") {
  const std::string essay = std::string(TRENDSCAN_SOURCE_DIR) + "/corpora/billet-2009/billet.txt";
  const std::string single = SingleProcess({essay}, AnalyzeOptions{});
  CHECK(single.find("\"unit\": \"paragraph\"") != std::string::npos);
  for (int ranks : {2, 3}) {
    const JobResult job = RunJob(ranks, {essay}, AnalyzeOptions{});
    CHECK(job.report == single);
  }
}

TEST_CASE("distributed: a failure is one message on rank 0 and the same code on every rank") {
  TempDir dir;
  dir.Write("empty/a.txt", "   \n");
  dir.Write("empty/b.md", "");
  struct Case {
    std::vector<std::string> paths;
    AnalyzeOptions options;
  };
  AnalyzeOptions out_of_range;
  out_of_range.over_time.timeline.since = "2030";
  const std::vector<Case> cases = {{{(dir.path() / "missing").string()}, AnalyzeOptions{}},
                                   {{(dir.path() / "empty").string()}, AnalyzeOptions{}},
                                   {{Sample()}, out_of_range}};
  for (const Case& c : cases) {
    Result<Corpus> corpus = LoadCorpus(c.paths, IngestOptions{}, nullptr);
    const Status expected =
        corpus.ok() ? Analyze(std::move(*corpus), c.options).status() : corpus.status();
    REQUIRE(!expected.ok());
    for (int ranks : {2, 3}) {
      CAPTURE(expected.message());
      const JobResult job = RunJob(ranks, c.paths, c.options);
      // Rank 0 says what one process says, whichever stage found it.
      const Status& at_root = job.status[0].ok() ? job.analysis : job.status[0];
      CHECK(at_root.code() == expected.code());
      CHECK(at_root.message() == expected.message());
      CHECK(job.report.empty());
      // Failures found while reading stop every rank with the same code.
      if (!job.status[0].ok() && c.paths[0].find("missing") != std::string::npos) {
        for (const Status& s : job.status) CHECK(s.code() == expected.code());
      }
    }
  }
  CHECK(RunJob(2, {"-"}, AnalyzeOptions{}).status[0].code() == StatusCode::kInvalidArgument);
}

TEST_CASE("distributed: ranks agree on the first failure, named by its rank") {
  const int ranks = 3;
  ThreadGroup group(ranks);
  std::vector<Status> agreed(ranks);
  std::vector<std::thread> threads;
  for (int r = 0; r < ranks; ++r) {
    threads.emplace_back([&, r] {
      ThreadTransport transport(&group, r);
      const Status local =
          r == 2 ? Status::InvalidArgument("cannot read labels file 'l.tsv'") : Status::Ok();
      agreed[static_cast<std::size_t>(r)] = internal::AgreeOnStatus(transport, local);
      // Then all succeed: nothing to agree on.
      CHECK(internal::AgreeOnStatus(transport, Status::Ok()).ok());
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(agreed[0].message() == "cannot read labels file 'l.tsv' (on rank 2 of 3)");
  for (const Status& s : agreed) CHECK(s.code() == StatusCode::kInvalidArgument);
}

TEST_CASE("a share survives the wire, and corrupted bytes are refused") {
  Result<Corpus> corpus = LoadCorpus({Sample()}, IngestOptions{}, nullptr);
  REQUIRE(corpus.ok());
  ShareCounting share;
  share.total_documents = [](std::size_t n) { return n; };
  Result<CountedCorpus> counted =
      CountCorpusTerms(std::move(*corpus), AnalyzeOptions{}, {}, &share);
  REQUIRE(counted.ok());
  const std::string bytes = internal::EncodeShare(*counted);
  Result<CountedCorpus> back = internal::DecodeShare(bytes);
  REQUIRE(back.ok());
  CHECK(internal::EncodeShare(*back) == bytes);
  CHECK(back->corpus.documents.size() == counted->corpus.documents.size());
  CHECK(back->counted.counts.rows.size() == counted->counted.counts.rows.size());
  for (std::size_t cut : {std::size_t{0}, std::size_t{3}, bytes.size() / 2, bytes.size() - 1}) {
    CHECK(!internal::DecodeShare(std::string_view(bytes).substr(0, cut)).ok());
  }
  // A term id out of its vocabulary (flipped bytes of a row) is caught by the merge.
  Result<CountedCorpus> broken = internal::DecodeShare(bytes);
  REQUIRE(broken.ok());
  std::vector<std::vector<TermCount>> rows;
  for (CountRow row : broken->counted.counts.rows) rows.emplace_back(row.begin(), row.end());
  REQUIRE(!rows[0].empty());
  rows[0][0].term = 1u << 30;
  broken->counted.counts.rows = CountRows(rows);
  std::vector<CountedCorpus> shares;
  shares.push_back(std::move(*broken));
  CHECK(MergeShares(std::move(shares)).status().code() == StatusCode::kInternal);
}

TEST_CASE("a job of one counting in batches gives the report of counting at once") {
  TempDir dir;
  WritePosts(dir);
  std::vector<Case> cases = CountingCases((dir.path() / "shards").string());
  cases.push_back({"documents", {Sample()}, AnalyzeOptions{}});
  // Fewer than ten documents in range: the batches are planned for ten, so counted again.
  AnalyzeOptions few = PostOptions();
  few.over_time.timeline.since = "2013-01-01";
  few.over_time.timeline.until = "2013-02-28";
  cases.push_back({"few in range", {(dir.path() / "shards").string()}, few});
  for (const Case& c : cases) {
    const std::string single = SingleProcess(c.paths, c.options);
    for (std::uint64_t batch_bytes : {std::uint64_t{1}, std::uint64_t{3000}}) {
      CAPTURE(c.name);
      CAPTURE(batch_bytes);
      AnalyzeOptions options = c.options;
      options.batch_bytes = batch_bytes;
      Result<GatheredCorpus> gathered =
          internal::LoadAndCountAlone(c.paths, IngestOptions{}, options, nullptr, {});
      REQUIRE(gathered.ok());
      // Merged batches keep the identities apart (one store filled batch after batch).
      const bool batched = std::string(c.name) != "few in range";
      CHECK((gathered->counted.counted.identities != nullptr) == batched);
      Result<Report> report = AnalyzeCounted(std::move(gathered->counted), options);
      REQUIRE(report.ok());
      CHECK(RenderJson(*report, /*include_timings=*/false, 1) == single);
    }
  }
}
