// Microbenchmarks of the hot loops (Google Benchmark). Run: build/trendscan_micro_bench
// Figures are per call; "bytes_per_second" is input text throughput.
#include <benchmark/benchmark.h>

#include "trendscan/bench/synthetic.hpp"
#include "trendscan/cluster/kmeans.hpp"
#include "trendscan/text/tokenizer.hpp"
#include "trendscan/vectorize/tfidf.hpp"

namespace trendscan {
namespace {

const SyntheticCorpus& Corpus200() {
  static const SyntheticCorpus corpus = [] {
    SyntheticOptions o;
    o.documents = 200;
    return GenerateSyntheticCorpus(o);
  }();
  return corpus;
}

struct CountingSink : TokenSink {
  std::size_t tokens = 0;
  void OnToken(std::string_view, Token::Kind) override { ++tokens; }
};

void BM_TokenizeFastPath(benchmark::State& state) {
  Tokenizer t = std::move(Tokenizer::Create(Language::kFrench)).value();
  const std::string& text = Corpus200().corpus.documents[0].text;
  CountingSink sink;
  for (auto _ : state) t.Tokenize(text, sink);
  benchmark::DoNotOptimize(sink.tokens);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_TokenizeFastPath);

void BM_TokenizeIcu(benchmark::State& state) {
  Tokenizer t = std::move(Tokenizer::Create(Language::kFrench)).value();
  const std::string& text = Corpus200().corpus.documents[0].text;
  std::vector<Token> tokens;
  for (auto _ : state) {
    tokens.clear();
    t.TokenizeWithIcu(text, &tokens);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_TokenizeIcu);

void BM_CountTerms(benchmark::State& state) {
  std::vector<std::string_view> texts;
  std::size_t bytes = 0;
  for (const Document& d : Corpus200().corpus.documents) {
    texts.emplace_back(d.text);
    bytes += d.text.size();
  }
  const StopwordList stop = StopwordList::Builtin(Language::kFrench);
  for (auto _ : state) {
    auto counts = CountTerms(texts, TermOptions{}, static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(counts.ok());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_CountTerms)->Arg(1)->Arg(2);

void BM_KMeansRounds(benchmark::State& state) {
  std::vector<std::string_view> texts;
  for (const Document& d : Corpus200().corpus.documents) texts.emplace_back(d.text);
  const TermCounts counts = std::move(CountTerms(texts, TermOptions{}, 1)).value();
  const TfidfMatrix m = std::move(BuildTfidf(counts, {})).value();
  KMeansOptions o;
  o.k = 8;
  o.restarts = 1;
  o.max_iterations = 10;
  o.refine = false;
  o.stop_when_stable = false;
  for (auto _ : state) {
    auto c = SphericalKMeans(m.matrix, o, static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(c.ok());
  }
  state.counters["nnz"] = static_cast<double>(m.matrix.nonZeros());
}
BENCHMARK(BM_KMeansRounds)->Arg(1)->Arg(2);

}  // namespace
}  // namespace trendscan

BENCHMARK_MAIN();
