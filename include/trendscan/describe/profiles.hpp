// Describe, profiles: the terms of each theme the way a researcher reads a Reinert (IRaMuTeQ)
// class: which terms are over-represented in it (its profile) and which are
// under-represented (its anti-profile), with a signed chi-squared and its p-value.
#ifndef TRENDSCAN_DESCRIBE_PROFILES_HPP_
#define TRENDSCAN_DESCRIBE_PROFILES_HPP_

#include <cstdint>
#include <vector>

#include "trendscan/describe/stats.hpp"
#include "trendscan/vectorize/term_counts.hpp"

namespace trendscan {

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

struct ProfileOptions {
  // Terms listed in each profile and anti-profile. Default 10.
  int terms = 10;
  // Only terms with at least this many occurrences among the clustered units are ranked;
  // chi-squared is unreliable on hapaxes. Default 3.
  std::uint64_t min_frequency = 3;
};

// One profile per theme. `units` are per-unit term counts (TermCounts::documents), `theme` the
// theme of each unit in [0, k), or -1 for a unit in no theme (left out of every table). The
// tables (Contingency, stats.hpp) are built over every term of `units`, so c and d count every
// other occurrence. On `threads` threads (0 = all cores); the profiles do not depend on it.
// Ties in chi2 are broken by term id, so the result is deterministic.
std::vector<ThemeProfile> CharacteristicTerms(const CountRows& units, const std::vector<int>& theme,
                                              int k, std::size_t vocabulary_size,
                                              const ProfileOptions& options, int threads);

}  // namespace trendscan

#endif  // TRENDSCAN_DESCRIBE_PROFILES_HPP_
