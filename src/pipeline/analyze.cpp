// Analyze: the pipeline as a short driver over its phases, in the order of the diagram in the
// README (segment, count terms, TF-IDF, cluster, describe), each phase a function with its
// inputs and outputs named.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>

#include "pipeline/date_range.hpp"
#include "pipeline/parameters.hpp"
#include "pipeline/text_release.hpp"
#include "trendscan/cluster/metrics.hpp"
#include "trendscan/ingest/dates.hpp"
#include "trendscan/ingest/fingerprint.hpp"
#include "trendscan/pipeline.hpp"
#include "trendscan/pipeline/counted.hpp"
#include "trendscan/version.hpp"
#include "util/parallel.hpp"
#include "util/spare_pages.hpp"
#include "util/text_util.hpp"

namespace trendscan {
namespace {

using Clock = std::chrono::steady_clock;

// Announces each stage (progress) and records how long it took (the report's timings).
class StageClock {
 public:
  StageClock(const ProgressFn& progress, std::vector<StageTiming>* timings)
      : progress_(progress), timings_(timings) {}
  void Start(const char* stage) {
    if (progress_) progress_(stage);
    stage_ = stage;
    start_ = Clock::now();
  }
  void Stop() {
    timings_->push_back({stage_, std::chrono::duration<double>(Clock::now() - start_).count()});
  }
  const ProgressFn& progress() const { return progress_; }

 private:
  const ProgressFn& progress_;
  std::vector<StageTiming>* timings_;
  const char* stage_ = "";
  Clock::time_point start_;
};

// Themes are found on whole documents when there are at least this many of them (then each
// paragraph or segment is placed in its closest theme); on fewer, on the units themselves.
constexpr std::size_t kMinDocumentsForDocumentThemes = 10;
static_assert(kMinDocumentsForDocumentThemes <= kDocumentsForSettledPlan,
              "a corpus counted in batches would plan its units from too few documents");

// A known theme seeds a guided theme when at least this share of the clustered items (and at
// least one) are about it: a handful of posts among thousands do not make a theme.
constexpr double kMinSeedShare = 0.02;

// Guided themes are kept when their objective (the sum of cosines to the centroids) is at most
// this much below the free clustering's: measured, 0.04-1.4% on corpora about the trends and
// 7% on news that only mentions them (BENCHMARKS.md, "Guided themes").
constexpr double kMaxGuideCost = 0.03;

// "documents", "paragraphs" or "segments", for messages.
std::string UnitsName(UnitKind kind) { return std::string(UnitKindName(kind)) + "s"; }

// What the units are and what the themes are found on, with the notes that say why.
struct UnitPlan {
  SegmenterOptions segmenter;
  bool themes_on_documents = true;
  std::size_t min_unit_words = 0;  // 0 for whole documents
};

// One document is analysed by its paragraphs (when it has at least two that are long enough);
// themes are found on documents when there are enough of them. `documents` is the number of
// documents analysed, which a share of a corpus counted apart does not hold all of.
UnitPlan PlanUnits(const Corpus& corpus, std::size_t documents, const SegmenterOptions& options,
                   std::vector<std::string>* notes) {
  UnitPlan plan;
  plan.segmenter = options;
  if (documents == 1 && corpus.documents.size() == 1 && options.kind == UnitKind::kDocument) {
    SegmenterOptions paragraphs = options;
    paragraphs.kind = UnitKind::kParagraph;
    std::size_t long_enough = 0;
    for (const Unit& u : SegmentText(corpus.documents[0].text, 0, paragraphs)) {
      const std::string_view text(corpus.documents[0].text);
      long_enough += CountWords(text.substr(u.begin, u.end - u.begin)) >=
                     static_cast<std::size_t>(options.min_unit_words);
    }
    if (long_enough >= 2) {
      plan.segmenter.kind = UnitKind::kParagraph;
      notes->push_back(
          "one document: its paragraphs are the units, and the themes are found "
          "among them");
    }
  }
  const UnitKind kind = plan.segmenter.kind;
  if (kind == UnitKind::kDocument) return plan;
  plan.min_unit_words = static_cast<std::size_t>(std::max(0, options.min_unit_words));
  if (kind == UnitKind::kSegment) {
    plan.min_unit_words = std::min<std::size_t>(
        plan.min_unit_words, static_cast<std::size_t>(std::max(1, options.segment_words / 2)));
  }
  plan.themes_on_documents = documents >= kMinDocumentsForDocumentThemes;
  notes->push_back(plan.themes_on_documents
                       ? "themes found on whole documents; each " +
                             std::string(UnitKindName(kind)) +
                             " is then placed in its closest theme (the documents' theme mix)"
                       : "fewer than " + std::to_string(kMinDocumentsForDocumentThemes) +
                             " documents: themes found on the " + UnitsName(kind) + " themselves");
  return plan;
}

std::vector<Unit> SegmentCorpus(const Corpus& corpus, const SegmenterOptions& options) {
  std::vector<std::string_view> bodies;
  bodies.reserve(corpus.documents.size());
  for (const Document& d : corpus.documents) bodies.emplace_back(d.text);
  return SegmentTexts(bodies, options);
}

// Per unit, whether it is too short to be placed in a theme (paragraphs and segments only).
std::vector<char> ShortUnits(const Corpus& corpus, const std::vector<Unit>& units,
                             std::size_t min_words) {
  std::vector<char> too_short(units.size(), 0);
  if (min_words == 0) return too_short;
  for (std::size_t u = 0; u < units.size(); ++u) {
    const std::string_view text(corpus.documents[units[u].document].text);
    too_short[u] =
        CountWords(text.substr(units[u].begin, units[u].end - units[u].begin)) < min_words;
  }
  return too_short;
}

// Counts the terms of every unit; a released document's text goes once its last unit is read.
Result<TermCounts> CountUnitTerms(const Corpus& corpus, const std::vector<Unit>& units,
                                  const TermOptions& options, int threads,
                                  internal::TextReleaser* releaser, SurfaceTally* surfaces) {
  std::vector<std::string_view> texts;
  texts.reserve(units.size());
  for (const Unit& u : units) {
    texts.push_back(
        std::string_view(corpus.documents[u.document].text).substr(u.begin, u.end - u.begin));
  }
  const std::function<void(std::size_t)> done = releaser->OnUnitDone();
  TRENDSCAN_ASSIGN_OR_RETURN(TermCounts counts,
                             CountTerms(texts, options, threads, done, surfaces));
  // The freed texts were many small blocks that glibc keeps for reuse; the matrix built next is
  // one large block it maps anew. Hand the freed pages back so they do not count twice.
  if (done) internal::TrimHeap();
  return counts;
}

// What the themes are found on: one row of counts per item (a unit, or a whole document made
// of several units), and its TF-IDF matrix, whose rows are the items in `order`.
struct Items {
  CountRows merged;  // per document, when documents are cut into units
  const CountRows* rows = nullptr;
  std::vector<std::size_t> order;  // matrix row -> item
  TfidfMatrix tfidf;
};

// An order of the items that depends on what they say, not on the order of the inputs: by a
// hash of their term counts (term ids are sorted terms, the same whatever the order), then by
// document id and offset for items that say the same. Clustering rows in this order makes the
// themes the same whatever the order of the paths on the command line.
std::vector<std::size_t> CanonicalOrder(const CountRows& rows, const Report& report,
                                        const std::vector<Unit>& units, bool items_are_documents,
                                        int threads) {
  std::vector<std::uint64_t> hash(rows.size());
  internal::ParallelForBlocks(rows.size(), 4096, threads, [&](const internal::Block& b, int) {
    for (std::size_t i = b.begin; i < b.end; ++i) {
      std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ rows[i].size();
      for (const TermCount& tc : rows[i]) {
        h = (h ^ ((static_cast<std::uint64_t>(tc.term) << 32) | tc.count)) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 33;
      }
      hash[i] = h;
    }
  });
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto document = [&](std::size_t i) { return items_are_documents ? i : units[i].document; };
  auto offset = [&](std::size_t i) { return items_are_documents ? 0 : units[i].begin; };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (hash[a] != hash[b]) return hash[a] < hash[b];
    const std::string_view ia = IdentityOf(report, document(a)).id;
    const std::string_view ib = IdentityOf(report, document(b)).id;
    if (ia != ib) return ia < ib;
    return offset(a) < offset(b);
  });
  return order;
}

