#include "trendscan/describe/themes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <string_view>

#include "trendscan/describe/profiles.hpp"
#include "trendscan/describe/theme_map.hpp"
#include "util/parallel.hpp"
#include "util/spare_pages.hpp"
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
  const Clustering& clustering = *in.clustering;
  ThemeNumbering n;
  n.k = static_cast<int>(clustering.sizes.size());
  const auto uk = static_cast<std::size_t>(n.k);
  n.cluster_of_theme.resize(uk);
  std::iota(n.cluster_of_theme.begin(), n.cluster_of_theme.end(), 0);
  std::stable_sort(n.cluster_of_theme.begin(), n.cluster_of_theme.end(), [&](int a, int b) {
    return clustering.sizes[static_cast<std::size_t>(a)] >
           clustering.sizes[static_cast<std::size_t>(b)];
  });
  n.theme_of_cluster.resize(uk);
  for (std::size_t t = 0; t < uk; ++t) {
    n.theme_of_cluster[static_cast<std::size_t>(n.cluster_of_theme[t])] = static_cast<int>(t) + 1;
  }
  n.unit_theme.assign(in.units->size(), 0);
  n.unit_similarity.assign(in.units->size(), 0.0);
  if (in.unit_cluster != nullptr) {  // units placed in themes found on their documents
    for (std::size_t u = 0; u < in.units->size(); ++u) {
      const int c = (*in.unit_cluster)[u];
      if (c < 0) continue;
      n.unit_theme[u] = n.theme_of_cluster[static_cast<std::size_t>(c)];
      n.unit_similarity[u] = (*in.unit_similarity)[u];
    }
    return n;
  }
  // The clustered rows are the units (or documents that are one unit each, unit u = row u).
  for (std::size_t r = 0; r < in.rows->size(); ++r) {
    const auto u = static_cast<std::size_t>((*in.rows)[r]);
    n.unit_theme[u] = n.theme_of_cluster[static_cast<std::size_t>(clustering.assignment[r])];
    n.unit_similarity[u] = clustering.similarity[r];
  }
  return n;
}

// Whether unit u is all of document u, for every document (--unit document).
bool OneUnitPerDocument(const ClusteredUnits& in, std::size_t documents) {
  if (in.units->size() != documents) return false;
  for (std::size_t u = 0; u < in.units->size(); ++u) {
    if ((*in.units)[u].document != u) return false;
  }
  return true;
}

