#include "trendscan/text/tokenizer.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace trendscan {
namespace {

// "text|text|..." of the tokens; elisions are marked with a trailing '*'.
std::string Join(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += '|';
    out += t.text;
    if (t.kind == Token::Kind::kElision) out += '*';
  }
  return out;
}

std::string Tok(const std::string& text, TokenizerOptions options = {},
                Language language = Language::kFrench) {
  Result<Tokenizer> tokenizer = Tokenizer::Create(language, options);
  REQUIRE(tokenizer.ok());
  std::vector<Token> tokens;
  tokenizer->Tokenize(text, &tokens);
  return Join(tokens);
}

struct Case {
  const char* name;
  const char* input;
  const char* expected;
};

TEST_CASE("French and Unicode edge cases") {
  const Case cases[] = {
      {"straight elision", "L'expérience", "l*|expérience"},
      {"curly elision", "l’homme", "l*|homme"},
      {"modifier-letter apostrophe",
       "l\xCA\xBC"
       "art",
       "l*|art"},
      {"qu elision", "qu'il vienne", "qu*|il|vienne"},
      {"jusqu elision", "jusqu’alors", "jusqu*|alors"},
      {"lorsqu and puisqu", "lorsqu'on dit puisqu’elle", "lorsqu*|on|dit|puisqu*|elle"},
      {"d and j and n", "d'abord j'ai n'est", "d*|abord|j*|ai|n*|est"},
      {"s c m t", "s'il c'est m'a t'aime", "s*|il|c*|est|m*|t*|aime"},
      {"apostrophe that is not an elision", "aujourd'hui", "aujourd'hui"},
      {"elision before aujourd'hui", "jusqu'aujourd'hui", "jusqu*|aujourd'hui"},
      {"NFD accents are composed", "De\xCC\x81mocratie", "démocratie"},
      {"NBSP before punctuation", "Vraiment\xC2\xA0! Pourquoi\xE2\x80\xAF?", "vraiment|pourquoi"},
      {"narrow NBSP inside guillemets",
       "\xC2\xAB\xE2\x80\xAF"
       "citoyens\xE2\x80\xAF\xC2\xBB",
       "citoyens"},
      {"guillemets",
       "\xC2\xAB\xC2\xA0"
       "Bonjour\xC2\xA0\xC2\xBB, dit-il",
       "bonjour|dit|il"},
      {"oe ligature kept", "Cœur et ŒUVRE", "cœur|et|œuvre"},
      {"mixed case", "DéMoCrAtIe PARTICIPATIVE", "démocratie|participative"},
      {"emoji dropped", "super \xF0\x9F\x98\x80 blog \xE2\x9D\xA4\xEF\xB8\x8F", "super|blog"},
      {"hyphenated words split", "peut-être l'auto-édition", "peut|être|l*|auto|édition"},
      {"numbers dropped", "en 2009 et 3,5 %", "en|et"},
      {"single letters dropped", "a b c x-y", ""},
      {"URL dropped whole", "voir https://exemple.fr/page?x=1. Merci", "voir|merci"},
      {"www URL dropped", "(www.exemple.org)", ""},
      {"e-mail dropped", "écrivez à jean.dupont@exemple.fr !", "écrivez"},
      {"hashtag and mention kept", "#DémocratieLocale et @marie_l",
       "#démocratielocale|et|@marie_l"},
      {"hash without letters is no tag", "#2009", ""},
      {"invalid UTF-8 does not crash",
       "abc\xFF\xFE"
       "def",
       "abc|def"},
      {"empty", "", ""},
  };
  for (const Case& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    CHECK(Tok(c.input) == c.expected);
  }
}

TEST_CASE("options keep numbers, URLs and e-mails, or drop tags") {
  TokenizerOptions keep;
  keep.keep_numbers = true;
  keep.keep_urls = true;
  CHECK(Tok("en 2009 et 3,5", keep) == "en|2009|et|3,5");
  CHECK(Tok("voir https://exemple.fr/page?x=1. Merci", keep) ==
        "voir|https://exemple.fr/page?x=1|merci");
  CHECK(Tok("écrivez à jean.dupont@exemple.fr !", keep) == "écrivez|jean.dupont@exemple.fr");
  TokenizerOptions no_tags;
  no_tags.keep_tags = false;
  CHECK(Tok("#DémocratieLocale et @marie_l", no_tags) == "et");
}

