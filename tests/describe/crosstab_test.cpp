// --by: themes against the values of a metadata variable.
#include "trendscan/describe/crosstab.hpp"

#include <doctest/doctest.h>

#include "trendscan/describe/stats.hpp"

namespace trendscan {
namespace {

TEST_CASE("each theme's share per value, with the signed chi-squared of theme x value") {
  // Six documents by "bea" (five in theme 1), four by "ali" (all theme 2), two without author.
  std::vector<std::optional<std::string>> author = {"bea", "bea", "bea", "bea", "bea",        "bea",
                                                    "ali", "ali", "ali", "ali", std::nullopt, ""};
  std::vector<TimelineItem> units;
  for (std::size_t d = 0; d < author.size(); ++d) units.push_back({d});
  const std::vector<int> theme = {1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 1, 2};
  std::vector<TimelineSeriesSpec> series(2);
  for (int t = 0; t < 2; ++t) {
    series[static_cast<std::size_t>(t)].theme = t + 1;
    for (int th : theme) series[static_cast<std::size_t>(t)].member.push_back(th == t + 1);
  }
  const Crosstab c = CrossTabulate("author", author, units, series);
  CHECK(c.variable == "author");
  CHECK(c.units == 10);
  CHECK(c.missing == 2);
  REQUIRE(c.values.size() == 2);
  CHECK(c.values[0].value == "ali");  // sorted, whatever the input order
  CHECK(c.values[0].units == 4);
  CHECK(c.values[1].value == "bea");
  REQUIRE(c.rows.size() == 2);
  const CrosstabCell& t1_bea = c.rows[0].cells[1];
  CHECK(c.rows[0].units == 5);
  CHECK(t1_bea.count == 5);
  CHECK(t1_bea.share == doctest::Approx(5.0 / 6.0));
  // Table theme 1 / rest x bea / ali: [[5, 0], [1, 4]], N 10:
  // chi2 = 10 (5*4 - 0*1)^2 / (5 * 5 * 6 * 4) = 4000 / 600.
  CHECK(t1_bea.chi2 == doctest::Approx(4000.0 / 600.0));
  CHECK(t1_bea.p == doctest::Approx(ChiSquaredPValue(4000.0 / 600.0)));
  CHECK(c.rows[0].cells[0].chi2 == doctest::Approx(-4000.0 / 600.0));  // theme 1 by ali: under
  CHECK(c.rows[1].cells[0].chi2 > 0);                                  // theme 2 by ali: over
  CHECK(c.rows[1].cells[0].share == doctest::Approx(1.0));
}

TEST_CASE("a variable nobody has gives an empty table, not an error") {
  const Crosstab c = CrossTabulate("genre", {std::nullopt, std::nullopt}, {{0}, {1}}, {});
  CHECK(c.values.empty());
  CHECK(c.missing == 2);
  CHECK(c.units == 0);
}

}  // namespace
}  // namespace trendscan
