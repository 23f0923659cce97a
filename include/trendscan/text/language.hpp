// The languages trendscan knows how to tokenize, filter and stem.
#ifndef TRENDSCAN_TEXT_LANGUAGE_HPP_
#define TRENDSCAN_TEXT_LANGUAGE_HPP_

#include <optional>
#include <string_view>

namespace trendscan {

enum class Language { kFrench, kEnglish };

// "fr" or "en"; the code used on the command line and in data file names.
std::string_view LanguageCode(Language lang);
// The Snowball algorithm name ("french", "english").
std::string_view SnowballName(Language lang);
// Parses "fr"/"en" (also "french"/"english"); nullopt for anything else.
std::optional<Language> ParseLanguage(std::string_view code);

}  // namespace trendscan

#endif  // TRENDSCAN_TEXT_LANGUAGE_HPP_
