#include "trendscan/describe/crosstab.hpp"

#include <cassert>
#include <cmath>
#include <map>

#include "trendscan/describe/stats.hpp"

namespace trendscan {

Crosstab CrossTabulate(const std::string& variable,
                       const std::vector<std::optional<std::string>>& document_values,
                       const std::vector<TimelineItem>& units,
                       const std::vector<TimelineSeriesSpec>& series) {
  Crosstab table;
  table.variable = variable;
  // A sorted map gives the values a fixed order whatever the input order.
  std::map<std::string, std::size_t> value_ids;
  for (const TimelineItem& u : units) {
    const std::optional<std::string>& v = document_values[u.document];
    if (v && !v->empty()) value_ids.emplace(*v, 0);
  }
  for (auto& [value, id] : value_ids) {
    id = table.values.size();
    table.values.push_back({value, 0});
  }
  std::vector<std::optional<std::size_t>> unit_value(units.size());
  for (std::size_t u = 0; u < units.size(); ++u) {
    const std::optional<std::string>& v = document_values[units[u].document];
    if (!v || v->empty()) {
      ++table.missing;
      continue;
    }
    unit_value[u] = value_ids.at(*v);
    ++table.values[*unit_value[u]].units;
    ++table.units;
  }
  for (const TimelineSeriesSpec& spec : series) {
    assert(spec.member.size() == units.size());
    CrosstabRow row;
    row.kind = spec.kind;
    row.theme = spec.theme;
    row.known_theme = spec.known_theme;
    row.label = spec.label;
    row.cells.resize(table.values.size());
    for (std::size_t u = 0; u < units.size(); ++u) {
      if (!unit_value[u] || !spec.member[u]) continue;
      ++row.cells[*unit_value[u]].count;
      ++row.units;
    }
    const double total = static_cast<double>(table.units);
    const double in_row = static_cast<double>(row.units);
    for (std::size_t v = 0; v < table.values.size(); ++v) {
      CrosstabCell& cell = row.cells[v];
      const double a = static_cast<double>(cell.count);
      const double in_value = static_cast<double>(table.values[v].units);
      cell.share = in_value > 0 ? a / in_value : 0.0;
      cell.chi2 = SignedChiSquared({a, in_row - a, in_value - a, total - in_row - in_value + a});
      cell.p = ChiSquaredPValue(cell.chi2);
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace trendscan
