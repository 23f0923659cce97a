#include "distributed/wire.hpp"

#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>
#include <vector>

namespace trendscan::internal {
namespace {

// "TSW2": a share of another binary version is refused rather than misread.
constexpr std::uint32_t kMagic = 0x32575354;

class Writer {
 public:
  template <typename T>
  void Pod(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void Size(std::size_t n) { Pod<std::uint64_t>(n); }
  void Str(std::string_view s) {
    Size(s.size());
    out_.append(s);
  }
  template <typename T>
  void PodArray(const T* data, std::size_t n) {
    static_assert(std::is_trivially_copyable_v<T>);
    Size(n);
    if (n > 0) out_.append(reinterpret_cast<const char*>(data), n * sizeof(T));
  }
  template <typename T>
  void PodVector(const std::vector<T>& v) {
    PodArray(v.data(), v.size());
  }
  void StrVector(const std::vector<std::string>& v) {
    Size(v.size());
    for (const std::string& s : v) Str(s);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads what Writer wrote; after the first short read every read fails and yields zeros.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }

  template <typename T>
  T Pod() {
    T v{};
    if (!Take(sizeof v)) return v;
    std::memcpy(&v, in_.data() + pos_ - sizeof v, sizeof v);
    return v;
  }
  std::size_t Size() { return static_cast<std::size_t>(Pod<std::uint64_t>()); }
  std::string Str() {
    const std::size_t n = Size();
    if (!Take(n)) return {};
    return std::string(in_.substr(pos_ - n, n));
  }
  template <typename T>
  std::vector<T> PodVector() {
    const std::size_t n = Size();
    std::vector<T> v;
    if (n > (in_.size() - pos_) / sizeof(T) || !Take(n * sizeof(T))) {
      ok_ = false;
      return v;
    }
    v.resize(n);
    // memcpy may not be given the null data() of an empty vector.
    if (n > 0) std::memcpy(v.data(), in_.data() + pos_ - n * sizeof(T), n * sizeof(T));
    return v;
  }
  // What PodArray wrote, copied to room for its count of T that `room` gives
  // (TermCount* (std::size_t n)); false, and nothing given, on a short read.
  template <typename T, typename Room>
  bool PodArrayInto(const Room& room) {
    const std::size_t n = Count(sizeof(T));
    if (!Take(n * sizeof(T))) return false;
    T* to = room(n);
    if (n > 0) std::memcpy(to, in_.data() + pos_ - n * sizeof(T), n * sizeof(T));
    return true;
  }
  std::vector<std::string> StrVector() {
    std::vector<std::string> v(Count(sizeof(std::uint64_t)));
    for (std::string& s : v) s = Str();
    return v;
  }
  // A count of items of at least `min_bytes` each, refused when the rest could not hold them
  // (so a corrupt count never allocates gigabytes).
  std::size_t Count(std::size_t min_bytes) {
    const std::size_t n = Size();
    if (!ok_ || n > (in_.size() - pos_) / std::max<std::size_t>(1, min_bytes)) {
      ok_ = false;
      return 0;
    }
    return n;
  }

 private:
  bool Take(std::size_t n) {
    if (!ok_ || n > in_.size() - pos_) {
      ok_ = false;
      return false;
    }
    pos_ += n;
    return true;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

void EncodeCorpus(const Corpus& c, Writer& w) {
  w.Size(c.documents.size());
  const SharedString* previous_path = nullptr;
  for (const Document& d : c.documents) {
    w.Str(d.id);
    // The documents of one file (JSONL, CSV) share their path: written once.
    const bool same_path = previous_path != nullptr && *previous_path == d.source_path;
    w.Pod<std::uint8_t>(same_path ? 1 : 0);
    if (!same_path) w.Str(d.source_path.str());
    previous_path = &d.source_path;
    w.Str(d.title);
    w.Str(d.date);
    w.Size(d.metadata.size());
    for (const auto& [key, value] : d.metadata) {
      w.Str(key);
      w.Str(value);
    }
    w.Str(d.text);
    w.Size(d.text_offset);
    w.Size(d.record);
    w.Pod<std::uint8_t>(d.rereadable ? 1 : 0);
    w.Size(d.input);
  }
  w.Size(c.warnings.size());
  for (const IngestWarning& warning : c.warnings) {
    w.Str(warning.path);
    w.Str(warning.message);
    w.Size(warning.input);
  }
  w.Size(c.files_read);
  w.Size(c.files_skipped);
  w.Size(c.records_skipped);
  w.Size(c.files_ignored);
  w.Size(c.files_found);
  w.Pod<std::uint64_t>(c.bytes_read);
}

void DecodeCorpus(Reader& r, Corpus* c) {
  c->documents.resize(r.Count(8 * 8));
  const Document* previous = nullptr;
  for (Document& d : c->documents) {
    d.id = r.Str();
    const bool same_path = r.Pod<std::uint8_t>() != 0;
    if (same_path && previous != nullptr) {
      d.source_path = previous->source_path;
    } else {
      d.source_path = r.Str();
    }
    d.title = r.Str();
    d.date = r.Str();
    const std::size_t fields = r.Count(16);
    for (std::size_t f = 0; f < fields; ++f) {
      const std::string key = r.Str();
      const std::string value = r.Str();
      d.metadata.emplace_back(key, value);
    }
    d.text = r.Str();
    d.text_offset = r.Size();
    d.record = r.Size();
    d.rereadable = r.Pod<std::uint8_t>() != 0;
    d.input = static_cast<std::uint32_t>(r.Size());
    previous = &d;
    if (!r.ok()) return;
  }
  c->warnings.resize(r.Count(24));
  for (IngestWarning& warning : c->warnings) {
    warning.path = r.Str();
    warning.message = r.Str();
    warning.input = r.Size();
  }
  c->files_read = r.Size();
  c->files_skipped = r.Size();
  c->records_skipped = r.Size();
  c->files_ignored = r.Size();
  c->files_found = r.Size();
  c->bytes_read = r.Pod<std::uint64_t>();
}

void EncodeCounts(const TermCounts& counts, Writer& w) {
  const Vocabulary& v = counts.vocabulary;
  w.StrVector(v.terms);
  w.StrVector(v.display);
  w.PodVector(v.document_frequency);
  w.PodVector(v.total_count);
  w.Size(counts.rows.size());
  for (std::size_t i = 0; i < counts.rows.size(); ++i) {
    // As PodArray of the row's TermCounts, packed or not.
    const CountRow row = counts.rows[i];
    w.Size(row.size());
    for (const TermCount tc : row) w.Pod(tc);
  }
  w.Pod<std::uint64_t>(counts.tokens);
  w.Pod<std::uint64_t>(counts.kept_tokens);
}

void DecodeCounts(Reader& r, TermCounts* counts) {
  Vocabulary& v = counts->vocabulary;
  v.terms = r.StrVector();
  v.display = r.StrVector();
  v.document_frequency = r.PodVector<std::uint32_t>();
  v.total_count = r.PodVector<std::uint64_t>();
  const std::size_t rows = r.Count(8);
  counts->rows.Reserve(rows);
  std::vector<TermCount> row;
  for (std::size_t i = 0; i < rows; ++i) {
    const bool read = r.PodArrayInto<TermCount>([&](std::size_t n) {
      row.resize(n);
      return row.data();
    });
    if (!read) return;
    counts->rows.Append(CountRow(row.data(), row.size()));
  }
  counts->tokens = r.Pod<std::uint64_t>();
  counts->kept_tokens = r.Pod<std::uint64_t>();
}

}  // namespace

std::string EncodeShare(const CountedCorpus& share) {
  Writer w;
  w.Pod(kMagic);
  EncodeCorpus(share.corpus, w);
  const CountedUnits& c = share.counted;
  w.Size(c.excluded.outside);
  w.Size(c.excluded.undated);
  w.Pod<std::int32_t>(static_cast<std::int32_t>(c.kind));
  w.Pod<std::uint8_t>(c.themes_on_documents ? 1 : 0);
  w.Size(c.min_unit_words);
  w.StrVector(c.notes);
  w.Size(c.units.size());
  for (const Unit& u : c.units) {
    w.Size(u.document);
    w.Size(u.begin);
    w.Size(u.end);
  }
  w.PodVector(c.too_short);
  EncodeCounts(c.counts, w);
  w.StrVector(c.surfaces.keys);
  w.PodVector(c.surfaces.term);
  w.PodVector(c.surfaces.count);
  w.PodVector(c.released.released);
  w.PodVector(c.released.fingerprint);
  w.PodVector(c.released.size);
  w.PodVector(c.input_digests);
  w.Size(c.timings.size());
  for (const StageTiming& t : c.timings) {
    w.Str(t.stage);
    w.Pod(t.seconds);
  }
  return w.Take();
}

Result<CountedCorpus> DecodeShare(std::string_view bytes) {
  Reader r(bytes);
  if (r.Pod<std::uint32_t>() != kMagic) {
    return Status::Internal("a rank sent counts this program cannot read (another version?)");
  }
  CountedCorpus share;
  DecodeCorpus(r, &share.corpus);
  CountedUnits& c = share.counted;
  c.excluded.outside = r.Size();
  c.excluded.undated = r.Size();
  c.kind = static_cast<UnitKind>(r.Pod<std::int32_t>());
  c.themes_on_documents = r.Pod<std::uint8_t>() != 0;
  c.min_unit_words = r.Size();
  c.notes = r.StrVector();
  c.units.resize(r.Count(24));
  for (Unit& u : c.units) {
    u.document = r.Size();
    u.begin = r.Size();
    u.end = r.Size();
  }
  c.too_short = r.PodVector<char>();
  DecodeCounts(r, &c.counts);
  c.surfaces.keys = r.StrVector();
  c.surfaces.term = r.PodVector<std::uint32_t>();
  c.surfaces.count = r.PodVector<std::uint64_t>();
  c.released.released = r.PodVector<char>();
  c.released.fingerprint = r.PodVector<std::uint64_t>();
  c.released.size = r.PodVector<std::size_t>();
  c.input_digests = r.PodVector<DocumentDigest>();
  c.timings.resize(r.Count(16));
  for (StageTiming& t : c.timings) {
    t.stage = r.Str();
    t.seconds = r.Pod<double>();
  }
  if (!r.ok()) return Status::Internal("the counts a rank sent are cut short or malformed");
  return share;
}

}  // namespace trendscan::internal
