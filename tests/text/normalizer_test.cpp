#include "trendscan/text/normalizer.hpp"

#include <doctest/doctest.h>

namespace trendscan {
namespace {

TEST_CASE("stop-word lists are parsed like tokens") {
  Result<StopwordList> list = StopwordList::Parse(
      "# a comment line\nLe   \n\nDe\xCC\x81ja\xCC\x80  # NFD, with a trailing comment\r\nqu’\n",
      "test");
  REQUIRE(list.ok());
  CHECK(list->Contains("le"));
  CHECK(list->Contains("déjà"));  // NFD and upper case normalised
  CHECK(list->Contains("qu"));
  CHECK_FALSE(list->Contains("a comment line"));
  CHECK_FALSE(list->Contains("comment"));
  CHECK(list->size() == 3);
}

TEST_CASE("a stop-word list that is not UTF-8 is rejected with its name") {
  Result<StopwordList> list = StopwordList::Parse("le\n\xFF\xFE\n", "mylist.txt");
  REQUIRE_FALSE(list.ok());
  CHECK(list.status().code() == StatusCode::kInvalidArgument);
  CHECK(list.status().message().find("mylist.txt") != std::string::npos);
}

TEST_CASE("built-in lists hold grammar words, elided forms and auxiliaries, not topics") {
  const StopwordList fr = StopwordList::Builtin(Language::kFrench);
  for (const char* w : {"le", "la", "les", "de", "et", "l", "d", "qu", "jusqu", "lorsqu", "puisqu",
                        "être", "avoir", "été", "sont", "ont", "à", "où", "ça"}) {
    CAPTURE(w);
    CHECK(fr.Contains(w));
  }
  for (const char* w : {"démocratie", "blog", "internet", "monde", "vie", "expert"}) {
    CAPTURE(w);
    CHECK_FALSE(fr.Contains(w));
  }
  const StopwordList en = StopwordList::Builtin(Language::kEnglish);
  CHECK(en.Contains("the"));
  CHECK(en.Contains("don"));
  CHECK_FALSE(en.Contains("democracy"));
}

TEST_CASE("Snowball stems group the forms of a word") {
  Result<Stemmer> fr = Stemmer::Create(Language::kFrench);
  REQUIRE(fr.ok());
  CHECK(fr->Stem("participation") == "particip");
  CHECK(fr->Stem("participer") == "particip");
  CHECK(fr->Stem("participatif") == "particip");
  CHECK(fr->Stem("démocratie") == fr->Stem("démocratique"));
  CHECK(fr->Stem("citoyens") == "citoyen");
  Result<Stemmer> en = Stemmer::Create(Language::kEnglish);
  REQUIRE(en.ok());
  CHECK(en->Stem("running") == "run");
}

TEST_CASE("the normaliser drops elisions and stop words, stems words, keeps tags whole") {
  Result<StopwordList> stop = StopwordList::Parse("les\n", "test");
  REQUIRE(stop.ok());
  Result<Normalizer> n = Normalizer::Create(Language::kFrench, {}, *stop);
  REQUIRE(n.ok());
  CHECK(n->Term({"l", Token::Kind::kElision}) == "");
  CHECK(n->Term({"les", Token::Kind::kWord}) == "");
  CHECK(n->Term({"participation", Token::Kind::kWord}) == "particip");
  CHECK(n->Term({"#participation", Token::Kind::kHashtag}) == "#participation");

  NormalizerOptions no_stem;
  no_stem.stem = false;
  Result<Normalizer> plain = Normalizer::Create(Language::kFrench, no_stem, *stop);
  REQUIRE(plain.ok());
  CHECK(plain->Term({"participation", Token::Kind::kWord}) == "participation");
}

}  // namespace
}  // namespace trendscan
