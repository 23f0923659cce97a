#include "trendscan/text/segmenter.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>

namespace trendscan {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// How good a place the end of a word is to cut a segment.
enum class Break { kNone, kWeak, kSentence };

struct Word {
  std::size_t begin = 0;
  std::size_t end = 0;
  Break after = Break::kNone;
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Strips closing quotes and brackets, which follow the punctuation that ends a sentence in
// both French (« ... . ») and English ("...")
std::string_view StripClosers(std::string_view w) {
  for (bool stripped = true; stripped && !w.empty();) {
    stripped = false;
    for (std::string_view closer : {")", "]", "\"", "'", "\xC2\xBB" /* » */, "\xE2\x80\x9D" /* ” */,
                                    "\xE2\x80\x99" /* ’ */}) {
      if (EndsWith(w, closer)) {
        w.remove_suffix(closer.size());
        stripped = true;
      }
    }
  }
  return w;
}

Break BreakAfter(std::string_view w) {
  w = StripClosers(w);
  if (w.empty()) return Break::kNone;
  const char last = w.back();
  if (last == '.' || last == '!' || last == '?' || EndsWith(w, "\xE2\x80\xA6" /* … */)) {
    return Break::kSentence;
  }
  if (last == ',' || last == ';' || last == ':') return Break::kWeak;
  return Break::kNone;
}

std::vector<Word> Words(std::string_view text, std::size_t begin, std::size_t end) {
  std::vector<Word> words;
  std::size_t i = begin;
  while (i < end) {
    while (i < end && IsSpace(text[i])) ++i;
    if (i == end) break;
    const std::size_t b = i;
    while (i < end && !IsSpace(text[i])) ++i;
    const std::string_view w = text.substr(b, i - b);
    Word word{b, i, BreakAfter(w)};
    // French typography puts a space before "?", "!", ":" and "»": a "word" of closers alone
    // moves the break of the word before it to itself, so a closing » stays with its sentence.
    if (!words.empty() && StripClosers(w).empty()) {
      word.after = words.back().after;
      words.back().after = Break::kNone;
    }
    words.push_back(word);
  }
  return words;
}

void CutParagraph(std::string_view text, std::size_t document, std::size_t begin, std::size_t end,
                  std::size_t target, std::vector<Unit>* out) {
  const std::vector<Word> words = Words(text, begin, end);
  const std::size_t n = words.size();
  const std::size_t lo = std::max<std::size_t>(1, target / 2);
  const std::size_t hi = target + target / 2;
  std::size_t s = 0;
  while (s < n) {
    std::size_t e = n;
    if (n - s > hi) {
      // Candidate cut after word index c (segment [s, c]); prefer sentence ends, then weak
      // punctuation, closest to the target, earlier on ties.
      std::size_t best = s + target;  // cut before word s + target: exactly `target` words
      for (Break wanted : {Break::kSentence, Break::kWeak}) {
        std::size_t found = 0;
        std::size_t best_distance = static_cast<std::size_t>(-1);
        for (std::size_t len = lo; len <= hi; ++len) {
          if (words[s + len - 1].after != wanted) continue;
          const std::size_t distance = len > target ? len - target : target - len;
          if (distance < best_distance) {
            best_distance = distance;
            found = s + len;
          }
        }
        if (found != 0) {
          best = found;
          break;
        }
      }
      e = best;
    }
    out->push_back({document, words[s].begin, words[e - 1].end});
    s = e;
  }
}

}  // namespace

std::size_t CountWords(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  bool counted = false;
  for (char ch : text) {
    if (IsSpace(ch)) {
      in_word = false;
      continue;
    }
    const auto c = static_cast<unsigned char>(ch);
    if (!in_word) {
      in_word = true;
      counted = false;
    }
    // ASCII letters and digits, and any non-ASCII byte (accented letters, other scripts).
    const bool alnum =
        (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
    if (alnum && !counted) {
      ++words;
      counted = true;
    }
  }
  return words;
}

std::string_view UnitKindName(UnitKind kind) {
  switch (kind) {
    case UnitKind::kDocument:
      return "document";
    case UnitKind::kParagraph:
      return "paragraph";
    case UnitKind::kSegment:
      return "segment";
  }
  return "document";
}

Result<UnitKind> ParseUnitKind(std::string_view name) {
  for (UnitKind k : {UnitKind::kDocument, UnitKind::kParagraph, UnitKind::kSegment}) {
    if (name == UnitKindName(k)) return k;
  }
  return Status::InvalidArgument("unknown unit '" + std::string(name) +
                                 "' (expected document, paragraph or segment)");
}

std::vector<Unit> SegmentText(std::string_view text, std::size_t document,
                              const SegmenterOptions& options) {
  std::vector<Unit> units;
  if (options.kind == UnitKind::kDocument) {
    std::size_t b = 0;
    std::size_t e = text.size();
    while (b < e && IsSpace(text[b])) ++b;
    while (e > b && IsSpace(text[e - 1])) --e;
    if (b < e) units.push_back({document, b, e});
    return units;
  }
  const std::size_t target = static_cast<std::size_t>(std::max(1, options.segment_words));
  // Walk lines; a paragraph is a run of lines that are not blank.
  std::size_t para_begin = 0;
  std::size_t para_end = 0;
  bool in_paragraph = false;
  auto flush = [&]() {
    if (!in_paragraph) return;
    if (options.kind == UnitKind::kParagraph) {
      units.push_back({document, para_begin, para_end});
    } else {
      CutParagraph(text, document, para_begin, para_end, target, &units);
    }
    in_paragraph = false;
  };
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::size_t b = start;
    std::size_t e = nl;
    while (b < e && IsSpace(text[b])) ++b;
    while (e > b && IsSpace(text[e - 1])) --e;
    if (b == e) {
      flush();
    } else {
      if (!in_paragraph) para_begin = b;
      in_paragraph = true;
      para_end = e;
    }
    start = nl + 1;
  }
  flush();
  return units;
}

std::vector<Unit> SegmentTexts(const std::vector<std::string_view>& texts,
                               const SegmenterOptions& options) {
  std::vector<Unit> units;
  units.reserve(texts.size());  // at least one unit a text, most often
  for (std::size_t d = 0; d < texts.size(); ++d) {
    std::vector<Unit> u = SegmentText(texts[d], d, options);
    units.insert(units.end(), u.begin(), u.end());
  }
  units.shrink_to_fit();  // kept to the end of the analysis: no room grown by doubling
  return units;
}

}  // namespace trendscan
