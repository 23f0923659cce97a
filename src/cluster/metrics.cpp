#include "trendscan/cluster/metrics.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace trendscan {
namespace {

struct Contingency {
  std::vector<std::vector<double>> table;  // truth x predicted counts
  std::vector<double> rows;
  std::vector<double> cols;
  double n = 0;
};

Contingency Build(const std::vector<int>& a, const std::vector<int>& b) {
  assert(a.size() == b.size());
  const int ka = a.empty() ? 0 : *std::max_element(a.begin(), a.end()) + 1;
  const int kb = b.empty() ? 0 : *std::max_element(b.begin(), b.end()) + 1;
  Contingency c;
  c.table.assign(static_cast<std::size_t>(ka),
                 std::vector<double>(static_cast<std::size_t>(kb), 0.0));
  c.rows.assign(static_cast<std::size_t>(ka), 0.0);
  c.cols.assign(static_cast<std::size_t>(kb), 0.0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    c.table[static_cast<std::size_t>(a[i])][static_cast<std::size_t>(b[i])] += 1;
    c.rows[static_cast<std::size_t>(a[i])] += 1;
    c.cols[static_cast<std::size_t>(b[i])] += 1;
  }
  c.n = static_cast<double>(a.size());
  return c;
}

double Entropy(const std::vector<double>& counts, double n) {
  double h = 0;
  for (double c : counts) {
    if (c > 0) h -= (c / n) * std::log(c / n);
  }
  return h;
}

double Choose2(double x) { return x * (x - 1) / 2; }

}  // namespace

double NormalizedMutualInformation(const std::vector<int>& truth,
                                   const std::vector<int>& predicted) {
  if (truth.empty()) return 0;
  const Contingency c = Build(truth, predicted);
  const double hu = Entropy(c.rows, c.n);
  const double hv = Entropy(c.cols, c.n);
  if (hu == 0 && hv == 0) return 1;
  double mi = 0;
  for (std::size_t i = 0; i < c.table.size(); ++i) {
    for (std::size_t j = 0; j < c.table[i].size(); ++j) {
      const double nij = c.table[i][j];
      if (nij > 0) mi += (nij / c.n) * std::log(c.n * nij / (c.rows[i] * c.cols[j]));
    }
  }
  const double denom = (hu + hv) / 2;
  return denom > 0 ? std::max(0.0, mi / denom) : 0.0;
}

double AdjustedRandIndex(const std::vector<int>& truth, const std::vector<int>& predicted) {
  if (truth.empty()) return 1;
  const Contingency c = Build(truth, predicted);
  double index = 0;
  for (const auto& row : c.table) {
    for (double nij : row) index += Choose2(nij);
  }
  double sum_rows = 0;
  for (double r : c.rows) sum_rows += Choose2(r);
  double sum_cols = 0;
  for (double col : c.cols) sum_cols += Choose2(col);
  const double expected = sum_rows * sum_cols / Choose2(c.n);
  const double max_index = (sum_rows + sum_cols) / 2;
  if (max_index == expected) return 1;
  return (index - expected) / (max_index - expected);
}

}  // namespace trendscan
