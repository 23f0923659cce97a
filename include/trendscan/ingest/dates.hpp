// Dates as researchers' files write them, read into ISO 8601.
#ifndef TRENDSCAN_INGEST_DATES_HPP_
#define TRENDSCAN_INGEST_DATES_HPP_

#include <string>
#include <string_view>

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

}  // namespace trendscan

#endif  // TRENDSCAN_INGEST_DATES_HPP_
