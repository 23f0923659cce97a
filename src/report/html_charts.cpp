// The HTML report's drawings, as inline SVG written by hand: no plotting library at run time,
// and the same report gives the same bytes. Coordinates are in a viewBox the page scales to its
// width. Every drawing has a <title> and <desc>; the page puts a table of the same figures next
// to it.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "report/escape.hpp"
#include "report/html_parts.hpp"
#include "util/utf8.hpp"

namespace trendscan::internal {
namespace {

// Okabe and Ito (2008), "Color Universal Design": blue, orange, bluish green, vermillion,
// reddish purple, sky blue, yellow, black. Each marker is outlined, so yellow shows on white.
constexpr std::array<const char*, 8> kPalette = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                                 "#CC79A7", "#56B4E9", "#F0E442", "#000000"};
constexpr std::size_t kShapes = 8;

std::string N(double v) { return fmt::format("{:.1f}", v); }

std::size_t Index(int theme) { return theme > 0 ? static_cast<std::size_t>(theme - 1) : 0; }

// Roughly how wide a text is at this font size: good enough to keep labels apart.
double TextWidth(std::string_view text, double font_size) {
  return 0.58 * font_size * static_cast<double>(CountCodePoints(text));
}

std::string SvgOpen(double width, double height, const std::string& id, const std::string& title,
                    const std::string& desc, const char* css_class) {
  return fmt::format(
      "<svg class=\"{}\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
      "aria-labelledby=\"{}-t {}-d\" xmlns=\"http://www.w3.org/2000/svg\">"
      "<title id=\"{}-t\">{}</title><desc id=\"{}-d\">{}</desc>",
      css_class, N(width), N(height), N(width), N(height), id, id, id, HtmlEscape(title), id,
      HtmlEscape(desc));
}

std::string Text(double x, double y, std::string_view text, std::string_view attributes = "") {
  return fmt::format("<text x=\"{}\" y=\"{}\"{}{}>{}</text>", N(x), N(y),
                     attributes.empty() ? "" : " ", attributes, HtmlEscape(text));
}

std::string Line(double x1, double y1, double x2, double y2, std::string_view css_class) {
  return fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" class=\"{}\"/>", N(x1), N(y1),
                     N(x2), N(y2), css_class);
}

// A label's box, to keep labels from covering each other.
struct Box {
  double x0, y0, x1, y1;
  bool Overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

std::string Percent(double share) { return fmt::format("{:.0f}%", 100.0 * share); }

}  // namespace

std::string SafeId(std::string_view text) {
  std::string id;
  for (char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_';
    id += plain ? c : '-';
  }
  return id;
}

std::string PValueText(double p) {
  if (p < 1e-16) return "p < 1e-16";
  return fmt::format("p = {:.2g}", p);
}

std::string ThemeColor(int theme) { return kPalette[Index(theme) % kPalette.size()]; }

std::string ThemeMarker(int theme, double x, double y, double r, std::string_view extra) {
  const std::size_t i = Index(theme);
  const std::size_t shape = (i + i / kShapes) % kShapes;
  const std::string style = fmt::format("fill=\"{}\" class=\"marker\"{}{}", ThemeColor(theme),
                                        extra.empty() ? "" : " ", extra);
  auto polygon = [&](const std::vector<std::pair<double, double>>& points) {
    std::string p;
    for (const auto& [dx, dy] : points) {
      p += fmt::format("{}{},{}", p.empty() ? "" : " ", N(x + dx * r), N(y + dy * r));
    }
    return fmt::format("<polygon points=\"{}\" {}/>", p, style);
  };
  switch (shape) {
    case 0:
      return fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {}/>", N(x), N(y), N(r), style);
    case 1:
      return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}/>", N(x - 0.85 * r),
                         N(y - 0.85 * r), N(1.7 * r), N(1.7 * r), style);
    case 2:
      return polygon({{0, -1.15}, {1.05, 0.75}, {-1.05, 0.75}});
    case 3:
      return polygon({{0, -1.2}, {1.2, 0}, {0, 1.2}, {-1.2, 0}});
    case 4:
      return polygon({{0, 1.15}, {1.05, -0.75}, {-1.05, -0.75}});
    case 5:
      return polygon({{-0.35, -1},
                      {0.35, -1},
                      {0.35, -0.35},
                      {1, -0.35},
                      {1, 0.35},
                      {0.35, 0.35},
                      {0.35, 1},
                      {-0.35, 1},
                      {-0.35, 0.35},
                      {-1, 0.35},
                      {-1, -0.35},
                      {-0.35, -0.35}});
    case 6: {
      std::vector<std::pair<double, double>> star;
      for (int k = 0; k < 10; ++k) {
        const double a = -M_PI / 2 + k * M_PI / 5;
        const double radius = k % 2 == 0 ? 1.2 : 0.5;
        star.emplace_back(radius * std::cos(a), radius * std::sin(a));
      }
      return polygon(star);
    }
    default: {
      std::vector<std::pair<double, double>> hexagon;
      for (int k = 0; k < 6; ++k) {
        const double a = M_PI / 6 + k * M_PI / 3;
        hexagon.emplace_back(std::cos(a), std::sin(a));
      }
      return polygon(hexagon);
    }
  }
}

