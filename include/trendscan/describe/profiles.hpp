// Stage 6: describing the themes the clustering found, the way a researcher reads a Reinert
// (IRaMuTeQ) class: which terms are over-represented in it (its profile) and which are
// under-represented (its anti-profile), with a signed chi-squared and its p-value.
#ifndef TRENDSCAN_DESCRIBE_PROFILES_HPP_
#define TRENDSCAN_DESCRIBE_PROFILES_HPP_

#include <cstdint>
#include <vector>

#include "trendscan/vectorize/tfidf.hpp"

namespace trendscan {

// The 2x2 contingency table of one term against one theme, on term occurrences:
//                      in the theme   outside it
//   this term               a              b
//   every other term        c              d
struct Contingency {
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  std::uint64_t c = 0;
  std::uint64_t d = 0;
};

// Pearson's chi-squared of the table, without continuity correction:
//   N (ad - bc)^2 / ((a+b)(c+d)(a+c)(b+d)),  N = a+b+c+d,
// signed: positive when the term is more frequent in the theme than outside it (a/(a+c) >
// b/(b+d)), negative when less frequent. 0 when a margin is empty.
double SignedChiSquared(const Contingency& t);

// Upper-tail probability of a chi-squared with one degree of freedom:
// P(X >= x) = erfc(sqrt(x / 2)). Takes |x|, so a signed statistic can be passed as is.
double ChiSquaredPValue(double chi2);

struct TermAssociation {
  std::uint32_t term = 0;      // id in the vocabulary given to CharacteristicTerms
  std::uint64_t in_theme = 0;  // occurrences in the theme's units (a)
  std::uint64_t outside = 0;   // occurrences in the other clustered units (b)
  double chi2 = 0;             // signed, see SignedChiSquared
  double p_value = 1;
};

struct ThemeProfile {
  std::vector<TermAssociation> profile;       // chi2 > 0, strongest first
  std::vector<TermAssociation> anti_profile;  // chi2 < 0, most negative first
  std::uint64_t theme_occurrences = 0;        // all counted occurrences in the theme (a + c)
};

struct DescribeOptions {
  // Terms listed in each profile and anti-profile. Default 10.
  int terms = 10;
  // Only terms with at least this many occurrences among the clustered units are ranked;
  // chi-squared is unreliable on hapaxes. Default 3.
  std::uint64_t min_frequency = 3;
  // Worker threads (0 = all cores); the profiles do not depend on it.
  int threads = 0;
};

// One profile per theme. `units` are per-unit term counts (TermCounts::documents), `theme` the
// theme of each unit in [0, k), or -1 for a unit in no theme (left out of every table). The
// tables are built over every term of `units`, so c and d count every other occurrence.
// Ties in chi2 are broken by term id, so the result is deterministic.
std::vector<ThemeProfile> CharacteristicTerms(const std::vector<std::vector<TermCount>>& units,
                                              const std::vector<int>& theme, int k,
                                              std::size_t vocabulary_size,
                                              const DescribeOptions& options);

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_PROFILES_HPP_
