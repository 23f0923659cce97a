#include <nlohmann/json.hpp>

#include "trendscan/report.hpp"

namespace trendscan {
namespace {

using Json = nlohmann::ordered_json;

Json ParameterValue(const ReportParameter& p) {
  return std::visit([](const auto& v) { return Json(v); }, p.value);
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
                 {"clustered_documents", c.clustered_documents}};
  const ClusteringSummary& s = report.clustering;
  j["clustering"] = {{"algorithm", s.algorithm},     {"k", s.k},
                     {"restarts", s.restarts},       {"best_restart", s.best_restart},
                     {"iterations", s.iterations},   {"refinement_passes", s.refinement_passes},
                     {"objective", s.objective},
                     {"mean_similarity", s.mean_similarity}};
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
    themes.push_back({{"id", t.id},
                      {"label", t.label},
                      {"size", t.size},
                      {"share", t.share},
                      {"top_terms", terms},
                      {"central_documents", central}});
  }
  j["themes"] = themes;
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
    docs.push_back(std::move(e));
  }
  j["documents"] = docs;
  if (report.quality) {
    const Quality& q = *report.quality;
    j["quality"] = {{"labelled_documents", q.labelled_documents},
                    {"labels", q.labels},
                    {"nmi", q.nmi},
                    {"ari", q.ari}};
  }
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
