#include "trendscan/text/language.hpp"

namespace trendscan {

std::string_view LanguageCode(Language lang) { return lang == Language::kFrench ? "fr" : "en"; }

std::string_view SnowballName(Language lang) {
  return lang == Language::kFrench ? "french" : "english";
}

std::optional<Language> ParseLanguage(std::string_view code) {
  if (code == "fr" || code == "french") return Language::kFrench;
  if (code == "en" || code == "english") return Language::kEnglish;
  return std::nullopt;
}

}  // namespace trendscan
