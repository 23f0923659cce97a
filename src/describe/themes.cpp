#include "trendscan/describe/themes.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>

#include "trendscan/describe/profiles.hpp"
#include "util/text_util.hpp"

namespace trendscan {
namespace {

// How the clustering's clusters and units map to the report's themes: themes are numbered by
// size, largest first (ties keep the core's order), and each unit takes its cluster's theme.
struct ThemeNumbering {
  int k = 0;
  std::vector<int> cluster_of_theme;    // theme index (0-based) -> cluster
  std::vector<int> theme_of_cluster;    // cluster -> Theme::id (1-based)
  std::vector<int> unit_theme;          // per unit: Theme::id, 0 = in no theme
  std::vector<double> unit_similarity;  // per unit: cosine to its theme's centroid
};

ThemeNumbering NumberThemes(const ClusteredUnits& in) {
  ThemeNumbering n;
  n.k = static_cast<int>(in.clustering.sizes.size());
  const auto uk = static_cast<std::size_t>(n.k);
  n.cluster_of_theme.resize(uk);
  std::iota(n.cluster_of_theme.begin(), n.cluster_of_theme.end(), 0);
  std::stable_sort(n.cluster_of_theme.begin(), n.cluster_of_theme.end(), [&](int a, int b) {
    return in.clustering.sizes[static_cast<std::size_t>(a)] >
           in.clustering.sizes[static_cast<std::size_t>(b)];
  });
  n.theme_of_cluster.resize(uk);
  for (std::size_t t = 0; t < uk; ++t) {
    n.theme_of_cluster[static_cast<std::size_t>(n.cluster_of_theme[t])] = static_cast<int>(t) + 1;
  }
  n.unit_theme.assign(in.units.size(), 0);
  n.unit_similarity.assign(in.units.size(), 0.0);
  for (std::size_t r = 0; r < in.rows.size(); ++r) {
    const auto u = static_cast<std::size_t>(in.rows[r]);
    n.unit_theme[u] = n.theme_of_cluster[static_cast<std::size_t>(in.clustering.assignment[r])];
    n.unit_similarity[u] = in.clustering.similarity[r];
  }
  return n;
}

// Each document's TF-IDF row: its units' counts merged and weighted like a row of the matrix
// (WeighRow). Units are in document order, so each document's counts are one contiguous run.
SparseRows WeighDocuments(const ClusteredUnits& in) {
  const std::size_t documents = in.corpus.documents.size();
  SparseRows rows(static_cast<Eigen::Index>(documents), in.tfidf.matrix.cols());
  std::vector<Eigen::Triplet<float>> triplets;
  std::vector<TermCount> merged;
  std::vector<int> columns;
  std::vector<float> weights;
  std::size_t u = 0;
  for (std::size_t d = 0; d < documents; ++d) {
    merged.clear();
    for (; u < in.units.size() && in.units[u].document == d; ++u) {
      merged.insert(merged.end(), in.counts.rows[u].begin(), in.counts.rows[u].end());
    }
    std::sort(merged.begin(), merged.end(),
              [](const TermCount& a, const TermCount& b) { return a.term < b.term; });
    std::size_t out = 0;
    for (std::size_t i = 0; i < merged.size(); ++i) {
      if (out > 0 && merged[out - 1].term == merged[i].term) {
        merged[out - 1].count += merged[i].count;
      } else {
        merged[out++] = merged[i];
      }
    }
    merged.resize(out);
    columns.clear();
    weights.clear();
    WeighRow(in.tfidf, merged, &columns, &weights);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      triplets.emplace_back(static_cast<int>(d), columns[i], weights[i]);
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

// The documents: who they are, their units' themes, the dominant theme and its similarity.
void DescribeDocuments(const ClusteredUnits& in, const ThemeNumbering& n,
                       const SparseRows& doc_rows, std::vector<DocumentEntry>* documents) {
  const std::size_t n_docs = in.corpus.documents.size();
  const auto uk = static_cast<std::size_t>(n.k);
  documents->resize(n_docs);
  std::vector<std::vector<std::size_t>> units_in(n_docs, std::vector<std::size_t>(uk, 0));
  std::vector<std::vector<double>> similarity_in(n_docs, std::vector<double>(uk, 0.0));
  std::vector<std::size_t> clustered_units(n_docs, 0);
  std::vector<std::size_t> last_unit(n_docs, 0);
  for (std::size_t d = 0; d < n_docs; ++d) {
    const Document& doc = in.corpus.documents[d];
    DocumentEntry& e = (*documents)[d];
    e.id = doc.id;
    e.path = doc.source_path;
    e.title = doc.title;
    e.date = doc.date;
    e.text_offset = doc.text_offset;
    e.metadata = doc.metadata;
  }
  for (std::size_t u = 0; u < in.units.size(); ++u) {
    const std::size_t d = in.units[u].document;
    ++(*documents)[d].units;
    if (n.unit_theme[u] == 0) continue;
    const auto t = static_cast<std::size_t>(n.unit_theme[u] - 1);
    ++units_in[d][t];
    similarity_in[d][t] += n.unit_similarity[u];
    ++clustered_units[d];
    last_unit[d] = u;
  }
  for (std::size_t d = 0; d < n_docs; ++d) {
    DocumentEntry& e = (*documents)[d];
    if (clustered_units[d] == 0) continue;
    std::size_t best = 0;
    for (std::size_t t = 0; t < uk; ++t) {
      if (units_in[d][t] > 0) {
        e.theme_mix.push_back(
            {static_cast<int>(t) + 1, units_in[d][t],
             static_cast<double>(units_in[d][t]) / static_cast<double>(clustered_units[d])});
      }
      // Most units wins; then the larger summed similarity; then the smaller id.
      if (units_in[d][t] > units_in[d][best] ||
          (units_in[d][t] == units_in[d][best] && similarity_in[d][t] > similarity_in[d][best])) {
        best = t;
      }
    }
    e.theme = static_cast<int>(best) + 1;
    // A document that is one unit keeps the core's similarity (identical for --unit document).
    e.similarity = clustered_units[d] == 1
                       ? n.unit_similarity[last_unit[d]]
                       : RowDot(doc_rows, static_cast<Eigen::Index>(d), in.clustering.centroids,
                                n.cluster_of_theme[best]);
  }
}

TermStatistic ToStatistic(const TermAssociation& a, const Vocabulary& vocabulary) {
  return {vocabulary.display[a.term],
          vocabulary.terms[a.term],
          a.in_theme,
          a.outside,
          a.chi2,
          a.p_value};
}

// The strongest words of a theme's centroid, and the three that name it when no known theme
// does.
void DescribeTopTerms(const ClusteredUnits& in, int cluster, int count, Theme* theme) {
  std::vector<int> terms(static_cast<std::size_t>(in.tfidf.matrix.cols()));
  std::iota(terms.begin(), terms.end(), 0);
  const auto centroid = in.clustering.centroids.row(cluster);
  const std::size_t top = std::min<std::size_t>(static_cast<std::size_t>(count), terms.size());
  std::partial_sort(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(top), terms.end(),
                    [&](int a, int b) {
                      if (centroid(a) != centroid(b)) return centroid(a) > centroid(b);
                      return a < b;
                    });
  const Vocabulary& vocabulary = in.tfidf.vocabulary;
  for (std::size_t i = 0; i < top; ++i) {
    const auto term = static_cast<std::size_t>(terms[i]);
    if (centroid(terms[i]) <= 0) break;
    theme->top_terms.push_back({vocabulary.display[term], vocabulary.terms[term],
                                centroid(terms[i]), vocabulary.document_frequency[term]});
  }
  for (std::size_t i = 0; i < theme->top_terms.size() && i < 3; ++i) {
    theme->words += (i ? " · " : "") + theme->top_terms[i].word;
  }
  theme->label = theme->words;
}

// Passages: the theme's units closest to its centroid, one per document so they show range.
void ChoosePassages(const ClusteredUnits& in, const ThemeNumbering& n,
                    std::vector<std::size_t> members, const ThemeReportOptions& options,
                    Theme* theme) {
  std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
    return n.unit_similarity[a] > n.unit_similarity[b];
  });
  std::vector<bool> quoted(in.corpus.documents.size(), false);
  for (std::size_t u : members) {
    if (theme->passages.size() >= static_cast<std::size_t>(std::max(0, options.passages))) break;
    const Unit& unit = in.units[u];
    if (quoted[unit.document]) continue;
    quoted[unit.document] = true;
    Passage p;
    p.unit = u;
    p.document = unit.document;
    p.similarity = n.unit_similarity[u];
    if (in.released == nullptr || !(*in.released)[unit.document]) {
      const std::string_view body = in.corpus.documents[unit.document].text;
      p.text =
          QuotePassage(body.substr(unit.begin, unit.end - unit.begin),
                       static_cast<std::size_t>(std::max(1, options.passage_chars)), &p.truncated);
    }
    theme->passages.push_back(std::move(p));
  }
}

// Central documents: those whose dominant theme this is, most similar to its centroid first.
void ChooseCentralDocuments(const std::vector<DocumentEntry>& documents, int count, Theme* theme) {
  std::vector<std::size_t> docs;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    if (documents[d].theme == theme->id) docs.push_back(d);
  }
  std::stable_sort(docs.begin(), docs.end(), [&](std::size_t a, std::size_t b) {
    return documents[a].similarity > documents[b].similarity;
  });
  for (std::size_t i = 0; i < docs.size() && i < static_cast<std::size_t>(count); ++i) {
    theme->central_documents.push_back({docs[i], documents[docs[i]].similarity});
  }
}

// The closest known theme of a centroid; below the threshold the theme is new.
KnownThemeMatch MatchKnownTheme(const Eigen::MatrixXf& centroids, int cluster,
                                const ThemeVectors& known, double threshold) {
  KnownThemeMatch match;
  for (Eigen::Index j = 0; j < known.vectors.rows(); ++j) {
    double dot = 0;
    for (Eigen::Index col = 0; col < centroids.cols(); ++col) {
      dot += static_cast<double>(centroids(cluster, col)) * known.vectors(j, col);
    }
    if (match.known_theme < 0 || dot > match.score) {
      match.known_theme = static_cast<int>(j);
      match.score = dot;
    }
  }
  match.is_new = match.known_theme < 0 || match.score < threshold;
  return match;
}

// The known themes as the report lists them, before any match.
std::vector<KnownThemeEntry> ListKnownThemes(const ThemeLexicon& lexicon,
                                             const ThemeVectors& known) {
  std::vector<KnownThemeEntry> entries;
  for (std::size_t j = 0; j < lexicon.themes.size(); ++j) {
    KnownThemeEntry entry;
    entry.id = lexicon.themes[j].id;
    entry.name = lexicon.themes[j].name;
    entry.lexicon_terms = known.terms[j];
    entry.terms_in_corpus = known.terms_in_corpus[j];
    entries.push_back(std::move(entry));
  }
  return entries;
}

// Every theme, in id order: size, words, statistics, passages, central documents, known match.
void DescribeEachTheme(const ClusteredUnits& in, const ThemeNumbering& n,
                       const std::vector<ThemeProfile>& profiles, const ThemeVectors& known,
                       const ThemeReportOptions& options, Report* report) {
  std::vector<std::vector<std::size_t>> theme_units(static_cast<std::size_t>(n.k));
  for (std::size_t u = 0; u < in.units.size(); ++u) {
    if (n.unit_theme[u] > 0)
      theme_units[static_cast<std::size_t>(n.unit_theme[u] - 1)].push_back(u);
  }
  report->themes.clear();
  for (int t = 0; t < n.k; ++t) {
    const auto ti = static_cast<std::size_t>(t);
    const int c = n.cluster_of_theme[ti];
    Theme theme;
    theme.id = t + 1;
    theme.size = static_cast<std::size_t>(in.clustering.sizes[static_cast<std::size_t>(c)]);
    theme.share = in.rows.empty()
                      ? 0.0
                      : static_cast<double>(theme.size) / static_cast<double>(in.rows.size());
    for (const DocumentEntry& e : report->documents) theme.documents += e.theme == t + 1 ? 1 : 0;
    DescribeTopTerms(in, c, options.top_terms, &theme);
    for (const TermAssociation& a : profiles[ti].profile) {
      theme.characteristic_terms.push_back(ToStatistic(a, in.counts.vocabulary));
    }
    for (const TermAssociation& a : profiles[ti].anti_profile) {
      theme.anti_profile.push_back(ToStatistic(a, in.counts.vocabulary));
    }
    ChoosePassages(in, n, std::move(theme_units[ti]), options, &theme);
    ChooseCentralDocuments(report->documents, options.central_documents, &theme);
    theme.known = MatchKnownTheme(in.clustering.centroids, c, known, options.known.threshold);
    if (!theme.known.is_new) {
      report->known_themes[static_cast<std::size_t>(theme.known.known_theme)].themes.push_back(
          theme.id);
    }
    report->themes.push_back(std::move(theme));
  }
}

// Names from the match; two themes matching the same known theme are told apart by their
// strongest word.
void NameThemes(Report* report) {
  for (Theme& theme : report->themes) {
    if (theme.known.is_new) continue;
    const KnownThemeEntry& kt =
        report->known_themes[static_cast<std::size_t>(theme.known.known_theme)];
    theme.label = kt.name;
    if (kt.themes.size() > 1 && !theme.top_terms.empty()) {
      theme.label += " (" + theme.top_terms[0].word + ")";
    }
  }
}

// Every document scored against every known theme; its best one, unless below the threshold.
void ScoreDocuments(const SparseRows& doc_rows, const ThemeVectors& known, double threshold,
                    int threads, Report* report) {
  const Eigen::MatrixXf scores = KnownThemeScores(doc_rows, known, threads);
  for (std::size_t d = 0; d < report->documents.size(); ++d) {
    DocumentEntry& e = report->documents[d];
    e.known_scores.clear();
    double best = 0;
    for (Eigen::Index j = 0; j < scores.cols(); ++j) {
      const double s = scores(static_cast<Eigen::Index>(d), j);
      e.known_scores.push_back(s);
      if (s > best) {
        best = s;
        e.known_theme = static_cast<int>(j);
      }
    }
    if (best < threshold) e.known_theme = -1;
    if (e.known_theme >= 0) {
      ++report->known_themes[static_cast<std::size_t>(e.known_theme)].documents;
    }
  }
}

// Every unit: where it is in its file, its theme, and its best known theme.
void DescribeUnits(const ClusteredUnits& in, const ThemeNumbering& n, const ThemeVectors& known,
                   double threshold, int threads, std::vector<UnitEntry>* units) {
  const Eigen::MatrixXf scores = KnownThemeScores(in.tfidf.matrix, known, threads);
  units->clear();
  units->reserve(in.units.size());
  for (std::size_t u = 0; u < in.units.size(); ++u) {
    const std::size_t offset = in.corpus.documents[in.units[u].document].text_offset;
    UnitEntry e;
    e.document = in.units[u].document;
    e.begin = offset + in.units[u].begin;
    e.end = offset + in.units[u].end;
    e.theme = n.unit_theme[u];
    e.similarity = n.unit_similarity[u];
    for (Eigen::Index j = 0; j < scores.cols(); ++j) {
      const double s = scores(static_cast<Eigen::Index>(u), j);
      if (s > e.known_score) {
        e.known_score = s;
        e.known_theme = static_cast<int>(j);
      }
    }
    if (e.known_score < threshold) e.known_theme = -1;
    units->push_back(e);
  }
}

ClusteringSummary SummarizeClustering(const Clustering& clustering, std::size_t rows) {
  ClusteringSummary summary;
  summary.algorithm = "spherical-kmeans";
  summary.k = static_cast<int>(clustering.sizes.size());
  summary.best_restart = clustering.best_restart;
  summary.iterations = clustering.iterations;
  summary.refinement_passes = clustering.refinement_passes;
  summary.objective = clustering.objective;
  double similarity_sum = 0;
  for (float s : clustering.similarity) similarity_sum += s;
  summary.mean_similarity = rows == 0 ? 0.0 : similarity_sum / static_cast<double>(rows);
  return summary;
}

// The `count` strongest words of a centroid-like vector, joined with " · ".
std::string TopWordsLabel(const Eigen::VectorXf& weights, const Vocabulary& vocabulary, int count) {
  std::vector<int> ids(static_cast<std::size_t>(weights.size()));
  std::iota(ids.begin(), ids.end(), 0);
  const auto top = std::min<std::size_t>(static_cast<std::size_t>(count), ids.size());
  std::partial_sort(
      ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(top), ids.end(),
      [&](int a, int b) { return weights(a) != weights(b) ? weights(a) > weights(b) : a < b; });
  std::string label;
  for (std::size_t i = 0; i < top && weights(ids[i]) > 0; ++i) {
    label += (i ? " · " : "") + vocabulary.display[static_cast<std::size_t>(ids[i])];
  }
  return label;
}

// The bisecting tree, with theme ids for leaves and a label for every node from the sum of its
// leaves' centroids, each weighted by |s_c| (the sum of its rows' cosines).
std::vector<TreeNode> DescribeTree(const ClusteredUnits& in, const ThemeNumbering& n) {
  const Clustering& clustering = in.clustering;
  std::vector<double> cluster_norm(static_cast<std::size_t>(n.k), 0.0);
  for (std::size_t r = 0; r < in.rows.size(); ++r) {
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
  std::vector<TreeNode> tree;
  for (std::size_t i = 0; i < clustering.tree.size(); ++i) {
    const ClusterTreeNode& node = clustering.tree[i];
    TreeNode t;
    t.id = static_cast<int>(i);
    t.parent = node.parent;
    t.children = node.children;
    t.theme = node.cluster >= 0 ? n.theme_of_cluster[static_cast<std::size_t>(node.cluster)] : 0;
    t.size = static_cast<std::size_t>(node.size);
    t.gain = node.gain;
    t.label = TopWordsLabel(node_sums[i], in.tfidf.vocabulary, 3);
    tree.push_back(std::move(t));
  }
  return tree;
}

// With one unit per document, in document order, the documents' rows are the TF-IDF rows.
bool OneUnitPerDocument(const ClusteredUnits& in) {
  const std::size_t n_docs = in.corpus.documents.size();
  if (in.units.size() != n_docs || static_cast<std::size_t>(in.tfidf.matrix.rows()) != n_docs) {
    return false;
  }
  for (std::size_t u = 0; u < in.units.size(); ++u) {
    if (in.units[u].document != u) return false;
  }
  return true;
}

}  // namespace

std::string QuotePassage(std::string_view text, std::size_t max_chars, bool* truncated) {
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
  std::string cut = internal::Truncate(flat, max_chars);
  *truncated = cut.size() != flat.size();
  return cut;
}

Status ValidateThemeReportOptions(const ThemeReportOptions& options) {
  if (options.top_terms < 1) return Status::InvalidArgument("--top-terms must be at least 1");
  if (options.central_documents < 0) {
    return Status::InvalidArgument("--central-documents must not be negative");
  }
  if (options.passages < 0) return Status::InvalidArgument("--passages must not be negative");
  if (!(options.known.threshold >= 0)) {
    return Status::InvalidArgument("--known-theme-threshold must not be negative");
  }
  return Status::Ok();
}

Status DescribeThemes(const ClusteredUnits& in, const ThemeReportOptions& options,
                      const TermOptions& terms, int threads, Report* report) {
  const ThemeNumbering n = NumberThemes(in);
  SparseRows built_rows;
  const bool reuse_rows = OneUnitPerDocument(in);
  if (!reuse_rows) built_rows = WeighDocuments(in);
  const SparseRows& doc_rows = reuse_rows ? in.tfidf.matrix : built_rows;
  DescribeDocuments(in, n, doc_rows, &report->documents);

  // Characteristic terms on every counted term, themes indexed 0..k-1 by id.
  std::vector<int> theme_index(in.units.size());
  for (std::size_t u = 0; u < in.units.size(); ++u) theme_index[u] = n.unit_theme[u] - 1;
  ProfileOptions profile;
  profile.terms = options.top_terms;
  profile.min_frequency = static_cast<std::uint64_t>(std::max(1, options.min_term_frequency));
  const std::vector<ThemeProfile> profiles = CharacteristicTerms(
      in.counts.rows, theme_index, n.k, in.counts.vocabulary.size(), profile, threads);

  TRENDSCAN_ASSIGN_OR_RETURN(
      ThemeVectors known,
      VectorizeLexicon(options.known.lexicon, in.tfidf.vocabulary, in.tfidf.idf, terms));
  report->known_themes_source = options.known.source;
  report->known_theme_threshold = options.known.threshold;
  report->known_themes = ListKnownThemes(options.known.lexicon, known);

  DescribeEachTheme(in, n, profiles, known, options, report);
  NameThemes(report);
  ScoreDocuments(doc_rows, known, options.known.threshold, threads, report);
  DescribeUnits(in, n, known, options.known.threshold, threads, &report->units);
  report->clustering = SummarizeClustering(in.clustering, in.rows.size());
  report->tree = DescribeTree(in, n);
  return Status::Ok();
}

}  // namespace trendscan