std::string SharedDefinitions() {
  return "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\" "
         "xmlns=\"http://www.w3.org/2000/svg\"><defs>"
         "<pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
         "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#d9d9d9\"/>"
         "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#555\" stroke-width=\"2\"/></pattern>"
         "<pattern id=\"sparse\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" "
         "patternTransform=\"rotate(-45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" "
         "stroke=\"#bbb\" stroke-width=\"1.5\"/></pattern>"
         "</defs></svg>";
}

std::string TermBars(const Theme& theme, bool anti_profile) {
  const std::vector<TermStatistic>& terms =
      anti_profile ? theme.anti_profile : theme.characteristic_terms;
  if (terms.empty()) return "";
  constexpr double kRow = 21, kLabel = 124, kBars = 210, kWidth = 560, kTop = 6;
  double top = 0;
  for (const TermStatistic& t : terms) top = std::max(top, std::fabs(t.chi2));
  const double height = kTop + kRow * static_cast<double>(terms.size()) + 4;
  const std::string id = fmt::format("theme-{}-{}", theme.id, anti_profile ? "anti" : "terms");
  const std::string what = anti_profile ? "least used" : "characteristic";
  std::string svg = SvgOpen(
      kWidth, height, id, fmt::format("Theme {}: its {} terms, by chi-squared", theme.id, what),
      fmt::format("{} bars, one per term, longest the {}; each labelled with its signed "
                  "chi-squared, p-value and occurrences in the theme / outside it",
                  terms.size(), anti_profile ? "most under-represented" : "most over-represented"),
      "bars");
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const TermStatistic& t = terms[i];
    const double y = kTop + kRow * static_cast<double>(i);
    const double w = top > 0 ? std::max(1.0, kBars * std::fabs(t.chi2) / top) : 1.0;
    svg += Text(kLabel - 8, y + 14, t.word, "text-anchor=\"end\" class=\"term\"");
    svg += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" {}/>", N(kLabel), N(y + 3), N(w),
        anti_profile ? std::string("fill=\"url(#hatch)\" class=\"bar anti\"")
                     : fmt::format("fill=\"{}\" class=\"bar\"", ThemeColor(theme.id)));
    svg += Text(kLabel + w + 6, y + 14,
                fmt::format("χ² {:+.1f} · {} · {} / {}", t.chi2, PValueText(t.p_value), t.in_theme,
                            t.outside),
                "class=\"figure\"");
  }
  return svg + "</svg>";
}

