#include "trendscan/text/normalizer.hpp"

#include <libstemmer.h>

#include <utility>
#include <vector>

#include "util/embedded_data.hpp"
#include "util/text_util.hpp"
#include "util/utf8.hpp"

namespace trendscan {

Result<StopwordList> StopwordList::Parse(std::string_view text, std::string_view source) {
  if (!internal::IsValidUtf8(text)) {
    return Status::InvalidArgument("stop-word list '" + std::string(source) +
                                   "' is not valid UTF-8");
  }
  // Words go through the tokenizer so that a list written with capitals, NFD accents or curly
  // apostrophes matches the tokens it is meant to remove.
  TokenizerOptions options;
  options.min_length = 1;
  options.keep_numbers = true;
  TRENDSCAN_ASSIGN_OR_RETURN(Tokenizer tokenizer, Tokenizer::Create(Language::kFrench, options));
  StopwordList list;
  std::vector<Token> tokens;
  for (std::string_view line : internal::SplitLines(text)) {
    const std::size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = internal::Trim(line);
    if (line.empty()) continue;
    tokens.clear();
    tokenizer.Tokenize(line, &tokens);
    for (const Token& t : tokens) list.words_.insert(t.text);
  }
  return list;
}

StopwordList StopwordList::Builtin(Language lang) {
  Result<StopwordList> list =
      Parse(internal::EmbeddedStopwords(LanguageCode(lang)), "built-in list");
  // The built-in lists are part of the build; failing to parse them is a build defect.
  assert(list.ok());
  return list.ok() ? std::move(list).value() : StopwordList();
}

bool StopwordList::Contains(std::string_view word) const {
  return words_.count(std::string(word)) > 0;
}

struct Stemmer::Impl {
  sb_stemmer* stemmer = nullptr;
  ~Impl() {
    if (stemmer != nullptr) sb_stemmer_delete(stemmer);
  }
};

Result<Stemmer> Stemmer::Create(Language lang) {
  auto impl = std::make_unique<Impl>();
  impl->stemmer = sb_stemmer_new(std::string(SnowballName(lang)).c_str(), "UTF_8");
  if (impl->stemmer == nullptr) {
    return Status::Internal("libstemmer has no '" + std::string(SnowballName(lang)) + "' stemmer");
  }
  return Stemmer(std::move(impl));
}

Stemmer::Stemmer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Stemmer::Stemmer(Stemmer&&) noexcept = default;
Stemmer& Stemmer::operator=(Stemmer&&) noexcept = default;
Stemmer::~Stemmer() = default;

std::string Stemmer::Stem(std::string_view word) {
  const sb_symbol* out =
      sb_stemmer_stem(impl_->stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  if (out == nullptr) return std::string(word);  // out of memory inside libstemmer
  return std::string(reinterpret_cast<const char*>(out),
                     static_cast<std::size_t>(sb_stemmer_length(impl_->stemmer)));
}

Result<Normalizer> Normalizer::Create(Language language, const NormalizerOptions& options,
                                      StopwordList stopwords) {
  std::unique_ptr<Stemmer> stemmer;
  if (options.stem) {
    TRENDSCAN_ASSIGN_OR_RETURN(Stemmer s, Stemmer::Create(language));
    stemmer = std::make_unique<Stemmer>(std::move(s));
  }
  return Normalizer(options, std::move(stopwords), std::move(stemmer));
}

Normalizer::Normalizer(NormalizerOptions options, StopwordList stopwords,
                       std::unique_ptr<Stemmer> stemmer)
    : options_(options), stopwords_(std::move(stopwords)), stemmer_(std::move(stemmer)) {}

bool Normalizer::IsDropped(const Token& token) const {
  if (token.kind == Token::Kind::kElision) return true;
  if (token.kind != Token::Kind::kWord) return false;
  return stopwords_.Contains(token.text);
}

std::string Normalizer::Term(const Token& token) {
  if (IsDropped(token)) return {};
  if (token.kind != Token::Kind::kWord || !stemmer_) return token.text;
  return stemmer_->Stem(token.text);
}

}  // namespace trendscan