TEST_CASE("token kinds are reported") {
  TokenizerOptions keep;
  keep.keep_urls = true;
  keep.keep_numbers = true;
  Result<Tokenizer> tokenizer = Tokenizer::Create(Language::kFrench, keep);
  REQUIRE(tokenizer.ok());
  std::vector<Token> tokens;
  tokenizer->Tokenize("l'idée #tag @nom a@b.fr http://x.fr 42", &tokens);
  REQUIRE(tokens.size() == 7);
  CHECK(tokens[0].kind == Token::Kind::kElision);
  CHECK(tokens[1].kind == Token::Kind::kWord);
  CHECK(tokens[2].kind == Token::Kind::kHashtag);
  CHECK(tokens[3].kind == Token::Kind::kMention);
  CHECK(tokens[4].kind == Token::Kind::kEmail);
  CHECK(tokens[5].kind == Token::Kind::kUrl);
  CHECK(tokens[6].kind == Token::Kind::kNumber);
}

TEST_CASE("English splits at apostrophes and folds case fully") {
  const Language en = Language::kEnglish;
  CHECK(Tok("People's CHOICE, don't", {}, en) == "people|choice|don");
  CHECK(Tok("Straße", {}, en) == "strasse");
  // French elision rules are not applied to English.
  CHECK(Tok("l'homme", {}, en) == "homme");
}

TEST_CASE("a tokenizer is reusable across texts") {
  Result<Tokenizer> tokenizer = Tokenizer::Create(Language::kFrench);
  REQUIRE(tokenizer.ok());
  std::vector<Token> tokens;
  tokenizer->Tokenize("premier texte", &tokens);
  tokenizer->Tokenize("second", &tokens);
  CHECK(Join(tokens) == "premier|texte|second");
}

}  // namespace
}  // namespace trendscan

namespace trendscan {
namespace {

std::string FastJoin(Tokenizer& t, const std::string& text) {
  std::vector<Token> tokens;
  t.Tokenize(text, &tokens);
  return Join(tokens);
}

std::string IcuJoin(Tokenizer& t, const std::string& text) {
  std::vector<Token> tokens;
  t.TokenizeWithIcu(text, &tokens);
  return Join(tokens);
}

TEST_CASE("the fast path gives ICU's tokens on random Latin text") {
  // Pieces the fast path accepts, including the joiners whose rules it re-implements.
  const std::vector<std::string> pieces = {
      "a", "é", "Œ", "ß", "Ÿ", "Z", "x", "ç", "À", "0", "7", ".", "'", "’", "ʼ", ",", ";", ":", "-",
      " ", " ", "\xC2\xA0", "\xE2\x80\xAF", "«", "»", "!", "?", "(", "…", "—", "\n", "l'", "qu’",
      "jusqu'", "aujourd'hui", "3,5", "2.0", "web",
      // Characters that send a chunk to ICU: the hybrid must still agree with ICU on the whole.
      "@", "#", "_", "http://", "www.", "x@y.fr", "\xF0\x9F\x98\x80", "\xCC\x81", "   ",
      " isaac@math.berkeley.edu ", " <http://example.org/a_b?c=d> ", " #hashtag ", " @mention "};
  std::mt19937 gen(2024);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  // Up to 1,200 pieces: several 512-byte chunks, so stretches sent to ICU sit between fast ones.
  std::uniform_int_distribution<int> length(1, 1200);
  for (int variant = 0; variant < 3; ++variant) {
    TokenizerOptions options;
    options.keep_numbers = variant == 1;
    options.keep_urls = variant == 2;  // URLs and e-mails then come out whole, once
    options.keep_tags = variant != 2;
    Result<Tokenizer> t = Tokenizer::Create(Language::kFrench, options);
    REQUIRE(t.ok());
    for (int trial = 0; trial < 700; ++trial) {
      std::string text;
      for (int i = length(gen); i > 0; --i) text += pieces[pick(gen)];
      CAPTURE(text);
      REQUIRE(FastJoin(*t, text) == IcuJoin(*t, text));
    }
  }
}

TEST_CASE("the fast path gives ICU's tokens on every sample essay") {
  Result<Tokenizer> t = Tokenizer::Create(Language::kFrench);
  REQUIRE(t.ok());
  std::size_t essays = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(TRENDSCAN_SOURCE_DIR) +
                                                               "/corpora/sample-fr")) {
    if (entry.path().extension() != ".md") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CAPTURE(entry.path().string());
    CHECK(FastJoin(*t, text) == IcuJoin(*t, text));
    ++essays;
  }
  CHECK(essays >= 40);
}

}  // namespace
}  // namespace trendscan
