// Text, terms: from tokens to index terms. Stop words are removed and the
// remaining words reduced to their Snowball stem (libstemmer), so "participer",
// "participation" and "participatif" meet as one term.
#ifndef TRENDSCAN_TEXT_NORMALIZER_HPP_
#define TRENDSCAN_TEXT_NORMALIZER_HPP_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "trendscan/status.hpp"
#include "trendscan/text/language.hpp"
#include "trendscan/text/tokenizer.hpp"

namespace trendscan {

// A set of words to drop, matched after NFC normalisation and case folding (the tokenizer's
// output form), before stemming.
class StopwordList {
 public:
  // An empty list.
  StopwordList() = default;

  // Parses a list: UTF-8, one word a line, `#` starts a comment, blank lines ignored; words are
  // normalised like tokens. `source` names the list in error messages. Fails
  // (kInvalidArgument) when the text is not valid UTF-8.
  static Result<StopwordList> Parse(std::string_view text, std::string_view source);

  // The list shipped in data/stopwords/<lang>.txt, compiled into the binary.
  static StopwordList Builtin(Language lang);

  bool Contains(std::string_view word) const;
  std::size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

// Snowball stemming through libstemmer. Not thread-safe: one Stemmer per thread.
class Stemmer {
 public:
  // Fails (kInternal) when libstemmer has no algorithm for `lang`.
  static Result<Stemmer> Create(Language lang);

  Stemmer(Stemmer&&) noexcept;
  Stemmer& operator=(Stemmer&&) noexcept;
  ~Stemmer();

  // The stem of a case-folded UTF-8 word ("participation" -> "particip").
  std::string Stem(std::string_view word);

 private:
  struct Impl;
  explicit Stemmer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The language (which Snowball stemmer) is given to Normalizer::Create, not kept here.
struct NormalizerOptions {
  // Reduce words to their Snowball stem. Default on; --no-stem keeps the surface forms.
  bool stem = true;
};

// Maps a token to its index term: the stem of a word, the token itself for URLs, e-mail
// addresses, mentions and hashtags, or nothing (empty string) for elisions and stop words.
// Not thread-safe (owns a Stemmer): one per thread.
class Normalizer {
 public:
  // Fails (kInternal) when libstemmer has no stemmer for `language`.
  static Result<Normalizer> Create(Language language, const NormalizerOptions& options,
                                   StopwordList stopwords);

  // The index term for `token`, or "" when the token is dropped.
  std::string Term(const Token& token);

  // True when a word token is dropped as a stop word or elision.
  bool IsDropped(const Token& token) const;

 private:
  Normalizer(NormalizerOptions options, StopwordList stopwords, std::unique_ptr<Stemmer> stemmer);
  NormalizerOptions options_;
  StopwordList stopwords_;
  std::unique_ptr<Stemmer> stemmer_;  // null when stemming is off
};

}  // namespace trendscan

#endif  // TRENDSCAN_TEXT_NORMALIZER_HPP_
