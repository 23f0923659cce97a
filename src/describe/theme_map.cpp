#include "trendscan/describe/theme_map.hpp"

#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace trendscan {
namespace {

// Singular values this far below the largest are rounding noise: the trivial axis of a table,
// or the axes of a table of rank lower than min(rows, columns) - 1.
constexpr double kRelativeTolerance = 1e-12;

}  // namespace

Correspondence AnalyzeCorrespondence(const Eigen::MatrixXd& table) {
  Correspondence out;
  const double n = table.sum();
  if (table.rows() < 2 || table.cols() < 2 || !(n > 0)) return out;
  const Eigen::MatrixXd p = table / n;
  const Eigen::VectorXd r = p.rowwise().sum();
  const Eigen::VectorXd c = p.colwise().sum().transpose();
  const Eigen::VectorXd r_inv_sqrt = r.array().rsqrt();
  const Eigen::VectorXd c_inv_sqrt = c.array().rsqrt();
  const Eigen::MatrixXd s =
      r_inv_sqrt.asDiagonal() * (p - r * c.transpose()) * c_inv_sqrt.asDiagonal();
  out.total_inertia = s.squaredNorm();
  // Jacobi: exact to rounding on these small tables (themes x a few hundred terms), and the
  // same singular vectors for the same input every run.
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(s, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const Eigen::VectorXd& sv = svd.singularValues();
  Eigen::Index axes = 0;
  const Eigen::Index most = std::min(table.rows(), table.cols()) - 1;
  while (axes < most && sv.size() > axes && sv(0) > 0 && sv(axes) > kRelativeTolerance * sv(0)) {
    ++axes;
  }
  out.row_coordinates =
      r_inv_sqrt.asDiagonal() * svd.matrixU().leftCols(axes) * sv.head(axes).asDiagonal();
  out.column_coordinates =
      c_inv_sqrt.asDiagonal() * svd.matrixV().leftCols(axes) * sv.head(axes).asDiagonal();
  for (Eigen::Index a = 0; a < axes; ++a) {
    out.inertias.push_back(sv(a) * sv(a));
    // The sign of a singular pair is arbitrary: fix it by the first row clearly off the axis's
    // origin, so the map does not flip between two runs or two Eigen versions.
    const double scale = out.row_coordinates.col(a).cwiseAbs().maxCoeff();
    for (Eigen::Index i = 0; i < out.row_coordinates.rows(); ++i) {
      const double v = out.row_coordinates(i, a);
      if (std::fabs(v) <= 1e-9 * scale) continue;
      if (v < 0) {
        out.row_coordinates.col(a) *= -1;
        out.column_coordinates.col(a) *= -1;
      }
      break;
    }
  }
  return out;
}

namespace {

// The map's columns: each characteristic term once, in theme then rank order; each keeps the
// theme whose profile holds it with the largest chi-squared.
struct MapColumns {
  std::vector<std::uint32_t> terms;
  std::vector<int> theme;  // Theme::id
  std::vector<double> chi2;
};

MapColumns ChooseMapColumns(const std::vector<ThemeProfile>& profiles, int k) {
  MapColumns columns;
  std::unordered_map<std::uint32_t, std::size_t> column_of;
  for (std::size_t t = 0; t < profiles.size() && t < static_cast<std::size_t>(k); ++t) {
    for (const TermAssociation& a : profiles[t].profile) {
      auto [it, inserted] = column_of.try_emplace(a.term, columns.terms.size());
      if (inserted) {
        columns.terms.push_back(a.term);
        columns.theme.push_back(static_cast<int>(t) + 1);
        columns.chi2.push_back(a.chi2);
      } else if (a.chi2 > columns.chi2[it->second]) {
        columns.theme[it->second] = static_cast<int>(t) + 1;
        columns.chi2[it->second] = a.chi2;
      }
    }
  }
  return columns;
}

// Occurrences of each column's term in each theme's units (k rows). Every occurrence of every
// unit is looked up: by a table over the vocabulary, not a hash (ten million posts are a hundred
// million lookups). The sums are of whole counts: exact.
Eigen::MatrixXd CountByTheme(const CountRows& units, const std::vector<int>& unit_theme, int k,
                             const std::vector<std::uint32_t>& terms, std::size_t vocabulary) {
  std::vector<std::int32_t> column_by_term(vocabulary, -1);
  for (std::size_t c = 0; c < terms.size(); ++c) {
    if (terms[c] < column_by_term.size()) column_by_term[terms[c]] = static_cast<std::int32_t>(c);
  }
  Eigen::MatrixXd counts = Eigen::MatrixXd::Zero(k, static_cast<Eigen::Index>(terms.size()));
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (unit_theme[u] < 0 || unit_theme[u] >= k) continue;
    for (const TermCount& tc : units[u]) {
      const std::int32_t c = tc.term < column_by_term.size() ? column_by_term[tc.term] : -1;
      if (c >= 0) counts(unit_theme[u], c) += tc.count;
    }
  }
  return counts;
}

}  // namespace

