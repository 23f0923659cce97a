#include "trendscan/vectorize/tfidf.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "util/string_table.hpp"

namespace trendscan {
namespace {

const std::vector<std::string_view> kTexts = {
    "La participation des citoyens. Participer, c'est voter !",
    "Le blog du quartier : participation et citoyens.",
    "Mon blog, mes photos, mon blog encore.",
    "Des photos de vacances sur le blog.",
};

TermCounts Count(const std::vector<std::string_view>& texts, int threads = 1) {
  Result<TermCounts> counts = CountTerms(texts, TermOptions{}, threads);
  REQUIRE(counts.ok());
  return std::move(counts).value();
}

std::size_t Id(const Vocabulary& v, const std::string& term) {
  auto it = std::find(v.terms.begin(), v.terms.end(), term);
  REQUIRE(it != v.terms.end());
  return static_cast<std::size_t>(it - v.terms.begin());
}

TEST_CASE("terms are stems, sorted, with frequencies and their most frequent surface form") {
  const TermCounts c = Count(kTexts);
  const Vocabulary& v = c.vocabulary;
  CHECK(std::is_sorted(v.terms.begin(), v.terms.end()));
  const std::size_t particip = Id(v, "particip");
  CHECK(v.display[particip] == "participation");  // 2 x participation, 1 x participer
  CHECK(v.total_count[particip] == 3);
  CHECK(v.document_frequency[particip] == 2);
  const std::size_t blog = Id(v, "blog");
  CHECK(v.total_count[blog] == 4);
  CHECK(v.document_frequency[blog] == 3);
  // Stop words and elisions never become terms.
  CHECK(std::find(v.terms.begin(), v.terms.end(), "la") == v.terms.end());
  CHECK(std::find(v.terms.begin(), v.terms.end(), "c") == v.terms.end());
  // Document 2 ("Mon blog, mes photos, mon blog encore.") counts blog twice.
  bool found = false;
  for (const TermCount& tc : c.rows[2]) {
    if (tc.term == blog) {
      CHECK(tc.count == 2);
      found = true;
    }
  }
  CHECK(found);
  CHECK(c.kept_tokens < c.tokens);
}

TEST_CASE("counts and the TF-IDF matrix do not depend on the thread count") {
  std::vector<std::string_view> many;
  // Enough rows for several parallel tasks in BuildTfidf (1,024 rows each).
  for (int i = 0; i < 3000; ++i)
    many.push_back(kTexts[static_cast<std::size_t>(i) % kTexts.size()]);
  const TermCounts one = Count(many, 1);
  const TermCounts four = Count(many, 4);
  CHECK(one.vocabulary.terms == four.vocabulary.terms);
  CHECK(one.vocabulary.display == four.vocabulary.display);
  CHECK(one.vocabulary.document_frequency == four.vocabulary.document_frequency);
  REQUIRE(one.rows.size() == four.rows.size());
  for (std::size_t d = 0; d < one.rows.size(); ++d) {
    REQUIRE(one.rows[d].size() == four.rows[d].size());
    for (std::size_t i = 0; i < one.rows[d].size(); ++i) {
      CHECK(one.rows[d][i].term == four.rows[d][i].term);
      CHECK(one.rows[d][i].count == four.rows[d][i].count);
    }
  }
  TfidfOptions tfidf;
  tfidf.max_df = 1.0;
  const Result<TfidfMatrix> serial = BuildTfidf(one, tfidf, 1);
  const Result<TfidfMatrix> parallel = BuildTfidf(one, tfidf, 3);
  REQUIRE(serial.ok());
  REQUIRE(parallel.ok());
  REQUIRE(serial->matrix.nonZeros() == parallel->matrix.nonZeros());
  CHECK(serial->matrix.nonZeros() > 5000);
  for (Eigen::Index i = 0; i <= serial->matrix.rows(); ++i) {
    REQUIRE(serial->matrix.outerIndexPtr()[i] == parallel->matrix.outerIndexPtr()[i]);
  }
  for (Eigen::Index i = 0; i < serial->matrix.nonZeros(); ++i) {
    REQUIRE(serial->matrix.innerIndexPtr()[i] == parallel->matrix.innerIndexPtr()[i]);
    REQUIRE(serial->matrix.valuePtr()[i] == parallel->matrix.valuePtr()[i]);
  }
}

TEST_CASE("TF-IDF uses the smoothed idf, sublinear tf and unit rows") {
  const TermCounts c = Count(kTexts);
  TfidfOptions o;
  o.min_df = 1;
  o.max_df = 1.0;
  Result<TfidfMatrix> m = BuildTfidf(c, o);
  REQUIRE(m.ok());
  CHECK(m->matrix.rows() == 4);
  CHECK(static_cast<std::size_t>(m->matrix.cols()) == m->vocabulary.size());
  for (Eigen::Index r = 0; r < m->matrix.rows(); ++r) {
    CHECK(m->matrix.row(r).norm() == doctest::Approx(1.0).epsilon(1e-5));
  }
  const std::size_t blog = Id(m->vocabulary, "blog");
  CHECK(m->idf[blog] == doctest::Approx(std::log(5.0 / 4.0) + 1.0));
  // In document 2, blog (tf 2) and photo (tf 1, df 2): w = (1 + ln tf) * idf before normalising.
  const std::size_t photo = Id(m->vocabulary, "photos");
  const double w_blog = (1 + std::log(2.0)) * (std::log(5.0 / 4.0) + 1);
  const double w_photo = 1 * (std::log(5.0 / 3.0) + 1);
  const double ratio = m->matrix.coeff(2, static_cast<Eigen::Index>(blog)) /
                       m->matrix.coeff(2, static_cast<Eigen::Index>(photo));
  CHECK(ratio == doctest::Approx(w_blog / w_photo).epsilon(1e-5));

  o.sublinear_tf = false;
  Result<TfidfMatrix> raw = BuildTfidf(c, o);
  REQUIRE(raw.ok());
  const double raw_ratio = raw->matrix.coeff(2, static_cast<Eigen::Index>(blog)) /
                           raw->matrix.coeff(2, static_cast<Eigen::Index>(photo));
  CHECK(raw_ratio == doctest::Approx(2 * (std::log(5.0 / 4.0) + 1) / w_photo).epsilon(1e-5));
}

TEST_CASE("document-frequency bounds filter terms, as counts or proportions") {
  const TermCounts c = Count(kTexts);
  TfidfOptions o;
  o.relax_below = 0;  // the bounds as given, on four texts
  o.min_df = 2;
  o.max_df = 0.5;  // at most 2 of 4 documents
  Result<TfidfMatrix> m = BuildTfidf(c, o);
  REQUIRE(m.ok());
  for (std::uint32_t df : m->vocabulary.document_frequency) {
    CHECK(df >= 2);
    CHECK(df <= 2);
  }
  CHECK(std::find(m->vocabulary.terms.begin(), m->vocabulary.terms.end(), "blog") ==
        m->vocabulary.terms.end());  // in 3 of 4 documents
  o.max_df = 3;                      // a count
  Result<TfidfMatrix> with_blog = BuildTfidf(c, o);
  REQUIRE(with_blog.ok());
  CHECK(std::find(with_blog->vocabulary.terms.begin(), with_blog->vocabulary.terms.end(), "blog") !=
        with_blog->vocabulary.terms.end());
}

TEST_CASE("inconsistent or empty filtering is an error that says why") {
  const TermCounts c = Count(kTexts);
  TfidfOptions o;
  o.relax_below = 0;
  o.min_df = 3;
  o.max_df = 0.25;
  Result<TfidfMatrix> bad = BuildTfidf(c, o);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == StatusCode::kInvalidArgument);
  o.min_df = 4;
  o.max_df = 1.0;
  Result<TfidfMatrix> empty = BuildTfidf(c, o);
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().code() == StatusCode::kEmptyInput);
  CHECK(empty.status().message().find("--min-df") != std::string::npos);
}

