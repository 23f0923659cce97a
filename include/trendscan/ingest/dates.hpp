// Dates: as researchers' files write them, read into ISO 8601 (ParseDate); the ISO dates as
// calendar values (CalendarDate) with the arithmetic on them, proleptic Gregorian; and the
// --since/--until range of days.
#ifndef TRENDSCAN_INGEST_DATES_HPP_
#define TRENDSCAN_INGEST_DATES_HPP_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "trendscan/status.hpp"

namespace trendscan {

// Reads a calendar date and returns it as ISO 8601: "YYYY-MM-DD", or "YYYY-MM" / "YYYY" when
// only that much is known. Returns "" when `text` is not a date it understands (or names an
// impossible one, such as 2009-02-30). Understood, case-insensitive, surrounding blanks ignored:
//  - ISO 8601: "2009", "2009-12", "2009-12-07", "2009-12-07T10:00:00Z" (the time is dropped),
//    "20091207", and "2009/12/07";
//  - day first, as in France: "07/12/2009", "7-12-2009", "07.12.2009";
//  - French words: "7 décembre 2009", "07 déc. 2009", "1er janvier 2010", "lundi 7 décembre
//    2009", "le 7 décembre 2009", "décembre 2009", with or without accents ("fevrier", "aout");
//  - English words: "7 December 2009", "Dec 7, 2009", "December 2009".
// Years are accepted from 1000 to 2999.
std::string ParseDate(std::string_view text);

// As ParseDate, but "" unless the whole of `text` is a date, at most followed by a time of day
// ("07 déc. 2009", "lundi 7 décembre 2009 à 10h32", "2009-12-07 10:32"): a line that *is* a
// date, never a sentence that starts with one ("Le 7 décembre 2009, il pleuvait").
std::string ParseDateLine(std::string_view text);

// ---- The calendar. ----

// A date exactly as precise as its source: month and day are 0 when unknown.
struct CalendarDate {
  int year = 0;   // 1..9999
  int month = 0;  // 1..12, or 0 for a year-only date
  int day = 0;    // 1..31, or 0 when only year (and month) are known
};

// Parses ISO 8601 "YYYY", "YYYY-MM" or "YYYY-MM-DD" (what ParseDate returns); anything after a
// full date that starts with 'T' or ' ' (a time) is ignored. nullopt when the text is not one
// of these forms or names a day that does not exist ("2009-02-30").
std::optional<CalendarDate> ParseIsoDate(std::string_view text);

// Gregorian leap years: divisible by 4, but not by 100 unless by 400.
bool IsLeapYear(int year);

// Days in `month` (1..12) of `year`.
int DaysInMonth(int year, int month);

// Days since 1970-01-01 of a full, valid date; negative before it.
std::int64_t DaysFromCivil(int year, int month, int day);

// The inverse of DaysFromCivil: the full date of a day number.
CalendarDate CivilFromDays(std::int64_t days);

// The first and last day (days since 1970-01-01) that a date of its precision may mean:
// "2012" is 2012-01-01 to 2012-12-31, "2012-02" is 2012-02-01 to 2012-02-29.
std::int64_t FirstDay(const CalendarDate& date);
std::int64_t LastDay(const CalendarDate& date);

// The day as "YYYY-MM-DD".
std::string IsoDay(std::int64_t days);

// ---- The --since/--until range. ----

// An inclusive range of days from --since/--until; either end may be open.
struct DateRange {
  std::optional<CalendarDate> since;  // the range starts on this date's first day
  std::optional<CalendarDate> until;  // and ends on this date's last day ("2012" = 2012-12-31)
  bool empty() const { return !since && !until; }
};

// Parses the two bounds (empty text = open end). Fails with kInvalidArgument naming the option
// when a bound is not an ISO date, or when since is after until.
Result<DateRange> ParseDateRange(std::string_view since, std::string_view until);

// True when every day the date may mean lies in the range: with --since 2010-06, "2010" (which
// may be January) is out, "2010-06" and "2010-07-14" are in.
bool InDateRange(const CalendarDate& date, const DateRange& range);

}  // namespace trendscan

#endif  // TRENDSCAN_INGEST_DATES_HPP_
