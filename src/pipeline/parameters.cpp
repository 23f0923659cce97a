#include "pipeline/parameters.hpp"

#include <cstdint>
#include <string>

namespace trendscan::internal {
namespace {

ReportParameter Int(const char* name, std::int64_t value) { return {name, value}; }

decltype(ReportParameter::value) OrUnset(const std::string& s) {
  if (s.empty()) return std::monostate{};
  return s;
}

void AddClusterParameters(const ClusterOptions& o, std::vector<ReportParameter>* p) {
  if (o.k_selection.automatic) {
    p->push_back({"k", std::string("auto")});
    p->push_back(Int("k-min", o.k_selection.k_min));
    p->push_back(Int("k-max", o.k_selection.k_max));
    p->push_back({"k-criterion",
                  std::string(o.k_selection.criterion == KCriterion::kStability ? "stability"
                                                                                : "silhouette")});
  } else {
    p->push_back(Int("k", o.kmeans.k));
  }
  p->push_back(
      {"algorithm",
       std::string(o.kmeans.algorithm == ClusterAlgorithm::kBisecting ? "bisecting" : "kmeans")});
  p->push_back(Int("seed", static_cast<std::int64_t>(o.kmeans.seed)));
  p->push_back(Int("lsa", o.lsa_components));
  p->push_back(Int("restarts", o.kmeans.restarts));
  p->push_back(Int("max-iterations", o.kmeans.max_iterations));
  p->push_back(Int("stability", o.stability.resamples));
}

void AddTermParameters(const TermOptions& terms, const TfidfOptions& tfidf,
                       std::vector<ReportParameter>* p) {
  p->push_back({"lang", std::string(LanguageCode(terms.language))});
  p->push_back({"stem", terms.normalizer.stem});
  p->push_back({"stopwords", terms.stopwords_source});
  p->push_back({"min-df", tfidf.min_df});
  p->push_back({"max-df", tfidf.max_df});
  p->push_back({"sublinear-tf", tfidf.sublinear_tf});
  p->push_back({"idf-power", tfidf.idf_power});
  p->push_back({"keep-numbers", terms.tokenizer.keep_numbers});
  p->push_back({"keep-urls", terms.tokenizer.keep_urls});
  p->push_back({"keep-tags", terms.tokenizer.keep_tags});
  p->push_back(Int("min-length", static_cast<std::int64_t>(terms.tokenizer.min_length)));
}

void AddOverTimeParameters(const OverTimeOptions& o, std::vector<ReportParameter>* p) {
  p->push_back({"period", std::string(PeriodName(o.timeline.period))});
  p->push_back(
      Int("min-period-documents", static_cast<std::int64_t>(o.timeline.min_period_documents)));
  // An open end is not set (null), not "".
  p->push_back({"since", OrUnset(o.timeline.since)});
  p->push_back({"until", OrUnset(o.timeline.until)});
  p->push_back({"by", o.by});
}

}  // namespace

std::vector<ReportParameter> DescribeParameters(const AnalyzeOptions& o) {
  std::vector<ReportParameter> p;
  AddClusterParameters(o.cluster, &p);
  AddTermParameters(o.terms, o.tfidf, &p);
  p.push_back(Int("top-terms", o.themes.top_terms));
  p.push_back(Int("central-documents", o.themes.central_documents));
  p.push_back({"unit", std::string(UnitKindName(o.units.kind))});
  p.push_back(Int("segment-words", o.units.segment_words));
  p.push_back(Int("passages", o.themes.passages));
  p.push_back(Int("passage-chars", o.themes.passage_chars));
  p.push_back(Int("min-term-frequency", o.themes.min_term_frequency));
  p.push_back({"themes", o.themes.known.source});
  p.push_back({"known-theme-share", o.themes.known.rule.min_share});
  p.push_back({"guided", o.themes.known.guide});
  p.push_back({"unclassified-below", o.themes.unclassified_below});
  p.push_back(Int("min-unit-words", o.units.min_unit_words));
  AddOverTimeParameters(o.over_time, &p);
  return p;
}

}  // namespace trendscan::internal
