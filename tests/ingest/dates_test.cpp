#include "trendscan/ingest/dates.hpp"

#include <doctest/doctest.h>

namespace trendscan {
namespace {

TEST_CASE("ParseDate reads ISO 8601, numeric French and worded dates into ISO 8601") {
  const struct {
    const char* in;
    const char* out;
  } kCases[] = {
      // ISO 8601 and its relatives
      {"2009-12-07", "2009-12-07"},
      {"  2009-12-07\n", "2009-12-07"},
      {"2009-12", "2009-12"},
      {"2009", "2009"},
      {"2009-12-07T10:30:00+01:00", "2009-12-07"},
      {"2009-12-07 10:30", "2009-12-07"},
      {"20091207", "2009-12-07"},
      {"2009/12/07", "2009-12-07"},
      // day first, as France writes it
      {"07/12/2009", "2009-12-07"},
      {"7/12/2009", "2009-12-07"},
      {"07.12.2009", "2009-12-07"},
      {"7-12-2009", "2009-12-07"},
      // French words, abbreviations, accents or none, "1er", weekday and "le"
      {"7 décembre 2009", "2009-12-07"},
      {"07 déc. 2009", "2009-12-07"},
      {"7 DÉCEMBRE 2009", "2009-12-07"},
      {"7 decembre 2009", "2009-12-07"},
      {"1er janvier 2010", "2010-01-01"},
      {"lundi 7 décembre 2009", "2009-12-07"},
      {"Lundi, 7 décembre 2009", "2009-12-07"},
      {"le 7 décembre 2009", "2009-12-07"},
      {"le lundi 7 décembre 2009 à 10h30", "2009-12-07"},
      {"3 févr. 2011", "2011-02-03"},
      {"15 août 2012", "2012-08-15"},
      {"15 aout 2012", "2012-08-15"},
      {"2 juil. 2008", "2008-07-02"},
      {"1 sept 2008", "2008-09-01"},
      {"décembre 2009", "2009-12"},
      {"Mars 2010", "2010-03"},
      // English
      {"7 December 2009", "2009-12-07"},
      {"Dec 7, 2009", "2009-12-07"},
      {"December 2009", "2009-12"},
      // leap years
      {"2012-02-29", "2012-02-29"},
      {"29 février 2000", "2000-02-29"},
  };
  for (const auto& c : kCases) {
    CAPTURE(c.in);
    CHECK(ParseDate(c.in) == c.out);
  }
}

TEST_CASE("ParseDate rejects what is not a date, and impossible dates") {
  for (const char* bad : {"", "   ", "un beau jour", "hier", "2009-13-01", "2009-02-30",
                          "2011-02-29", "1900-02-29", "32/12/2009", "12/13/2009", "0/12/2009",
                          "2009-00", "2009-12-00", "2009-12-07garbage", "7 brumaire 2009",
                          "décembre", "7 décembre", "999", "12345", "3000-01-01",
                          "0999-01-01", "7 décembre 20O9", "2009-1-7x"}) {
    CAPTURE(bad);
    CHECK(ParseDate(bad).empty());
  }
}

}  // namespace
}  // namespace trendscan
