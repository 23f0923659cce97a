// The statistics behind the timeline and --by, against values worked out by hand (and, for the
// distribution functions, against published tables).
#include "trendscan/describe/stats.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace trendscan {
namespace {

TEST_CASE("Student t quantiles match the tables") {
  struct Row {
    double p, df, quantile;
  };
  for (const Row& r : {Row{0.975, 1, 12.7062047362}, Row{0.975, 2, 4.30265272975},
                       Row{0.975, 3, 3.18244630528}, Row{0.975, 10, 2.22813885196},
                       Row{0.95, 5, 2.01504837333}, Row{0.025, 10, -2.22813885196}}) {
    CAPTURE(r.p);
    CAPTURE(r.df);
    CHECK(StudentTQuantile(r.p, r.df) == doctest::Approx(r.quantile).epsilon(1e-8));
  }
  CHECK(StudentTQuantile(0.5, 7) == 0.0);
}

TEST_CASE("Student t CDF: Cauchy at 1 degree of freedom, closed form at 2") {
  CHECK(StudentTCdf(0, 4) == doctest::Approx(0.5));
  CHECK(StudentTCdf(1, 1) == doctest::Approx(0.75).epsilon(1e-12));  // 1/2 + atan(1)/pi
  CHECK(StudentTCdf(-1, 1) == doctest::Approx(0.25).epsilon(1e-12));
  // df = 2: F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
  CHECK(StudentTCdf(2, 2) == doctest::Approx(0.5 + 2 / (2 * std::sqrt(6.0))).epsilon(1e-12));
}

TEST_CASE("the incomplete beta function agrees with its binomial sum for whole a, b") {
  CHECK(RegularizedIncompleteBeta(0.3, 1, 1) == doctest::Approx(0.3));
  CHECK(RegularizedIncompleteBeta(0.5, 2, 2) == doctest::Approx(0.5));
  // I_0.3(2, 3) = sum_{j=2..4} C(4, j) 0.3^j 0.7^(4-j) = 0.2646 + 0.0756 + 0.0081.
  CHECK(RegularizedIncompleteBeta(0.3, 2, 3) == doctest::Approx(0.3483).epsilon(1e-12));
  CHECK(RegularizedIncompleteBeta(0.9, 2, 3) == doctest::Approx(1 - 0.0037).epsilon(1e-12));
  CHECK(RegularizedIncompleteBeta(0, 2, 3) == 0);
  CHECK(RegularizedIncompleteBeta(1, 2, 3) == 1);
}

TEST_CASE("normal and chi-squared tails") {
  CHECK(NormalUpperTail(0) == doctest::Approx(0.5));
  CHECK(NormalUpperTail(1.959963985) == doctest::Approx(0.025).epsilon(1e-8));
  CHECK(ChiSquaredPValue(3.841458821) == doctest::Approx(0.05).epsilon(1e-8));
  CHECK(ChiSquaredPValue(0) == 1);
  CHECK(ChiSquaredPValue(-3.841458821) == doctest::Approx(0.05).epsilon(1e-8));  // sign ignored
}

TEST_CASE("least squares: slope, interval and p-value worked by hand") {
  // x = 0..4, y = 1 3 2 5 4: mean x 2, mean y 3, Sxx 10, Sxy 8, so slope 0.8 and intercept 1.4;
  // residuals -0.4 0.8 -1 1.2 -0.6 (SSR 3.6), s^2 = 1.2, SE = sqrt(0.12);
  // 95% interval 0.8 +- t(0.975, 3) SE = 0.8 +- 3.18244630528 * 0.346410161514.
  const LinearFit fit = FitLine({0, 1, 2, 3, 4}, {1, 3, 2, 5, 4});
  CHECK(fit.n == 5);
  CHECK(fit.slope == doctest::Approx(0.8));
  CHECK(fit.intercept == doctest::Approx(1.4));
  CHECK(fit.slope_standard_error == doctest::Approx(std::sqrt(0.12)));
  const double half = 3.18244630528 * std::sqrt(0.12);
  CHECK(fit.slope_low == doctest::Approx(0.8 - half).epsilon(1e-9));
  CHECK(fit.slope_high == doctest::Approx(0.8 + half).epsilon(1e-9));
  // t = 0.8 / SE = 2.3094; two-sided p from the closed-form t(3) CDF.
  CHECK(fit.slope_p == doctest::Approx(0.104088038662).epsilon(1e-8));
  // A 90% interval is narrower.
  const LinearFit narrow = FitLine({0, 1, 2, 3, 4}, {1, 3, 2, 5, 4}, 0.90);
  CHECK(narrow.slope_high < fit.slope_high);
  CHECK(narrow.slope_low > fit.slope_low);
}

TEST_CASE("least squares on points exactly on a line: the interval is the slope") {
  const LinearFit up = FitLine({0, 1, 2, 5}, {0.1, 0.15, 0.2, 0.35});
  CHECK(up.slope == doctest::Approx(0.05));
  CHECK(up.slope_low == doctest::Approx(0.05));
  CHECK(up.slope_high == doctest::Approx(0.05));
  CHECK(up.slope_p == 0);
  const LinearFit flat = FitLine({0, 1, 2}, {0.25, 0.25, 0.25});
  CHECK(flat.slope == doctest::Approx(0));
  CHECK(flat.slope_p == 1);
}

TEST_CASE("Mann-Kendall: S, variance with ties, continuity-corrected z and p") {
  // 1 3 2 5 4: 8 increasing pairs, 2 decreasing, S = 6; Var = 5*4*15/18; z = 5 / sqrt(Var).
  const MannKendall a = MannKendallTest({1, 3, 2, 5, 4});
  CHECK(a.s == 6);
  CHECK(a.variance == doctest::Approx(50.0 / 3.0));
  CHECK(a.z == doctest::Approx(5 / std::sqrt(50.0 / 3.0)));
  CHECK(a.p == doctest::Approx(0.220671361920).epsilon(1e-9));
  CHECK(a.tau == doctest::Approx(0.6));
  // 1 1 2 2 3: S = 8; two tied pairs remove 2 * (2*1*9) = 36, Var = (300 - 36) / 18.
  const MannKendall ties = MannKendallTest({1, 1, 2, 2, 3});
  CHECK(ties.s == 8);
  CHECK(ties.variance == doctest::Approx(264.0 / 18.0));
  CHECK(ties.p == doctest::Approx(0.067577263056).epsilon(1e-9));
  // Strictly decreasing, n = 6: S = -15, Var = 6*5*17/18, z = -14 / sqrt(Var).
  const MannKendall down = MannKendallTest({6, 5, 4, 3, 2, 1});
  CHECK(down.s == -15);
  CHECK(down.z == doctest::Approx(-14 / std::sqrt(30.0 * 17 / 18)));
  CHECK(down.p == doctest::Approx(0.008534920414).epsilon(1e-9));
  CHECK(down.tau == doctest::Approx(-1));
  // Shares equal but for rounding are ties, not a trend.
  const MannKendall flat = MannKendallTest({0.3, 0.1 + 0.2, 0.3, 0.3});
  CHECK(flat.s == 0);
  CHECK(flat.p == 1);
}

TEST_CASE("signed chi-squared of a 2x2 table") {
  // [[10, 0], [0, 10]]: N (ad - bc)^2 / (10^4) = 20 * 100^2 / 10^4.
  CHECK(SignedChiSquared({10, 0, 0, 10}) == doctest::Approx(20));
  // [[2, 8], [8, 2]]: ad - bc = -60, chi2 = 20 * 3600 / 10^4 = 7.2, under-represented.
  CHECK(SignedChiSquared({2, 8, 8, 2}) == doctest::Approx(-7.2));
  // Independence: 0; an empty row or column: 0, not a division by zero.
  CHECK(SignedChiSquared({3, 6, 5, 10}) == doctest::Approx(0));
  CHECK(SignedChiSquared({0, 0, 4, 6}) == 0);
}

}  // namespace
}  // namespace trendscan
