// Small statistics for the describe stage: a least-squares trend with its confidence interval,
// the Mann-Kendall trend test, and the signed chi-squared of a 2x2 table (characteristic terms,
// cross-tabulations) with its p-value.
// Implemented here (not taken from a library) so every figure is reproducible and unit-tested
// against values computed by hand. Plain functions of their arguments, safe from any thread.
#ifndef TRENDSCAN_DESCRIBE_STATS_HPP_
#define TRENDSCAN_DESCRIBE_STATS_HPP_

#include <vector>

namespace trendscan {

// P(Z > z) for a standard normal Z.
double NormalUpperTail(double z);

// P(X <= x) for a Student t variable X with `df` > 0 degrees of freedom.
double StudentTCdf(double x, double df);

// The quantile q with P(X <= q) = p of a Student t variable, for 0 < p < 1 and df > 0
// (StudentTQuantile(0.975, 10) = 2.228...). Accurate to about 1e-9.
double StudentTQuantile(double p, double df);

// The regularized incomplete beta function I_x(a, b), for 0 <= x <= 1 and a, b > 0.
double RegularizedIncompleteBeta(double x, double a, double b);

// Ordinary least squares y = intercept + slope * x.
struct LinearFit {
  int n = 0;
  double slope = 0;
  double intercept = 0;
  double slope_standard_error = 0;  // 0 when the points lie exactly on a line
  double slope_low = 0;             // two-sided confidence interval of the slope
  double slope_high = 0;
  double slope_p = 1;  // two-sided p-value of "slope = 0" (t test, n - 2 df)
};

// Fits y on x. Needs at least 3 points with at least two distinct x (asserted: callers check);
// `confidence` is the interval's coverage (0.95 for a 95% interval).
LinearFit FitLine(const std::vector<double>& x, const std::vector<double>& y,
                  double confidence = 0.95);

// The Mann-Kendall test for a monotonic trend in a series taken in order.
struct MannKendall {
  int n = 0;
  double s = 0;         // sum over pairs i < j of sign(y_j - y_i)
  double variance = 0;  // Var(S) under no trend, corrected for ties
  double z = 0;         // continuity-corrected normal score: (S - 1) / sd for S > 0, ...
  double p = 1;         // two-sided p-value from z (normal approximation)
  double tau = 0;       // Kendall's tau-a: S / (n (n - 1) / 2)
};

// Needs at least 2 values (asserted). Values closer than 1e-12 count as tied, so shares that are
// equal but for rounding are not read as a trend.
MannKendall MannKendallTest(const std::vector<double>& y);

// The 2x2 contingency table of one term (or theme) against one theme (or variable value):
//                      in the theme   outside it
//   this term               a              b
//   every other term        c              d
// Counts are doubles: the products below overflow 64-bit integers on large corpora.
struct Contingency {
  double a = 0;
  double b = 0;
  double c = 0;
  double d = 0;
};

// Pearson's chi-squared of the table, without continuity correction:
//   N (ad - bc)^2 / ((a+b)(c+d)(a+c)(b+d)),  N = a+b+c+d,
// signed as in IRaMuTeQ's specificities: positive when a is above its expected count
// (ad > bc: the term is more frequent in the theme than outside it), negative when below.
// 0 when a row or column is empty.
double SignedChiSquared(const Contingency& t);

// Upper-tail probability of a chi-squared with one degree of freedom:
// P(X >= |x|) = erfc(sqrt(|x| / 2)). Takes |x|, so a signed statistic can be passed as is.
double ChiSquaredPValue(double chi2);

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_STATS_HPP_