std::string Dendrogram(const std::vector<TreeNode>& tree, const std::string& unit) {
  if (tree.empty()) return "";
  // Leaves in depth-first order, children in their order; each node's depth.
  std::vector<int> depth(tree.size(), 0);
  std::vector<double> y(tree.size(), 0);
  std::vector<int> order;
  std::vector<int> stack = {0};
  int max_depth = 0;
  while (!stack.empty()) {
    const int id = stack.back();
    stack.pop_back();
    const TreeNode& n = tree[static_cast<std::size_t>(id)];
    order.push_back(id);
    for (auto c = n.children.rbegin(); c != n.children.rend(); ++c) {
      depth[static_cast<std::size_t>(*c)] = depth[static_cast<std::size_t>(id)] + 1;
      max_depth = std::max(max_depth, depth[static_cast<std::size_t>(*c)]);
      stack.push_back(*c);
    }
  }
  constexpr double kRow = 40, kTop = 26, kLeft = 14, kLeafLabel = 330;
  double leaves = 0;
  for (int id : order) {
    if (tree[static_cast<std::size_t>(id)].children.empty())
      y[static_cast<std::size_t>(id)] = kTop + kRow * leaves++;
  }
  for (std::size_t i = order.size(); i-- > 0;) {  // inner nodes: between their children
    const TreeNode& n = tree[static_cast<std::size_t>(order[i])];
    if (n.children.empty()) continue;
    double sum = 0;
    for (int c : n.children) sum += y[static_cast<std::size_t>(c)];
    y[static_cast<std::size_t>(order[i])] = sum / static_cast<double>(n.children.size());
  }
  // Room for the inner nodes' labels, written above the branch that leads to them.
  double widest = 0;
  for (const TreeNode& n : tree) {
    if (n.theme == 0 && n.parent >= 0) {
      widest = std::max(widest, TextWidth(fmt::format("{} ({})", n.label, n.size), 11));
    }
  }
  const double step = max_depth > 0 ? std::clamp(widest + 16, 90.0, 280.0) : 0;
  const double width = kLeft + step * max_depth + kLeafLabel;
  const double height = kTop + kRow * std::max(0.0, leaves - 1) + 20;
  auto x = [&](int id) { return kLeft + step * depth[static_cast<std::size_t>(id)]; };
  std::string svg =
      SvgOpen(width, height, "tree", "The tree of themes (bisecting k-means)",
              fmt::format("A dendrogram of {} nodes: the root, all clustered {}s, on the left; "
                          "each split into two towards the themes, the leaves, on the right",
                          tree.size(), unit),
              "dendrogram");
  for (int id : order) {
    const TreeNode& n = tree[static_cast<std::size_t>(id)];
    for (int c : n.children) {  // elbow: down (or up) at the parent's x, then across
      svg += fmt::format("<path d=\"M{} {}V{}H{}\" class=\"branch\"/>", N(x(id)),
                         N(y[static_cast<std::size_t>(id)]), N(y[static_cast<std::size_t>(c)]),
                         N(x(c)));
    }
  }
  for (int id : order) {
    const TreeNode& n = tree[static_cast<std::size_t>(id)];
    const double nx = x(id), ny = y[static_cast<std::size_t>(id)];
    if (n.theme > 0) {
      svg += ThemeMarker(n.theme, nx, ny, 6);
      svg += Text(nx + 12, ny + 4, fmt::format("T{} · {} ({} {}s)", n.theme, n.label, n.size, unit),
                  "class=\"leaf\"");
    } else {
      svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3\" class=\"node\"/>", N(nx), N(ny));
      // Above the branch coming in from the left (the root's: to its right, below).
      svg += n.parent >= 0 ? Text(nx - 6, ny - 5, fmt::format("{} ({})", n.label, n.size),
                                  "text-anchor=\"end\" class=\"inner\"")
                           : Text(nx + 6, ny + 15, fmt::format("{} ({})", n.label, n.size),
                                  "class=\"inner\"");
    }
  }
  return svg + "</svg>";
}

