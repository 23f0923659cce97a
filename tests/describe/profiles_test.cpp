#include "trendscan/describe/profiles.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "trendscan/describe/stats.hpp"

namespace trendscan {
namespace {

TEST_CASE("signed chi-squared of a 2x2 table, checked by hand") {
  // a=4 b=0 c=2 d=4: N=10, ad-bc=16, margins 4*6*6*4=576, chi2 = 10*256/576 = 40/9.
  CHECK(SignedChiSquared({4, 0, 2, 4}) == doctest::Approx(40.0 / 9.0));
  // a=1 b=2 c=5 d=2: ad-bc=-8, margins 3*7*6*4=504, chi2 = -(10*64/504) = -80/63.
  CHECK(SignedChiSquared({1, 2, 5, 2}) == doctest::Approx(-80.0 / 63.0));
  // Independence: no association.
  CHECK(SignedChiSquared({2, 4, 3, 6}) == doctest::Approx(0.0));
  // An empty margin has no statistic.
  CHECK(SignedChiSquared({0, 0, 3, 6}) == 0.0);
}

TEST_CASE("p-values of chi-squared with one degree of freedom") {
  // The textbook critical values.
  CHECK(ChiSquaredPValue(3.841458820694124) == doctest::Approx(0.05).epsilon(1e-9));
  CHECK(ChiSquaredPValue(6.634896601021214) == doctest::Approx(0.01).epsilon(1e-9));
  CHECK(ChiSquaredPValue(10.827566170662733) == doctest::Approx(0.001).epsilon(1e-9));
  CHECK(ChiSquaredPValue(0) == 1.0);
  CHECK(ChiSquaredPValue(-3.841458820694124) == doctest::Approx(0.05));  // sign ignored
}

TEST_CASE("characteristic terms of a tiny corpus match the hand computation") {
  // Terms 0, 1, 2. Units 0 and 1 in theme 0, unit 2 in theme 1, unit 3 in no theme.
  //            term0 term1 term2 | total
  //   theme 0     4     1     1  |   6
  //   theme 1     0     2     2  |   4
  const std::vector<std::vector<TermCount>> units = {
      {{0, 3}, {1, 1}}, {{0, 1}, {2, 1}}, {{1, 2}, {2, 2}}, {{0, 9}}};
  ProfileOptions o;
  o.min_frequency = 1;
  const std::vector<ThemeProfile> p = CharacteristicTerms(units, {0, 0, 1, -1}, 2, 3, o, 2);
  REQUIRE(p.size() == 2);
  CHECK(p[0].theme_occurrences == 6);
  REQUIRE(p[0].profile.size() == 1);
  CHECK(p[0].profile[0].term == 0);
  CHECK(p[0].profile[0].in_theme == 4);
  CHECK(p[0].profile[0].outside == 0);
  CHECK(p[0].profile[0].chi2 == doctest::Approx(40.0 / 9.0));
  CHECK(p[0].profile[0].p_value == doctest::Approx(std::erfc(std::sqrt(20.0 / 9.0))));
  CHECK(p[0].profile[0].p_value == doctest::Approx(0.0350).epsilon(0.001));
  // Terms 1 and 2: a=1 b=2 c=5 d=2 each, chi2 -80/63; the tie goes to the smaller id.
  REQUIRE(p[0].anti_profile.size() == 2);
  CHECK(p[0].anti_profile[0].term == 1);
  CHECK(p[0].anti_profile[1].term == 2);
  CHECK(p[0].anti_profile[0].chi2 == doctest::Approx(-80.0 / 63.0));
  // Theme 1 mirrors it.
  REQUIRE(p[1].profile.size() == 2);
  CHECK(p[1].profile[0].chi2 == doctest::Approx(80.0 / 63.0));
  CHECK(p[1].profile[0].in_theme == 2);
  CHECK(p[1].profile[0].outside == 1);
  REQUIRE(p[1].anti_profile.size() == 1);
  CHECK(p[1].anti_profile[0].chi2 == doctest::Approx(-40.0 / 9.0));
}

TEST_CASE("characteristic terms respect the frequency floor and the list length") {
  const std::vector<std::vector<TermCount>> units = {
      {{0, 3}, {1, 1}}, {{0, 1}, {2, 1}}, {{1, 2}, {2, 2}}};
  ProfileOptions o;
  o.min_frequency = 4;  // only term 0 (4 occurrences) is ranked
  std::vector<ThemeProfile> p = CharacteristicTerms(units, {0, 0, 1}, 2, 3, o, 1);
  CHECK(p[0].profile.size() == 1);
  CHECK(p[0].anti_profile.empty());
  o.min_frequency = 1;
  o.terms = 1;
  p = CharacteristicTerms(units, {0, 0, 1}, 2, 3, o, 1);
  CHECK(p[0].anti_profile.size() == 1);
}

}  // namespace
}  // namespace trendscan
