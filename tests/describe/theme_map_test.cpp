#include "trendscan/describe/theme_map.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace trendscan {
namespace {

// Greenacre's smoking data (staff group x smoking habit; "Correspondence Analysis in
// Practice", exhibit 9.1, the `smoke` table of R's ca package) and its published results.
Eigen::MatrixXd Smoke() {
  Eigen::MatrixXd n(5, 4);
  n << 4, 2, 3, 2,     //
      4, 3, 7, 4,      //
      25, 10, 12, 4,   //
      18, 24, 33, 13,  //
      10, 6, 7, 2;
  return n;
}

TEST_CASE("correspondence analysis of the smoking data gives the published inertias and map") {
  const Correspondence ca = AnalyzeCorrespondence(Smoke());
  // Total inertia = chi-squared / n = 16.44 / 193.
  CHECK(ca.total_inertia == doctest::Approx(0.085190).epsilon(1e-4));
  REQUIRE(ca.inertias.size() == 3);
  CHECK(ca.inertias[0] == doctest::Approx(0.074759).epsilon(1e-4));
  CHECK(ca.inertias[1] == doctest::Approx(0.010017).epsilon(1e-4));
  CHECK(ca.inertias[2] == doctest::Approx(0.000414).epsilon(1e-3));
  // Principal coordinates (R: ca(smoke)), oriented so the first row is positive on each axis.
  const double rows[5][2] = {
      {0.0658, 0.1937}, {-0.2590, 0.2433}, {0.3806, 0.0107}, {-0.2330, -0.0577}, {0.2011, -0.0789}};
  const double columns[4][2] = {
      {0.3933, 0.0305}, {-0.0995, -0.1411}, {-0.1963, -0.0074}, {-0.2938, 0.1978}};
  for (int i = 0; i < 5; ++i) {
    for (int a = 0; a < 2; ++a) {
      CHECK(ca.row_coordinates(i, a) == doctest::Approx(rows[i][a]).epsilon(2e-3));
    }
  }
  for (int j = 0; j < 4; ++j) {
    for (int a = 0; a < 2; ++a) {
      CHECK(ca.column_coordinates(j, a) == doctest::Approx(columns[j][a]).epsilon(2e-3));
    }
  }
}

TEST_CASE("the inertias sum to chi-squared over n, and the transition formula holds") {
  const Eigen::MatrixXd n = Smoke();
  const Correspondence ca = AnalyzeCorrespondence(n);
  // chi-squared of the table by the textbook formula.
  const double total = n.sum();
  double chi2 = 0;
  for (int i = 0; i < n.rows(); ++i) {
    for (int j = 0; j < n.cols(); ++j) {
      const double expected = n.row(i).sum() * n.col(j).sum() / total;
      chi2 += (n(i, j) - expected) * (n(i, j) - expected) / expected;
    }
  }
  double sum = 0;
  for (double v : ca.inertias) sum += v;
  CHECK(sum == doctest::Approx(chi2 / total));
  CHECK(ca.total_inertia == doctest::Approx(chi2 / total));
  // A row's point is the average of the columns' standard coordinates weighted by its profile:
  // f_ia = sum_j (n_ij / n_i.) g_ja / sqrt(lambda_a).
  for (std::size_t a = 0; a < ca.inertias.size(); ++a) {
    const double sigma = std::sqrt(ca.inertias[a]);
    for (int i = 0; i < n.rows(); ++i) {
      double f = 0;
      for (int j = 0; j < n.cols(); ++j) {
        f += n(i, j) / n.row(i).sum() * ca.column_coordinates(j, static_cast<Eigen::Index>(a)) /
             sigma;
      }
      CHECK(ca.row_coordinates(i, static_cast<Eigen::Index>(a)) == doctest::Approx(f));
    }
  }
}

TEST_CASE("a table without association, or too small, has no axis") {
  Eigen::MatrixXd same(2, 3);
  same << 1, 2, 3,  //
      2, 4, 6;
  CHECK(AnalyzeCorrespondence(same).inertias.empty());
  CHECK(AnalyzeCorrespondence(Eigen::MatrixXd::Ones(1, 3)).inertias.empty());
  // Two rows: one axis at most.
  Eigen::MatrixXd two(2, 3);
  two << 5, 1, 0,  //
      0, 1, 5;
  const Correspondence ca = AnalyzeCorrespondence(two);
  REQUIRE(ca.inertias.size() == 1);
  CHECK(ca.row_coordinates(0, 0) > 0);
  CHECK(ca.row_coordinates(1, 0) == doctest::Approx(-ca.row_coordinates(0, 0)));
}

TEST_CASE("the theme map places each theme near its own characteristic terms") {
  // Terms 0..5. Theme 0 uses 0 and 1, theme 1 uses 2 and 3, theme 2 uses 4 and 5, with some
  // overlap; unit 6 is in no theme and counts for nothing.
  const std::vector<std::vector<TermCount>> units = {{{0, 5}, {1, 3}, {2, 1}},
                                                     {{0, 2}, {1, 4}},
                                                     {{2, 6}, {3, 4}, {4, 1}},
                                                     {{2, 2}, {3, 3}},
                                                     {{4, 5}, {5, 4}, {0, 1}},
                                                     {{4, 2}, {5, 5}},
                                                     {{0, 50}}};
  const std::vector<int> theme = {0, 0, 1, 1, 2, 2, -1};
  std::vector<ThemeProfile> profiles(3);
  profiles[0].profile = {{0, 8, 1, 9.0, 0.01}, {1, 7, 0, 8.0, 0.01}};
  profiles[1].profile = {{2, 8, 1, 9.0, 0.01}, {3, 7, 0, 8.0, 0.01}};
  profiles[2].profile = {{5, 9, 0, 9.5, 0.01}, {4, 7, 1, 7.0, 0.01}};
  Vocabulary v;
  v.terms = {"t0", "t1", "t2", "t3", "t4", "t5"};
  v.display = {"w0", "w1", "w2", "w3", "w4", "w5"};
  const ThemeMap map = MapThemes(units, theme, 3, profiles, v);
  REQUIRE(map.available);
  CHECK(map.axes == 2);
  REQUIRE(map.axis_inertia.size() == 2);
  CHECK(map.axis_inertia[0] + map.axis_inertia[1] == doctest::Approx(1.0));
  REQUIRE(map.themes[1].coordinates.size() == 2);
  CHECK(map.themes[1].coordinates[1] == map.themes[1].y);
  CHECK(map.axis_inertia[0] >= map.axis_inertia[1]);
  REQUIRE(map.themes.size() == 3);
  REQUIRE(map.terms.size() == 6);
  CHECK(map.terms[4].word == "w5");  // theme then rank order
  CHECK(map.terms[4].theme == 3);
  CHECK(map.themes[0].occurrences == 15);  // unit 6 is in no theme
  CHECK(map.themes[0].x > 0);              // oriented by theme 1
  // Each term is closer to its own theme than to the others.
  for (const MapPoint& term : map.terms) {
    double best = 1e9;
    int nearest = 0;
    for (const MapPoint& t : map.themes) {
      const double d = std::hypot(term.x - t.x, term.y - t.y);
      if (d < best) {
        best = d;
        nearest = t.theme;
      }
    }
    CAPTURE(term.word);
    CHECK(nearest == term.theme);
  }
}

TEST_CASE("the theme map says why it is missing") {
  const std::vector<std::vector<TermCount>> units = {{{0, 1}}, {{1, 1}}};
  Vocabulary v;
  v.terms = {"a", "b"};
  v.display = {"a", "b"};
  std::vector<ThemeProfile> one(1);
  one[0].profile = {{0, 1, 0, 1.0, 0.3}};
  CHECK(MapThemes(units, {0, 0}, 1, one, v).reason == "fewer than two themes");
  std::vector<ThemeProfile> two(2);
  two[0].profile = {{0, 1, 0, 1.0, 0.3}};
  const ThemeMap map = MapThemes(units, {0, 1}, 2, two, v);
  CHECK_FALSE(map.available);
  CHECK(map.reason == "fewer than two characteristic terms");
}

}  // namespace
}  // namespace trendscan
