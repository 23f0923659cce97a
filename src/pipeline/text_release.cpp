#include "pipeline/text_release.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <string>

#include "trendscan/describe/themes.hpp"
#include "util/spare_pages.hpp"
#include "util/string_table.hpp"

namespace trendscan::internal {
namespace {

// The heap is trimmed each time 16 MB of texts were released, then, past 64 MB, each time 64
// MB were: the rows of counts made meanwhile live in blocks of their own (CountRows), so the
// texts' pages would otherwise stay resident, unused, until counting ends (a million posts: 787
// -> 696 MB at the peak). Not as often past 64 MB: a trim walks every free block of the heap
// (the texts released so far) and holds its lock, so the other thread waits; every 16 MB, a
// million files of 400 words (5 GB) spent 4 s of their 34 s of tokenising in it, every 64 MB
// after the first, less than 1 s; small corpora keep their lower peak (ten thousand files of
// 400 words, 72 MB, and 87 MB with a trim every 64 MB: BENCHMARKS.md, "Short posts, sixth
// pass").
constexpr std::uint64_t kFirstTrims = std::uint64_t{16} << 20;
constexpr std::uint64_t kLaterTrims = std::uint64_t{64} << 20;

// Which trim `released` bytes of texts reach: a new one, a trim to make.
std::uint64_t TrimOf(std::uint64_t released) {
  return released < kLaterTrims
             ? released / kFirstTrims
             : kLaterTrims / kFirstTrims + (released - kLaterTrims) / kLaterTrims;
}

}  // namespace

// Four independent multiply-xor lanes over 8-byte words (fast: it runs over the whole corpus),
// then the tail and the length.
std::uint64_t Fingerprint(std::string_view text) {
  constexpr std::uint64_t kMul = 0xFF51AFD7ED558CCDULL;
  std::uint64_t lane[4] = {1, 2, 3, 4};
  std::size_t i = 0;
  for (; i + 32 <= text.size(); i += 32) {
    for (int l = 0; l < 4; ++l) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i + 8 * l, 8);
      lane[l] = (lane[l] ^ w) * kMul;
      lane[l] ^= lane[l] >> 31;
    }
  }
  std::uint64_t h = StringTable::Hash(text.substr(i)) ^ text.size();
  for (std::uint64_t x : lane) h = (h ^ x) * kMul ^ ((h ^ x) >> 29);
  return h;
}

TextReleaser::TextReleaser(Corpus* corpus, const std::vector<Unit>& units)
    : corpus_(corpus), units_(units), units_left_(corpus ? corpus->documents.size() : 0) {
  if (corpus_ == nullptr) return;
  const std::size_t n = corpus_->documents.size();
  released_.released.assign(n, 0);
  released_.fingerprint.assign(n, 0);
  released_.size.assign(n, 0);
  for (const Unit& u : units_) units_left_[u.document].fetch_add(1, std::memory_order_relaxed);
}

std::function<void(std::size_t)> TextReleaser::OnUnitDone() {
  if (corpus_ == nullptr) return {};
  return [this](std::size_t unit) { UnitDone(unit); };
}

void TextReleaser::UnitDone(std::size_t unit) {
  const std::size_t d = units_[unit].document;
  if (units_left_[d].fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  Document& doc = corpus_->documents[d];
  if (!doc.rereadable) return;
  released_.fingerprint[d] = Fingerprint(doc.text);
  released_.size[d] = doc.text.size();
  released_.released[d] = 1;
  const std::uint64_t size = doc.text.size();
  std::string().swap(doc.text);
  const std::uint64_t before = released_bytes_.fetch_add(size, std::memory_order_relaxed);
  if (TrimOf(before + size) != TrimOf(before)) TrimHeap();
}

std::map<std::size_t, std::string> RereadPassageSources(const IngestOptions& read_with,
                                                        const std::vector<std::size_t>& records,
                                                        const Report& report,
                                                        const ReleasedTexts& released,
                                                        std::vector<std::string>* changed) {
  std::map<std::size_t, std::string> sources;
  if (released.empty()) return sources;
  std::map<std::string, std::vector<std::size_t>> by_file;
  for (const Theme& theme : report.themes) {
    for (const Passage& p : theme.passages) {
      if (!released.released[p.document]) continue;
      std::vector<std::size_t>& docs = by_file[report.documents[p.document].path.str()];
      if (std::find(docs.begin(), docs.end(), p.document) == docs.end()) {
        docs.push_back(p.document);
      }
    }
  }
  for (const auto& file : by_file) {
    const std::string& path = file.first;
    const std::vector<std::size_t>& documents = file.second;  // a name a lambda may capture
    std::vector<DocumentPlace> places;
    for (std::size_t d : documents) {
      places.push_back({records[d], report.documents[d].text_offset});
    }
    auto analysed = [&](std::size_t i, std::string_view text) {
      const std::size_t d = documents[i];
      return text.size() == released.size[d] && Fingerprint(text) == released.fingerprint[d];
    };
    Result<std::vector<std::optional<std::string>>> texts =
        RereadTexts(path, read_with, places, analysed);
    for (std::size_t i = 0; i < documents.size(); ++i) {
      const std::size_t d = documents[i];
      std::optional<std::string>* again = texts.ok() ? &(*texts)[i] : nullptr;
      if (again == nullptr || !again->has_value() || (*again)->size() != released.size[d] ||
          Fingerprint(**again) != released.fingerprint[d]) {
        changed->push_back(std::string(IdentityOf(report, d).id));
        continue;
      }
      sources.emplace(d, std::move(**again));
    }
  }
  return sources;
}

void QuotePassages(const std::map<std::size_t, std::string>& sources,
                   const std::vector<std::string>& changed, const std::vector<Unit>& units,
                   const ReleasedTexts& released, std::size_t passage_chars, Report* report) {
  if (released.empty()) return;
  for (Theme& theme : report->themes) {
    for (Passage& p : theme.passages) {
      if (!released.released[p.document]) continue;
      auto it = sources.find(p.document);
      if (it == sources.end()) continue;
      const Unit& unit = units[p.unit];
      p.text = QuotePassage(std::string_view(it->second).substr(unit.begin, unit.end - unit.begin),
                            passage_chars, &p.truncated);
    }
  }
  if (changed.empty()) return;
  std::size_t dropped = 0;
  for (Theme& theme : report->themes) {
    const std::size_t before = theme.passages.size();
    theme.passages.erase(std::remove_if(theme.passages.begin(), theme.passages.end(),
                                        [&](const Passage& p) {
                                          return released.released[p.document] && p.text.empty();
                                        }),
                         theme.passages.end());
    dropped += before - theme.passages.size();
  }
  report->warnings.push_back(std::to_string(dropped) +
                             " passage(s) not quoted: the file changed or vanished while it was "
                             "analysed (first: '" +
                             changed.front() + "')");
}

}  // namespace trendscan::internal