// Each document's TF-IDF row, its units' counts merged and weighted like a row of the matrix
// (WeighRow), when the clustered rows are units.
SparseRows WeighDocuments(const ClusteredUnits& in, std::size_t documents) {
  std::vector<std::size_t> document_of(in.units->size());
  for (std::size_t u = 0; u < in.units->size(); ++u) document_of[u] = (*in.units)[u].document;
  const CountRows merged = MergeRows(in.counts->rows, document_of, documents);
  SparseRows rows(static_cast<Eigen::Index>(documents), in.tfidf->matrix.cols());
  std::vector<Eigen::Triplet<float>> triplets;
  std::vector<int> columns;
  std::vector<float> weights;
  for (std::size_t d = 0; d < documents; ++d) {
    columns.clear();
    weights.clear();
    WeighRow(*in.tfidf, merged[d], &columns, &weights);
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

// Document d's text while it is held, else empty.
std::string_view TextOf(const ClusteredUnits& in, std::size_t d) {
  return in.texts == nullptr || d >= in.texts->size() ? std::string_view() : (*in.texts)[d];
}

// Each document's theme mix: how many of its units each theme holds, and its count of units.
// The units come in document order (CountedUnits::units), so each document's are counted in one
// run with one scratch row of k counts, not a row per document (ten million posts).
void MixThemes(const ClusteredUnits& in, const ThemeNumbering& n,
               std::vector<DocumentEntry>* documents, DocumentRows<ThemeShare>* mixes) {
  const auto uk = static_cast<std::size_t>(n.k);
  const std::vector<Unit>& units = *in.units;
  std::vector<std::uint32_t> in_theme(uk, 0);
  std::vector<ThemeShare> mix;
  mixes->Clear();
  mixes->Reserve(documents->size(), std::min(units.size(), documents->size() * uk));
  std::size_t u = 0;
  for (std::size_t d = 0; d < documents->size(); ++d) {
    std::fill(in_theme.begin(), in_theme.end(), 0);
    std::uint32_t placed = 0;
    for (; u < units.size() && units[u].document == d; ++u) {
      ++(*documents)[d].units;
      if (n.unit_theme[u] == 0) continue;
      ++in_theme[static_cast<std::size_t>(n.unit_theme[u] - 1)];
      ++placed;
    }
    mix.clear();
    for (std::size_t t = 0; t < uk; ++t) {
      if (in_theme[t] == 0) continue;
      mix.push_back({static_cast<int>(t) + 1, in_theme[t],
                     static_cast<double>(in_theme[t]) / static_cast<double>(placed)});
    }
    mixes->Append(mix.data(), mix.size());
  }
  mixes->ShrinkToFit();
}

// Each document's theme when the clustered rows are documents: its own cluster and cosine.
void ThemesOfClusteredDocuments(const ClusteredUnits& in, const ThemeNumbering& n,
                                std::vector<DocumentEntry>* documents) {
  for (std::size_t r = 0; r < in.rows->size(); ++r) {
    DocumentEntry& e = (*documents)[static_cast<std::size_t>((*in.rows)[r])];
    e.theme = n.theme_of_cluster[static_cast<std::size_t>(in.clustering->assignment[r])];
    e.similarity = in.clustering->similarity[r];
  }
}

// Each document's theme when the clustered rows are units: the theme of most of its units (then
// the larger summed similarity, then the smaller id), and the document's cosine to it.
void ThemesFromUnits(const ClusteredUnits& in, const ThemeNumbering& n, bool one_per_document,
                     const DocumentRows<ThemeShare>& mixes, std::vector<DocumentEntry>* documents) {
  const std::size_t n_docs = documents->size();
  const auto uk = static_cast<std::size_t>(n.k);
  const std::vector<Unit>& units = *in.units;
  SparseRows built;
  // A document of several units gets its own row; one that is one unit keeps its unit's cosine.
  if (!one_per_document) built = WeighDocuments(in, n_docs);
  // The units come in document order: each document's summed similarities in one scratch row of
  // k, not a row per document.
  std::vector<double> similarity_in(uk, 0.0);
  std::size_t u = 0;
  for (std::size_t d = 0; d < n_docs; ++d) {
    std::fill(similarity_in.begin(), similarity_in.end(), 0.0);
    std::size_t last_unit = 0;
    for (; u < units.size() && units[u].document == d; ++u) {
      if (n.unit_theme[u] == 0) continue;
      similarity_in[static_cast<std::size_t>(n.unit_theme[u] - 1)] += n.unit_similarity[u];
      last_unit = u;
    }
    DocumentEntry& e = (*documents)[d];
    const Span<const ThemeShare> mix = mixes[d];
    if (mix.empty()) continue;
    const ThemeShare* best = &mix.front();
    for (const ThemeShare& s : mix) {
      const double sim = similarity_in[static_cast<std::size_t>(s.theme - 1)];
      const double best_sim = similarity_in[static_cast<std::size_t>(best->theme - 1)];
      if (s.units > best->units || (s.units == best->units && sim > best_sim)) best = &s;
    }
    e.theme = best->theme;
    std::size_t placed = 0;
    for (const ThemeShare& s : mix) placed += s.units;
    // A document that is one unit keeps the core's similarity (identical for --unit document).
    e.similarity = placed == 1
                       ? n.unit_similarity[last_unit]
                       : RowDot(built, static_cast<Eigen::Index>(d), in.clustering->centroids,
                                n.cluster_of_theme[static_cast<std::size_t>(e.theme - 1)]);
  }
}

// Documents that fit their theme too poorly: below `below` times the median cosine of the
// theme's documents (a per-theme, scale-free rule: cosines differ a lot between themes).
void LeaveUnclassified(double below, Report* report) {
  std::map<int, std::vector<double>> by_theme;
  for (const DocumentEntry& d : report->documents) {
    if (d.theme > 0) by_theme[d.theme].push_back(d.similarity);
  }
  std::map<int, double> median;
  for (auto& [theme, sims] : by_theme) {
    std::nth_element(sims.begin(), sims.begin() + static_cast<std::ptrdiff_t>(sims.size() / 2),
                     sims.end());
    median[theme] = sims[sims.size() / 2];
  }
  for (DocumentEntry& d : report->documents) {
    if (d.theme == 0 || d.similarity >= below * median[d.theme]) continue;
    d.unclassified = true;
    d.theme = 0;
    ++report->corpus.unclassified_documents;
  }
  report->theme_mix.EmptyRowsUnless(
      [&](std::size_t d) { return !report->documents[d].unclassified; });
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
  std::vector<int> terms(static_cast<std::size_t>(in.tfidf->matrix.cols()));
  std::iota(terms.begin(), terms.end(), 0);
  const auto centroid = in.clustering->centroids.row(cluster);
  const std::size_t top = std::min<std::size_t>(static_cast<std::size_t>(count), terms.size());
  std::partial_sort(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(top), terms.end(),
                    [&](int a, int b) {
                      if (centroid(a) != centroid(b)) return centroid(a) > centroid(b);
                      return a < b;
                    });
  const Vocabulary& vocabulary = in.tfidf->vocabulary;
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
  // Most similar first, the earlier unit first among equals (members come in unit order). Only
  // the head is sorted: a few times the passages wanted, all of them when the head holds too
  // few documents (units that are paragraphs of a few documents).
  const auto closer = [&](std::size_t a, std::size_t b) {
    const double sa = n.unit_similarity[a];
    const double sb = n.unit_similarity[b];
    return sa > sb || (sa == sb && a < b);
  };
  const auto wanted = static_cast<std::size_t>(std::max(0, options.passages));
  const std::size_t head = std::min(members.size(), std::max<std::size_t>(64, wanted * 8));
  std::partial_sort(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(head),
                    members.end(), closer);
  std::set<std::size_t> documents_in_head;
  for (std::size_t i = 0; i < head && documents_in_head.size() < wanted; ++i) {
    documents_in_head.insert((*in.units)[members[i]].document);
  }
  if (documents_in_head.size() < wanted) std::sort(members.begin(), members.end(), closer);
  std::set<std::size_t> quoted;
  for (std::size_t u : members) {
    if (theme->passages.size() >= wanted) break;
    const Unit& unit = (*in.units)[u];
    if (!quoted.insert(unit.document).second) continue;
    Passage p;
    p.unit = u;
    p.document = unit.document;
    p.similarity = n.unit_similarity[u];
    if (in.released == nullptr || !(*in.released)[unit.document]) {
      const std::string_view body = TextOf(in, unit.document);
      p.text =
          QuotePassage(body.substr(unit.begin, unit.end - unit.begin),
                       static_cast<std::size_t>(std::max(1, options.passage_chars)), &p.truncated);
    }
    theme->passages.push_back(std::move(p));
  }
}

// Central documents: those whose theme this is, most similar to its centroid first.
void ChooseCentralDocuments(const std::vector<DocumentEntry>& documents, int count, Theme* theme) {
  std::vector<std::size_t> docs;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    if (documents[d].theme == theme->id) docs.push_back(d);
  }
  // Most similar first, the earlier document first among equals; only the first `count` sorted.
  const std::size_t head = std::min(docs.size(), static_cast<std::size_t>(std::max(0, count)));
  std::partial_sort(docs.begin(), docs.begin() + static_cast<std::ptrdiff_t>(head), docs.end(),
                    [&](std::size_t a, std::size_t b) {
                      const double sa = documents[a].similarity;
                      const double sb = documents[b].similarity;
                      return sa > sb || (sa == sb && a < b);
                    });
  for (std::size_t i = 0; i < docs.size() && i < static_cast<std::size_t>(count); ++i) {
    theme->central_documents.push_back({docs[i], documents[docs[i]].similarity});
  }
}

// What the theme's items (its documents when documents were clustered, else its units) are
// about: the known theme most of them are about, named when at least half of them are.
KnownThemeMatch MatchKnownTheme(const std::vector<int>& item_known, std::size_t themes,
                                const KnownThemeEvidence& words) {
  KnownThemeMatch match;
  std::vector<std::size_t> about(themes, 0);
  for (int j : item_known) {
    ++match.items;
    if (j >= 0) ++about[static_cast<std::size_t>(j)];
  }
  for (std::size_t j = 0; j < themes; ++j) {
    if (about[j] > 0 &&
        (match.known_theme < 0 || about[j] > about[static_cast<std::size_t>(match.known_theme)])) {
      match.known_theme = static_cast<int>(j);
    }
  }
  if (match.known_theme < 0) return match;
  match.items_about = about[static_cast<std::size_t>(match.known_theme)];
  match.score = words.Share(match.known_theme);
  match.is_new = 2 * match.items_about < match.items;
  return match;
}

// The known themes as the report lists them, with how many items and documents are about each.
std::vector<KnownThemeEntry> ListKnownThemes(const ThemeLexicon& lexicon, const LexiconIndex& index,
                                             const std::vector<int>& item_known,
                                             const std::vector<DocumentEntry>& documents) {
  std::vector<KnownThemeEntry> entries;
  for (std::size_t j = 0; j < lexicon.themes.size(); ++j) {
    KnownThemeEntry entry;
    entry.id = lexicon.themes[j].id;
    entry.name = lexicon.themes[j].name;
    entry.lexicon_terms = index.lexicon_terms[j];
    entry.terms_in_corpus = index.terms_in_corpus[j];
    entries.push_back(std::move(entry));
  }
  for (int j : item_known) {
    if (j >= 0) ++entries[static_cast<std::size_t>(j)].items_about;
  }
  for (const DocumentEntry& d : documents) {
    if (d.known_theme >= 0) ++entries[static_cast<std::size_t>(d.known_theme)].documents;
  }
  for (KnownThemeEntry& e : entries) e.present = e.items_about > 0;
  return entries;
}

// What a unit is about, as the report gives it: all that is kept of its evidence (a dozen
// bytes a unit, not the per-theme sums).
struct UnitKnownTheme {
  int best = -1;  // KnownThemeEvidence::best
  bool about = false;
  double share = 0;  // the share of its words that are `best`'s, 0 without one
};

// Document d's known theme and its scores, into its slots of Report::known_scores.
void SetKnownScores(const KnownThemeEvidence& e, std::size_t themes, std::size_t d,
                    DocumentEntry* entry, std::vector<double>* scores) {
  for (std::size_t j = 0; j < themes; ++j) (*scores)[d * themes + j] = e.Share(static_cast<int>(j));
  entry->known_theme = e.about ? e.best : -1;
}

// Per unit and per document, what it is about (the scores are shares of its words).
void ScoreDocumentsAndUnits(const ClusteredUnits& in, const KnownThemeRule& rule,
                            bool one_per_document, int threads,
                            std::vector<DocumentEntry>* documents, std::vector<double>* scores,
                            std::vector<UnitKnownTheme>* unit_known) {
  const LexiconIndex& index = *in.lexicon;
  scores->assign(documents->size() * index.themes(), 0.0);
  unit_known->resize(in.units->size());
  internal::ParallelForBlocks(in.units->size(), 1024, threads, [&](const internal::Block& b, int) {
    for (std::size_t u = b.begin; u < b.end; ++u) {
      const KnownThemeEvidence e = RowEvidence(in.counts->rows[u], index, rule);
      (*unit_known)[u] = {e.best, e.about, e.best >= 0 ? e.Share(e.best) : 0.0};
      // Unit u is document u: its evidence is the document's.
      if (one_per_document) SetKnownScores(e, index.themes(), u, &(*documents)[u], scores);
    }
  });
  if (one_per_document) return;
  std::vector<KnownThemeEvidence> doc_evidence(documents->size());
  for (std::size_t u = 0; u < in.units->size(); ++u) {
    AddEvidence(in.counts->rows[u], index, &doc_evidence[(*in.units)[u].document]);
  }
  for (std::size_t d = 0; d < documents->size(); ++d) {
    KnownThemeEvidence& e = doc_evidence[d];
    e.occurrences.resize(index.themes(), 0);
    e.theme_weight.resize(index.themes(), 0.0);
    DecideEvidence(rule, &e);
    SetKnownScores(e, index.themes(), d, &(*documents)[d], scores);
  }
}

// The known theme each clustered item is about (-1: none): documents when documents were
// clustered, else units.
std::vector<int> ItemKnownThemes(const ClusteredUnits& in,
                                 const std::vector<DocumentEntry>& documents,
                                 const std::vector<UnitKnownTheme>& unit_known) {
  std::vector<int> out;
  for (Eigen::Index r : *in.rows) {
    const auto i = static_cast<std::size_t>(r);
    if (in.documents_clustered) {
      out.push_back(documents[i].known_theme);
    } else {
      out.push_back(unit_known[i].about ? unit_known[i].best : -1);
    }
  }
  return out;
}

// Every theme, in id order: size, words, statistics, passages, central documents, known match.
void DescribeEachTheme(const ClusteredUnits& in, const ThemeNumbering& n,
                       const std::vector<ThemeProfile>& profiles,
                       const std::vector<int>& item_known, const ThemeReportOptions& options,
                       Report* report) {
  const auto uk = static_cast<std::size_t>(n.k);
  std::vector<std::vector<std::size_t>> theme_units(uk);
  std::vector<KnownThemeEvidence> words(uk);
  std::size_t placed = 0;
  for (std::size_t u = 0; u < in.units->size(); ++u) {
    if (n.unit_theme[u] == 0) continue;
    const auto t = static_cast<std::size_t>(n.unit_theme[u] - 1);
    theme_units[t].push_back(u);
    AddEvidence(in.counts->rows[u], *in.lexicon, &words[t]);
    ++placed;
  }
  std::vector<std::vector<int>> known_of_items(uk);
  for (std::size_t r = 0; r < in.rows->size(); ++r) {
    const auto c = static_cast<std::size_t>(in.clustering->assignment[r]);
    known_of_items[static_cast<std::size_t>(n.theme_of_cluster[c] - 1)].push_back(item_known[r]);
  }
  std::vector<std::size_t> documents_in(uk + 1, 0);  // by theme id, 0 for none
  for (const DocumentEntry& e : report->documents) {
    ++documents_in[static_cast<std::size_t>(e.theme)];
  }
  report->themes.clear();
  for (std::size_t ti = 0; ti < uk; ++ti) {
    const int c = n.cluster_of_theme[ti];
    Theme theme;
    theme.id = static_cast<int>(ti) + 1;
    theme.size = theme_units[ti].size();
    theme.share = placed == 0 ? 0.0 : static_cast<double>(theme.size) / static_cast<double>(placed);
    theme.documents = documents_in[ti + 1];
    DescribeTopTerms(in, c, options.top_terms, &theme);
    for (const TermAssociation& a : profiles[ti].profile) {
      theme.characteristic_terms.push_back(ToStatistic(a, in.counts->vocabulary));
    }
    for (const TermAssociation& a : profiles[ti].anti_profile) {
      theme.anti_profile.push_back(ToStatistic(a, in.counts->vocabulary));
    }
    ChoosePassages(in, n, std::move(theme_units[ti]), options, &theme);
    ChooseCentralDocuments(report->documents, options.central_documents, &theme);
    words[ti].occurrences.resize(in.lexicon->themes(), 0);
    words[ti].theme_weight.resize(in.lexicon->themes(), 0.0);
    theme.known = MatchKnownTheme(known_of_items[ti], in.lexicon->themes(), words[ti]);
    if (in.stability != nullptr && in.stability->resamples > 0) {
      theme.stability = in.stability->cluster[static_cast<std::size_t>(c)];
      theme.stable = theme.stability >= in.stable_from;
    }
    report->themes.push_back(std::move(theme));
  }
}

// Names from the match. When several themes are named after one known theme, the one with the
// most items about it keeps the plain name and the others are named "Name · word", split from it.
void NameThemes(Report* report) {
  for (Theme& theme : report->themes) {
    if (theme.known.is_new) continue;
    KnownThemeEntry& kt = report->known_themes[static_cast<std::size_t>(theme.known.known_theme)];
    kt.themes.push_back(theme.id);
  }
  for (KnownThemeEntry& kt : report->known_themes) {
    if (kt.themes.empty()) continue;
    auto theme_of = [&](int id) -> Theme& {
      return report->themes[static_cast<std::size_t>(id - 1)];
    };
    int primary = kt.themes.front();
    for (int id : kt.themes) {
      const KnownThemeMatch& a = theme_of(id).known;
      const KnownThemeMatch& b = theme_of(primary).known;
      if (a.items_about > b.items_about || (a.items_about == b.items_about && a.score > b.score)) {
        primary = id;
      }
    }
    for (int id : kt.themes) {
      Theme& theme = theme_of(id);
      theme.label = kt.name;
      if (id == primary) continue;
      theme.known.split_of = primary;
      if (!theme.top_terms.empty()) theme.label += " · " + theme.top_terms[0].word;
    }
  }
}

// Every unit: where it is in its file, its theme, and the known theme it is about.
void DescribeUnits(const ClusteredUnits& in, const ThemeNumbering& n,
                   const std::vector<UnitKnownTheme>& known, bool with_text,
                   const std::vector<DocumentEntry>& documents, std::vector<UnitEntry>* units,
                   std::vector<std::string>* texts) {
  units->clear();
  units->reserve(in.units->size());
  texts->clear();
  if (with_text) texts->resize(in.units->size());
  for (std::size_t u = 0; u < in.units->size(); ++u) {
    const Unit& unit = (*in.units)[u];
    const std::size_t offset = documents[unit.document].text_offset;
    UnitEntry e;
    e.document = unit.document;
    e.begin = offset + unit.begin;
    e.end = offset + unit.end;
    e.theme = n.unit_theme[u];
    e.similarity = n.unit_similarity[u];
    e.known_score = known[u].share;
    e.known_theme = known[u].about ? known[u].best : -1;
    e.too_short = in.too_short != nullptr && (*in.too_short)[u];
    if (with_text && (in.released == nullptr || !(*in.released)[unit.document])) {
      const std::string_view body = TextOf(in, unit.document);
      bool cut = false;
      (*texts)[u] = QuotePassage(body.substr(unit.begin, unit.end - unit.begin),
                                 std::numeric_limits<std::size_t>::max(), &cut);
    }
    units->push_back(std::move(e));
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
  const Clustering& clustering = *in.clustering;
  std::vector<double> cluster_norm(static_cast<std::size_t>(n.k), 0.0);
  for (std::size_t r = 0; r < in.rows->size(); ++r) {
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
    t.label = TopWordsLabel(node_sums[i], in.tfidf->vocabulary, 3);
    tree.push_back(std::move(t));
  }
  return tree;
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
  if (options.concordance.terms < 0 || options.concordance.lines_per_term < 0 ||
      options.concordance.context_chars < 0) {
    return Status::InvalidArgument("--concordance must not be negative");
  }
  if (!(options.known.rule.min_share >= 0 && options.known.rule.min_share <= 1)) {
    return Status::InvalidArgument("--known-theme-share must lie between 0 and 1");
  }
  return Status::Ok();
}

Status DescribeThemes(const ClusteredUnits& in, const ThemeReportOptions& options, int threads,
                      Report* report) {
  if (!in.units->empty() && in.units->back().document >= report->documents.size()) {
    return Status::Internal("describe: a unit of a document the report has no entry for");
  }
  // Each document's units are read in one run (MixThemes, ThemesFromUnits).
  for (std::size_t u = 1; u < in.units->size(); ++u) {
    if ((*in.units)[u].document < (*in.units)[u - 1].document) {
      return Status::Internal("describe: the units are not in document order");
    }
  }
  ThemeNumbering n = NumberThemes(in);
  // Documents that are one unit each, clustered themselves (short posts): a document's mix is
  // its unit's theme, whole, read from its unit (ThemeMixOf), not stored.
  const bool one_per_document = OneUnitPerDocument(in, report->documents.size());
  report->theme_mix_of_units = in.documents_clustered && one_per_document;
  if (report->theme_mix_of_units) {
    report->theme_mix.Clear();
    for (DocumentEntry& e : report->documents) e.units = 1;
  } else {
    MixThemes(in, n, &report->documents, &report->theme_mix);
  }
  if (in.documents_clustered) {
    ThemesOfClusteredDocuments(in, n, &report->documents);
  } else {
    ThemesFromUnits(in, n, one_per_document, report->theme_mix, &report->documents);
  }
  if (options.unclassified_below > 0) {
    LeaveUnclassified(options.unclassified_below, report);
    // Their units leave the themes too, so every count says the same.
    for (std::size_t u = 0; u < in.units->size(); ++u) {
      if (report->documents[(*in.units)[u].document].unclassified) {
        n.unit_theme[u] = 0;
        n.unit_similarity[u] = 0;
      }
    }
  }
  std::vector<UnitKnownTheme> unit_known;
  ScoreDocumentsAndUnits(in, options.known.rule, one_per_document, threads, &report->documents,
                         &report->known_scores, &unit_known);
  const std::vector<int> item_known = ItemKnownThemes(in, report->documents, unit_known);

  // Characteristic terms on every counted term, themes indexed 0..k-1 by id.
  std::vector<int> theme_index(in.units->size());
  for (std::size_t u = 0; u < in.units->size(); ++u) theme_index[u] = n.unit_theme[u] - 1;
  ProfileOptions profile;
  profile.terms = options.top_terms;
  profile.min_frequency = static_cast<std::uint64_t>(std::max(1, options.min_term_frequency));
  const std::vector<ThemeProfile> profiles = CharacteristicTerms(
      in.counts->rows, theme_index, n.k, in.counts->vocabulary.size(), profile, threads);

  report->known_themes_source = options.known.source;
  report->known_theme_rule = options.known.rule;
  report->known_themes =
      ListKnownThemes(options.known.lexicon, *in.lexicon, item_known, report->documents);
  DescribeEachTheme(in, n, profiles, item_known, options, report);
  NameThemes(report);
  report->clustering = SummarizeClustering(*in.clustering, in.rows->size());
  if (in.stability != nullptr && in.stability->resamples > 0) {
    report->clustering.stability_resamples = in.stability->resamples;
    report->clustering.stable_from = in.stable_from;
    report->clustering.stability = in.stability->mean;
  }
  report->tree = DescribeTree(in, n);
  report->theme_map = MapThemes(in.counts->rows, theme_index, n.k, profiles, in.counts->vocabulary);
  // Last, the units, from what was kept of them: the caller may free the rest first.
  if (in.done_with_counts) in.done_with_counts();
  DescribeUnits(in, n, unit_known, options.unit_texts, report->documents, &report->units,
                &report->unit_texts);
  return Status::Ok();
}

std::vector<DocumentEntry> DocumentEntries(const Corpus& corpus) {
  std::vector<DocumentEntry> entries(corpus.documents.size());
  for (std::size_t d = 0; d < corpus.documents.size(); ++d) {
    const Document& doc = corpus.documents[d];
    DocumentEntry& e = entries[d];
    e.id = doc.id;
    e.path = doc.source_path;
    e.title = doc.title;
    e.date = doc.date;
    e.metadata = doc.metadata;
    e.text_offset = doc.text_offset;
  }
  return entries;
}

namespace {

void MoveIdentity(Document&& doc, DocumentEntry* e) {
  // Compact strings both: moved, not copied.
  e->id = std::move(doc.id);
  e->path = std::move(doc.source_path);
  e->title = std::move(doc.title);
  e->date = std::move(doc.date);
  e->metadata = std::move(doc.metadata);
  e->text_offset = doc.text_offset;
}

}  // namespace

Status MoveIdentitiesInto(std::vector<Document>* documents, IdentityStore* identities) {
  for (Document& doc : *documents) {
    TRENDSCAN_RETURN_IF_ERROR(identities->Add(doc.id, doc.title, doc.metadata.view()));
    doc.id = CompactString();
    doc.title = CompactString();
    Metadata().swap(doc.metadata);
  }
  return Status::Ok();
}

Status KeepIdentitiesApart(std::vector<Document>* documents, IdentityStore* identities) {
  TRENDSCAN_RETURN_IF_ERROR(MoveIdentitiesInto(documents, identities));
  return identities->Seal();
}

std::vector<DocumentEntry> DocumentEntries(Corpus&& corpus) {
  std::vector<DocumentEntry> entries(corpus.documents.size());
  for (std::size_t d = 0; d < corpus.documents.size(); ++d) {
    MoveIdentity(std::move(corpus.documents[d]), &entries[d]);
  }
  return entries;
}

Result<std::vector<DocumentEntry>> TakeDocumentEntries(Corpus&& corpus, IdentityStore* identities) {
  std::vector<Document>& documents = corpus.documents;
  if (identities != nullptr) TRENDSCAN_RETURN_IF_ERROR(KeepIdentitiesApart(&documents, identities));
  std::vector<DocumentEntry> entries;
  entries.reserve(documents.size());
  // From the last document to the first, each destroyed once moved, the pages past the last one
  // left given back every few thousand: the entries grow into memory the documents give back.
  constexpr std::size_t kGiveBackEvery = 4096;
  while (!documents.empty()) {
    entries.emplace_back();
    MoveIdentity(std::move(documents.back()), &entries.back());
    documents.pop_back();
    if (documents.size() % kGiveBackEvery == 0) internal::ReleaseSparePages(documents);
  }
  std::vector<Document>().swap(documents);
  std::reverse(entries.begin(), entries.end());
  return entries;
}

}  // namespace trendscan