TEST_CASE("texts of stop words only: the error says so, not to change the bounds") {
  const TermCounts c = Count({"le la les", "et ou", "un"});
  Result<TfidfMatrix> m = BuildTfidf(c, TfidfOptions{});
  REQUIRE_FALSE(m.ok());
  CHECK(m.status().code() == StatusCode::kEmptyInput);
  CHECK(m.status().message().find("every word is a stop word") != std::string::npos);
  CHECK(m.status().message().find("--min-df") == std::string::npos);
}

}  // namespace
TEST_CASE("rows of long documents and large vocabularies are sorted and counted exactly") {
  // 3 documents of ~24,000 distinct invented words each: rows far above the radix-sort
  // threshold, and a vocabulary above 65,536 terms, so term ids need three bytes.
  std::vector<std::string> owned(3);
  for (int i = 0; i < 72000; ++i) {
    std::string word = "z";
    for (int v = i; v > 0 || word.size() == 1; v /= 26) word += static_cast<char>('a' + v % 26);
    std::string& text = owned[static_cast<std::size_t>((i * 7) % 3)];
    text += word + (i % 5 == 0 ? " " + word + " le " : " ");  // some repeated, some stop words
  }
  const std::vector<std::string_view> texts(owned.begin(), owned.end());
  for (int threads : {1, 2}) {
    CAPTURE(threads);
    const TermCounts counts = Count(texts, threads);
    REQUIRE(counts.vocabulary.size() > 65536);
    Result<Tokenizer> tokenizer = Tokenizer::Create(Language::kFrench);
    Result<Normalizer> normalizer =
        Normalizer::Create(Language::kFrench, {}, StopwordList::Builtin(Language::kFrench));
    REQUIRE(tokenizer.ok());
    REQUIRE(normalizer.ok());
    for (std::size_t d = 0; d < texts.size(); ++d) {
      const CountRow row = counts.rows[d];
      REQUIRE(row.size() > 64);
      for (std::size_t i = 1; i < row.size(); ++i) REQUIRE(row[i - 1].term < row[i].term);
      // The same counts, the slow way: every token through the normaliser, looked up by term.
      std::vector<std::uint32_t> expected(counts.vocabulary.size(), 0);
      std::vector<Token> tokens;
      tokenizer->Tokenize(texts[d], &tokens);
      for (const Token& t : tokens) {
        if (t.kind == Token::Kind::kElision || normalizer->IsDropped(t)) continue;
        const std::string term = normalizer->Term(t);
        const auto& terms = counts.vocabulary.terms;
        const auto it = std::lower_bound(terms.begin(), terms.end(), term);
        REQUIRE((it != terms.end() && *it == term));
        ++expected[static_cast<std::size_t>(it - terms.begin())];
      }
      std::size_t nonzero = 0;
      for (const TermCount& tc : row) {
        REQUIRE(tc.count == expected[tc.term]);
        ++nonzero;
      }
      CHECK(nonzero ==
            static_cast<std::size_t>(std::count_if(expected.begin(), expected.end(),
                                                   [](std::uint32_t c) { return c > 0; })));
    }
  }
}

}  // namespace trendscan

