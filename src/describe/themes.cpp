#include "describe/themes.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <string_view>

#include "util/text_util.hpp"
#include "trendscan/describe/profiles.hpp"
#include "trendscan/describe/known_themes.hpp"

namespace trendscan::internal {
namespace {

// The counts of a document's units, merged and weighted like BuildTfidf weights a row
// (tf or 1 + ln tf, times idf, L2-normalised), over the matrix columns only.
SparseRows DocumentRows(const std::vector<Unit>& units, const TermCounts& counts,
                             const std::vector<std::int32_t>& column_of_term,
                             const std::vector<float>& idf, bool sublinear_tf,
                             std::size_t documents) {
  // Units are in document order, so each document's counts are one contiguous run of units:
  // gather them, sort by column and merge (no per-document tree).
  SparseRows rows(static_cast<Eigen::Index>(documents), static_cast<Eigen::Index>(idf.size()));
  std::vector<Eigen::Triplet<float>> triplets;
  std::vector<std::pair<std::int32_t, std::uint64_t>> merged;
  std::vector<double> w;
  std::size_t u = 0;
  for (std::size_t d = 0; d < documents; ++d) {
    merged.clear();
    for (; u < units.size() && units[u].document == d; ++u) {
      for (const TermCount& tc : counts.documents[u]) {
        const std::int32_t column = column_of_term[tc.term];
        if (column >= 0) merged.emplace_back(column, tc.count);
      }
    }
    std::sort(merged.begin(), merged.end());
    std::size_t out = 0;
    for (std::size_t i = 0; i < merged.size(); ++i) {
      if (out > 0 && merged[out - 1].first == merged[i].first) {
        merged[out - 1].second += merged[i].second;
      } else {
        merged[out++] = merged[i];
      }
    }
    merged.resize(out);
    double norm2 = 0;
    w.clear();
    for (const auto& [column, n] : merged) {
      const double tf =
          sublinear_tf ? 1.0 + std::log(static_cast<double>(n)) : static_cast<double>(n);
      w.push_back(tf * idf[static_cast<std::size_t>(column)]);
      norm2 += w.back() * w.back();
    }
    const double inv = norm2 > 0 ? 1.0 / std::sqrt(norm2) : 0.0;
    for (std::size_t i = 0; i < merged.size(); ++i) {
      triplets.emplace_back(static_cast<int>(d), merged[i].first, static_cast<float>(w[i] * inv));
    }
  }
  rows.setFromTriplets(triplets.begin(), triplets.end());
  return rows;
}

double RowDot(const SparseRows& rows, Eigen::Index r, const Eigen::MatrixXf& dense,
              Eigen::Index dense_row) {
  double dot = 0;
  for (SparseRows::InnerIterator it(rows, r); it; ++it) {
    dot += static_cast<double>(it.value()) * dense(dense_row, it.index());
  }
  return dot;
}

TermStatistic ToStatistic(const TermAssociation& a, const Vocabulary& vocabulary) {
  return {vocabulary.display[a.term],
          vocabulary.terms[a.term],
          a.in_theme,
          a.outside,
          a.chi2,
          a.p_value};
}

// The `count` strongest words of a centroid-like vector, joined with " · ".
std::string TopWordsLabel(const Eigen::VectorXf& weights, const Vocabulary& vocabulary, int count) {
  std::vector<int> ids(static_cast<std::size_t>(weights.size()));
  std::iota(ids.begin(), ids.end(), 0);
  const auto top = std::min<std::size_t>(static_cast<std::size_t>(count), ids.size());
  std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(top), ids.end(),
                    [&](int a, int b) { return weights(a) != weights(b) ? weights(a) > weights(b) : a < b; });
  std::string label;
  for (std::size_t i = 0; i < top && weights(ids[i]) > 0; ++i) {
    label += (i ? " · " : "") + vocabulary.display[static_cast<std::size_t>(ids[i])];
  }
  return label;
}

}  // namespace