Status BuildItems(const Report& report, const TermCounts& counts, const std::vector<Unit>& units,
                  const UnitPlan& plan, const TfidfOptions& options, int threads, Items* out) {
  out->rows = &counts.rows;
  bool items_are_documents = plan.segmenter.kind == UnitKind::kDocument;
  if (plan.themes_on_documents && plan.segmenter.kind != UnitKind::kDocument) {
    std::vector<std::size_t> document_of(units.size());
    for (std::size_t u = 0; u < units.size(); ++u) document_of[u] = units[u].document;
    out->merged = MergeRows(counts.rows, document_of, report.documents.size());
    out->rows = &out->merged;
    items_are_documents = true;
  }
  out->order = CanonicalOrder(*out->rows, report, units, items_are_documents, threads);
  TRENDSCAN_ASSIGN_OR_RETURN(
      out->tfidf, BuildTfidf(counts.vocabulary, *out->rows, out->order, options, threads));
  return Status::Ok();
}

// The rows that are clustered: items with at least one kept term (an empty row has no
// direction: such items are reported, not clustered) that are not too short, and the matrix of
// those rows only (no copy when every row is kept).
struct ClusteredRows {
  std::vector<Eigen::Index> rows;
  SparseRows compacted;
  const SparseRows* matrix = nullptr;
};

// `rows` are item ids, in the matrix's (canonical) order.
void SelectClusteredRows(const SparseRows& tfidf, const std::vector<std::size_t>& order,
                         const std::vector<char>* too_short, ClusteredRows* out) {
  std::vector<Eigen::Index> kept;
  for (Eigen::Index i = 0; i < tfidf.rows(); ++i) {
    const std::size_t item = order[static_cast<std::size_t>(i)];
    const bool has_term = tfidf.outerIndexPtr()[i + 1] > tfidf.outerIndexPtr()[i];
    if (has_term && (too_short == nullptr || !(*too_short)[item])) {
      out->rows.push_back(static_cast<Eigen::Index>(item));
      kept.push_back(i);
    }
  }
  out->matrix = &tfidf;
  if (kept.size() == static_cast<std::size_t>(tfidf.rows())) return;
  out->compacted = TakeRows(tfidf, kept);
  out->matrix = &out->compacted;
}