TEST_CASE("the term table tells apart keys of every length, kind and byte, through growth") {
  trendscan::internal::StringTable table;
  std::vector<std::pair<std::uint8_t, std::string>> keys;
  for (std::size_t length = 0; length <= 40; ++length) {
    std::string base(length, 'a');
    for (std::size_t i = 0; i < length; ++i) base[i] = static_cast<char>('a' + (i * 7) % 26);
    keys.push_back({0, base});
    keys.push_back({1, base});  // same bytes, another kind
    if (length > 0) {
      std::string last = base;
      last.back() = '\0';  // differs only in its last byte, which is NUL
      keys.push_back({0, last});
      std::string first = base;
      first.front() = static_cast<char>(0xC3);
      keys.push_back({0, first});
    }
  }
  for (int i = 0; i < 5000; ++i) keys.push_back({2, "mot" + std::to_string(i)});  // forces growth
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::int64_t value = table.FindOrInsert(keys[i].first, keys[i].second,
                                                  [&] { return static_cast<std::int64_t>(i); });
    REQUIRE(value == static_cast<std::int64_t>(i));  // new: distinct from every earlier key
  }
  CHECK(table.size() == keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    CAPTURE(i);
    CHECK(table.FindOrInsert(keys[i].first, keys[i].second, [] { return std::int64_t{-5}; }) ==
          static_cast<std::int64_t>(i));
  }
  CHECK(table.size() == keys.size());
  // The fingerprint hash depends on every byte.
  CHECK(trendscan::internal::StringTable::Hash("abcdefghijklmnopq") !=
        trendscan::internal::StringTable::Hash("abcdefghijklmnopr"));
  CHECK(trendscan::internal::StringTable::Hash("abc") !=
        trendscan::internal::StringTable::Hash("abd"));
}

namespace trendscan {
namespace {

TEST_CASE("on fewer texts than relax_below, every term is kept; at or above, the bounds hold") {
  const TermCounts c = Count(kTexts);
  TfidfOptions o;  // min-df 2, max-df 0.5, relaxed below 20 texts
  Result<TfidfMatrix> relaxed = BuildTfidf(c, o);
  REQUIRE(relaxed.ok());
  CHECK(relaxed->vocabulary.size() == c.vocabulary.size());
  o.relax_below = 4;  // four texts: not fewer
  Result<TfidfMatrix> bounded = BuildTfidf(c, o);
  REQUIRE(bounded.ok());
  CHECK(bounded->vocabulary.size() < c.vocabulary.size());
}

TEST_CASE("rows merged by group, and TF-IDF over them with their own document frequencies") {
  const TermCounts c = Count(kTexts);
  // Texts 0 and 1 (civic), 2 and 3 (blogs) as two documents.
  const auto merged = MergeRows(c.rows, {0, 0, 1, 1}, 2);
  REQUIRE(merged.size() == 2);
  std::uint32_t blog_count = 0;
  const std::size_t blog = Id(c.vocabulary, "blog");
  for (const TermCount& tc : merged[1]) {
    if (tc.term == blog) blog_count = tc.count;
  }
  CHECK(blog_count == 3);  // twice in text 2, once in text 3
  for (std::size_t g = 0; g < 2; ++g) {
    for (std::size_t i = 1; i < merged[g].size(); ++i)
      CHECK(merged[g][i - 1].term < merged[g][i].term);
  }
  TfidfOptions o;
  o.relax_below = 0;
  o.min_df = 1;
  o.max_df = 1.0;
  Result<TfidfMatrix> m = BuildTfidf(c.vocabulary, merged, o);
  REQUIRE(m.ok());
  CHECK(m->matrix.rows() == 2);
  // "blog" is in both merged documents (text 1 is civic but mentions "Le blog du quartier").
  const auto col = m->column_of_term[blog];
  REQUIRE(col >= 0);
  CHECK(m->vocabulary.document_frequency[static_cast<std::size_t>(col)] == 2);
}

}  // namespace
}  // namespace trendscan