// The unit's text on one line: runs of white space become one space, then cut to `max_chars`.
std::string Quote(std::string_view text, std::size_t max_chars, bool* truncated) {
  std::string flat;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !flat.empty()) flat += ' ';
    space = false;
    flat += c;
  }
  std::string cut = Truncate(flat, max_chars);
  *truncated = cut.size() != flat.size();
  return cut;
}


Status DescribeThemes(const ThemeInputs& in, Report* report) {
  const Corpus& corpus = *in.corpus;
  const std::vector<Unit>& units = *in.units;
  const TermCounts& counts = *in.counts;
  const TfidfMatrix& tfidf = *in.tfidf;
  const std::vector<Eigen::Index>& rows = *in.rows;
  const Clustering& clustering = *in.clustering;
  const AnalyzeOptions& options = *in.options;
  const int k = static_cast<int>(clustering.sizes.size());
  const auto uk = static_cast<std::size_t>(k);
  const std::size_t n_docs = corpus.documents.size();

  // Themes are numbered by size, largest first; ties keep the core's order.
  std::vector<int> order(uk);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return clustering.sizes[static_cast<std::size_t>(a)] >
           clustering.sizes[static_cast<std::size_t>(b)];
  });
  std::vector<int> theme_of_cluster(uk);
  for (int t = 0; t < k; ++t)
    theme_of_cluster[static_cast<std::size_t>(order[static_cast<std::size_t>(t)])] = t + 1;

  // Units: their theme (1-based id, 0 = none) and similarity.
  std::vector<int> unit_theme(units.size(), 0);
  std::vector<double> unit_similarity(units.size(), 0.0);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto u = static_cast<std::size_t>(rows[r]);
    unit_theme[u] = theme_of_cluster[static_cast<std::size_t>(clustering.assignment[r])];
    unit_similarity[u] = clustering.similarity[r];
  }

  // Term id in the full vocabulary -> matrix column (both sorted, the columns a subset).
  std::vector<std::int32_t> column_of_term(counts.vocabulary.size(), -1);
  for (std::size_t t = 0, c = 0; t < counts.vocabulary.size() && c < tfidf.vocabulary.size(); ++t) {
    if (counts.vocabulary.terms[t] == tfidf.vocabulary.terms[c]) {
      column_of_term[t] = static_cast<std::int32_t>(c++);
    }
  }
  // With one unit per document, in document order, the documents' rows are the TF-IDF rows.
  const bool one_unit_per_document =
      units.size() == n_docs && static_cast<std::size_t>(tfidf.matrix.rows()) == n_docs &&
      std::all_of(units.begin(), units.end(),
                  [&units](const Unit& u) { return u.document == static_cast<std::size_t>(&u - units.data()); });
  SparseRows built_rows;
  if (!one_unit_per_document) {
    built_rows = DocumentRows(units, counts, column_of_term, tfidf.idf, options.tfidf.sublinear_tf, n_docs);
  }
  const SparseRows& doc_rows = one_unit_per_document ? tfidf.matrix : built_rows;

  // Documents: their units' themes, the dominant one, and the similarity to its centroid.
  report->documents.resize(n_docs);
  std::vector<std::vector<std::size_t>> per_theme_units(n_docs, std::vector<std::size_t>(uk, 0));
  std::vector<std::vector<double>> per_theme_similarity(n_docs, std::vector<double>(uk, 0.0));
  std::vector<std::size_t> clustered_units(n_docs, 0);
  std::vector<std::size_t> last_unit(n_docs, 0);
  for (std::size_t d = 0; d < n_docs; ++d) {
    const Document& doc = corpus.documents[d];
    DocumentEntry& e = report->documents[d];
    e.id = doc.id;
    e.path = doc.source_path;
    e.title = doc.title;
    e.date = doc.date;
    e.text_offset = doc.text_offset;
    e.metadata = doc.metadata;
  }
  for (std::size_t u = 0; u < units.size(); ++u) {
    const std::size_t d = units[u].document;
    ++report->documents[d].units;
    if (unit_theme[u] == 0) continue;
    const auto t = static_cast<std::size_t>(unit_theme[u] - 1);
    ++per_theme_units[d][t];
    per_theme_similarity[d][t] += unit_similarity[u];
    ++clustered_units[d];
    last_unit[d] = u;
  }
  for (std::size_t d = 0; d < n_docs; ++d) {
    DocumentEntry& e = report->documents[d];
    if (clustered_units[d] == 0) continue;
    std::size_t best = 0;
    for (std::size_t t = 0; t < uk; ++t) {
      if (per_theme_units[d][t] > 0) {
        e.theme_mix.push_back(
            {static_cast<int>(t) + 1, per_theme_units[d][t],
             static_cast<double>(per_theme_units[d][t]) / static_cast<double>(clustered_units[d])});
      }
      // Most units wins; then the larger summed similarity; then the smaller id.
      if (per_theme_units[d][t] > per_theme_units[d][best] ||
          (per_theme_units[d][t] == per_theme_units[d][best] &&
           per_theme_similarity[d][t] > per_theme_similarity[d][best])) {
        best = t;
      }
    }
    e.theme = static_cast<int>(best) + 1;
    // A document that is one unit keeps the core's similarity (identical for --unit document).
    e.similarity = clustered_units[d] == 1 ? unit_similarity[last_unit[d]]
                                           : RowDot(doc_rows, static_cast<Eigen::Index>(d),
                                                    clustering.centroids, order[best]);
  }

  // Characteristic terms on every counted term, themes indexed 0..k-1 by id.
  std::vector<int> theme_index(units.size());
  for (std::size_t u = 0; u < units.size(); ++u) theme_index[u] = unit_theme[u] - 1;
  DescribeOptions describe;
  describe.terms = options.top_terms;
  describe.min_frequency = static_cast<std::uint64_t>(std::max(1, options.min_term_frequency));
  describe.threads = options.threads;
  const std::vector<ThemeProfile> profiles =
      CharacteristicTerms(counts.documents, theme_index, k, counts.vocabulary.size(), describe);

  // Known themes: lexicon vectors in the matrix's columns.
  TRENDSCAN_ASSIGN_OR_RETURN(
      ThemeVectors known,
      VectorizeLexicon(options.themes, tfidf.vocabulary, tfidf.idf, options.tokenizer,
                       options.normalizer, options.stopwords));
  const auto n_known = static_cast<Eigen::Index>(options.themes.themes.size());
  report->known_themes_source = options.themes_source;
  report->known_theme_threshold = options.known_theme_threshold;
  report->known_themes.clear();
  for (Eigen::Index j = 0; j < n_known; ++j) {
    const KnownTheme& kt = options.themes.themes[static_cast<std::size_t>(j)];
    KnownThemeEntry entry;
    entry.id = kt.id;
    entry.name = kt.name;
    entry.lexicon_terms = known.terms[static_cast<std::size_t>(j)];
    entry.terms_in_corpus = known.terms_in_corpus[static_cast<std::size_t>(j)];
    report->known_themes.push_back(std::move(entry));
  }

  report->themes.clear();
  std::vector<std::vector<std::size_t>> theme_units(uk);
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (unit_theme[u] > 0) theme_units[static_cast<std::size_t>(unit_theme[u] - 1)].push_back(u);
  }
  const std::size_t n_clustered = rows.size();
  for (int t = 0; t < k; ++t) {
    const auto ti = static_cast<std::size_t>(t);
    const int c = order[ti];
    Theme theme;
    theme.id = t + 1;
    theme.size = static_cast<std::size_t>(clustering.sizes[static_cast<std::size_t>(c)]);
    theme.share =
        n_clustered == 0 ? 0.0 : static_cast<double>(theme.size) / static_cast<double>(n_clustered);
    for (const DocumentEntry& e : report->documents) theme.documents += e.theme == t + 1 ? 1 : 0;

    std::vector<int> terms(static_cast<std::size_t>(tfidf.matrix.cols()));
    std::iota(terms.begin(), terms.end(), 0);
    const auto centroid = clustering.centroids.row(c);
    const std::size_t top =
        std::min<std::size_t>(static_cast<std::size_t>(options.top_terms), terms.size());
    std::partial_sort(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(top), terms.end(),
                      [&](int a, int b) {
                        if (centroid(a) != centroid(b)) return centroid(a) > centroid(b);
                        return a < b;
                      });
    for (std::size_t i = 0; i < top; ++i) {
      const auto term = static_cast<std::size_t>(terms[i]);
      if (centroid(terms[i]) <= 0) break;
      theme.top_terms.push_back({tfidf.vocabulary.display[term], tfidf.vocabulary.terms[term],
                                 centroid(terms[i]), tfidf.vocabulary.document_frequency[term]});
    }
    for (std::size_t i = 0; i < theme.top_terms.size() && i < 3; ++i) {
      theme.words += (i ? " · " : "") + theme.top_terms[i].word;
    }
    theme.label = theme.words;

    for (const TermAssociation& a : profiles[ti].profile) {
      theme.characteristic_terms.push_back(ToStatistic(a, counts.vocabulary));
    }
    for (const TermAssociation& a : profiles[ti].anti_profile) {
      theme.anti_profile.push_back(ToStatistic(a, counts.vocabulary));
    }

    // Passages: the units closest to the centroid, one per document so they show range.
    std::vector<std::size_t>& members = theme_units[ti];
    std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
      return unit_similarity[a] > unit_similarity[b];
    });
    std::vector<bool> quoted(n_docs, false);
    for (std::size_t u : members) {
      if (theme.passages.size() >= static_cast<std::size_t>(std::max(0, options.passages))) break;
      const Unit& unit = units[u];
      if (quoted[unit.document]) continue;
      quoted[unit.document] = true;
      Passage p;
      p.unit = u;
      p.document = unit.document;
      p.similarity = unit_similarity[u];
      if (in.released == nullptr || !(*in.released)[unit.document]) {
        const std::string_view body = corpus.documents[unit.document].text;
        p.text = Quote(body.substr(unit.begin, unit.end - unit.begin),
                       static_cast<std::size_t>(std::max(1, options.passage_chars)), &p.truncated);
      }
      theme.passages.push_back(std::move(p));
    }

    std::vector<std::size_t> docs;
    for (std::size_t d = 0; d < n_docs; ++d) {
      if (report->documents[d].theme == t + 1) docs.push_back(d);
    }
    std::stable_sort(docs.begin(), docs.end(), [&](std::size_t a, std::size_t b) {
      return report->documents[a].similarity > report->documents[b].similarity;
    });
    for (std::size_t i = 0;
         i < docs.size() && i < static_cast<std::size_t>(options.central_documents); ++i) {
      theme.central_documents.push_back({docs[i], report->documents[docs[i]].similarity});
    }

    // The closest known theme; below the threshold the theme is new.
    for (Eigen::Index j = 0; j < n_known; ++j) {
      double dot = 0;
      for (Eigen::Index col = 0; col < clustering.centroids.cols(); ++col) {
        dot += static_cast<double>(clustering.centroids(c, col)) * known.vectors(j, col);
      }
      if (theme.known.known_theme < 0 || dot > theme.known.score) {
        theme.known.known_theme = static_cast<int>(j);
        theme.known.score = dot;
      }
    }
    theme.known.is_new =
        theme.known.known_theme < 0 || theme.known.score < options.known_theme_threshold;
    if (!theme.known.is_new) {
      report->known_themes[static_cast<std::size_t>(theme.known.known_theme)].themes.push_back(
          theme.id);
    }
    report->themes.push_back(std::move(theme));
  }
  // Names from the match; two themes matching the same known theme are told apart by their
  // strongest word.
  for (Theme& theme : report->themes) {
    if (theme.known.is_new) continue;
    const KnownThemeEntry& kt =
        report->known_themes[static_cast<std::size_t>(theme.known.known_theme)];
    theme.label = kt.name;
    if (kt.themes.size() > 1 && !theme.top_terms.empty()) {
      theme.label += " (" + theme.top_terms[0].word + ")";
    }
  }

  // Every document and unit scored against every known theme.
  const Eigen::MatrixXf doc_scores = KnownThemeScores(doc_rows, known, options.threads);
  for (std::size_t d = 0; d < n_docs; ++d) {
    DocumentEntry& e = report->documents[d];
    e.known_scores.clear();
    double best = 0;
    for (Eigen::Index j = 0; j < n_known; ++j) {
      const double s = doc_scores(static_cast<Eigen::Index>(d), j);
      e.known_scores.push_back(s);
      if (s > best) {
        best = s;
        e.known_theme = static_cast<int>(j);
      }
    }
    // Below the threshold a document is about none of the known themes.
    if (best < options.known_theme_threshold) e.known_theme = -1;
    if (e.known_theme >= 0)
      ++report->known_themes[static_cast<std::size_t>(e.known_theme)].documents;
  }
  const Eigen::MatrixXf unit_scores = KnownThemeScores(tfidf.matrix, known, options.threads);
  report->units.clear();
  report->units.reserve(units.size());
  for (std::size_t u = 0; u < units.size(); ++u) {
    const std::size_t offset = corpus.documents[units[u].document].text_offset;
    UnitEntry e;
    e.document = units[u].document;
    e.begin = offset + units[u].begin;
    e.end = offset + units[u].end;
    e.theme = unit_theme[u];
    e.similarity = unit_similarity[u];
    for (Eigen::Index j = 0; j < n_known; ++j) {
      const double s = unit_scores(static_cast<Eigen::Index>(u), j);
      if (s > e.known_score) {
        e.known_score = s;
        e.known_theme = static_cast<int>(j);
      }
    }
    if (e.known_score < options.known_theme_threshold) e.known_theme = -1;
    report->units.push_back(e);
  }

  ClusteringSummary& summary = report->clustering;
  summary.algorithm = "spherical-kmeans";
  summary.k = k;
  summary.best_restart = clustering.best_restart;
  summary.iterations = clustering.iterations;
  summary.refinement_passes = clustering.refinement_passes;
  summary.objective = clustering.objective;
  double similarity_sum = 0;
  for (float s : clustering.similarity) similarity_sum += s;
  summary.mean_similarity = rows.empty() ? 0.0 : similarity_sum / static_cast<double>(rows.size());

  // The bisecting tree, with theme ids for leaves and a label for every node from the sum of
  // its leaves' centroids, each weighted by |s_c| (the sum of its rows' cosines).
  std::vector<double> cluster_norm(uk, 0.0);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    cluster_norm[static_cast<std::size_t>(clustering.assignment[r])] += clustering.similarity[r];
  }
  std::vector<Eigen::VectorXf> node_sums(clustering.tree.size());
  for (std::size_t i = clustering.tree.size(); i-- > 0;) {
    const ClusterTreeNode& node = clustering.tree[i];
    if (node.cluster >= 0) {
      node_sums[i] = clustering.centroids.row(node.cluster).transpose() *
                     static_cast<float>(cluster_norm[static_cast<std::size_t>(node.cluster)]);
    } else {
      node_sums[i] = Eigen::VectorXf::Zero(clustering.centroids.cols());
      for (int child : node.children) node_sums[i] += node_sums[static_cast<std::size_t>(child)];
    }
  }
  for (std::size_t i = 0; i < clustering.tree.size(); ++i) {
    const ClusterTreeNode& node = clustering.tree[i];
    TreeNode t;
    t.id = static_cast<int>(i);
    t.parent = node.parent;
    t.children = node.children;
    t.theme = node.cluster >= 0 ? theme_of_cluster[static_cast<std::size_t>(node.cluster)] : 0;
    t.size = static_cast<std::size_t>(node.size);
    t.gain = node.gain;
    t.label = TopWordsLabel(node_sums[i], tfidf.vocabulary, 3);
    report->tree.push_back(std::move(t));
  }
  return Status::Ok();
}

}  // namespace trendscan::internal