// `documents`: how many were analysed (the corpus's own may be freed by then).
CorpusStats CountCorpus(const Corpus& corpus, std::size_t documents, const std::vector<Unit>& units,
                        const TermCounts& counts, const TfidfMatrix& tfidf,
                        const std::vector<int>& unit_cluster) {
  CorpusStats stats;
  stats.documents = documents;
  stats.files_read = corpus.files_read;
  stats.files_skipped = corpus.files_skipped;
  stats.records_skipped = corpus.records_skipped;
  stats.bytes = corpus.bytes_read;
  stats.tokens = counts.tokens;
  stats.kept_tokens = counts.kept_tokens;
  stats.distinct_terms = counts.vocabulary.size();
  stats.vocabulary = tfidf.vocabulary.size();
  stats.units = units.size();
  std::vector<bool> in_theme(documents, false);
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (unit_cluster[u] < 0) continue;
    ++stats.clustered_units;
    in_theme[units[u].document] = true;
  }
  stats.clustered_documents =
      static_cast<std::size_t>(std::count(in_theme.begin(), in_theme.end(), true));
  return stats;
}

// The k to cluster with: the one asked for, or, when the rows do not allow it and k was not
// asked for, as many as there are rows (said in a note).
Result<ClusterOptions> FitK(const ClusterOptions& options, UnitKind kind, bool on_documents,
                            std::size_t n_rows, std::vector<std::string>* notes) {
  ClusterOptions out = options;
  const std::string what = on_documents ? "documents" : UnitsName(kind);
  if (options.k_selection.automatic) {
    if (n_rows < 3) {
      return Status::InvalidArgument("--k auto needs at least 3 " + what +
                                     " with a kept term (found " + std::to_string(n_rows) + ")");
    }
    return out;
  }
  const auto rows = static_cast<int>(n_rows);
  if (options.kmeans.k <= rows) return out;
  if (!options.lower_k || rows == 0) {
    return Status::InvalidArgument(
        "--k " + std::to_string(options.kmeans.k) + " is larger than the " +
        std::to_string(n_rows) + " " + what + " with words to cluster: use --k " +
        std::to_string(std::max(1, rows)) + " or less" +
        (kind == UnitKind::kDocument ? std::string(", or --unit paragraph to cluster paragraphs")
                                     : std::string()));
  }
  out.kmeans.k = rows;
  notes->push_back("k lowered from " + std::to_string(options.kmeans.k) + " to " +
                   std::to_string(rows) + ": there are only " + std::to_string(n_rows) + " " +
                   what + " with words to cluster");
  return out;
}

// The clustered rows about each known theme (indices into ClusteredRows::rows).
std::vector<std::vector<std::size_t>> AboutKnownThemes(const ClusteredRows& clustered,
                                                       const CountRows& item_rows,
                                                       const LexiconIndex& lexicon,
                                                       const KnownThemeRule& rule, int threads) {
  std::vector<int> known(clustered.rows.size(), -1);
  internal::ParallelForBlocks(known.size(), 1024, threads, [&](const internal::Block& b, int) {
    for (std::size_t r = b.begin; r < b.end; ++r) {
      const KnownThemeEvidence e =
          RowEvidence(item_rows[static_cast<std::size_t>(clustered.rows[r])], lexicon, rule);
      if (e.about) known[r] = e.best;
    }
  });
  std::vector<std::vector<std::size_t>> about(lexicon.themes());
  for (std::size_t r = 0; r < known.size(); ++r) {
    if (known[r] >= 0) about[static_cast<std::size_t>(known[r])].push_back(r);
  }
  return about;
}

// The known themes that may guide: enough clustered items are about them (kMinSeedShare of
// them, at least one), most items first.
std::vector<int> GuideCandidates(const std::vector<std::vector<std::size_t>>& about,
                                 std::size_t rows) {
  const std::size_t min_items =
      std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(kMinSeedShare * rows)));
  std::vector<int> out;
  for (std::size_t j = 0; j < about.size(); ++j) {
    if (about[j].size() >= min_items) out.push_back(static_cast<int>(j));
  }
  std::stable_sort(out.begin(), out.end(), [&](int a, int b) {
    return about[static_cast<std::size_t>(a)].size() > about[static_cast<std::size_t>(b)].size();
  });
  return out;
}

// Guided themes (seeded and constrained k-means, Basu, Banerjee and Mooney 2002): each guiding
// known theme gives a starting centre (the normalised sum of the rows about it) and holds those
// rows in its cluster; the other rows, and the other centres, are free.
void SetGuides(const std::vector<int>& seeds, const std::vector<std::vector<std::size_t>>& about,
               const SparseRows& m, KMeansOptions* kmeans) {
  kmeans->initial_centroids =
      Eigen::MatrixXf::Zero(static_cast<Eigen::Index>(seeds.size()), m.cols());
  kmeans->fixed_rows.assign(static_cast<std::size_t>(m.rows()), -1);
  for (std::size_t s = 0; s < seeds.size(); ++s) {
    for (std::size_t r : about[static_cast<std::size_t>(seeds[s])]) {
      for (SparseRows::InnerIterator it(m, static_cast<Eigen::Index>(r)); it; ++it) {
        kmeans->initial_centroids(static_cast<Eigen::Index>(s), it.index()) += it.value();
      }
      kmeans->fixed_rows[r] = static_cast<int>(s);
    }
    kmeans->initial_centroids.row(static_cast<Eigen::Index>(s)).normalize();
  }
}

