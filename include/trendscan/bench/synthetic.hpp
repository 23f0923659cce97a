// A labelled synthetic corpus for benchmarks, generated in memory: French-like pseudo-words
// (syllables with accents), topic words drawn from a Zipf law over each topic's own slice of the
// vocabulary, mixed with shared background words and French grammar words and elisions. The
// design follows ../shared/anchors/gen_corpus.py, so figures are comparable, but needs no word
// list: the same options give the same corpus on any machine.
#ifndef TRENDSCAN_BENCH_SYNTHETIC_HPP_
#define TRENDSCAN_BENCH_SYNTHETIC_HPP_

#include <cstdint>
#include <string>
#include <vector>

#include "trendscan/ingest/corpus.hpp"

namespace trendscan {

struct SyntheticOptions {
  int documents = 10000;
  int topics = 8;
  // Mean words per document (normal, sd = mean / 3, at least 30; under 30, short posts of at
  // least a third of it, and at least 3).
  int words = 400;
  // Share of background words, shared by all topics: higher is harder to separate.
  double mix = 0.55;
  std::uint64_t seed = 7;
};

struct SyntheticCorpus {
  Corpus corpus;                    // ids "topicNN/dNNNNNNN.txt", like gen_corpus.py's files
  std::vector<std::string> labels;  // "topicNN", one per document
};

SyntheticCorpus GenerateSyntheticCorpus(const SyntheticOptions& options);

}  // namespace trendscan

#endif  // TRENDSCAN_BENCH_SYNTHETIC_HPP_
