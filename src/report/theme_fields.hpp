// What the writers read from a Theme beyond its plain fields (internal to the library).
#ifndef TRENDSCAN_SRC_REPORT_THEME_FIELDS_HPP_
#define TRENDSCAN_SRC_REPORT_THEME_FIELDS_HPP_

#include <cmath>
#include <optional>
#include <type_traits>
#include <utility>

namespace trendscan::internal {

template <typename T, typename = void>
struct HasStability : std::false_type {};
template <typename T>
struct HasStability<T, std::void_t<decltype(std::declval<const T&>().stability)>> : std::true_type {
};

inline std::optional<double> StabilityValue(double v) {
  if (!std::isfinite(v) || v < 0 || v > 1) return std::nullopt;  // -1: not measured
  return v;
}
inline std::optional<double> StabilityValue(const std::optional<double>& v) {
  return v ? StabilityValue(*v) : std::nullopt;
}

// A theme's stability in [0, 1] (how often it comes back when the clustering is run on
// resamples), or nullopt when it was not measured. Read through a template so that the HTML
// report and the tables show `Theme::stability` (a double, -1 when not measured, or an
// optional) as soon as the clustering stage fills it, and compile before it exists.
template <typename ThemeT>
std::optional<double> StabilityOf(const ThemeT& theme) {
  if constexpr (HasStability<ThemeT>::value) {
    return StabilityValue(theme.stability);
  } else {
    (void)theme;
    return std::nullopt;
  }
}

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_REPORT_THEME_FIELDS_HPP_
