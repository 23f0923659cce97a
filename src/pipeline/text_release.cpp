#include "pipeline/text_release.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <string>

#include "trendscan/describe/themes.hpp"
#include "util/string_table.hpp"

namespace trendscan::internal {

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
  std::string().swap(doc.text);
}

void QuotePassages(const Corpus& corpus, const std::vector<Unit>& units,
                   const ReleasedTexts& released, std::size_t passage_chars, Report* report) {
  if (released.empty()) return;
  const std::vector<char>& is_released = released.released;
  std::map<std::string, std::vector<Passage*>> by_file;
  for (Theme& theme : report->themes) {
    for (Passage& p : theme.passages) {
      if (is_released[p.document]) by_file[corpus.documents[p.document].source_path].push_back(&p);
    }
  }
  std::vector<std::string> failures;
  for (auto& [path, passages] : by_file) {
    Result<std::vector<Document>> docs = RereadFile(path, corpus.read_with);
    for (Passage* p : passages) {
      const Document& doc = corpus.documents[p->document];
      const Document* again =
          docs.ok() && doc.record < docs->size() ? &(*docs)[doc.record] : nullptr;
      if (again == nullptr || again->text.size() != released.size[p->document] ||
          Fingerprint(again->text) != released.fingerprint[p->document]) {
        failures.push_back(doc.id);
        continue;
      }
      const Unit& unit = units[p->unit];
      p->text =
          QuotePassage(std::string_view(again->text).substr(unit.begin, unit.end - unit.begin),
                       passage_chars, &p->truncated);
    }
  }
  if (failures.empty()) return;
  for (Theme& theme : report->themes) {
    theme.passages.erase(
        std::remove_if(theme.passages.begin(), theme.passages.end(),
                       [&](const Passage& p) { return is_released[p.document] && p.text.empty(); }),
        theme.passages.end());
  }
  report->warnings.push_back(std::to_string(failures.size()) +
                             " passage(s) not quoted: the file changed or vanished while it was "
                             "analysed (first: '" +
                             failures.front() + "')");
}

}  // namespace trendscan::internal