ThemeMap MapThemes(const CountRows& units, const std::vector<int>& unit_theme, int k,
                   const std::vector<ThemeProfile>& profiles, const Vocabulary& vocabulary) {
  ThemeMap map;
  if (k < 2) {
    map.reason = "fewer than two themes";
    return map;
  }
  const MapColumns columns = ChooseMapColumns(profiles, k);
  if (columns.terms.size() < 2) {
    map.reason = "fewer than two characteristic terms";
    return map;
  }
  const Eigen::MatrixXd counts =
      CountByTheme(units, unit_theme, k, columns.terms, vocabulary.size());
  // A theme without any of the terms has no profile to place.
  std::vector<int> kept_rows;
  for (int t = 0; t < k; ++t) {
    if (counts.row(t).sum() > 0) kept_rows.push_back(t);
  }
  if (kept_rows.size() < 2) {
    map.reason = "fewer than two themes hold a characteristic term";
    return map;
  }
  Eigen::MatrixXd table(static_cast<Eigen::Index>(kept_rows.size()), counts.cols());
  for (std::size_t i = 0; i < kept_rows.size(); ++i) {
    table.row(static_cast<Eigen::Index>(i)) = counts.row(kept_rows[i]);
  }
  const Correspondence ca = AnalyzeCorrespondence(table);
  if (ca.inertias.empty()) {
    map.reason = "the themes use their characteristic terms in the same proportions";
    return map;
  }
  map.available = true;
  map.total_inertia = ca.total_inertia;
  map.axes = ca.inertias.size();
  const std::size_t kept = std::min(kMapAxes, ca.inertias.size());
  for (std::size_t a = 0; a < kept; ++a) {
    map.axis_inertia.push_back(ca.inertias[a] / ca.total_inertia);
  }
  auto coordinate = [](const Eigen::MatrixXd& m, Eigen::Index i, Eigen::Index axis) {
    return axis < m.cols() ? m(i, axis) : 0.0;
  };
  for (std::size_t i = 0; i < kept_rows.size(); ++i) {
    const auto row = static_cast<Eigen::Index>(i);
    MapPoint p;
    p.theme = kept_rows[i] + 1;
    for (std::size_t a = 0; a < kept; ++a) {
      p.coordinates.push_back(ca.row_coordinates(row, static_cast<Eigen::Index>(a)));
    }
    p.x = coordinate(ca.row_coordinates, row, 0);
    p.y = coordinate(ca.row_coordinates, row, 1);
    p.occurrences = static_cast<std::uint64_t>(table.row(row).sum());
    map.themes.push_back(std::move(p));
  }
  for (std::size_t j = 0; j < columns.terms.size(); ++j) {
    const auto col = static_cast<Eigen::Index>(j);
    MapPoint p;
    p.theme = columns.theme[j];
    p.word = vocabulary.display[columns.terms[j]];
    p.term = vocabulary.terms[columns.terms[j]];
    for (std::size_t a = 0; a < kept; ++a) {
      p.coordinates.push_back(ca.column_coordinates(col, static_cast<Eigen::Index>(a)));
    }
    p.x = coordinate(ca.column_coordinates, col, 0);
    p.y = coordinate(ca.column_coordinates, col, 1);
    p.occurrences = static_cast<std::uint64_t>(table.col(col).sum());
    map.terms.push_back(std::move(p));
  }
  return map;
}

}  // namespace trendscan