// Clusters the rows, guided by the known themes when the options ask for it and the corpus has
// themes that are them. The guided clustering is kept only when it is nearly as cohesive as the
// free one (its objective within kMaxGuideCost): words of a trend scattered over unrelated
// themes (a mayor in a sports story, a council in an environment one) are not a theme of the
// corpus, and holding them together would bend its themes. Sets *seeds to the known theme of
// each guided centre (empty when unguided); adds a note when guidance was refused.
Result<ClusterResult> ClusterGuided(const ClusteredRows& clustered, const CountRows& item_rows,
                                    const LexiconIndex& lexicon, const KnownThemeOptions& known,
                                    ClusterOptions cluster, int threads, const ProgressFn& progress,
                                    std::vector<int>* seeds, std::vector<std::string>* notes) {
  const SparseRows& m = *clustered.matrix;
  const bool can_guide = known.guide && cluster.kmeans.algorithm == ClusterAlgorithm::kKMeans &&
                         cluster.lsa_components == 0;
  std::vector<std::vector<std::size_t>> about;
  std::vector<int> candidates;
  if (can_guide) {
    about = AboutKnownThemes(clustered, item_rows, lexicon, known.rule, threads);
    candidates = GuideCandidates(about, clustered.rows.size());
  }
  if (candidates.empty()) return ClusterRows(m, cluster, threads, progress);
  // The free clustering (and its k, with --k auto), then the guided one at that k; stability is
  // measured once, on the one kept.
  ClusterOptions free_options = cluster;
  if (!cluster.k_selection.automatic) free_options.stability.resamples = 0;
  TRENDSCAN_ASSIGN_OR_RETURN(ClusterResult free, ClusterRows(m, free_options, threads, progress));
  const auto k = static_cast<std::size_t>(free.clustering.sizes.size());
  if (candidates.size() > k) candidates.resize(k);
  ClusterOptions guided_options = cluster;
  guided_options.k_selection.automatic = false;
  guided_options.kmeans.k = static_cast<int>(k);
  SetGuides(candidates, about, m, &guided_options.kmeans);
  if (progress) progress("cluster, guided");
  TRENDSCAN_ASSIGN_OR_RETURN(ClusterResult guided,
                             ClusterRows(m, guided_options, threads, progress));
  const double cost = 1.0 - guided.clustering.objective / free.clustering.objective;
  if (cost <= kMaxGuideCost) {
    *seeds = std::move(candidates);
    guided.candidates = std::move(free.candidates);
    return guided;
  }
  if (free.stability.resamples == 0 && cluster.stability.resamples > 0 &&
      (cluster.stability.only_up_to == 0 ||
       static_cast<std::size_t>(m.rows()) <= cluster.stability.only_up_to)) {
    KMeansOptions plain = cluster.kmeans;
    plain.k = static_cast<int>(k);
    TRENDSCAN_ASSIGN_OR_RETURN(
        free.stability, MeasureStability(m, free.clustering, plain, cluster.stability, threads));
  }
  std::string names;
  for (int j : candidates) {
    names += (names.empty() ? "" : ", ") + known.lexicon.themes[static_cast<std::size_t>(j)].id;
  }
  notes->push_back(fmt::format(
      "the known themes ({}) did not guide the clustering: the themes they give are {:.1f}% less "
      "cohesive than the free ones, more than {:.0f}%, so the corpus has no themes that are them",
      names, 100.0 * cost, 100.0 * kMaxGuideCost));
  return free;
}

// Units placed in the themes found on their documents: each unit (with words, not too short)
// goes to the centroid its row, weighted like the documents', is most similar to.
void PlaceUnits(const TermCounts& counts, const TfidfMatrix& tfidf, const Clustering& clustering,
                const std::vector<char>& too_short, std::vector<int>* unit_cluster,
                std::vector<float>* unit_similarity) {
  unit_cluster->assign(counts.rows.size(), -1);
  unit_similarity->assign(counts.rows.size(), 0.0f);
  std::vector<int> columns;
  std::vector<float> weights;
  for (std::size_t u = 0; u < counts.rows.size(); ++u) {
    if (too_short[u]) continue;
    columns.clear();
    weights.clear();
    WeighRow(tfidf, counts.rows[u], &columns, &weights);
    if (columns.empty()) continue;
    for (Eigen::Index c = 0; c < clustering.centroids.rows(); ++c) {
      float dot = 0;
      for (std::size_t i = 0; i < columns.size(); ++i) {
        dot += weights[i] * clustering.centroids(c, columns[i]);
      }
      if ((*unit_cluster)[u] < 0 || dot > (*unit_similarity)[u]) {
        (*unit_cluster)[u] = static_cast<int>(c);
        (*unit_similarity)[u] = dot;
      }
    }
  }
}

