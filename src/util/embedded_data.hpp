#ifndef TRENDSCAN_SRC_UTIL_EMBEDDED_DATA_HPP_
#define TRENDSCAN_SRC_UTIL_EMBEDDED_DATA_HPP_

#include <string_view>

namespace trendscan::internal {

// The stop-word list compiled in for `lang` ("fr" or "en"), or empty for an unknown language.
std::string_view EmbeddedStopwords(std::string_view lang);

// The known-theme lexicon compiled in for `lang` (data/themes/<lang>.txt), or empty.
std::string_view EmbeddedThemes(std::string_view lang);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_UTIL_EMBEDDED_DATA_HPP_