std::string MapChart(const Report& report, std::size_t axis_x, std::size_t axis_y,
                     std::size_t* unlabelled) {
  *unlabelled = 0;
  const ThemeMap& map = report.theme_map;
  if (!map.available) return "";
  constexpr double kWidth = 760, kHeight = 560, kMargin = 36;
  auto cx = [&](const MapPoint& p) {
    return axis_x < p.coordinates.size() ? p.coordinates[axis_x] : 0.0;
  };
  auto cy = [&](const MapPoint& p) {
    return axis_y < p.coordinates.size() ? p.coordinates[axis_y] : 0.0;
  };
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  auto extend = [&](const MapPoint& p) {
    x0 = std::min(x0, cx(p));
    x1 = std::max(x1, cx(p));
    y0 = std::min(y0, cy(p));
    y1 = std::max(y1, cy(p));
  };
  for (const MapPoint& p : map.themes) extend(p);
  for (const MapPoint& p : map.terms) extend(p);
  const double pad_x = 0.08 * std::max(x1 - x0, 1e-9), pad_y = 0.08 * std::max(y1 - y0, 1e-9);
  x0 -= pad_x;
  x1 += pad_x;
  y0 -= pad_y;
  y1 += pad_y;
  // One scale for both axes: distances on a correspondence-analysis map mean something.
  const double scale = std::min((kWidth - 2 * kMargin) / (x1 - x0),
                                (kHeight - 2 * kMargin) / std::max(y1 - y0, 1e-9));
  const double ox = kMargin + ((kWidth - 2 * kMargin) - scale * (x1 - x0)) / 2;
  const double oy = kMargin + ((kHeight - 2 * kMargin) - scale * (y1 - y0)) / 2;
  auto px = [&](double v) { return ox + scale * (v - x0); };
  auto py = [&](double v) { return oy + scale * (y1 - v); };  // up is positive
  auto share = [&](std::size_t axis) {
    return axis < map.axis_inertia.size() ? 100 * map.axis_inertia[axis] : 0.0;
  };
  const std::string id = fmt::format("map-{}-{}", axis_x + 1, axis_y + 1);
  std::string svg = SvgOpen(
      kWidth, kHeight, id,
      fmt::format("Map of the themes and their characteristic terms, axes {} and {}", axis_x + 1,
                  axis_y + 1),
      fmt::format("Correspondence analysis: axis {} ({:.1f}% of the inertia) across, axis {} "
                  "({:.1f}%) up; {} themes as large marked points, {} words as small ones in "
                  "their theme's shape and colour",
                  axis_x + 1, share(axis_x), axis_y + 1, share(axis_y), map.themes.size(),
                  map.terms.size()),
      "map");
  svg += Line(px(0), oy, px(0), oy + scale * (y1 - y0), "axis");
  svg += Line(ox, py(0), ox + scale * (x1 - x0), py(0), "axis");
  const std::string x_label = fmt::format("axis {} · {:.1f}%", axis_x + 1, share(axis_x));
  const std::string y_label = axis_y < map.axes
                                  ? fmt::format("axis {} · {:.1f}%", axis_y + 1, share(axis_y))
                                  : std::string("(one axis: two themes)");
  const double x_end = ox + scale * (x1 - x0);
  svg += Text(x_end, py(0) + 14, x_label, "text-anchor=\"end\" class=\"axis-label\"");
  svg += Text(px(0) + 6, oy + 10, y_label, "class=\"axis-label\"");
  // The axis labels and every point are in place first, so no label covers them.
  std::vector<Box> placed = {{x_end - TextWidth(x_label, 11), py(0) + 3, x_end, py(0) + 16},
                             {px(0) + 6, oy, px(0) + 6 + TextWidth(y_label, 11), oy + 12}};
  for (const MapPoint& p : map.terms) {
    placed.push_back({px(cx(p)) - 3, py(cy(p)) - 3, px(cx(p)) + 3, py(cy(p)) + 3});
  }
  // Places a label beside (x, y) where it covers no other, trying right, left, above, below,
  // then the corners; empty when there is no room.
  auto place = [&](const std::string& label, double x, double y, double r, double font,
                   const char* css_class) -> std::string {
    const double w = TextWidth(label, font), h = font;
    const std::array<std::pair<double, double>, 8> at = {{{x + r + 3, y + h / 3},
                                                          {x - r - 3 - w, y + h / 3},
                                                          {x - w / 2, y - r - 3},
                                                          {x - w / 2, y + r + h},
                                                          {x + r, y - r - 2},
                                                          {x + r, y + r + h},
                                                          {x - r - w, y - r - 2},
                                                          {x - r - w, y + r + h}}};
    for (const auto& [lx, ly] : at) {
      const Box box{lx, ly - h, lx + w, ly + 2};
      if (box.x0 < 0 || box.x1 > kWidth || box.y0 < 0 || box.y1 > kHeight) continue;
      if (std::any_of(placed.begin(), placed.end(),
                      [&](const Box& b) { return b.Overlaps(box); })) {
        continue;
      }
      placed.push_back(box);
      return Text(lx, ly, label, fmt::format("class=\"{}\"", css_class));
    }
    return "";
  };
  for (const MapPoint& p : map.themes) {
    placed.push_back({px(cx(p)) - 9, py(cy(p)) - 9, px(cx(p)) + 9, py(cy(p)) + 9});
  }
  // Words drawn at (nearly) the same place share one label, "blog, photos +3": a word used in
  // one theme only lies exactly where every other such word of that theme lies.
  struct Pile {
    double x, y;
    std::vector<std::size_t> words;  // most frequent first
  };
  std::vector<std::size_t> order(map.terms.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return map.terms[a].occurrences > map.terms[b].occurrences;
  });
  std::vector<Pile> piles;
  for (std::size_t i : order) {
    const double x = px(cx(map.terms[i])), y = py(cy(map.terms[i]));
    auto near = std::find_if(piles.begin(), piles.end(), [&](const Pile& p) {
      return std::fabs(p.x - x) < 4 && std::fabs(p.y - y) < 4;
    });
    if (near == piles.end()) {
      piles.push_back({x, y, {i}});
    } else {
      near->words.push_back(i);
    }
  }
  std::string marks, labels;
  for (const MapPoint& p : map.terms) {
    marks += "<g>" +
             fmt::format("<title>{} (theme {}): {:.3f}, {:.3f}</title>", HtmlEscape(p.word),
                         p.theme, cx(p), cy(p)) +
             ThemeMarker(p.theme, px(cx(p)), py(cy(p)), 3.2, "fill-opacity=\"0.75\"") + "</g>";
  }
  for (const MapPoint& p : map.themes) {
    marks += ThemeMarker(p.theme, px(cx(p)), py(cy(p)), 8, "class=\"marker theme-point\"");
  }
  for (const MapPoint& p : map.themes) {
    const std::string& label = report.themes[Index(p.theme)].label;
    std::string l =
        place(fmt::format("T{} · {}", p.theme, label), px(cx(p)), py(cy(p)), 9, 13, "theme-label");
    if (l.empty())
      l = place(fmt::format("T{}", p.theme), px(cx(p)), py(cy(p)), 9, 13, "theme-label");
    labels += l;
  }
  for (const Pile& pile : piles) {
    // As many words as fit in about 40 characters, then how many more.
    std::string label;
    std::size_t shown = 0;
    for (std::size_t i : pile.words) {
      const std::string& word = map.terms[i].word;
      if (shown > 0 && CountCodePoints(label) + CountCodePoints(word) > 38) break;
      label += (shown++ ? ", " : "") + word;
    }
    if (shown < pile.words.size()) label += fmt::format(" +{}", pile.words.size() - shown);
    std::string l = place(label, pile.x, pile.y, 3.2, 11, "word");
    if (l.empty() && shown > 1) {
      shown = 1;
      label = map.terms[pile.words.front()].word + fmt::format(" +{}", pile.words.size() - 1);
      l = place(label, pile.x, pile.y, 3.2, 11, "word");
    }
    if (l.empty()) shown = 0;
    *unlabelled += pile.words.size() - shown;
    labels += l;
  }
  return svg + marks + labels + "</svg>";
}