void SummarizeRun(const ClusterOptions& options, const std::vector<int>& seeds, Report* report) {
  ClusteringSummary& c = report->clustering;
  c.guided = !seeds.empty();
  c.seeded = static_cast<int>(seeds.size());
  for (int j : seeds) report->known_themes[static_cast<std::size_t>(j)].guided = true;
  c.restarts = options.kmeans.restarts;
  c.algorithm = options.kmeans.algorithm == ClusterAlgorithm::kBisecting
                    ? "bisecting-spherical-kmeans"
                    : "spherical-kmeans";
  c.k_criterion = !options.k_selection.automatic                            ? "fixed"
                  : options.k_selection.criterion == KCriterion::kStability ? "stability"
                                                                            : "cosine-silhouette";
}

const std::string* FindLabel(const std::map<std::string, std::string>& labels, const Report& report,
                             const DocumentEntry& doc) {
  if (labels.empty()) return nullptr;
  auto it = labels.find(std::string(IdentityOf(report, doc).id));
  if (it == labels.end()) {
    it = labels.find(std::filesystem::path(doc.path.str()).filename().string());
  }
  return it == labels.end() ? nullptr : &it->second;
}

// NMI and ARI of the documents' themes against the reference labels.
void MeasureQuality(const QualityOptions& options, Report* report) {
  for (DocumentEntry& d : report->documents) {
    if (const std::string* label = FindLabel(options.labels, *report, d)) d.label = *label;
  }
  if (options.labels.empty()) return;
  std::map<std::string, int> label_ids;
  std::vector<int> truth;
  std::vector<int> predicted;
  for (const DocumentEntry& e : report->documents) {
    if (e.label.empty() || e.theme == 0) continue;
    auto [it, inserted] = label_ids.try_emplace(e.label.str(), static_cast<int>(label_ids.size()));
    truth.push_back(it->second);
    predicted.push_back(e.theme - 1);
  }
  Quality q;
  q.labelled_documents = truth.size();
  q.labels = label_ids.size();
  q.nmi = NormalizedMutualInformation(truth, predicted);
  q.ari = AdjustedRandIndex(truth, predicted);
  report->quality = q;
  if (truth.empty()) report->warnings.push_back("no document matched the reference labels");
}

void CarryWarnings(const Corpus& corpus, const CorpusStats& stats, Report* report) {
  for (const IngestWarning& w : corpus.warnings) report->warnings.push_back(w.message);
  if (stats.clustered_documents < stats.documents) {
    report->warnings.push_back(std::to_string(stats.documents - stats.clustered_documents) +
                               " document(s) have no kept term and are not in any theme");
  }
}

// What the clustering stage found, in the form the describe stage reads.
struct ThemesFound {
  Items items;
  ClusteredRows clustered;
  ClusterResult result;
  std::vector<int> unit_cluster;  // per unit: its cluster, -1 when in none
  std::vector<float> unit_similarity;
  bool placed = false;     // units were placed in themes found on their documents
  std::vector<int> seeds;  // the known theme each seeded centre came from
};

// Items, the rows to cluster, k, the guided seeds, the clustering, and the units' placement.
Status FindThemes(const std::vector<Unit>& units, const TermCounts& counts,
                  const std::vector<char>& too_short, const LexiconIndex& lexicon,
                  const UnitPlan& plan, const AnalyzeOptions& options, int threads,
                  StageClock* clock, Report* report, ThemesFound* out) {
  clock->Start("vectorize");
  TRENDSCAN_RETURN_IF_ERROR(
      BuildItems(*report, counts, units, plan, options.tfidf, threads, &out->items));
  const bool on_documents = plan.themes_on_documents;
  const bool documents_are_items = out->items.rows == &out->items.merged;
  SelectClusteredRows(out->items.tfidf.matrix, out->items.order,
                      documents_are_items ? nullptr : &too_short, &out->clustered);
  clock->Stop();
  TRENDSCAN_ASSIGN_OR_RETURN(ClusterOptions cluster,
                             FitK(options.cluster, plan.segmenter.kind, on_documents,
                                  out->clustered.rows.size(), &report->notes));
  clock->Start("cluster");
  TRENDSCAN_ASSIGN_OR_RETURN(
      out->result, ClusterGuided(out->clustered, *out->items.rows, lexicon, options.themes.known,
                                 cluster, threads, clock->progress(), &out->seeds, &report->notes));
  if (documents_are_items) {
    PlaceUnits(counts, out->items.tfidf, out->result.clustering, too_short, &out->unit_cluster,
               &out->unit_similarity);
    out->placed = true;
  } else {
    out->unit_cluster.assign(units.size(), -1);
    for (std::size_t r = 0; r < out->clustered.rows.size(); ++r) {
      out->unit_cluster[static_cast<std::size_t>(out->clustered.rows[r])] =
          out->result.clustering.assignment[r];
    }
  }
  clock->Stop();
  return Status::Ok();
}

// What the second half reads of the corpus's documents once the report holds their entries
// (DocumentEntries): the texts still held, and where the released ones are in their files.
struct HeldTexts {
  std::vector<std::string_view> texts;  // per document; empty when every text was released
  std::vector<std::size_t> records;     // per document (Document::record) when some was
  bool all_released = false;
};

