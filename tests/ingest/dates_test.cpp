#include "trendscan/ingest/dates.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>

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
    CHECK(ParseIsoDate(c.out));  // what ParseDate writes, the calendar reads
  }
}

TEST_CASE("ParseDate rejects what is not a date, and impossible dates") {
  for (const char* bad : {"",
                          "   ",
                          "un beau jour",
                          "hier",
                          "2009-13-01",
                          "2009-02-30",
                          "2011-02-29",
                          "1900-02-29",
                          "32/12/2009",
                          "12/13/2009",
                          "0/12/2009",
                          "2009-00",
                          "2009-12-00",
                          "2009-12-07garbage",
                          "7 brumaire 2009",
                          "décembre",
                          "7 décembre",
                          "999",
                          "12345",
                          "3000-01-01",
                          "0999-01-01",
                          "7 décembre 20O9",
                          "2009-1-7x"}) {
    CAPTURE(bad);
    CHECK(ParseDate(bad).empty());
  }
}

TEST_CASE("ISO dates: the three precisions, a time suffix, and what is rejected") {
  const auto day = ParseIsoDate("2009-02-28");
  REQUIRE(day);
  CHECK(day->year == 2009);
  CHECK(day->month == 2);
  CHECK(day->day == 28);
  const auto month = ParseIsoDate("2009-02");
  REQUIRE(month);
  CHECK(month->day == 0);
  const auto year = ParseIsoDate("2009");
  REQUIRE(year);
  CHECK(year->month == 0);
  CHECK(ParseIsoDate("2008-02-29T10:00:00Z"));  // leap day, time ignored
  for (const char* bad : {"", "09", "2009-2", "2009-13", "2009-00", "2009-02-29", "2009/02/03",
                          "2009-02-3x", "0000", "2009-04-31", "hier", "2009-02-28x"}) {
    CAPTURE(bad);
    CHECK_FALSE(ParseIsoDate(bad));
  }
}

TEST_CASE("--since/--until: whole periods, imprecise dates, errors") {
  const auto range = ParseDateRange("2010-06", "2012");
  REQUIRE(range.ok());
  auto in = [&](const char* d) { return InDateRange(*ParseIsoDate(d), *range); };
  CHECK(in("2010-06-01"));
  CHECK(in("2010-06"));
  CHECK(in("2012-12-31"));  // --until 2012 includes all of 2012
  CHECK_FALSE(in("2010-05-31"));
  CHECK_FALSE(in("2010"));  // may be January 2010
  CHECK_FALSE(in("2013-01-01"));
  CHECK(ParseDateRange("", "").value().empty());
  const auto bad = ParseDateRange("last year", "");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == StatusCode::kInvalidArgument);
  CHECK(bad.status().message().find("--since") != std::string::npos);
  const auto reversed = ParseDateRange("2012", "2011-12-31");
  REQUIRE_FALSE(reversed.ok());
  CHECK(reversed.status().message().find("after") != std::string::npos);
}

TEST_CASE("leap years and month lengths, century years included") {
  CHECK(IsLeapYear(2008));
  CHECK_FALSE(IsLeapYear(2009));
  CHECK_FALSE(IsLeapYear(1900));
  CHECK(IsLeapYear(2000));
  CHECK_FALSE(IsLeapYear(2100));
  CHECK(IsLeapYear(2400));
  CHECK(DaysInMonth(2008, 2) == 29);
  CHECK(DaysInMonth(2009, 2) == 28);
  CHECK(DaysInMonth(1900, 2) == 28);
  CHECK(DaysInMonth(2000, 2) == 29);
  CHECK(DaysInMonth(2009, 1) == 31);
  CHECK(DaysInMonth(2009, 4) == 30);
  CHECK(DaysInMonth(2009, 12) == 31);
}

TEST_CASE("day numbers: known days, and every day from 0001-01-01 to 9999-12-31 in turn") {
  CHECK(DaysFromCivil(1970, 1, 1) == 0);
  CHECK(DaysFromCivil(1969, 12, 31) == -1);
  CHECK(DaysFromCivil(2000, 3, 1) == 11017);
  CHECK(DaysFromCivil(2008, 2, 29) == 13938);
  CHECK(DaysFromCivil(2009, 12, 7) == 14585);
  // Counting the days one by one, month lengths from DaysInMonth: each has the next number,
  // and that number gives the date back.
  std::int64_t expected = DaysFromCivil(1, 1, 1);
  CHECK(expected == -719162);
  int failures = 0;
  for (int y = 1; y <= 9999; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= DaysInMonth(y, m); ++d, ++expected) {
        const CalendarDate back = CivilFromDays(expected);
        if ((DaysFromCivil(y, m, d) != expected || back.year != y || back.month != m ||
             back.day != d) &&
            ++failures <= 5) {
          FAIL_CHECK(y << "-" << m << "-" << d);
        }
      }
    }
  }
  CHECK(failures == 0);
  CHECK(expected - 1 == 2932896);  // 9999-12-31
}

TEST_CASE("the first and last day a date may mean, and days written as ISO dates") {
  CHECK(FirstDay({2012, 0, 0}) == DaysFromCivil(2012, 1, 1));
  CHECK(LastDay({2012, 0, 0}) == DaysFromCivil(2012, 12, 31));
  CHECK(FirstDay({2012, 2, 0}) == DaysFromCivil(2012, 2, 1));
  CHECK(LastDay({2012, 2, 0}) == DaysFromCivil(2012, 2, 29));
  CHECK(LastDay({2011, 2, 0}) == DaysFromCivil(2011, 2, 28));
  CHECK(FirstDay({2012, 7, 14}) == LastDay({2012, 7, 14}));
  CHECK(IsoDay(0) == "1970-01-01");
  CHECK(IsoDay(-1) == "1969-12-31");
  CHECK(IsoDay(13938) == "2008-02-29");
  CHECK(IsoDay(-719162) == "0001-01-01");
  CHECK(IsoDay(2932896) == "9999-12-31");
}

}  // namespace
}  // namespace trendscan

TEST_CASE("a line that is a date, as opposed to a sentence that starts with one") {
  using trendscan::ParseDateLine;
  CHECK(ParseDateLine("07 déc. 2009") == "2009-12-07");
  CHECK(ParseDateLine("  lundi 7 décembre 2009 à 10h32 ") == "2009-12-07");
  CHECK(ParseDateLine("2009-12-07 10:32") == "2009-12-07");
  CHECK(ParseDateLine("Dec 7, 2009") == "2009-12-07");
  CHECK(ParseDateLine("décembre 2009") == "2009-12");
  CHECK(ParseDateLine("Le 7 décembre 2009, il pleuvait.").empty());
  CHECK(ParseDateLine("2009 a été une année étrange").empty());
  CHECK(ParseDateLine("7 décembre 2009 à la mairie").empty());
  CHECK(ParseDateLine("Un titre").empty());
}