std::string SeriesChart(const Timeline& timeline, const TimelineSeries& series, double top,
                        int marker_theme) {
  constexpr double kWidth = 340, kHeight = 132, kLeft = 38, kRight = 10, kTop = 10, kBottom = 24;
  const std::size_t n = timeline.periods.size();
  if (n == 0) return "";
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const double step = n > 1 ? plot_w / static_cast<double>(n - 1) : 0;
  auto px = [&](std::size_t p) {
    return kLeft + (n > 1 ? step * static_cast<double>(p) : plot_w / 2);
  };
  const double ceiling = top > 0 ? top : 1;
  auto py = [&](double share) { return kTop + plot_h * (1 - share / ceiling); };
  const std::string name = series.kind == "theme" ? fmt::format("Theme {}", series.theme)
                                                  : "Known theme " + series.known_theme;
  const std::string id = series.kind == "theme" ? fmt::format("series-t{}", series.theme)
                                                : "series-k-" + SafeId(series.known_theme);
  std::string svg = SvgOpen(
      kWidth, kHeight, id, fmt::format("{}: share per {}", name, timeline.period),
      fmt::format("A line of its share of each period's documents, {} periods from {} to {}, "
                  "sparse periods hatched; trend: {}",
                  n, timeline.periods.front().label, timeline.periods.back().label,
                  series.trend.flag),
      "series");
  const double band = n > 1 ? step : plot_w;
  for (std::size_t p = 0; p < n; ++p) {
    if (!timeline.periods[p].sparse) continue;
    svg += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#sparse)\" "
        "class=\"sparse\"/>",
        N(std::max(kLeft - 4, px(p) - band / 2)), N(kTop), N(band), N(plot_h));
  }
  for (double g : {0.0, 0.5, 1.0}) {
    svg += Line(kLeft, py(g * ceiling), kLeft + plot_w, py(g * ceiling), g == 0 ? "axis" : "grid");
    svg += Text(kLeft - 4, py(g * ceiling) + 4, Percent(g * ceiling),
                "text-anchor=\"end\" class=\"tick\"");
  }
  // As many period labels as fit side by side, evenly spaced, the last one included when it
  // does not crowd the one before.
  const double label_w = TextWidth(timeline.periods.back().label, 11) + 10;
  // The first label is anchored at its start and the next ones at their middle: 1.6 widths
  // apart they never touch.
  const std::size_t fit =
      std::max<std::size_t>(2, static_cast<std::size_t>(plot_w / (1.6 * label_w)));
  const std::size_t every = std::max<std::size_t>(1, (n + fit - 1) / fit);
  for (std::size_t p = 0; p < n; p += every) {
    if (p + every > n - 1 && p != n - 1 && p != 0 &&
        step * static_cast<double>(n - 1 - p) < label_w) {
      continue;  // the last label takes this place
    }
    svg += Text(px(p), kHeight - 8, timeline.periods[p].label,
                p == 0 ? "class=\"tick\"" : "text-anchor=\"middle\" class=\"tick\"");
  }
  if ((n - 1) % every != 0) {
    svg += Text(px(n - 1), kHeight - 8, timeline.periods[n - 1].label,
                "text-anchor=\"end\" class=\"tick\"");
  }
  // Markers only while they stay apart; beyond, the line alone (sparse periods stay hatched,
  // and the table has every value).
  const bool markers = n <= 60;
  // The line, broken at periods without documents (they have no share).
  std::string path;
  bool open = false;
  for (std::size_t p = 0; p < n; ++p) {
    if (timeline.periods[p].units == 0) {
      open = false;
      continue;
    }
    path += fmt::format("{}{} {}", open ? "L" : "M", N(px(p)), N(py(series.shares[p])));
    open = true;
  }
  const std::string color = marker_theme > 0 ? ThemeColor(marker_theme) : "#333";
  if (!path.empty()) {
    svg += fmt::format("<path d=\"{}\" class=\"series-line\" stroke=\"{}\"/>", path, color);
  }
  for (std::size_t p = 0; p < n; ++p) {
    if (timeline.periods[p].units == 0) continue;
    const double share = series.shares[p];
    if (!markers) {
      // Without markers a period between two empty ones would be no line at all: a dot.
      const bool alone = (p == 0 || timeline.periods[p - 1].units == 0) &&
                         (p + 1 == n || timeline.periods[p + 1].units == 0);
      if (alone) {
        svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"1.6\" fill=\"{}\"/>", N(px(p)),
                           N(py(share)), color);
      }
      continue;
    }
    const std::string tip = fmt::format(
        "<title>{}: {} ({} of {} documents){}</title>", timeline.periods[p].label, Percent(share),
        series.counts[p], timeline.periods[p].units, timeline.periods[p].sparse ? ", sparse" : "");
    if (timeline.periods[p].sparse) {
      svg += fmt::format("<g>{}<circle cx=\"{}\" cy=\"{}\" r=\"2.6\" class=\"hollow\"/></g>", tip,
                         N(px(p)), N(py(share)));
    } else if (marker_theme > 0) {
      svg += "<g>" + tip + ThemeMarker(marker_theme, px(p), py(share), 3.2) + "</g>";
    } else {
      svg += fmt::format(
          "<g>{}<rect x=\"{}\" y=\"{}\" width=\"5\" height=\"5\" "
          "transform=\"rotate(45 {} {})\" class=\"known-point\"/></g>",
          tip, N(px(p) - 2.5), N(py(share) - 2.5), N(px(p)), N(py(share)));
    }
  }
  return svg + "</svg>";
}

