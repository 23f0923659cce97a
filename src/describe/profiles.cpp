#include "trendscan/describe/profiles.hpp"

#include <algorithm>
#include <cmath>

#include "trendscan/describe/stats.hpp"
#include "util/parallel.hpp"

namespace trendscan {

std::vector<ThemeProfile> CharacteristicTerms(const CountRows& units, const std::vector<int>& theme,
                                              int k, std::size_t vocabulary_size,
                                              const ProfileOptions& options, int threads) {
  const auto themes = static_cast<std::size_t>(std::max(0, k));
  // counts[t * V + term]: occurrences of term in theme t. Dense is fine: k is small.
  std::vector<std::uint64_t> counts(themes * vocabulary_size, 0);
  std::vector<std::uint64_t> term_total(vocabulary_size, 0);
  std::vector<std::uint64_t> theme_total(themes, 0);
  std::uint64_t total = 0;
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (theme[u] < 0) continue;
    const auto t = static_cast<std::size_t>(theme[u]);
    for (const TermCount& tc : units[u]) {
      counts[t * vocabulary_size + tc.term] += tc.count;
      term_total[tc.term] += tc.count;
      theme_total[t] += tc.count;
      total += tc.count;
    }
  }
  std::vector<ThemeProfile> out(themes);
  const std::size_t listed = static_cast<std::size_t>(std::max(0, options.terms));
  auto by_strength = [](const TermAssociation& x, const TermAssociation& y) {
    if (std::fabs(x.chi2) != std::fabs(y.chi2)) return std::fabs(x.chi2) > std::fabs(y.chi2);
    return x.term < y.term;
  };
  // Each theme on its own: chi-squared for every term, then only the strongest `listed` of each
  // sign are ordered (and get a p-value), not the whole vocabulary.
  internal::ParallelFor(themes, threads, [&](std::size_t t, int) {
    std::vector<TermAssociation> over;
    std::vector<TermAssociation> under;
    for (std::size_t term = 0; term < vocabulary_size; ++term) {
      if (term_total[term] < options.min_frequency || term_total[term] == 0) continue;
      const std::uint64_t in_theme = counts[t * vocabulary_size + term];
      const std::uint64_t outside = term_total[term] - in_theme;
      const double chi2 =
          SignedChiSquared({static_cast<double>(in_theme), static_cast<double>(outside),
                            static_cast<double>(theme_total[t] - in_theme),
                            static_cast<double>(total - theme_total[t] - outside)});
      if (chi2 == 0) continue;
      (chi2 > 0 ? over : under)
          .push_back({static_cast<std::uint32_t>(term), in_theme, outside, chi2, 0});
    }
    auto keep_strongest = [&](std::vector<TermAssociation>& all,
                              std::vector<TermAssociation>* list) {
      const auto n = static_cast<std::ptrdiff_t>(std::min(listed, all.size()));
      std::partial_sort(all.begin(), all.begin() + n, all.end(), by_strength);
      list->assign(all.begin(), all.begin() + n);
      for (TermAssociation& a : *list) a.p_value = ChiSquaredPValue(a.chi2);
    };
    keep_strongest(over, &out[t].profile);
    keep_strongest(under, &out[t].anti_profile);
    out[t].theme_occurrences = theme_total[t];
  });
  return out;
}

}  // namespace trendscan
