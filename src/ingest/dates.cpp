#include "trendscan/ingest/dates.hpp"

#include <array>
#include <cstdio>
#include <tuple>
#include <vector>

#include "util/text_util.hpp"
#include "util/utf8.hpp"

namespace trendscan {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

// The number `s` writes in decimal digits; false when it is empty or holds anything else.
bool ParseDigits(std::string_view s, int* out) {
  if (!AllDigits(s)) return false;
  *out = ToInt(s);
  return true;
}

// Days from 0001-01-01 (proleptic Gregorian) to the first day of year y.
std::int64_t DaysBeforeYear(int y) {
  const std::int64_t p = y - 1;
  return 365 * p + p / 4 - p / 100 + p / 400;
}

// month or day 0 means "not known".
std::string Format(int year, int month, int day) {
  if (year < 1000 || year > 2999) return "";
  if (month < 0 || month > 12) return "";
  if (month == 0) return day == 0 ? std::to_string(year) : "";
  if (day < 0 || day > DaysInMonth(year, month)) return "";
  char buf[32];
  if (day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

// Month names and abbreviations, French and English, lower case without accents.
int MonthNumber(std::string_view w) {
  static constexpr struct {
    const char* name;
    int month;
  } kMonths[] = {
      {"janvier", 1},   {"janv", 1},      {"jan", 1},       {"january", 1},   {"fevrier", 2},
      {"fevr", 2},      {"fev", 2},       {"feb", 2},       {"february", 2},  {"mars", 3},
      {"mar", 3},       {"march", 3},     {"avril", 4},     {"avr", 4},       {"apr", 4},
      {"april", 4},     {"mai", 5},       {"may", 5},       {"juin", 6},      {"jun", 6},
      {"june", 6},      {"juillet", 7},   {"juil", 7},      {"jul", 7},       {"july", 7},
      {"aout", 8},      {"aug", 8},       {"august", 8},    {"septembre", 9}, {"sept", 9},
      {"sep", 9},       {"september", 9}, {"octobre", 10},  {"oct", 10},      {"october", 10},
      {"novembre", 11}, {"nov", 11},      {"november", 11}, {"decembre", 12}, {"dec", 12},
      {"december", 12},
  };
  for (const auto& m : kMonths) {
    if (w == m.name) return m.month;
  }
  return 0;
}

bool IsWeekday(std::string_view w) {
  for (const char* d :
       {"lundi",  "mardi",   "mercredi",  "jeudi",    "vendredi", "samedi",   "dimanche",
        "monday", "tuesday", "wednesday", "thursday", "friday",   "saturday", "sunday",
        "lun",    "mar",     "mer",       "jeu",      "ven",      "sam",      "dim",
        "mon",    "tue",     "wed",       "thu",      "fri",      "sat",      "sun"}) {
    if (w == d) return true;
  }
  return false;
}

// Lower-cases ASCII and folds the accented letters French month names use (é è ê û, either
// case), so "Décembre", "decembre" and "DÉCEMBRE" all read the same.
std::string Fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const internal::Utf8Char ch = internal::DecodeUtf8(s, i);
      char folded = 0;
      if (std::u32string_view(U"éèêÉÈÊ").find(ch.code_point) != std::u32string_view::npos) {
        folded = 'e';
      } else if (std::u32string_view(U"ûùÛÙ").find(ch.code_point) != std::u32string_view::npos) {
        folded = 'u';
      }
      if (folded != 0) {
        out += folded;
        i += static_cast<std::size_t>(ch.length) - 1;
        continue;
      }
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
  return out;
}

// "2009", "2009-12", "2009-12-07", optionally followed by a time ("T10:00", " 10:00").
std::string ParseIso(std::string_view s) {
  if (s.size() < 4 || !AllDigits(s.substr(0, 4))) return "";
  const int year = ToInt(s.substr(0, 4));
  if (s.size() == 4) return Format(year, 0, 0);
  if (s.size() == 8 && AllDigits(s))
    return Format(year, ToInt(s.substr(4, 2)), ToInt(s.substr(6, 2)));
  const char sep = s[4];
  if (sep != '-' && sep != '/') return "";
  if (s.size() < 7 || !AllDigits(s.substr(5, 2))) return "";
  const int month = ToInt(s.substr(5, 2));
  if (month == 0) return "";
  if (s.size() == 7) return Format(year, month, 0);
  if (s[7] != sep || s.size() < 10 || !AllDigits(s.substr(8, 2))) return "";
  const int day = ToInt(s.substr(8, 2));
  if (day == 0) return "";
  if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return "";
  return Format(year, month, day);
}

// "07/12/2009", "7-12-2009", "07.12.2009": day first, as French writes it.
std::string ParseDayFirst(std::string_view s) {
  std::size_t i = 0;
  auto number = [&](std::size_t min_len, std::size_t max_len) -> int {
    const std::size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    const std::size_t len = i - start;
    if (len < min_len || len > max_len) return -1;
    return ToInt(s.substr(start, len));
  };
  const int day = number(1, 2);
  if (day < 1 || i >= s.size()) return "";
  const char sep = s[i];
  if (sep != '/' && sep != '-' && sep != '.') return "";
  ++i;
  const int month = number(1, 2);
  if (month < 1 || i >= s.size() || s[i] != sep) return "";
  ++i;
  const int year = number(4, 4);
  if (year < 0 || (i < s.size() && s[i] != ' ')) return "";
  return Format(year, month, day);
}

// "7 décembre 2009", "1er janvier 2010", "lundi 7 déc. 2009", "décembre 2009", "Dec 7, 2009".
std::string ParseWords(std::string_view s) {
  std::vector<std::string> words;
  std::string current;
  for (char c : Fold(s)) {
    if (c == ' ' || c == ',' || c == '\t' || c == '.') {
      if (!current.empty()) words.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  std::size_t i = 0;
  if (i < words.size() && words[i] == "le") ++i;
  if (i < words.size() && IsWeekday(words[i]) && i + 1 < words.size() &&
      MonthNumber(words[i + 1]) == 0) {
    ++i;
  }
  if (i < words.size() && words[i] == "le") ++i;
  auto day_of = [](std::string w) -> int {
    if (w.size() > 2 && (w.substr(w.size() - 2) == "er" || w.substr(w.size() - 2) == "st" ||
                         w.substr(w.size() - 2) == "nd" || w.substr(w.size() - 2) == "rd" ||
                         w.substr(w.size() - 2) == "th")) {
      w.resize(w.size() - 2);
    }
    return AllDigits(w) && w.size() <= 2 ? ToInt(w) : -1;
  };
  auto year_of = [](const std::string& w) { return AllDigits(w) && w.size() == 4 ? ToInt(w) : -1; };
  const std::size_t n = words.size() - i;
  if (n >= 3) {
    const int day = day_of(words[i]);
    const int month = MonthNumber(words[i + 1]);
    const int year = year_of(words[i + 2]);
    if (day >= 1 && month > 0 && year > 0) return Format(year, month, day);
    // English order: "Dec 7, 2009".
    const int month_first = MonthNumber(words[i]);
    const int day_second = day_of(words[i + 1]);
    if (month_first > 0 && day_second >= 1 && year > 0)
      return Format(year, month_first, day_second);
  }
  if (n == 2) {
    const int month = MonthNumber(words[i]);
    const int year = year_of(words[i + 1]);
    if (month > 0 && year > 0) return Format(year, month, 0);
  }
  return "";
}

}  // namespace

std::string ParseDate(std::string_view text) {
  const std::string_view s = internal::Trim(text);
  if (s.empty() || s.size() > 64) return "";
  if (IsDigit(s[0])) {
    std::string iso = ParseIso(s);
    if (!iso.empty()) return iso;
    iso = ParseDayFirst(s);
    if (!iso.empty()) return iso;
  }
  return ParseWords(s);
}

namespace {

// "10:32", "10h32", "10h", "10:32:05", or a word that joins a date to its time ("à", "at", "-").
bool IsTimeWord(std::string_view w) {
  if (w == "à" || w == "a" || w == "at" || w == "-" || w == "|" || w == "h") return true;
  std::size_t digits = 0;
  while (digits < w.size() && IsDigit(w[digits])) ++digits;
  if (digits == 0 || digits > 2) return false;
  std::string_view rest = w.substr(digits);
  while (!rest.empty()) {
    if (rest[0] != ':' && rest[0] != 'h') return false;
    rest.remove_prefix(1);
    std::size_t n = 0;
    while (n < rest.size() && IsDigit(rest[n])) ++n;
    if (n != 2 && !(n == 0 && rest.empty())) return false;
    rest.remove_prefix(n);
  }
  return true;
}

}  // namespace

std::string ParseDateLine(std::string_view text) {
  std::vector<std::string_view> words;
  const std::string_view s = internal::Trim(text);
  for (std::size_t pos = 0; pos < s.size();) {
    const std::size_t space = s.find_first_of(" \t", pos);
    const std::size_t end = space == std::string_view::npos ? s.size() : space;
    if (end > pos) words.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  // The shortest run of first words that is a date; every word after it must belong to a time.
  for (std::size_t n = 1; n <= words.size(); ++n) {
    const std::size_t length = static_cast<std::size_t>(words[n - 1].end() - s.begin());
    const std::string iso = ParseDate(s.substr(0, length));
    if (iso.empty()) continue;
    for (std::size_t i = n; i < words.size(); ++i) {
      if (!IsTimeWord(words[i])) return "";
    }
    return iso;
  }
  return "";
}

std::optional<CalendarDate> ParseIsoDate(std::string_view text) {
  if (text.size() > 10 && (text[10] == 'T' || text[10] == ' ')) text = text.substr(0, 10);
  CalendarDate d;
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
  if (!ParseDigits(text.substr(0, 4), &d.year) || d.year < 1) return std::nullopt;
  if (text.size() >= 7) {
    if (text[4] != '-' || text.substr(5, 2).find('-') != std::string_view::npos ||
        !ParseDigits(text.substr(5, 2), &d.month) || d.month < 1 || d.month > 12) {
      return std::nullopt;
    }
  }
  if (text.size() == 10) {
    if (text[7] != '-' || !ParseDigits(text.substr(8, 2), &d.day) || d.day < 1 ||
        d.day > DaysInMonth(d.year, d.month)) {
      return std::nullopt;
    }
  }
  return d;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::int64_t DaysFromCivil(int year, int month, int day) {
  static constexpr std::array<int, 12> kBefore = {0,   31,  59,  90,  120, 151,
                                                  181, 212, 243, 273, 304, 334};
  std::int64_t days =
      DaysBeforeYear(year) + kBefore[static_cast<std::size_t>(month - 1)] + (day - 1);
  if (month > 2 && IsLeapYear(year)) ++days;
  return days - DaysBeforeYear(1970);
}

CalendarDate CivilFromDays(std::int64_t days) {
  const std::int64_t from_start = days + DaysBeforeYear(1970);
  // An estimate from the mean year length, then corrected by at most a step or two.
  int y = static_cast<int>(from_start / 365.2425) + 1;
  while (DaysBeforeYear(y) > from_start) --y;
  while (DaysBeforeYear(y + 1) <= from_start) ++y;
  int left = static_cast<int>(from_start - DaysBeforeYear(y));
  int m = 1;
  while (left >= DaysInMonth(y, m)) left -= DaysInMonth(y, m++);
  return {y, m, left + 1};
}

std::int64_t FirstDay(const CalendarDate& d) {
  return DaysFromCivil(d.year, d.month ? d.month : 1, d.day ? d.day : 1);
}

std::int64_t LastDay(const CalendarDate& d) {
  const int m = d.month ? d.month : 12;
  return DaysFromCivil(d.year, m, d.day ? d.day : DaysInMonth(d.year, m));
}

std::string IsoDay(std::int64_t days) {
  const CalendarDate c = CivilFromDays(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

Result<DateRange> ParseDateRange(std::string_view since, std::string_view until) {
  DateRange range;
  for (auto [text, name, bound] : {std::make_tuple(since, "--since", &range.since),
                                   std::make_tuple(until, "--until", &range.until)}) {
    if (text.empty()) continue;
    *bound = ParseIsoDate(text);
    if (!*bound) {
      return Status::InvalidArgument(std::string(name) + ": '" + std::string(text) +
                                     "' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
    }
  }
  if (range.since && range.until && FirstDay(*range.since) > LastDay(*range.until)) {
    return Status::InvalidArgument("--since " + std::string(since) + " is after --until " +
                                   std::string(until));
  }
  return range;
}

bool InDateRange(const CalendarDate& date, const DateRange& range) {
  if (range.since && FirstDay(date) < FirstDay(*range.since)) return false;
  if (range.until && LastDay(date) > LastDay(*range.until)) return false;
  return true;
}

}  // namespace trendscan