std::string Heatmap(const Crosstab& crosstab, std::size_t max_values, std::size_t* shown) {
  // The values with most documents, then in their (byte-wise) order.
  std::vector<std::size_t> values(crosstab.values.size());
  for (std::size_t v = 0; v < values.size(); ++v) values[v] = v;
  if (values.size() > max_values) {
    std::stable_sort(values.begin(), values.end(), [&](std::size_t a, std::size_t b) {
      return crosstab.values[a].units > crosstab.values[b].units;
    });
    values.resize(max_values);
    std::sort(values.begin(), values.end());
  }
  *shown = values.size();
  if (values.empty() || crosstab.rows.empty()) return "";
  constexpr double kCellW = 30, kCellH = 24, kLeft = 230, kTopLabels = 130;
  double top = 3.841;  // the scale reaches at least the p = 0.05 threshold
  for (const CrosstabRow& r : crosstab.rows) {
    for (std::size_t v : values) top = std::max(top, std::fabs(r.cells[v].chi2));
  }
  const double width = kLeft + kCellW * static_cast<double>(values.size()) + 12;
  const double height = kTopLabels + kCellH * static_cast<double>(crosstab.rows.size()) + 50;
  const std::string id = "heat-" + SafeId(crosstab.variable);
  std::string svg = SvgOpen(
      width, height, id, "Themes by " + crosstab.variable + ": signed chi-squared",
      fmt::format("A grid of {} rows (themes and known themes) by {} values of {}; orange where "
                  "the theme is over-represented among the value's documents, purple where it is "
                  "under-represented, the chi-squared written where p < 0.05",
                  crosstab.rows.size(), values.size(), crosstab.variable),
      "heatmap");
  // Purple (under) to light grey to orange (over): PuOr, readable with the common
  // colour-vision deficiencies; the sign is also written.
  auto color = [&](double chi2) {
    const double t = std::clamp(chi2 / top, -1.0, 1.0);
    const std::array<double, 3> mid = {247, 247, 247};
    const std::array<double, 3> end =
        t >= 0 ? std::array<double, 3>{179, 88, 6} : std::array<double, 3>{84, 39, 136};
    const double a = std::fabs(t);
    return fmt::format("#{:02x}{:02x}{:02x}",
                       static_cast<int>(std::lround(mid[0] + a * (end[0] - mid[0]))),
                       static_cast<int>(std::lround(mid[1] + a * (end[1] - mid[1]))),
                       static_cast<int>(std::lround(mid[2] + a * (end[2] - mid[2]))));
  };
  for (std::size_t c = 0; c < values.size(); ++c) {
    const CrosstabValue& v = crosstab.values[values[c]];
    const double x = kLeft + kCellW * static_cast<double>(c) + kCellW / 2;
    std::string label = v.value;
    if (CountCodePoints(label) > 22) label = std::string(Utf8Prefix(label, 21)) + "…";
    svg += fmt::format(
        "<text transform=\"translate({} {}) rotate(-55)\" class=\"col-label\">{} "
        "({})</text>",
        N(x + 4), N(kTopLabels - 6), HtmlEscape(label), v.units);
  }
  for (std::size_t r = 0; r < crosstab.rows.size(); ++r) {
    const CrosstabRow& row = crosstab.rows[r];
    const double y = kTopLabels + kCellH * static_cast<double>(r);
    std::string name =
        row.kind == "theme" ? fmt::format("T{} · {}", row.theme, row.label) : "K · " + row.label;
    if (CountCodePoints(name) > 30) name = std::string(Utf8Prefix(name, 29)) + "…";
    svg += Text(kLeft - 8, y + 16, name, "text-anchor=\"end\" class=\"row-label\"");
    for (std::size_t c = 0; c < values.size(); ++c) {
      const CrosstabCell& cell = row.cells[values[c]];
      const double x = kLeft + kCellW * static_cast<double>(c);
      const bool strong = std::fabs(cell.chi2) >= 3.841;
      svg += fmt::format(
          "<g><title>{} × {}: {} of {} documents ({}), χ² {:+.2f}, {}</title>"
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" class=\"cell\"/>",
          HtmlEscape(name), HtmlEscape(crosstab.values[values[c]].value), cell.count,
          crosstab.values[values[c]].units, Percent(cell.share), cell.chi2, PValueText(cell.p),
          N(x), N(y), N(kCellW), N(kCellH), color(cell.chi2));
      if (strong) {
        svg += Text(x + kCellW / 2, y + 16, fmt::format("{:+.0f}", cell.chi2),
                    fmt::format("text-anchor=\"middle\" class=\"cell-value{}\"",
                                std::fabs(cell.chi2) / top > 0.55 ? " on-dark" : ""));
      }
      svg += "</g>";
    }
  }
  // The legend: the scale from -top to +top.
  const double ly = kTopLabels + kCellH * static_cast<double>(crosstab.rows.size()) + 18;
  for (int i = 0; i <= 10; ++i) {
    const double chi2 = top * (i - 5) / 5.0;
    svg += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"18\" height=\"12\" fill=\"{}\" "
        "class=\"cell\"/>",
        N(kLeft + 18.0 * i), N(ly), color(chi2));
  }
  svg += Text(kLeft - 8, ly + 10, fmt::format("χ² {:+.0f}", -top),
              "text-anchor=\"end\" class=\"tick\"");
  svg += Text(kLeft + 18 * 11 + 6, ly + 10,
              fmt::format("{:+.0f} (under-represented ← → over-represented; written where "
                          "|χ²| ≥ 3.84, p < 0.05)",
                          top),
              "class=\"tick\"");
  return svg + "</svg>";
}

