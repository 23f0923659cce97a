// The pieces of the HTML report (internal to the library): the drawings, each an inline SVG
// with its title and description, and the page's style sheet and script. The drawings lay out
// what the report holds (positions, scales, labels); they compute nothing about the corpus.
#ifndef TRENDSCAN_SRC_REPORT_HTML_PARTS_HPP_
#define TRENDSCAN_SRC_REPORT_HTML_PARTS_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "trendscan/describe/report.hpp"

namespace trendscan::internal {

// A theme's colour (Okabe and Ito's palette, safe for the common colour-vision deficiencies)
// and its marker shape: themes 1 to 8 differ in both, so a black-and-white print still tells
// them apart; beyond 8 the pairs combine differently. Every drawing also writes "T<id>".
std::string ThemeColor(int theme);
// An SVG marker of the theme's shape centred on (x, y), `r` its radius; `extra` attributes are
// added to the element (a class, a title is not possible on a void shape).
std::string ThemeMarker(int theme, double x, double y, double r, std::string_view extra = "");

// The page-wide <svg> of shared patterns (hatching for anti-profiles and sparse periods).
std::string SharedDefinitions();

// The characteristic terms (or the anti-profile) of a theme as horizontal bars of |chi2|, each
// labelled with its chi-squared, p-value and occurrences in / outside the theme.
std::string TermBars(const Theme& theme, bool anti_profile);

// The bisecting tree as a dendrogram, root on the left, leaves (the themes) on the right.
std::string Dendrogram(const std::vector<TreeNode>& tree, const std::string& unit);

// The theme map (correspondence analysis): themes and their words on two of its axes (0-based:
// 0 and 1 for the main map). Words drawn at the same place share a label. Sets *unlabelled to
// the words drawn without a label (no room for one).
std::string MapChart(const Report& report, std::size_t axis_x, std::size_t axis_y,
                     std::size_t* unlabelled);

// One small chart of a timeline series: its share per period, sparse periods hatched.
// `top` is the largest share any series reaches, so the charts share their scale.
std::string SeriesChart(const Timeline& timeline, const TimelineSeries& series, double top,
                        int marker_theme);

// A --by cross-tabulation as a heat map of signed chi-squared, at most `max_values` values
// (the ones with most documents); *shown is set to how many were drawn.
std::string Heatmap(const Crosstab& crosstab, std::size_t max_values, std::size_t* shown);

// The score of each k tried by --k auto (stability − chance, or the silhouette), the chosen k
// marked.
std::string KSelectionChart(const std::vector<KCandidate>& candidates, int chosen,
                            bool by_stability);

// The page's style sheet (screen and A4 print) and its script (the documents table).
std::string_view PageStyle();
std::string_view PageScript();

// "p < 1e-16" or "p = 2.1e-07", as in the text report.
std::string PValueText(double p);

// `text` usable in an id attribute (and in aria-labelledby lists): letters, digits, - and _,
// anything else as -.
std::string SafeId(std::string_view text);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_REPORT_HTML_PARTS_HPP_
