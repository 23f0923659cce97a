// libFuzzer target: the JSON and text renderers on hostile reports (every string from the
// input: escapes, newlines, bytes that are not UTF-8, many metadata keys). The JSON must parse
// and hold no raw control character; the text must be UTF-8 with no control character but the
// newline and the tab, and nothing may crash or take quadratic time.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "trendscan/report/render.hpp"
#include "util/utf8.hpp"

namespace {

using trendscan::Report;

std::string Text(FuzzedDataProvider& in, std::size_t max = 64) {
  return in.ConsumeRandomLengthString(max);
}

// Indices into a vector of `size` (size > 0).
std::size_t Index(FuzzedDataProvider& in, std::size_t size) {
  return in.ConsumeIntegralInRange<std::size_t>(0, size - 1);
}

Report BuildReport(FuzzedDataProvider& in) {
  Report r;
  r.tool_version = Text(in, 8);
  r.clustering.algorithm = Text(in, 16);
  r.known_themes_source = Text(in);
  r.unit = in.ConsumeBool() ? "document" : "paragraph";
  for (int i = in.ConsumeIntegralInRange(0, 3); i > 0; --i) {
    r.parameters.push_back({Text(in, 12), Text(in)});
  }
  for (int i = in.ConsumeIntegralInRange(0, 3); i > 0; --i) {
    trendscan::KnownThemeEntry k;
    k.id = Text(in, 16);
    k.name = Text(in);
    r.known_themes.push_back(k);
  }
  const int themes = in.ConsumeIntegralInRange(0, 4);
  const std::size_t documents = in.ConsumeIntegralInRange<std::size_t>(1, 12);
  for (std::size_t d = 0; d < documents; ++d) {
    trendscan::DocumentEntry e;
    e.id = Text(in);
    e.path = Text(in);
    e.title = Text(in, 200);
    e.date = Text(in, 10);
    e.label = Text(in, 16);
    e.theme = in.ConsumeIntegralInRange(0, themes);
    if (e.theme > 0) {
      r.theme_mix.Append({{e.theme, 1, 1.0}});
    } else {
      r.theme_mix.Append({});
    }
    r.known_scores.resize(r.known_scores.size() + r.known_themes.size(),
                          in.ConsumeProbability<double>());
    if (!r.known_themes.empty() && in.ConsumeBool()) {
      e.known_theme = static_cast<int>(Index(in, r.known_themes.size()));
    }
    // Many keys, some repeated: rendering must stay linear.
    const std::size_t keys = in.ConsumeIntegralInRange<std::size_t>(0, 3000);
    for (std::size_t k = 0; k < keys && in.remaining_bytes() > 0; ++k) {
      if (in.ConsumeBool()) {
        e.metadata.emplace_back(Text(in, 8), Text(in, 16));
      } else {
        e.metadata.emplace_back("k" + std::to_string(k % 97), Text(in, 4));
      }
    }
    r.documents.push_back(std::move(e));
    trendscan::UnitEntry u;
    u.document = d;
    u.theme = r.documents.back().theme;
    r.units.push_back(u);
  }
  for (int t = 1; t <= themes; ++t) {
    trendscan::Theme theme;
    theme.id = t;
    theme.label = Text(in);
    theme.words = Text(in);
    theme.top_terms.push_back({Text(in, 16), Text(in, 16), 0.5, 1});
    theme.characteristic_terms.push_back({Text(in, 16), Text(in, 16), 3, 1, 4.0, 0.04});
    theme.anti_profile.push_back({Text(in, 16), Text(in, 16), 0, 3, -4.0, 0.04});
    const std::size_t unit = Index(in, r.units.size());
    theme.passages.push_back({unit, r.units[unit].document, 0.5, Text(in, 300), in.ConsumeBool()});
    theme.central_documents.push_back({Index(in, r.documents.size()), 0.5});
    if (!r.known_themes.empty() && in.ConsumeBool()) {
      theme.known.known_theme = static_cast<int>(Index(in, r.known_themes.size()));
      theme.known.is_new = in.ConsumeBool();
    }
    r.themes.push_back(std::move(theme));
  }
  for (int i = in.ConsumeIntegralInRange(0, 4); i > 0; --i) r.notes.push_back(Text(in));
  for (int i = in.ConsumeIntegralInRange(0, 12); i > 0; --i) r.warnings.push_back(Text(in, 200));
  r.corpus.files_skipped = in.ConsumeIntegralInRange(0, 2);
  r.timeline.reason = Text(in);
  if (in.ConsumeBool()) {
    trendscan::Crosstab c;
    c.variable = Text(in, 16);
    for (int v = in.ConsumeIntegralInRange(1, 8); v > 0; --v) c.values.push_back({Text(in), 5});
    for (int t = 1; t <= themes; ++t) {
      trendscan::CrosstabRow row;
      row.theme = t;
      row.label = Text(in);
      row.cells.assign(c.values.size(), {1, 0.5, 4.0, 0.04});
      c.rows.push_back(std::move(row));
    }
    r.crosstabs.push_back(std::move(c));
  }
  return r;
}

// A control character a terminal would act on: C0 (but the newline and the tab), DEL, C1.
bool HasControl(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0x80) {
      return true;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const Report report = BuildReport(in);
  const std::string json = trendscan::RenderJson(report, false, 1);
  if (!nlohmann::json::accept(json)) std::abort();
  if (HasControl(json) || !trendscan::internal::IsValidUtf8(json)) std::abort();
  const std::string text = trendscan::RenderText(report);
  if (HasControl(text) || !trendscan::internal::IsValidUtf8(text)) {
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::abort();
  }
  return 0;
}
