// The corpus fingerprint: the value docs/report.md tells a reader how to recompute (here with
// the Python of that page), independence from the documents' order and source path, and a
// change with every field it covers.
#include "trendscan/ingest/fingerprint.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace trendscan {
namespace {

Document Doc(std::string id, std::string title, std::string date, Metadata metadata,
             std::string text) {
  Document d;
  d.id = std::move(id);
  d.source_path = "corpus/" + d.id.str();
  d.title = std::move(title);
  d.date = std::move(date);
  d.metadata = std::move(metadata);
  d.text = std::move(text);
  return d;
}

Corpus TwoDocuments() {
  Corpus c;
  c.documents.push_back(Doc("a.md", "Un", "2009-03-01", {{"author", "Zoé"}}, "Le blog de Zoé.\n"));
  c.documents.push_back(Doc("b.txt", "Deux", "", {}, "Écrire la nuit."));
  return c;
}

TEST_CASE("the fingerprint is the documented SHA-256 of sorted per-document SHA-256s") {
  // Computed with the Python snippet of docs/report.md ("input").
  CHECK(FingerprintCorpus(TwoDocuments()) ==
        "sha256:db1e86a407b5162e64f7a253a9dbb9c0e9f42ea677722677eec9d4725819fb18");
  CHECK(FingerprintCorpus(Corpus{}) ==
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("the fingerprint ignores order, source paths and thread count") {
  const std::string base = FingerprintCorpus(TwoDocuments());
  Corpus reversed = TwoDocuments();
  std::reverse(reversed.documents.begin(), reversed.documents.end());
  CHECK(FingerprintCorpus(reversed) == base);
  Corpus moved = TwoDocuments();
  for (Document& d : moved.documents) d.source_path = "/elsewhere/" + d.id.str();
  CHECK(FingerprintCorpus(moved) == base);
  Corpus many;
  for (int i = 0; i < 1000; ++i) {
    many.documents.push_back(Doc(std::to_string(i), "t", "", {}, std::string(i % 97, 'x')));
  }
  CHECK(FingerprintCorpus(many, 1) == FingerprintCorpus(many, 4));
}

TEST_CASE("the fingerprint of a corpus read in shares is the fingerprint of the whole") {
  // As MPI ranks make it: each share digested alone, the digests put together and sorted.
  Corpus whole, first, second;
  for (int i = 0; i < 50; ++i) {
    Document d = Doc(std::to_string(i), "t" + std::to_string(i % 7), "", {}, std::string(i, 'y'));
    (i % 3 == 0 ? first : second).documents.push_back(d);
    whole.documents.push_back(std::move(d));
  }
  const std::vector<DocumentDigest> all = DigestDocuments(whole, 2);
  CHECK(std::is_sorted(all.begin(), all.end()));
  CHECK(CombineDigests(all) == FingerprintCorpus(whole));
  std::vector<DocumentDigest> together = DigestDocuments(second);
  const std::vector<DocumentDigest> part = DigestDocuments(first);
  together.insert(together.end(), part.begin(), part.end());
  CHECK(CombineDigests(together) != FingerprintCorpus(whole));  // unsorted: not the same hash
  std::sort(together.begin(), together.end());
  CHECK(CombineDigests(together) == FingerprintCorpus(whole));
}

TEST_CASE("the fingerprint changes with each field it covers") {
  const std::string base = FingerprintCorpus(TwoDocuments());
  const std::function<void(Document&)> kChanges[] = {
      [](Document& d) { d.id = d.id.str() + "x"; },
      [](Document& d) { d.title = d.title.str() + "x"; },
      [](Document& d) { d.date = "2009-03-02"; },
      [](Document& d) {  // the first field's value changed
        Metadata changed;
        for (const auto& [key, value] : d.metadata) {
          changed.emplace_back(key, changed.empty() ? std::string_view("Zoe") : value);
        }
        d.metadata = changed;
      },
      [](Document& d) { d.metadata.emplace_back("tags", "blog"); },
      [](Document& d) { d.text.pop_back(); },
  };
  for (std::size_t i = 0; i < std::size(kChanges); ++i) {
    Corpus c = TwoDocuments();
    kChanges[i](c.documents[0]);
    CAPTURE(i);
    CHECK(FingerprintCorpus(c) != base);
  }
  // A field's bytes cannot move into the next one unnoticed.
  Corpus shifted = TwoDocuments();
  shifted.documents[1].title = "Deu";
  shifted.documents[1].date = "x";
  Corpus other = TwoDocuments();
  other.documents[1].title = "Deux";
  other.documents[1].date = "";
  CHECK(FingerprintCorpus(shifted) != FingerprintCorpus(other));
}

}  // namespace
}  // namespace trendscan
