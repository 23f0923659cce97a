#include <nlohmann/json.hpp>

#include "report_sections.hpp"
#include "trendscan/report.hpp"

namespace trendscan {
namespace {

using Json = nlohmann::ordered_json;

Json ParameterValue(const ReportParameter& p) {
  return std::visit([](const auto& v) { return Json(v); }, p.value);
}

Json TermStatistics(const std::vector<TermStatistic>& terms) {
  Json out = Json::array();
  for (const TermStatistic& t : terms) {
    out.push_back({{"word", t.word},
                   {"term", t.term},
                   {"in_theme", t.in_theme},
                   {"outside", t.outside},
                   {"chi2", t.chi2},
                   {"p_value", t.p_value}});
  }
  return out;
}

Json KnownThemeRef(const Report& report, int index) {
  if (index < 0) return Json(nullptr);
  return Json(report.known_themes[static_cast<std::size_t>(index)].id);
}

}  // namespace

std::string RenderJson(const Report& report, bool include_timings) {
  Json j;
  j["schema_version"] = report.schema_version;
  j["tool"] = {{"name", "trendscan"}, {"version", report.tool_version}};
  Json params = Json::object();
  for (const ReportParameter& p : report.parameters) params[p.name] = ParameterValue(p);
  j["parameters"] = params;
  const CorpusStats& c = report.corpus;
  j["corpus"] = {{"documents", c.documents},
                 {"files_read", c.files_read},
                 {"files_skipped", c.files_skipped},
                 {"records_skipped", c.records_skipped},
                 {"bytes", c.bytes},
                 {"tokens", c.tokens},
                 {"kept_tokens", c.kept_tokens},
                 {"distinct_terms", c.distinct_terms},
                 {"vocabulary", c.vocabulary},
                 {"clustered_documents", c.clustered_documents},
                 {"units", c.units},
                 {"clustered_units", c.clustered_units}};
  j["unit"] = report.unit;
  const ClusteringSummary& s = report.clustering;
  j["clustering"] = {{"algorithm", s.algorithm},     {"k", s.k},
                     {"k_criterion", s.k_criterion},
                     {"restarts", s.restarts},       {"best_restart", s.best_restart},
                     {"iterations", s.iterations},   {"refinement_passes", s.refinement_passes},
                     {"objective", s.objective},
                     {"mean_similarity", s.mean_similarity}};
  Json known = Json::array();
  for (const KnownThemeEntry& k : report.known_themes) {
    known.push_back({{"id", k.id},
                     {"name", k.name},
                     {"lexicon_terms", k.lexicon_terms},
                     {"terms_in_corpus", k.terms_in_corpus},
                     {"themes", k.themes},
                     {"documents", k.documents}});
  }
  j["known_themes"] = {{"source", report.known_themes_source},
                       {"threshold", report.known_theme_threshold},
                       {"themes", known}};
  Json themes = Json::array();
  for (const Theme& t : report.themes) {
    Json terms = Json::array();
    for (const TermScore& ts : t.top_terms) {
      terms.push_back({{"word", ts.word},
                       {"term", ts.term},
                       {"weight", ts.weight},
                       {"document_frequency", ts.document_frequency}});
    }
    Json central = Json::array();
    for (const CentralDocument& cd : t.central_documents) {
      central.push_back({{"document", cd.document},
                         {"id", report.documents[cd.document].id},
                         {"title", report.documents[cd.document].title},
                         {"similarity", cd.similarity}});
    }
    Json passages = Json::array();
    for (const Passage& p : t.passages) {
      const UnitEntry& u = report.units[p.unit];
      passages.push_back({{"unit", p.unit},
                          {"document", p.document},
                          {"id", report.documents[p.document].id},
                          {"begin", u.begin},
                          {"end", u.end},
                          {"similarity", p.similarity},
                          {"text", p.text},
                          {"truncated", p.truncated}});
    }
    Json match = Json(nullptr);
    if (t.known.known_theme >= 0) {
      match = {{"id", KnownThemeRef(report, t.known.known_theme)},
               {"name", report.known_themes[static_cast<std::size_t>(t.known.known_theme)].name},
               {"score", t.known.score}};
    }
    themes.push_back({{"id", t.id},
                      {"label", t.label},
                      {"words", t.words},
                      {"size", t.size},
                      {"share", t.share},
                      {"documents", t.documents},
                      {"known_theme", match},
                      {"new", t.known.is_new},
                      {"top_terms", terms},
                      {"characteristic_terms", TermStatistics(t.characteristic_terms)},
                      {"anti_profile", TermStatistics(t.anti_profile)},
                      {"passages", passages},
                      {"central_documents", central}});
  }
  j["themes"] = themes;
  if (!report.k_selection.empty()) {
    Json ks = Json::array();
    for (const KCandidate& c : report.k_selection) {
      ks.push_back({{"k", c.k}, {"silhouette", c.silhouette}, {"objective", c.objective}});
    }
    j["k_selection"] = ks;
  }
  if (!report.tree.empty()) {
    Json tree = Json::array();
    for (const TreeNode& n : report.tree) {
      tree.push_back({{"id", n.id},
                      {"parent", n.parent < 0 ? Json(nullptr) : Json(n.parent)},
                      {"children", n.children},
                      {"theme", n.theme == 0 ? Json(nullptr) : Json(n.theme)},
                      {"size", n.size},
                      {"gain", n.gain},
                      {"label", n.label}});
    }
    j["tree"] = tree;
  }
  Json docs = Json::array();
  for (const DocumentEntry& d : report.documents) {
    Json e = {{"id", d.id},
              {"path", d.path},
              {"title", d.title},
              {"date", d.date.empty() ? Json(nullptr) : Json(d.date)},
              {"theme", d.theme == 0 ? Json(nullptr) : Json(d.theme)},
              {"similarity", d.similarity}};
    if (!d.metadata.empty()) {
      // An object: a key that repeats in the source keeps its last value.
      Json meta = Json::object();
      for (const auto& [key, value] : d.metadata) meta[key] = value;
      e["metadata"] = std::move(meta);
    }
    if (report.quality) e["label"] = d.label.empty() ? Json(nullptr) : Json(d.label);
    e["text_offset"] = d.text_offset;
    e["units"] = d.units;
    Json mix = Json::array();
    for (const ThemeShare& m : d.theme_mix) {
      mix.push_back({{"theme", m.theme}, {"units", m.units}, {"share", m.share}});
    }
    e["theme_mix"] = mix;
    Json scores = Json::object();
    for (std::size_t i = 0; i < d.known_scores.size() && i < report.known_themes.size(); ++i) {
      scores[report.known_themes[i].id] = d.known_scores[i];
    }
    e["known_scores"] = scores;
    e["known_theme"] = KnownThemeRef(report, d.known_theme);
    docs.push_back(std::move(e));
  }
  j["documents"] = docs;
  Json units = Json::array();
  for (const UnitEntry& u : report.units) {
    units.push_back({{"document", u.document},
                     {"begin", u.begin},
                     {"end", u.end},
                     {"theme", u.theme == 0 ? Json(nullptr) : Json(u.theme)},
                     {"similarity", u.similarity},
                     {"known_theme", KnownThemeRef(report, u.known_theme)},
                     {"known_score", u.known_score}});
  }
  j["units"] = units;
  if (report.quality) {
    const Quality& q = *report.quality;
    j["quality"] = {{"labelled_documents", q.labelled_documents},
                    {"labels", q.labels},
                    {"nmi", q.nmi},
                    {"ari", q.ari}};
  }
  j["timeline"] = internal::TimelineToJson(report.timeline);
  j["crosstabs"] = internal::CrosstabsToJson(report.crosstabs);
  j["warnings"] = report.warnings;
  if (include_timings) {
    Json timings = Json::object();
    for (const StageTiming& t : report.timings) timings[t.stage] = t.seconds;
    j["timings"] = timings;
  }
  // Invalid UTF-8 in a title is replaced rather than aborting the whole report.
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace trendscan
