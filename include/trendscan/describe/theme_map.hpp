// Describe, the map of themes and words: a correspondence analysis of the theme x term table of
// the characteristic terms, the picture IRaMuTeQ draws after a Reinert classification, so the
// themes that share words sit near each other and each word sits near the themes that use it.
//
// Correspondence analysis (Benzécri 1973; Greenacre, "Correspondence Analysis in Practice",
// 2nd ed. 2007, ch. 4 and the computational appendix): for a table N of counts with total n,
// P = N / n, row masses r and column masses c, the singular value decomposition of the
// standardized residuals S = D_r^-1/2 (P - r c') D_c^-1/2 = U D V' gives the principal inertias
// (the squared singular values, which sum to the table's chi-squared / n) and the principal
// coordinates of the rows, D_r^-1/2 U D, and of the columns, D_c^-1/2 V D. Drawing both in
// principal coordinates is the "symmetric map": distances between themes, and between words,
// are chi-squared distances between their profiles; a word and a theme are close when the word
// is over-represented in the theme (read it as a direction from the origin, not a distance).
#ifndef TRENDSCAN_DESCRIBE_THEME_MAP_HPP_
#define TRENDSCAN_DESCRIBE_THEME_MAP_HPP_

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "trendscan/describe/profiles.hpp"
#include "trendscan/vectorize/term_counts.hpp"

namespace trendscan {

// The result of a correspondence analysis of a table with at least two rows and two columns.
struct Correspondence {
  double total_inertia = 0;            // chi-squared of the table / its total
  std::vector<double> inertias;        // principal inertias of the non-trivial axes, largest first
  Eigen::MatrixXd row_coordinates;     // rows x axes, principal coordinates
  Eigen::MatrixXd column_coordinates;  // columns x axes, principal coordinates
};

// The correspondence analysis of `table` (non-negative counts; every row and every column must
// have a positive sum). Axes are the non-trivial ones (singular value above 1e-12 relative to
// the largest; at most min(rows, columns) - 1 of them); each is oriented so that the first row
// with a coordinate clearly off 0 on it lies on its positive side, so the result depends only
// on the table. A table without any association (every profile the same) has no axis.
Correspondence AnalyzeCorrespondence(const Eigen::MatrixXd& table);

// ---- The map section of the report (plain data, rendered by the report writers). ----

// Axes whose coordinates the map keeps: 1 and 2 make the map, 3 and 4 a second one, since with
// more than three themes the first two axes rarely separate them all.
constexpr std::size_t kMapAxes = 4;

struct MapPoint {
  int theme = 0;     // a theme's point: its id; a word's: the theme it characterises most
  std::string word;  // a word's most frequent surface form; empty for a theme
  std::string term;  // a word's index term (stem); empty for a theme
  double x = 0;      // principal coordinate on axis 1
  double y = 0;      // on axis 2 (0 when the map has a single axis)
  std::vector<double> coordinates;  // on each axis kept (ThemeMap::axis_inertia), x and y first
  std::uint64_t occurrences = 0;    // the row's or column's total in the table
};

struct ThemeMap {
  bool available = false;
  std::string reason;  // why there is no map, when !available
  // What was analysed, in words, for the captions.
  std::string method =
      "correspondence analysis of the theme x term table of the characteristic terms "
      "(occurrences in each theme's units), symmetric map (principal coordinates)";
  double total_inertia = 0;
  std::size_t axes = 0;              // non-trivial axes of the table (at most themes - 1)
  std::vector<double> axis_inertia;  // the share of total_inertia on axis 1 (and 2), shown
  std::vector<MapPoint> themes;      // one per theme with a term in the table, by id
  std::vector<MapPoint> terms;       // one per characteristic term, in the table's order
};

// The map of the themes and their characteristic terms: the table has one row per theme (k of
// them, `unit_theme` gives each unit's theme in [0, k), or -1 for none) and one column per term
// that is characteristic (ThemeProfile::profile) of some theme, in theme then rank order, each
// cell the term's occurrences in the theme's units (`units`, TermCounts::rows). Not available,
// with the reason, with fewer than two themes or two terms, or when the table has no
// association. A theme none of whose units holds any of the terms is left off the map.
ThemeMap MapThemes(const CountRows& units, const std::vector<int>& unit_theme, int k,
                   const std::vector<ThemeProfile>& profiles, const Vocabulary& vocabulary);

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_THEME_MAP_HPP_