std::string KSelectionChart(const std::vector<KCandidate>& candidates, int chosen,
                            bool by_stability) {
  if (candidates.empty()) return "";
  constexpr double kWidth = 420, kHeight = 170, kLeft = 46, kRight = 14, kTop = 12, kBottom = 30;
  // The score the k was chosen by: stability above chance, or the silhouette.
  auto score = [by_stability](const KCandidate& c) {
    return by_stability ? c.stability - c.chance_stability : c.silhouette;
  };
  const char* what = by_stability ? "stability − chance" : "silhouette";
  double lo = score(candidates.front()), hi = lo;
  for (const KCandidate& c : candidates) {
    lo = std::min(lo, score(c));
    hi = std::max(hi, score(c));
  }
  if (hi - lo < 1e-6) {
    lo -= 0.01;
    hi += 0.01;
  }
  const int k0 = candidates.front().k, k1 = candidates.back().k;
  auto px = [&](int k) {
    return k1 > k0 ? kLeft + (kWidth - kLeft - kRight) * (k - k0) / static_cast<double>(k1 - k0)
                   : (kWidth + kLeft - kRight) / 2;
  };
  auto py = [&](double s) { return kTop + (kHeight - kTop - kBottom) * (hi - s) / (hi - lo); };
  std::string svg = SvgOpen(
      kWidth, kHeight, "k-selection", fmt::format("The number of themes: {} of each k tried", what),
      fmt::format("A line of the {} for k = {} to {}; the chosen k, {}, is marked", what, k0, k1,
                  chosen),
      "kchart");
  svg += Line(kLeft, kHeight - kBottom, kWidth - kRight, kHeight - kBottom, "axis");
  for (double s : {lo, hi}) {
    svg +=
        Text(kLeft - 4, py(s) + 4, fmt::format("{:.3f}", s), "text-anchor=\"end\" class=\"tick\"");
  }
  std::string path;
  for (const KCandidate& c : candidates) {
    path += fmt::format("{}{} {}", path.empty() ? "M" : "L", N(px(c.k)), N(py(score(c))));
    svg +=
        Text(px(c.k), kHeight - 12, std::to_string(c.k), "text-anchor=\"middle\" class=\"tick\"");
  }
  svg += fmt::format("<path d=\"{}\" class=\"series-line\" stroke=\"#333\"/>", path);
  for (const KCandidate& c : candidates) {
    svg += fmt::format(
        "<g><title>k = {}: {} {:.4f}</title><circle cx=\"{}\" cy=\"{}\" "
        "r=\"{}\" class=\"{}\"/></g>",
        c.k, what, score(c), N(px(c.k)), N(py(score(c))), c.k == chosen ? 6 : 3,
        c.k == chosen ? "chosen" : "hollow");
  }
  return svg + "</svg>";
}

}  // namespace trendscan::internal
