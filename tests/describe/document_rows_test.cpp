#include "trendscan/describe/document_rows.hpp"

#include <doctest/doctest.h>

#include <cstddef>
#include <vector>

#include "trendscan/describe/report.hpp"

namespace trendscan {
namespace {

std::vector<int> Row(const DocumentRows<int>& rows, std::size_t d) {
  const Span<const int> row = rows[d];
  return std::vector<int>(row.begin(), row.end());
}

TEST_CASE("document rows keep each row's values in order, empty rows included") {
  DocumentRows<int> rows;
  CHECK(rows.empty());
  CHECK(rows[0].empty());  // past the last row: empty, not out of bounds
  rows.Append({1, 2});
  rows.Append({});
  rows.Append({3});
  const std::vector<int> many = {4, 5, 6, 7};
  rows.Append(many.data(), many.size());
  REQUIRE(rows.size() == 4);
  CHECK(rows.values() == 7);
  CHECK(Row(rows, 0) == std::vector<int>{1, 2});
  CHECK(rows[1].empty());
  CHECK(Row(rows, 2) == std::vector<int>{3});
  CHECK(Row(rows, 3) == many);
  CHECK(rows[2].front() == 3);
  CHECK(rows[4].empty());
}

TEST_CASE("emptying rows in place keeps the others' values, and room can be given back") {
  DocumentRows<int> rows;
  rows.Reserve(100'000, 400'000);
  for (int d = 0; d < 100'000; ++d) {
    std::vector<int> row(static_cast<std::size_t>(d % 4), d);
    rows.Append(row.data(), row.size());
  }
  rows.EmptyRowsUnless([](std::size_t d) { return d % 3 != 0; });
  rows.ShrinkToFit();
  REQUIRE(rows.size() == 100'000);
  std::size_t values = 0;
  for (std::size_t d = 0; d < rows.size(); ++d) {
    const std::size_t expected = d % 3 == 0 ? 0 : d % 4;
    REQUIRE(rows[d].size() == expected);
    for (int v : rows[d]) CHECK(v == static_cast<int>(d));
    values += expected;
  }
  CHECK(rows.values() == values);
  // Rows appended after still come after.
  rows.Append({-1});
  CHECK(Row(rows, 100'000) == std::vector<int>{-1});
  rows.Clear();
  CHECK(rows.empty());
  CHECK(rows.values() == 0);
}

TEST_CASE("a document's known scores are its slice of the report's column") {
  Report r;
  r.known_themes.resize(3);
  r.documents.resize(2);
  r.known_scores = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
  const Span<const double> second = KnownScoresOf(r, 1);
  REQUIRE(second.size() == 3);
  CHECK(second[0] == 0.4);
  CHECK(second[2] == 0.6);
  CHECK(KnownScoresOf(r, 0)[1] == 0.2);
  CHECK(KnownScoresOf(r, 2).empty());  // no such document
  r.known_scores.resize(4);            // a report with scores for the first document only
  CHECK(KnownScoresOf(r, 0).size() == 3);
  CHECK(KnownScoresOf(r, 1).empty());
  r.known_themes.clear();
  CHECK(KnownScoresOf(r, 0).empty());
}

TEST_CASE("a theme mix is a document's stored row, or its one unit's theme whole") {
  Report r;
  r.documents.resize(3);
  r.theme_mix.Append({{2, 3, 0.75}, {4, 1, 0.25}});
  r.theme_mix.Append({});
  r.theme_mix.Append({{1, 1, 1.0}});
  REQUIRE(ThemeMixOf(r, 0).size() == 2);
  CHECK(ThemeMixOf(r, 0)[1].theme == 4);
  CHECK(ThemeMixOf(r, 0).front().units == 3);
  CHECK(ThemeMixOf(r, 1).empty());
  CHECK(ThemeMixOf(r, 2)[0].share == 1.0);

  r.theme_mix_of_units = true;  // documents that are one unit: read from the units
  r.theme_mix.Clear();
  r.units.resize(3);
  r.units[0].theme = 5;
  r.units[2].theme = 0;  // in no theme
  const ThemeMix whole = ThemeMixOf(r, 0);
  const ThemeMix copy = whole;  // a copy reads its own share, not the original's
  for (const ThemeMix* mix : {&whole, &copy}) {
    REQUIRE(mix->size() == 1);
    CHECK(mix->begin() + 1 == mix->end());
    CHECK((*mix)[0].theme == 5);
    CHECK((*mix)[0].units == 1);
    CHECK((*mix)[0].share == 1.0);
  }
  CHECK(copy.begin() != whole.begin());
  CHECK(ThemeMixOf(r, 2).empty());
  CHECK(ThemeMixOf(r, 1).empty());  // a unit of theme 0 (the default)
}

}  // namespace
}  // namespace trendscan