HeldTexts HoldTexts(const Corpus& corpus, const ReleasedTexts& released) {
  HeldTexts out;
  const std::size_t n = corpus.documents.size();
  if (!released.empty()) {
    out.records.resize(n);
    for (std::size_t d = 0; d < n; ++d) out.records[d] = corpus.documents[d].record;
  }
  out.all_released =
      !released.empty() && std::all_of(released.released.begin(), released.released.end(),
                                       [](char r) { return r != 0; });
  if (!out.all_released) {
    out.texts.reserve(n);
    for (const Document& d : corpus.documents) out.texts.emplace_back(d.text);
  }
  return out;
}

// Each document's entry in the report, its identity moved out of a corpus given away
// (`movable`), which loses its documents too when every text was released (posts read from
// files): 200 bytes a document, 2 GB for ten million posts, freed before the matrix is built.
// The corpus's counters and warnings stay.
// From options.identities_apart_from documents on, their ids, titles and metadata go to
// report->identities instead (300 bytes a post, mostly to a temporary file).
Status EnterDocuments(const Corpus& corpus, Corpus* movable, const HeldTexts& held,
                      const CountedUnits& counted, const AnalyzeOptions& options, Report* report) {
  // Kept apart as counting began (one process), or now (shares merged), or not at all.
  report->identities = counted.identities;
  if (movable == nullptr) {
    report->documents = DocumentEntries(corpus);
  } else if (!held.all_released) {
    report->documents = DocumentEntries(std::move(*movable));
  } else {
    std::shared_ptr<IdentityStore> now;
    if (counted.identities == nullptr && corpus.documents.size() >= options.identities_apart_from) {
      now = std::make_shared<IdentityStore>();
    }
    TRENDSCAN_ASSIGN_OR_RETURN(report->documents,
                               TakeDocumentEntries(std::move(*movable), now.get()));
    if (now != nullptr) {
      report->identities = std::move(now);
      internal::TrimHeap();  // the identities' strings were small blocks: their pages go back
    }
  }
  return Status::Ok();
}

// Describing reads the counts, the vocabulary and the clustering, not the matrix the themes were
// found in: it goes (with the rows made for it) before the report's entries are made, 100 bytes
// a post.
void ReleaseMatrix(ThemesFound* found) {
  SparseRows none(0, found->items.tfidf.matrix.cols());
  found->items.tfidf.matrix.swap(none);  // (a move assignment would copy: see TfidfMatrix)
  SparseRows().swap(found->clustered.compacted);
  found->clustered.matrix = nullptr;
  found->items.merged = CountRows();
  found->items.rows = nullptr;
  std::vector<std::size_t>().swap(found->items.order);
}

// The passages of released documents quoted, and every theme's concordance, from the texts
// of the passages' documents: in memory, or read again from their files (each once).
Status QuoteFromSources(const Corpus& corpus, const HeldTexts& held, const std::vector<Unit>& units,
                        const ReleasedTexts& released, const AnalyzeOptions& options,
                        Report* report) {
  std::vector<std::string> changed;
  const std::map<std::size_t, std::string> reread =
      internal::RereadPassageSources(corpus.read_with, held.records, *report, released, &changed);
  internal::QuotePassages(reread, changed, units, released,
                          static_cast<std::size_t>(std::max(1, options.themes.passage_chars)),
                          report);
  // A text not released is still in its document (they are freed only when all were).
  auto text = [&](std::size_t d) -> const std::string* {
    if (released.empty() || !released.released[d]) return &corpus.documents[d].text;
    auto it = reread.find(d);
    return it == reread.end() ? nullptr : &it->second;
  };
  return FindConcordances(text, options.terms, options.themes.concordance, report);
}

