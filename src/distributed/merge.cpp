#include "trendscan/distributed/merge.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

namespace trendscan {
namespace {

// What a corrupted transfer could break and the merge relies on.
Status CheckShare(const CountedCorpus& share, std::size_t index) {
  const CountedUnits& c = share.counted;
  const std::size_t documents = share.corpus.documents.size();
  const std::size_t terms = c.counts.vocabulary.size();
  auto bad = [&](const std::string& what) {
    return Status::Internal("the counts of share " + std::to_string(index) +
                            " are inconsistent: " + what);
  };
  const Vocabulary& v = c.counts.vocabulary;
  if (v.display.size() != terms || v.document_frequency.size() != terms ||
      v.total_count.size() != terms) {
    return bad("vocabulary columns of different lengths");
  }
  if (c.counts.rows.size() != c.units.size() || c.too_short.size() != c.units.size()) {
    return bad("not one row per unit");
  }
  for (std::size_t u = 0; u < c.units.size(); ++u) {
    if (c.units[u].document >= documents ||
        (u > 0 && c.units[u].document < c.units[u - 1].document)) {
      return bad("units not in document order");
    }
  }
  for (std::size_t u = 0; u < c.counts.rows.size(); ++u) {
    for (const TermCount& tc : c.counts.rows[u]) {
      if (tc.term >= terms) return bad("a term id outside the vocabulary");
    }
  }
  if (c.surfaces.term.size() != c.surfaces.keys.size() ||
      c.surfaces.count.size() != c.surfaces.keys.size()) {
    return bad("surface tally columns of different lengths");
  }
  for (std::uint32_t t : c.surfaces.term) {
    if (t >= terms) return bad("a surface of a term outside the vocabulary");
  }
  const ReleasedTexts& r = c.released;
  if (!r.empty() && (r.released.size() != documents || r.fingerprint.size() != documents ||
                     r.size.size() != documents)) {
    return bad("not one released-text entry per document");
  }
  if (c.kind != UnitKind::kDocument && c.kind != UnitKind::kParagraph &&
      c.kind != UnitKind::kSegment) {
    return bad("an unknown unit kind");
  }
  return Status::Ok();
}

// The stage times of the shares: each stage as long as the slowest share took (they ran side by
// side), in the order the first share lists them.
std::vector<StageTiming> SlowestTimings(const std::vector<CountedCorpus>& shares) {
  std::vector<StageTiming> out;
  for (const CountedCorpus& share : shares) {
    for (const StageTiming& t : share.counted.timings) {
      auto it = std::find_if(out.begin(), out.end(),
                             [&](const StageTiming& o) { return o.stage == t.stage; });
      if (it == out.end()) {
        out.push_back(t);
      } else {
        it->seconds = std::max(it->seconds, t.seconds);
      }
    }
  }
  return out;
}

// The plan is the same on every share that has documents (it follows from the total count); a
// share without any may not have seen the one document that is cut into paragraphs.
void TakePlan(const std::vector<CountedCorpus>& shares, CountedUnits* merged) {
  std::size_t planner = 0;
  while (planner < shares.size() && shares[planner].corpus.documents.empty()) ++planner;
  if (planner == shares.size()) planner = 0;
  const CountedUnits& plan = shares[planner].counted;
  merged->kind = plan.kind;
  merged->themes_on_documents = plan.themes_on_documents;
  merged->min_unit_words = plan.min_unit_words;
  merged->notes = plan.notes;
  merged->timings = SlowestTimings(shares);
}

// Where each document of the merged corpus comes from, in reading order (by input, then record
// within the input: an input is read by one share), and where each share's units start.
struct DocumentRef {
  std::size_t input;
  std::size_t record;
  std::uint32_t share;
  std::size_t local;
};
struct ReadingOrder {
  std::vector<DocumentRef> documents;
  // Units are in document order: the units of share p's local document d are
  // [first_unit[p][d], first_unit[p][d + 1]).
  std::vector<std::vector<std::size_t>> first_unit;
  std::size_t units = 0;
  bool any_released = false;
};

ReadingOrder OrderDocuments(const std::vector<CountedCorpus>& shares) {
  ReadingOrder order;
  order.first_unit.resize(shares.size());
  for (std::size_t p = 0; p < shares.size(); ++p) {
    const CountedCorpus& s = shares[p];
    for (std::size_t d = 0; d < s.corpus.documents.size(); ++d) {
      const Document& doc = s.corpus.documents[d];
      order.documents.push_back({doc.input, doc.record, static_cast<std::uint32_t>(p), d});
    }
    std::vector<std::size_t>& first = order.first_unit[p];
    first.assign(s.corpus.documents.size() + 1, 0);
    for (const Unit& u : s.counted.units) ++first[u.document + 1];
    for (std::size_t d = 0; d < s.corpus.documents.size(); ++d) first[d + 1] += first[d];
    order.any_released = order.any_released || !s.counted.released.empty();
    order.units += s.counted.units.size();
  }
  std::sort(order.documents.begin(), order.documents.end(),
            [](const DocumentRef& a, const DocumentRef& b) {
              return a.input != b.input ? a.input < b.input : a.record < b.record;
            });
  return order;
}

// The union of the shares' vocabularies, and each share's map from its term ids to the union's.
Vocabulary MergeShareVocabularies(const std::vector<CountedCorpus>& shares,
                                  std::vector<std::vector<std::uint32_t>>* term_maps) {
  std::vector<const Vocabulary*> vocabularies;
  std::vector<const SurfaceTally*> tallies;
  for (const CountedCorpus& s : shares) {
    vocabularies.push_back(&s.counted.counts.vocabulary);
    tallies.push_back(&s.counted.surfaces);
  }
  return MergeVocabularies(vocabularies, tallies, term_maps);
}

// What MoveDocuments has taken all of from a share (the rows themselves live on in the merged
// counts, which adopted their storage).
void FreeMergedShare(CountedCorpus* s) {
  std::vector<Document>().swap(s->corpus.documents);
  std::vector<Unit>().swap(s->counted.units);
  std::vector<char>().swap(s->counted.too_short);
  s->counted.counts.rows = CountRows();
  s->counted.released = ReleasedTexts();
}

// The documents in reading order, each with its units, their rows (term ids remapped) and its
// released-text record, moved out of the shares.
void MoveDocuments(const ReadingOrder& order,
                   const std::vector<std::vector<std::uint32_t>>& term_maps,
                   std::vector<CountedCorpus>* shares, CountedCorpus* out) {
  Corpus& corpus = out->corpus;
  CountedUnits& merged = out->counted;
  corpus.documents.reserve(order.documents.size());
  merged.units.reserve(order.units);
  merged.too_short.reserve(order.units);
  merged.counts.rows.Reserve(order.units);
  // The shares' rows stay where they are: the merged rows view them.
  for (CountedCorpus& s : *shares) merged.counts.rows.AdoptStorageOf(&s.counted.counts.rows);
  if (order.any_released) {
    merged.released.released.reserve(order.documents.size());
    merged.released.fingerprint.reserve(order.documents.size());
    merged.released.size.reserve(order.documents.size());
  }
  // A share's documents, units and rows go as soon as its last document is merged: shares that
  // are consecutive batches of the inputs (a job of one counting in batches) are then not held
  // twice, whole, during the merge.
  std::vector<std::size_t> left(shares->size());
  for (std::size_t p = 0; p < shares->size(); ++p) left[p] = (*shares)[p].corpus.documents.size();
  for (const DocumentRef& ref : order.documents) {
    CountedCorpus& s = (*shares)[ref.share];
    const std::size_t g = corpus.documents.size();
    corpus.documents.push_back(std::move(s.corpus.documents[ref.local]));
    const std::vector<std::uint32_t>& map = term_maps[ref.share];
    const std::vector<std::size_t>& first = order.first_unit[ref.share];
    for (std::size_t u = first[ref.local]; u < first[ref.local + 1]; ++u) {
      Unit unit = s.counted.units[u];
      unit.document = g;
      merged.units.push_back(unit);
      merged.too_short.push_back(s.counted.too_short[u]);
      // The merged ids keep the order of each share's ids: the row stays sorted.
      merged.counts.rows.AppendAdoptedRenumbered(s.counted.counts.rows[u], map);
    }
    if (order.any_released) {
      const ReleasedTexts& r = s.counted.released;
      const bool has = !r.empty();
      merged.released.released.push_back(has ? r.released[ref.local] : 0);
      merged.released.fingerprint.push_back(has ? r.fingerprint[ref.local] : 0);
      merged.released.size.push_back(has ? r.size[ref.local] : 0);
    }
    if (--left[ref.share] == 0) FreeMergedShare(&s);
  }
}

// Warnings in reading order (those of one input come from one share, in its order), counters
// summed, and every document's digest, sorted.
void MergeTheRest(std::vector<CountedCorpus>* shares, CountedCorpus* out) {
  Corpus& corpus = out->corpus;
  CountedUnits& merged = out->counted;
  for (CountedCorpus& s : *shares) {
    for (IngestWarning& w : s.corpus.warnings) corpus.warnings.push_back(std::move(w));
  }
  std::stable_sort(
      corpus.warnings.begin(), corpus.warnings.end(),
      [](const IngestWarning& a, const IngestWarning& b) { return a.input < b.input; });

  // Every share walks the same folders: what the walk counts is counted alike on each.
  const Corpus& first = (*shares)[0].corpus;
  corpus.files_ignored = first.files_ignored;
  corpus.files_found = first.files_found;
  corpus.read_with = first.read_with;
  corpus.read_with.shard_count = 1;
  corpus.read_with.shard_index = 0;
  std::size_t digests = 0;
  for (const CountedCorpus& s : *shares) digests += s.counted.input_digests.size();
  merged.input_digests.reserve(digests);
  for (CountedCorpus& s : *shares) {
    corpus.files_read += s.corpus.files_read;
    corpus.files_skipped += s.corpus.files_skipped;
    corpus.records_skipped += s.corpus.records_skipped;
    corpus.bytes_read += s.corpus.bytes_read;
    merged.excluded.outside += s.counted.excluded.outside;
    merged.excluded.undated += s.counted.excluded.undated;
    merged.counts.tokens += s.counted.counts.tokens;
    merged.counts.kept_tokens += s.counted.counts.kept_tokens;
    // Each share's freed once copied: 32 bytes a document, held once (ten million: 320 MB).
    const std::vector<DocumentDigest>& d = s.counted.input_digests;
    merged.input_digests.insert(merged.input_digests.end(), d.begin(), d.end());
    std::vector<DocumentDigest>().swap(s.counted.input_digests);
  }
  std::sort(merged.input_digests.begin(), merged.input_digests.end());
}

}  // namespace

Result<CountedCorpus> MergeShares(std::vector<CountedCorpus> shares) {
  if (shares.empty()) return Status::Internal("no share to merge");
  for (std::size_t p = 0; p < shares.size(); ++p) {
    TRENDSCAN_RETURN_IF_ERROR(CheckShare(shares[p], p));
  }
  CountedCorpus out;
  TakePlan(shares, &out.counted);
  const ReadingOrder order = OrderDocuments(shares);
  std::vector<std::vector<std::uint32_t>> term_maps;
  out.counted.counts.vocabulary = MergeShareVocabularies(shares, &term_maps);
  MoveDocuments(order, term_maps, &shares, &out);
  MergeTheRest(&shares, &out);
  return out;
}

}  // namespace trendscan
