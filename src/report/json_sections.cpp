#include "report/sections.hpp"

namespace trendscan::internal {
namespace {

using Json = nlohmann::ordered_json;

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

}  // namespace

Json TimelineToJson(const Timeline& t) {
  Json j;
  j["available"] = t.available;
  j["reason"] = OrNull(t.reason);
  j["unit"] = t.unit;
  j["period"] = OrNull(t.period);
  j["period_requested"] = t.period_requested;
  j["period_rule"] = t.period_rule;
  j["min_period_documents"] = t.min_period_documents;
  j["min_trend_periods"] = t.min_trend_periods;
  j["min_change_share"] = t.min_change;
  j["significance"] = t.significance;
  j["since"] = OrNull(t.since);
  j["until"] = OrNull(t.until);
  j["documents"] = {{"analysed", t.documents},
                    {"in_timeline", t.in_timeline},
                    {"undated", t.undated},
                    {"too_coarse", t.too_coarse},
                    {"without_unit", t.without_unit},
                    {"excluded_outside_range", t.excluded_outside_range},
                    {"excluded_undated", t.excluded_undated}};
  Json periods = Json::array();
  for (const TimelinePeriod& p : t.periods) {
    periods.push_back({{"label", p.label},
                       {"start", p.start},
                       {"end", p.end},
                       {"documents", p.documents},
                       {"units", p.units},
                       {"sparse", p.sparse}});
  }
  j["periods"] = periods;
  Json series = Json::array();
  for (const TimelineSeries& s : t.series) {
    Json shares = Json::array();
    for (std::size_t p = 0; p < s.shares.size(); ++p) {
      shares.push_back(t.periods[p].units == 0 ? Json(nullptr) : Json(s.shares[p]));
    }
    const TrendFigures& f = s.trend;
    Json trend = {{"flag", f.flag}, {"periods_used", f.periods_used}};
    if (f.computed) {
      // Shares are fractions of the period's units (0 to 1), here as everywhere in the JSON;
      // the text report shows them in percentage points (x 100). The keys say the unit.
      trend["slope_share_per_period"] = f.slope;
      trend["slope_share_per_period_ci"] = {f.slope_low, f.slope_high};
      trend["slope_p_value"] = f.slope_p;
      trend["change_share"] = f.change;
      trend["mann_kendall"] = {{"s", f.mann_kendall_s},
                               {"z", f.mann_kendall_z},
                               {"p_value", f.mann_kendall_p},
                               {"tau", f.kendall_tau}};
    }
    series.push_back({{"kind", s.kind},
                      {"theme", s.theme == 0 ? Json(nullptr) : Json(s.theme)},
                      {"known_theme", s.known_theme.empty() ? Json(nullptr) : Json(s.known_theme)},
                      {"label", s.label},
                      {"counts", s.counts},
                      {"shares", shares},
                      {"trend", trend}});
  }
  j["series"] = series;
  return j;
}

Json CrosstabsToJson(const std::vector<Crosstab>& crosstabs) {
  Json all = Json::array();
  for (const Crosstab& c : crosstabs) {
    Json values = Json::array();
    for (const CrosstabValue& v : c.values) {
      values.push_back({{"value", v.value}, {"units", v.units}});
    }
    Json rows = Json::array();
    for (const CrosstabRow& r : c.rows) {
      Json cells = Json::array();
      for (std::size_t v = 0; v < r.cells.size(); ++v) {
        const CrosstabCell& cell = r.cells[v];
        cells.push_back({{"value", c.values[v].value},
                         {"count", cell.count},
                         {"share", cell.share},
                         {"chi2", cell.chi2},
                         {"p_value", cell.p}});
      }
      rows.push_back({{"kind", r.kind},
                      {"theme", r.theme == 0 ? Json(nullptr) : Json(r.theme)},
                      {"known_theme", r.known_theme.empty() ? Json(nullptr) : Json(r.known_theme)},
                      {"label", r.label},
                      {"units", r.units},
                      {"cells", cells}});
    }
    all.push_back({{"variable", c.variable},
                   {"units", c.units},
                   {"missing", c.missing},
                   {"values", values},
                   {"themes", rows}});
  }
  return all;
}

}  // namespace trendscan::internal