// The counting half: the range, the units, their term counts. `owned` is the corpus itself when
// the caller gave it away (Analyze(Corpus&&)): then each document's text is released as soon as
// it is tokenised. The documents counted are then **restricted: `input`, or *in_range when a
// --since/--until range is given.
Status CountUnits(const Corpus& input, Corpus* owned, const AnalyzeOptions& options,
                  const ProgressFn& progress, const ShareCounting* share, Corpus* in_range,
                  const Corpus** restricted, CountedUnits* out) {
  TRENDSCAN_RETURN_IF_ERROR(ValidateOptions(options));
  const int threads = internal::ResolveThreads(options.threads);
  StageClock clock(progress, &out->timings);
  // Over every document read, before --since/--until and before any text is released: SHA-256
  // of every byte, a stage of its own on large corpora (1 GB/s a core with the CPU's SHA
  // instructions, 0.3 without).
  clock.Start("fingerprint");
  out->input_digests = DigestDocuments(input, threads);
  clock.Stop();
  TRENDSCAN_ASSIGN_OR_RETURN(
      *restricted, internal::RestrictToDateRange(input, options.over_time.timeline, in_range,
                                                 &out->excluded, owned, share != nullptr));
  const Corpus& corpus = **restricted;
  const std::size_t documents =
      share != nullptr ? share->total_documents(corpus.documents.size()) : corpus.documents.size();
  if (share == nullptr && documents == 0) return Status::EmptyInput("no documents to analyse");

  clock.Start("segment");
  const UnitPlan plan = PlanUnits(corpus, documents, options.units, &out->notes);
  out->kind = plan.segmenter.kind;
  out->themes_on_documents = plan.themes_on_documents;
  out->min_unit_words = plan.min_unit_words;
  out->units = SegmentCorpus(corpus, plan.segmenter);
  out->too_short = ShortUnits(corpus, out->units, plan.min_unit_words);
  clock.Stop();

  clock.Start("tokenize+stem");
  // The texts that may be released: the caller's when given away, or our own range copy; none
  // when the report is to hold every unit's text.
  Corpus* releasable = *restricted == in_range ? in_range : owned;
  // One process counting a large corpus it owns keeps the identities apart from here on: they
  // are not read again before the report, and their 200 bytes a post are not held through
  // the counting.
  if (share == nullptr && releasable != nullptr &&
      releasable->documents.size() >= options.identities_apart_from) {
    out->identities = std::make_shared<IdentityStore>();
    TRENDSCAN_RETURN_IF_ERROR(KeepIdentitiesApart(&releasable->documents, out->identities.get()));
    internal::TrimHeap();
  }
  internal::TextReleaser releaser(options.themes.unit_texts ? nullptr : releasable, out->units);
  TRENDSCAN_ASSIGN_OR_RETURN(out->counts,
                             CountUnitTerms(corpus, out->units, options.terms, threads, &releaser,
                                            share != nullptr ? &out->surfaces : nullptr));
  out->released = releaser.Take();
  clock.Stop();
  return Status::Ok();
}

// What describing reads, from what counting and clustering found.
ClusteredUnits WhatToDescribe(const CountedUnits& counted, const LexiconIndex& lexicon,
                              const HeldTexts& held, const ThemesFound& found,
                              bool documents_clustered, const AnalyzeOptions& options) {
  ClusteredUnits in;
  in.texts = &held.texts;
  in.units = &counted.units;
  in.counts = &counted.counts;
  in.lexicon = &lexicon;
  in.tfidf = &found.items.tfidf;
  in.rows = &found.clustered.rows;
  in.clustering = &found.result.clustering;
  in.documents_clustered = documents_clustered;
  if (found.placed) {
    in.unit_cluster = &found.unit_cluster;
    in.unit_similarity = &found.unit_similarity;
  }
  in.too_short = &counted.too_short;
  in.stability = &found.result.stability;
  in.stable_from = options.cluster.stability.stable_from;
  in.released = counted.released.empty() ? nullptr : &counted.released.released;
  return in;
}

// The rest of the pipeline, from the counts of `corpus` (every document analysed). `movable` is
// `corpus` when its documents' identities may be moved into the report (it was given away), and
// its documents freed once every text is released; null when they are copied. `owned` is the
// counting half's result, given away too: its counts are freed once the themes are described.
Result<Report> AnalyzeUnits(const Corpus& corpus, Corpus* movable, CountedUnits* owned,
                            const AnalyzeOptions& options, const ProgressFn& progress) {
  const CountedUnits& counted = *owned;
  const int threads = internal::ResolveThreads(options.threads);
  Report report;
  report.tool_version = ToolVersion();
  report.tool_build = CurrentToolBuild();
  report.input = InputSummary{CombineDigests(counted.input_digests), counted.input_digests.size()};
  std::vector<DocumentDigest>().swap(owned->input_digests);  // 32 bytes a document, combined now
  report.parameters = internal::DescribeParameters(options);
  report.timings = counted.timings;
  report.notes = counted.notes;
  StageClock clock(progress, &report.timings);

  UnitPlan plan;
  plan.segmenter = options.units;
  plan.segmenter.kind = counted.kind;
  plan.themes_on_documents = counted.themes_on_documents;
  plan.min_unit_words = counted.min_unit_words;
  report.unit = std::string(UnitKindName(plan.segmenter.kind));
  report.themes_found_on = plan.themes_on_documents ? "document" : "unit";
  report.min_unit_words = plan.min_unit_words;
  const std::vector<Unit>& units = counted.units;
  const std::vector<char>& too_short = counted.too_short;
  const TermCounts& counts = counted.counts;
  TRENDSCAN_ASSIGN_OR_RETURN(LexiconIndex lexicon,
                             IndexLexicon(options.themes.known.lexicon, counts.vocabulary,
                                          counts.rows.size(), options.terms));
  // Each document's identity into the report now, moved when the corpus was given away: from
  // here on only the texts still held are read of its documents.
  const HeldTexts held = HoldTexts(corpus, counted.released);
  TRENDSCAN_RETURN_IF_ERROR(EnterDocuments(corpus, movable, held, counted, options, &report));

  ThemesFound found;
  TRENDSCAN_RETURN_IF_ERROR(FindThemes(units, counts, too_short, lexicon, plan, options, threads,
                                       &clock, &report, &found));
  report.k_selection = std::move(found.result.candidates);
  if (found.result.stability.resamples == 0 && options.cluster.stability.resamples > 0) {
    report.notes.push_back(fmt::format(
        "stability not measured: more than {} documents to cluster (--stability {} measures it, "
        "at about {} times the clustering time)",
        options.cluster.stability.only_up_to, options.cluster.stability.resamples,
        options.cluster.stability.resamples));
  }
  report.corpus = CountCorpus(corpus, report.documents.size(), units, counts, found.items.tfidf,
                              found.unit_cluster);

  ReleaseMatrix(&found);

  clock.Start("describe");
  ClusteredUnits described =
      WhatToDescribe(counted, lexicon, held, found, plan.themes_on_documents, options);
  // What is left reads the units, the corpus's texts and the report: the counts, the vocabulary
  // and the clustering go as soon as describing is done with them (ten million posts: a few
  // GB), before the report's units are made and quoting reads files again.
  std::vector<int> seeds;
  bool freed = false;
  auto free_counts = [&] {
    if (freed) return;
    freed = true;
    seeds = std::move(found.seeds);
    found = ThemesFound();
    owned->counts = TermCounts();
    internal::TrimHeap();  // the clustering's and vocabulary's small blocks: their pages go back
  };
  described.done_with_counts = free_counts;
  TRENDSCAN_RETURN_IF_ERROR(DescribeThemes(described, options.themes, threads, &report));
  free_counts();
  TRENDSCAN_RETURN_IF_ERROR(
      QuoteFromSources(corpus, held, units, counted.released, options, &report));
  SummarizeRun(options.cluster, seeds, &report);
  MeasureQuality(options.quality, &report);
  CarryWarnings(corpus, report.corpus, &report);
  DescribeOverTime(options.over_time, counted.excluded, &report);
  clock.Stop();
  return report;
}

