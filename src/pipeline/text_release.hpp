// Pipeline: releasing texts once tokenised (Analyze(Corpus&&)), so peak memory holds the text
// or the counts of each document, not both; the few passages quoted are then read again from
// their files, checked against a fingerprint of the text that was analysed.
#ifndef TRENDSCAN_SRC_PIPELINE_TEXT_RELEASE_HPP_
#define TRENDSCAN_SRC_PIPELINE_TEXT_RELEASE_HPP_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "trendscan/describe/report.hpp"
#include "trendscan/ingest/corpus.hpp"
#include "trendscan/pipeline/counted.hpp"
#include "trendscan/text/segmenter.hpp"

namespace trendscan::internal {

// A fingerprint of a text, to check that its file read again gives the same text.
std::uint64_t Fingerprint(std::string_view text);

class TextReleaser {
 public:
  // Releases the texts of `corpus` (null: none) as their units, `units`, are tokenised.
  TextReleaser(Corpus* corpus, const std::vector<Unit>& units);

  // What the term counter calls with each unit once tokenised (on worker threads,
  // concurrently for different units); empty when nothing is released.
  std::function<void(std::size_t unit)> OnUnitDone();

  // What was released, once every unit is done; empty when nothing is released.
  ReleasedTexts Take() { return std::move(released_); }

 private:
  void UnitDone(std::size_t unit);

  Corpus* corpus_;
  const std::vector<Unit>& units_;
  std::vector<std::atomic<std::uint32_t>> units_left_;  // per document
  ReleasedTexts released_;
  std::atomic<std::uint64_t> released_bytes_{0};
};

// The texts of the released documents that hold a passage, read again from their files (each
// file once, as `read_with` read them; report.documents gives the path and offset, `records`
// each document's Document::record) and checked against what was analysed, by document index.
// A document whose file no longer gives the same text is missing from the result, its id in
// *changed.
std::map<std::size_t, std::string> RereadPassageSources(const IngestOptions& read_with,
                                                        const std::vector<std::size_t>& records,
                                                        const Report& report,
                                                        const ReleasedTexts& released,
                                                        std::vector<std::string>* changed);

// Quotes the passages chosen from released documents from `sources` (RereadPassageSources). A
// passage whose document is missing there is dropped, with a warning naming the first of
// `changed`.
void QuotePassages(const std::map<std::size_t, std::string>& sources,
                   const std::vector<std::string>& changed, const std::vector<Unit>& units,
                   const ReleasedTexts& released, std::size_t passage_chars, Report* report);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_PIPELINE_TEXT_RELEASE_HPP_
