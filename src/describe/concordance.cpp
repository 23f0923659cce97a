#include "trendscan/describe/concordance.hpp"

#include <algorithm>
#include <unordered_map>

#include "trendscan/describe/report.hpp"
#include "trendscan/text/normalizer.hpp"
#include "trendscan/text/tokenizer.hpp"
#include "util/utf8.hpp"

namespace trendscan {
namespace {

// Characters that end a word besides ASCII ones that are not letters or digits: the Latin-1
// punctuation and symbols (no-break space, « », ·, °...), × and ÷, general punctuation (the
// typographic apostrophe, dashes, “ ”, …, thin spaces), currency, arrows, mathematical and
// other symbols, CJK punctuation, and emoji. Everything else counts as a letter: the tokenizer
// then says what the word is.
bool EndsWord(char32_t cp) {
  if (cp < 0x80) {
    return !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'));
  }
  return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x2BFF) ||
         (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
         (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0x1F000 && cp <= 0x1FAFF);
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// `text` with each run of white space made one space (leading and trailing runs kept as one).
std::string Collapse(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (IsSpace(c)) {
      if (!space) out += ' ';
      space = true;
      continue;
    }
    space = false;
    out += c;
  }
  return out;
}

// Code-point offsets: the byte where the code point `n` code points before `at` starts.
std::size_t BackCodePoints(std::string_view text, std::size_t at, std::size_t n) {
  while (at > 0 && n > 0) {
    --at;
    while (at > 0 && internal::IsUtf8Continuation(static_cast<unsigned char>(text[at]))) --at;
    --n;
  }
  return at;
}

std::size_t ForwardCodePoints(std::string_view text, std::size_t at, std::size_t n) {
  while (at < text.size() && n > 0) {
    ++at;
    while (at < text.size() && internal::IsUtf8Continuation(static_cast<unsigned char>(text[at]))) {
      ++at;
    }
    --n;
  }
  return at;
}

// At most `chars` code points of context before [begin, end) and after it.
void Context(std::string_view text, std::size_t begin, std::size_t end, std::size_t chars,
             std::string* left, std::string* right) {
  // Collapsing white space only shortens, so a window of twice the length is enough unless
  // the text holds long runs of it; then the context is shorter, never wrong.
  const std::size_t from = BackCodePoints(text, begin, 2 * chars);
  std::string before = Collapse(text.substr(from, begin - from));
  const std::size_t before_chars = internal::CountCodePoints(before);
  bool cut = from > 0;
  if (before_chars > chars) {
    std::size_t skip = 0;
    for (std::size_t n = before_chars - chars; n > 0; --n)
      skip = ForwardCodePoints(before, skip, 1);
    before.erase(0, skip);
    cut = true;
  }
  *left = (cut ? "…" : "") + before;
  const std::size_t to = ForwardCodePoints(text, end, 2 * chars);
  std::string after = Collapse(text.substr(end, to - end));
  cut = to < text.size();
  if (internal::CountCodePoints(after) > chars) {
    after.resize(internal::Utf8Prefix(after, chars).size());
    cut = true;
  }
  *right = after + (cut ? "…" : "");
}

}  // namespace

struct ConcordanceFinder::Impl {
  Tokenizer tokenizer;
  Normalizer normalizer;
  std::unordered_map<std::string, std::string> term_of;  // word as written -> its first term
  std::vector<Token> tokens;

  const std::string& TermOf(std::string_view word) {
    auto it = term_of.find(std::string(word));
    if (it != term_of.end()) return it->second;
    tokens.clear();
    tokenizer.Tokenize(word, &tokens);
    std::string term;
    for (const Token& t : tokens) {
      term = normalizer.Term(t);
      if (!term.empty()) break;
    }
    return term_of.emplace(std::string(word), std::move(term)).first->second;
  }
};

Result<ConcordanceFinder> ConcordanceFinder::Create(const TermOptions& options) {
  // The analysis's own options, so a word is found exactly when it was counted as the term.
  TRENDSCAN_ASSIGN_OR_RETURN(Tokenizer t, Tokenizer::Create(options.language, options.tokenizer));
  TRENDSCAN_ASSIGN_OR_RETURN(
      Normalizer n, Normalizer::Create(options.language, options.normalizer, options.stopwords));
  return ConcordanceFinder(std::make_unique<Impl>(Impl{std::move(t), std::move(n), {}, {}}));
}

ConcordanceFinder::ConcordanceFinder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ConcordanceFinder::ConcordanceFinder(ConcordanceFinder&&) noexcept = default;
ConcordanceFinder& ConcordanceFinder::operator=(ConcordanceFinder&&) noexcept = default;
ConcordanceFinder::~ConcordanceFinder() = default;

std::vector<ConcordanceFinder::Hit> ConcordanceFinder::Find(std::string_view text,
                                                            const std::string& term) {
  std::vector<Hit> hits;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t begin = at;
    for (;;) {  // the next word's start
      if (begin >= text.size()) return hits;
      const internal::Utf8Char c = internal::DecodeUtf8(text, begin);
      if (c.length > 0 && !EndsWord(c.code_point)) break;
      begin += static_cast<std::size_t>(std::max(1, c.length));
    }
    std::size_t end = begin;
    while (end < text.size()) {
      const internal::Utf8Char c = internal::DecodeUtf8(text, end);
      if (c.length == 0 || EndsWord(c.code_point)) break;
      end += static_cast<std::size_t>(c.length);
    }
    if (impl_->TermOf(text.substr(begin, end - begin)) == term) hits.push_back({begin, end});
    at = end;
  }
  return hits;
}

Status FindConcordances(const DocumentText& text, const TermOptions& terms,
                        const ConcordanceOptions& options, Report* report) {
  for (Theme& theme : report->themes) theme.concordance.clear();
  if (options.terms <= 0 || options.lines_per_term <= 0) return Status::Ok();
  TRENDSCAN_ASSIGN_OR_RETURN(ConcordanceFinder finder, ConcordanceFinder::Create(terms));
  const auto context = static_cast<std::size_t>(std::max(0, options.context_chars));
  for (Theme& theme : report->themes) {
    std::vector<std::size_t> sources;
    for (const Passage& p : theme.passages) {
      if (std::find(sources.begin(), sources.end(), p.document) == sources.end()) {
        sources.push_back(p.document);
      }
    }
    const std::size_t wanted = std::min<std::size_t>(static_cast<std::size_t>(options.terms),
                                                     theme.characteristic_terms.size());
    for (std::size_t i = 0; i < wanted; ++i) {
      const std::string& term = theme.characteristic_terms[i].term;
      std::size_t found = 0;
      for (std::size_t d : sources) {
        const std::string* body = text(d);
        if (body == nullptr) continue;
        const std::size_t offset = report->documents[d].text_offset;
        for (const ConcordanceFinder::Hit& h : finder.Find(*body, term)) {
          if (found == static_cast<std::size_t>(options.lines_per_term)) break;
          ConcordanceLine line;
          line.term = term;
          line.word = body->substr(h.begin, h.end - h.begin);
          line.document = d;
          line.begin = offset + h.begin;
          line.end = offset + h.end;
          Context(*body, h.begin, h.end, context, &line.left, &line.right);
          theme.concordance.push_back(std::move(line));
          ++found;
        }
        if (found == static_cast<std::size_t>(options.lines_per_term)) break;
      }
    }
  }
  return Status::Ok();
}

}  // namespace trendscan