// The pipeline. `owned` is the corpus itself when the caller gave it away (Analyze(Corpus&&)):
// then each document's text is released as soon as it is tokenised.
Result<Report> AnalyzeCorpus(const Corpus& input, Corpus* owned, const AnalyzeOptions& options,
                             const ProgressFn& progress) {
  Corpus in_range;
  const Corpus* restricted = nullptr;
  CountedUnits counted;
  TRENDSCAN_RETURN_IF_ERROR(
      CountUnits(input, owned, options, progress, nullptr, &in_range, &restricted, &counted));
  Corpus* movable = restricted == &in_range ? &in_range : owned;
  return AnalyzeUnits(*restricted, movable, &counted, options, progress);
}

}  // namespace

Result<Report> Analyze(const Corpus& corpus, const AnalyzeOptions& options,
                       const ProgressFn& progress) {
  return AnalyzeCorpus(corpus, nullptr, options, progress);
}

Result<Report> Analyze(Corpus&& corpus, const AnalyzeOptions& options, const ProgressFn& progress) {
  return AnalyzeCorpus(corpus, &corpus, options, progress);
}

Result<CountedCorpus> CountCorpusTerms(Corpus corpus, const AnalyzeOptions& options,
                                       const ProgressFn& progress, const ShareCounting* share) {
  Corpus in_range;
  const Corpus* restricted = nullptr;
  CountedCorpus out;
  TRENDSCAN_RETURN_IF_ERROR(
      CountUnits(corpus, &corpus, options, progress, share, &in_range, &restricted, &out.counted));
  out.corpus = restricted == &in_range ? std::move(in_range) : std::move(corpus);
  return out;
}

Status CheckCountedCorpus(const CountedCorpus& counted, const AnalyzeOptions& options) {
  if (!counted.corpus.documents.empty()) return Status::Ok();
  const TimelineOptions& timeline = options.over_time.timeline;
  TRENDSCAN_ASSIGN_OR_RETURN(const DateRange range, ParseDateRange(timeline.since, timeline.until));
  if (!range.empty()) return internal::NoDocumentInRange(timeline, counted.counted.excluded);
  return Status::EmptyInput("no documents to analyse");
}

Result<Report> AnalyzeCounted(CountedCorpus&& counted, const AnalyzeOptions& options,
                              const ProgressFn& progress) {
  TRENDSCAN_RETURN_IF_ERROR(ValidateOptions(options));
  TRENDSCAN_RETURN_IF_ERROR(CheckCountedCorpus(counted, options));
  Result<Report> report =
      AnalyzeUnits(counted.corpus, &counted.corpus, &counted.counted, options, progress);
  // The report holds what is left to say: the documents and counts go before it is rendered.
  std::vector<Document>().swap(counted.corpus.documents);
  counted.counted = CountedUnits();
  internal::TrimHeap();
  return report;
}

Result<std::map<std::string, std::string>> ParseLabels(std::string_view text,
                                                       std::string_view source) {
  std::map<std::string, std::string> labels;
  std::size_t line_number = 0;
  for (std::string_view line : internal::SplitLines(text)) {
    ++line_number;
    line = internal::Trim(line);
    if (line.empty() || line.front() == '#') continue;
    std::size_t sep = line.find('\t');
    if (sep == std::string_view::npos) sep = line.find_last_of(' ');
    if (sep == std::string_view::npos || internal::Trim(line.substr(sep + 1)).empty()) {
      return Status::InvalidArgument(std::string(source) + ":" + std::to_string(line_number) +
                                     ": expected 'document<TAB>label'");
    }
    labels[std::string(internal::Trim(line.substr(0, sep)))] =
        std::string(internal::Trim(line.substr(sep + 1)));
  }
  return labels;
}

}  // namespace trendscan
