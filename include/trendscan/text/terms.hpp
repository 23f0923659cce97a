// How a text becomes index terms: the options of every text stage that makes terms (tokenizer,
// stop words, stemmer), with the language said once. The vectorize stage counts terms with
// these, and the describe stage reads the known-theme lexicons with the same ones, so a lexicon
// word meets the corpus's words as the same term.
#ifndef TRENDSCAN_TEXT_TERMS_HPP_
#define TRENDSCAN_TEXT_TERMS_HPP_

#include <string>

#include "trendscan/text/language.hpp"
#include "trendscan/text/normalizer.hpp"
#include "trendscan/text/tokenizer.hpp"

namespace trendscan {

struct TermOptions {
  // Elision rules, stemmer and (unless `stopwords` is replaced) the stop-word list. Default fr.
  Language language = Language::kFrench;
  TokenizerOptions tokenizer;
  NormalizerOptions normalizer;
  // Words removed before stemming, and where they came from (shown in the report).
  StopwordList stopwords = StopwordList::Builtin(Language::kFrench);
  std::string stopwords_source = "built-in:fr";
};

}  // namespace trendscan

#endif  // TRENDSCAN_TEXT_TERMS_HPP_
