// Text, tokens: UTF-8 text in, a sequence of normalised tokens out.
//
// Tokens are Unicode-correct words (ICU word boundaries, UAX #29) after NFC normalisation and
// full case folding. Typographic apostrophes (’ U+2019, ʼ U+02BC) become ' first.
//  - French elisions (l', d', qu', j', n', s', c', m', t', jusqu', lorsqu', puisqu') are split off
//    the word they precede and returned as Token::Kind::kElision, which later stages drop:
//    "l’expérience" -> [l (elision), expérience]. A word whose apostrophe is not an elision
//    ("aujourd'hui") stays whole. In English, words are split at apostrophes and each part is
//    kept ("don't" -> don, t; the stop-word list removes the pieces).
//  - Hyphenated words are split into their parts ("peut-être" -> peut, être; "auto-édition" ->
//    auto, édition), which is what ICU's word rules do. We keep it deliberately: the parts of a
//    French compound carry its meaning for TF-IDF, and "a-t-il" or "est-ce" dissolve into
//    stop words instead of becoming rare junk terms.
//  - URLs and e-mail addresses are one token each (kept only if keep_urls); @mentions and
//    #hashtags are one token each (kept only if keep_tags). They are never stemmed.
//  - Numbers are dropped unless keep_numbers; emoji, punctuation and symbols always are.
//  - Words shorter than min_length code points are dropped (elisions are always returned).
// Invalid UTF-8 never fails: bad bytes become U+FFFD, which is not a word.
#ifndef TRENDSCAN_TEXT_TOKENIZER_HPP_
#define TRENDSCAN_TEXT_TOKENIZER_HPP_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trendscan/status.hpp"
#include "trendscan/text/language.hpp"

namespace trendscan {

// The language, which decides the elision rules (French) or apostrophe splitting (English), is
// given to Tokenizer::Create, not kept here: a pipeline says it once (TermOptions, terms.hpp).
struct TokenizerOptions {
  // Keep numbers ("2009", "3,5") as tokens. Default: dropped, they rarely name a theme.
  bool keep_numbers = false;
  // Keep URLs and e-mail addresses as single tokens. Default: dropped.
  bool keep_urls = false;
  // Keep @mentions and #hashtags as single tokens ("#democratie"). Default: kept, they are
  // often the most topical words of a social-media post.
  bool keep_tags = true;
  // Words with fewer code points than this are dropped. Default 2 drops stray letters.
  std::size_t min_length = 2;
};

struct Token {
  enum class Kind { kWord, kNumber, kElision, kUrl, kEmail, kMention, kHashtag };
  std::string text;  // NFC, case-folded UTF-8
  Kind kind = Kind::kWord;
};

// Receives tokens one at a time; `text` is only valid during the call.
class TokenSink {
 public:
  virtual ~TokenSink() = default;
  virtual void OnToken(std::string_view text, Token::Kind kind) = 0;
};

// Text made only of ASCII, Latin-1 letters, Œ œ Ÿ and common French punctuation (most French
// and English prose) is segmented by a fast UTF-8 scanner that implements the same rules; any
// other text goes through ICU. Both give the same tokens (tested).
// Not thread-safe: use one Tokenizer per thread (Create is cheap).
class Tokenizer {
 public:
  // Fails (kInternal) only if ICU cannot build its word-break rules.
  static Result<Tokenizer> Create(Language language, const TokenizerOptions& options = {});

  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;
  ~Tokenizer();

  // Appends the tokens of `text` to `*out` in text order.
  void Tokenize(std::string_view text, std::vector<Token>* out);
  // Passes the tokens of `text` to `sink` in text order, without allocating per token.
  void Tokenize(std::string_view text, TokenSink& sink);
  // As Tokenize, always through ICU (the reference the fast path is tested against).
  void TokenizeWithIcu(std::string_view text, std::vector<Token>* out);

  const TokenizerOptions& options() const;
  Language language() const;

 private:
  struct Impl;
  explicit Tokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace trendscan

#endif  // TRENDSCAN_TEXT_TOKENIZER_HPP_
