#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <variant>
#include <vector>

#include "report/json_writer.hpp"
#include "report/sections.hpp"
#include "trendscan/describe/identities.hpp"
#include "trendscan/report/render.hpp"
#include "util/parallel.hpp"
#include "util/utf8.hpp"

namespace trendscan {
namespace {

using internal::JsonWriter;

// Keys are snake_case, as everywhere in the report: "min-df" is "min_df".
std::string SnakeCase(std::string name) {
  std::replace(name.begin(), name.end(), '-', '_');
  std::replace(name.begin(), name.end(), '+', '_');
  return name;
}

void WriteParameter(JsonWriter& w, const ReportParameter& p) {
  w.Key(SnakeCase(p.name));
  std::visit(
      [&w](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          w.Null();
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          w.Value(nlohmann::ordered_json(v));
        } else if constexpr (std::is_same_v<T, std::string>) {
          w.String(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          w.Bool(v);
        } else if constexpr (std::is_floating_point_v<T>) {
          w.Double(v);
        } else {
          w.Int(static_cast<std::int64_t>(v));
        }
      },
      p.value);
}

void WriteTermStatistics(JsonWriter& w, std::string_view key,
                         const std::vector<TermStatistic>& terms) {
  w.Key(key);
  w.BeginArray();
  for (const TermStatistic& t : terms) {
    w.BeginObject();
    w.Field("word", t.word);
    w.Field("term", t.term);
    w.Field("in_theme", t.in_theme);
    w.Field("outside", t.outside);
    w.Field("chi2", t.chi2);
    w.Field("p_value", t.p_value);
    w.EndObject();
  }
  w.EndArray();
}

void WriteKnownThemeRef(JsonWriter& w, std::string_view key, const Report& report, int index) {
  w.Key(key);
  if (index < 0) {
    w.Null();
  } else {
    w.String(report.known_themes[static_cast<std::size_t>(index)].id);
  }
}

// "known_theme" (the match, or null) and "new".
void WriteKnownThemeMatch(JsonWriter& w, const Report& report, const KnownThemeMatch& known) {
  w.Key("known_theme");
  if (known.known_theme >= 0) {
    w.BeginObject();
    WriteKnownThemeRef(w, "id", report, known.known_theme);
    w.Field("name", report.known_themes[static_cast<std::size_t>(known.known_theme)].name);
    w.Field("score", known.score);
    w.Field("items", known.items);
    w.Field("items_about", known.items_about);
    w.IdOrNull("split_of", known.split_of);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Field("new", known.is_new);
}

// "stability" (null when not measured) and "stable".
void WriteStability(JsonWriter& w, const Theme& t) {
  w.Key("stability");
  if (t.stability < 0) {
    w.Null();
  } else {
    w.Double(t.stability);
  }
  w.Field("stable", t.stable);
}

void WriteTopTerms(JsonWriter& w, const std::vector<TermScore>& terms) {
  w.Key("top_terms");
  w.BeginArray();
  for (const TermScore& ts : terms) {
    w.BeginObject();
    w.Field("word", ts.word);
    w.Field("term", ts.term);
    w.Field("weight", ts.weight);
    w.Field("document_frequency", ts.document_frequency);
    w.EndObject();
  }
  w.EndArray();
}

void WritePassages(JsonWriter& w, const Report& report, const std::vector<Passage>& passages) {
  w.Key("passages");
  w.BeginArray();
  for (const Passage& p : passages) {
    const UnitEntry& u = report.units[p.unit];
    w.BeginObject();
    w.Field("unit_index", p.unit);
    w.Field("document", IdentityOf(report, p.document).id);
    w.Field("document_index", p.document);
    w.Field("begin", u.begin);
    w.Field("end", u.end);
    w.Field("similarity", p.similarity);
    w.Field("text", p.text);
    w.Field("truncated", p.truncated);
    w.EndObject();
  }
  w.EndArray();
}

void WriteCentralDocuments(JsonWriter& w, const Report& report,
                           const std::vector<CentralDocument>& central) {
  w.Key("central_documents");
  w.BeginArray();
  for (const CentralDocument& cd : central) {
    const DocumentIdentity identity = IdentityOf(report, cd.document);
    w.BeginObject();
    w.Field("document", identity.id);
    w.Field("document_index", cd.document);
    w.Field("title", identity.title);
    w.Field("similarity", cd.similarity);
    w.EndObject();
  }
  w.EndArray();
}

void WriteTheme(JsonWriter& w, const Report& report, const Theme& t) {
  w.BeginObject();
  w.Field("id", t.id);
  w.Field("label", t.label);
  w.Field("words", t.words);
  w.Field("size", t.size);
  w.Field("share", t.share);
  w.Field("documents", t.documents);
  WriteKnownThemeMatch(w, report, t.known);
  WriteStability(w, t);
  WriteTopTerms(w, t.top_terms);
  WriteTermStatistics(w, "characteristic_terms", t.characteristic_terms);
  WriteTermStatistics(w, "anti_profile", t.anti_profile);
  WritePassages(w, report, t.passages);
  WriteCentralDocuments(w, report, t.central_documents);
  w.EndObject();
}

// An array of many items (documents, units), write_one(piece, i) for each i in [0, items) in
// pieces on several threads and spliced in order: the text is the same as written in one go.
template <typename WriteOne>
void WriteLongArray(JsonWriter& w, std::string_view key, std::size_t items, int threads,
                    WriteOne write_one) {
  w.Key(key);
  w.BeginArray();
  constexpr std::size_t kItemsPerPiece = 1024;
  // A round of eight pieces a thread at a time (16 MB of JSON for short posts on 2 threads), so
  // that a streamed report holds a few pieces, not the array (a GB for a million posts).
  const std::size_t pieces_per_round =
      8 * static_cast<std::size_t>(internal::ResolveThreads(threads));
  const std::size_t n_pieces = (items + kItemsPerPiece - 1) / kItemsPerPiece;
  std::vector<std::string> pieces(std::min(n_pieces, pieces_per_round));
  for (std::size_t first = 0; first < n_pieces; first += pieces_per_round) {
    const std::size_t round = std::min(pieces_per_round, n_pieces - first);
    internal::ParallelFor(round, threads, [&](std::size_t r, int) {
      const std::size_t p = first + r;
      pieces[r].clear();
      JsonWriter piece(&pieces[r], w.depth(), p > 0);
      const std::size_t end = std::min(items, (p + 1) * kItemsPerPiece);
      for (std::size_t i = p * kItemsPerPiece; i < end; ++i) write_one(piece, i);
    });
    for (std::size_t r = 0; r < round; ++r) w.Splice(pieces[r]);
  }
  w.EndArray();
}

// A path that is not UTF-8, percent-encoded: every byte outside printable ASCII, and '%', as
// %XX, so the exact bytes of the file name can be read back (JSON strings hold only Unicode).
std::string PercentEncoded(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (c > 0x20 && c < 0x7F && c != '%') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

void WriteDocument(JsonWriter& w, const Report& report, std::size_t i) {
  const DocumentEntry& d = report.documents[i];
  const DocumentIdentity identity = IdentityOf(report, i);
  w.BeginObject();
  w.Field("id", identity.id);
  const std::string& path = d.path;
  w.Field("path", path);
  if (!internal::IsValidUtf8(path)) w.Field("path_bytes", PercentEncoded(path));
  w.Field("title", identity.title);
  w.StringOrNull("date", d.date);
  w.IdOrNull("theme", d.theme);
  w.Field("unclassified", d.unclassified);
  w.Field("similarity", d.similarity);
  if (!identity.metadata.empty()) {
    // An object: a key that repeats in the source keeps its last value, in first-seen order.
    // Found through a hash index: a CSV of 1,000,000 columns must not cost n² comparisons.
    std::vector<std::pair<std::string_view, std::string_view>> meta;
    std::unordered_map<std::string_view, std::size_t> index;
    meta.reserve(identity.metadata.size());
    index.reserve(identity.metadata.size());
    for (const auto& entry : identity.metadata) {
      const auto [it, inserted] = index.try_emplace(entry.first, meta.size());
      if (inserted) {
        meta.emplace_back(entry.first, entry.second);
      } else {
        meta[it->second].second = entry.second;
      }
    }
    w.Key("metadata");
    w.BeginObject();
    for (const auto& [key, value] : meta) w.Field(key, value);
    w.EndObject();
  }
  if (report.quality) w.StringOrNull("label", d.label);
  w.Field("text_offset", d.text_offset);
  w.Field("units", d.units);
  w.Key("theme_mix");
  w.BeginArray();
  for (const ThemeShare& m : ThemeMixOf(report, i)) {
    w.BeginObject();
    w.Field("theme", m.theme);
    w.Field("units", m.units);
    w.Field("share", m.share);
    w.EndObject();
  }
  w.EndArray();
  w.Key("known_scores");
  w.BeginObject();
  const Span<const double> scores = KnownScoresOf(report, i);
  for (std::size_t k = 0; k < scores.size(); ++k) w.Field(report.known_themes[k].id, scores[k]);
  w.EndObject();
  WriteKnownThemeRef(w, "known_theme", report, d.known_theme);
  w.EndObject();
}

void WriteTool(JsonWriter& w, const Report& report) {
  w.Key("tool");
  w.BeginObject();
  w.Field("name", "trendscan");
  w.Field("version", report.tool_version);
  w.StringOrNull("commit", report.tool_build.commit);
  w.Field("icu", report.tool_build.icu);
  w.Field("unicode", report.tool_build.unicode);
  w.StringOrNull("snowball", report.tool_build.snowball);
  w.EndObject();
}

void WriteInput(JsonWriter& w, const InputSummary& input) {
  w.Key("input");
  w.BeginObject();
  w.Field("fingerprint", input.fingerprint);
  w.Field("documents", input.documents);
  w.EndObject();
}

void WriteParameters(JsonWriter& w, const std::vector<ReportParameter>& parameters) {
  w.Key("parameters");
  w.BeginObject();
  for (const ReportParameter& p : parameters) WriteParameter(w, p);
  w.EndObject();
}

void WriteCorpus(JsonWriter& w, const CorpusStats& c) {
  w.Key("corpus");
  w.BeginObject();
  w.Field("documents", c.documents);
  w.Field("files_read", c.files_read);
  w.Field("files_skipped", c.files_skipped);
  w.Field("records_skipped", c.records_skipped);
  w.Field("bytes", c.bytes);
  w.Field("tokens", c.tokens);
  w.Field("kept_tokens", c.kept_tokens);
  w.Field("distinct_terms", c.distinct_terms);
  w.Field("vocabulary", c.vocabulary);
  w.Field("clustered_documents", c.clustered_documents);
  w.Field("units", c.units);
  w.Field("clustered_units", c.clustered_units);
  w.Field("unclassified_documents", c.unclassified_documents);
  w.EndObject();
}

void WriteClustering(JsonWriter& w, const ClusteringSummary& s) {
  w.Key("clustering");
  w.BeginObject();
  w.Field("algorithm", s.algorithm);
  w.Field("k", s.k);
  w.Field("k_criterion", s.k_criterion);
  w.Field("restarts", s.restarts);
  w.Field("best_restart", s.best_restart);
  w.Field("iterations", s.iterations);
  w.Field("refinement_passes", s.refinement_passes);
  w.Field("objective", s.objective);
  w.Field("mean_similarity", s.mean_similarity);
  w.Field("guided", s.guided);
  w.Field("seeded", s.seeded);
  w.Field("stability_resamples", s.stability_resamples);
  w.Field("stable_from", s.stable_from);
  w.Field("stability", s.stability);
  w.EndObject();
}

void WriteKnownThemes(JsonWriter& w, const Report& report) {
  w.Key("known_themes");
  w.BeginObject();
  w.Field("source", report.known_themes_source);
  w.Key("rule");
  w.BeginObject();
  w.Field("min_share", report.known_theme_rule.min_share);
  w.Field("min_occurrences", report.known_theme_rule.min_occurrences);
  w.EndObject();
  w.Key("themes");
  w.BeginArray();
  for (const KnownThemeEntry& k : report.known_themes) {
    w.BeginObject();
    w.Field("id", k.id);
    w.Field("name", k.name);
    w.Field("lexicon_terms", k.lexicon_terms);
    w.Field("terms_in_corpus", k.terms_in_corpus);
    w.Field("themes", nlohmann::ordered_json(k.themes));
    w.Field("documents", k.documents);
    w.Field("items_about", k.items_about);
    w.Field("present", k.present);
    w.Field("guided", k.guided);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteThemes(JsonWriter& w, const Report& report) {
  w.Key("themes");
  w.BeginArray();
  for (const Theme& t : report.themes) WriteTheme(w, report, t);
  w.EndArray();
}

// Only with --k auto.
void WriteKSelection(JsonWriter& w, const std::vector<KCandidate>& candidates) {
  if (candidates.empty()) return;
  w.Key("k_selection");
  w.BeginArray();
  for (const KCandidate& k : candidates) {
    w.BeginObject();
    w.Field("k", k.k);
    w.Field("silhouette", k.silhouette);
    w.Field("objective", k.objective);
    w.Field("stability", k.stability);
    w.Field("min_stability", k.min_stability);
    w.Field("chance_stability", k.chance_stability);
    w.EndObject();
  }
  w.EndArray();
}

// Only with --algorithm bisecting.
void WriteTree(JsonWriter& w, const std::vector<TreeNode>& tree) {
  if (tree.empty()) return;
  w.Key("tree");
  w.BeginArray();
  for (const TreeNode& n : tree) {
    w.BeginObject();
    w.Field("id", n.id);
    w.Key("parent");
    if (n.parent < 0) {
      w.Null();
    } else {
      w.Int(n.parent);
    }
    w.Field("children", nlohmann::ordered_json(n.children));
    w.IdOrNull("theme", n.theme);
    w.Field("size", n.size);
    w.Field("gain", n.gain);
    w.Field("label", n.label);
    w.EndObject();
  }
  w.EndArray();
}

void WriteUnit(JsonWriter& w, const Report& report, std::size_t i) {
  const UnitEntry& u = report.units[i];
  w.BeginObject();
  w.Field("document", IdentityOf(report, u.document).id);
  w.Field("document_index", u.document);
  w.Field("begin", u.begin);
  w.Field("end", u.end);
  w.IdOrNull("theme", u.theme);
  w.Field("similarity", u.similarity);
  WriteKnownThemeRef(w, "known_theme", report, u.known_theme);
  w.Field("known_score", u.known_score);
  w.Field("too_short", u.too_short);
  w.EndObject();
}

// Only with --labels.
void WriteQuality(JsonWriter& w, const std::optional<Quality>& quality) {
  if (!quality) return;
  const Quality& q = *quality;
  w.Key("quality");
  w.BeginObject();
  w.Field("labelled_documents", q.labelled_documents);
  w.Field("labels", q.labels);
  w.Field("nmi", q.nmi);
  w.Field("ari", q.ari);
  w.EndObject();
}

void WriteWarnings(JsonWriter& w, const std::vector<std::string>& warnings) {
  w.Key("warnings");
  w.BeginArray();
  for (const std::string& warning : warnings) w.String(warning);
  w.EndArray();
}

void WriteTimings(JsonWriter& w, const std::vector<StageTiming>& timings) {
  w.Key("timings");
  w.BeginObject();
  for (const StageTiming& t : timings) w.Field(SnakeCase(t.stage), t.seconds);
  w.EndObject();
}

}  // namespace

// Members in schema order; the optional ones leave themselves out.
bool WriteJson(const Report& report, const std::function<bool(std::string_view)>& sink,
               bool include_timings, int threads) {
  std::string out;
  JsonWriter w(&out);
  w.FlushTo(sink, std::size_t{1} << 20);
  w.BeginObject();
  w.Field("schema_version", report.schema_version);
  WriteTool(w, report);
  WriteInput(w, report.input);
  WriteParameters(w, report.parameters);
  WriteCorpus(w, report.corpus);
  w.Field("unit", report.unit);
  w.Field("themes_found_on", report.themes_found_on);
  w.Field("min_unit_words", report.min_unit_words);
  w.Field("notes", nlohmann::ordered_json(report.notes));
  WriteClustering(w, report.clustering);
  WriteKnownThemes(w, report);
  WriteThemes(w, report);
  WriteKSelection(w, report.k_selection);
  WriteTree(w, report.tree);
  WriteLongArray(w, "documents", report.documents.size(), threads,
                 [&](JsonWriter& piece, std::size_t i) { WriteDocument(piece, report, i); });
  WriteLongArray(w, "units", report.units.size(), threads,
                 [&](JsonWriter& piece, std::size_t i) { WriteUnit(piece, report, i); });
  WriteQuality(w, report.quality);
  w.Field("timeline", internal::TimelineToJson(report.timeline));
  w.Field("crosstabs", internal::CrosstabsToJson(report.crosstabs));
  WriteWarnings(w, report.warnings);
  if (include_timings) WriteTimings(w, report.timings);
  w.EndObject();
  out.push_back('\n');
  return w.Flush();
}

std::string RenderJson(const Report& report, bool include_timings, int threads) {
  std::string out;
  out.reserve(1024 + report.documents.size() * 600 + report.units.size() * 160);
  WriteJson(
      report,
      [&](std::string_view piece) {
        out.append(piece);
        return true;
      },
      include_timings, threads);
  return out;
}

}  // namespace trendscan
