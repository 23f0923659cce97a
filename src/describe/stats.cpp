#include "trendscan/describe/stats.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace trendscan {
namespace {

// The continued fraction of the incomplete beta function, evaluated by the modified Lentz
// method; converges fast for x < (a + 1) / (a + b + 2), which the caller guarantees.
double BetaContinuedFraction(double x, double a, double b) {
  constexpr double kTiny = 1e-300;
  constexpr double kEpsilon = 1e-15;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double result = d;
  for (int m = 1; m <= 500; ++m) {
    const double even = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
    d = 1.0 + even * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + even / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    result *= d * c;
    const double odd = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
    d = 1.0 + odd * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + odd / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double step = d * c;
    result *= step;
    if (std::fabs(step - 1.0) < kEpsilon) break;
  }
  return result;
}

}  // namespace

double NormalUpperTail(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

double RegularizedIncompleteBeta(double x, double a, double b) {
  assert(a > 0 && b > 0);
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  // The fraction converges on one side of the mean; the symmetry I_x(a,b) = 1 - I_{1-x}(b,a)
  // covers the other.
  if (x < (a + 1.0) / (a + b + 2.0)) return front * BetaContinuedFraction(x, a, b) / a;
  return 1.0 - front * BetaContinuedFraction(1.0 - x, b, a) / b;
}

double StudentTCdf(double x, double df) {
  assert(df > 0);
  const double tail = 0.5 * RegularizedIncompleteBeta(df / (df + x * x), df / 2.0, 0.5);
  return x > 0 ? 1.0 - tail : tail;
}

double StudentTQuantile(double p, double df) {
  assert(p > 0 && p < 1 && df > 0);
  if (p < 0.5) return -StudentTQuantile(1.0 - p, df);
  if (p == 0.5) return 0;
  // The CDF is increasing: bracket the quantile, then bisect (60 halvings of a bracket no wider
  // than a few thousand reach 1e-9 and more; speed does not matter here).
  double low = 0;
  double high = 1;
  while (StudentTCdf(high, df) < p && high < 1e12) {
    low = high;
    high *= 2;
  }
  for (int i = 0; i < 200 && high - low > 1e-12 * (1 + high); ++i) {
    const double mid = 0.5 * (low + high);
    (StudentTCdf(mid, df) < p ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

LinearFit FitLine(const std::vector<double>& x, const std::vector<double>& y, double confidence) {
  assert(x.size() == y.size() && x.size() >= 3);
  LinearFit fit;
  fit.n = static_cast<int>(x.size());
  const double n = static_cast<double>(x.size());
  double mean_x = 0;
  double mean_y = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mean_x += x[i];
    mean_y += y[i];
  }
  mean_x /= n;
  mean_y /= n;
  double sxx = 0;
  double sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxx += (x[i] - mean_x) * (x[i] - mean_x);
    sxy += (x[i] - mean_x) * (y[i] - mean_y);
  }
  assert(sxx > 0);
  fit.slope = sxy / sxx;
  fit.intercept = mean_y - fit.slope * mean_x;
  double residuals = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double r = y[i] - fit.intercept - fit.slope * x[i];
    residuals += r * r;
  }
  const double df = n - 2;
  fit.slope_standard_error = std::sqrt(residuals / df / sxx);
  // Shares that sit exactly on a line leave rounding noise as residuals: below this the fit is
  // treated as exact, so the interval is the slope itself.
  if (fit.slope_standard_error < 1e-12) {
    fit.slope_standard_error = 0;
    fit.slope_low = fit.slope_high = fit.slope;
    fit.slope_p = std::fabs(fit.slope) < 1e-12 ? 1.0 : 0.0;
    return fit;
  }
  const double t = StudentTQuantile(0.5 + confidence / 2.0, df);
  fit.slope_low = fit.slope - t * fit.slope_standard_error;
  fit.slope_high = fit.slope + t * fit.slope_standard_error;
  const double statistic = std::fabs(fit.slope) / fit.slope_standard_error;
  fit.slope_p = 2.0 * (1.0 - StudentTCdf(statistic, df));
  return fit;
}

MannKendall MannKendallTest(const std::vector<double>& y) {
  assert(y.size() >= 2);
  constexpr double kTie = 1e-12;
  MannKendall mk;
  mk.n = static_cast<int>(y.size());
  for (std::size_t i = 0; i < y.size(); ++i) {
    for (std::size_t j = i + 1; j < y.size(); ++j) {
      const double diff = y[j] - y[i];
      if (diff > kTie) mk.s += 1;
      if (diff < -kTie) mk.s -= 1;
    }
  }
  // Ties: each group of t equal values removes t (t - 1) (2t + 5) from the variance's numerator.
  // Groups are found on a sorted copy, with the same tolerance as above.
  std::vector<double> sorted = y;
  std::sort(sorted.begin(), sorted.end());
  double ties = 0;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i + 1;
    while (j < sorted.size() && sorted[j] - sorted[j - 1] <= kTie) ++j;
    const double t = static_cast<double>(j - i);
    ties += t * (t - 1) * (2 * t + 5);
    i = j;
  }
  const double n = static_cast<double>(y.size());
  mk.variance = (n * (n - 1) * (2 * n + 5) - ties) / 18.0;
  if (mk.variance > 0 && mk.s != 0) {
    mk.z = (mk.s > 0 ? mk.s - 1 : mk.s + 1) / std::sqrt(mk.variance);
  }
  mk.p = std::min(1.0, 2.0 * NormalUpperTail(std::fabs(mk.z)));
  mk.tau = mk.s / (n * (n - 1) / 2.0);
  return mk;
}

double SignedChiSquared(const Contingency& t) {
  const double a = t.a, b = t.b, c = t.c, d = t.d;
  const double n = a + b + c + d;
  const double denominator = (a + b) * (c + d) * (a + c) * (b + d);
  if (denominator <= 0) return 0;
  const double cross = a * d - b * c;
  const double chi2 = n * cross * cross / denominator;
  return cross < 0 ? -chi2 : chi2;
}

double ChiSquaredPValue(double chi2) {
  const double x = std::fabs(chi2);
  if (x <= 0) return 1;
  return std::erfc(std::sqrt(x / 2.0));
}

}  // namespace trendscan
