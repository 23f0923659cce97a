#include "trendscan/ingest/corpus.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <utility>

#include "ingest/file_reader.hpp"
#include "ingest/format_util.hpp"
#include "trendscan/ingest/encoding.hpp"
#include "trendscan/ingest/formats.hpp"
#include "util/parallel.hpp"
#include "util/text_util.hpp"
#include "util/utf8.hpp"

namespace fs = std::filesystem;

namespace trendscan {
namespace {

// What reading one input gave: everything that goes into the corpus, computed without touching
// it, so inputs can be read in parallel and merged in input order.
struct InputResult {
  std::uint64_t bytes = 0;
  std::vector<IngestWarning> warnings;  // in order; a skip's reason is the last one
  bool skipped = false;
  std::size_t records_skipped = 0;
  std::vector<Document> documents;
};

InputResult SkipResult(const std::string& path, std::string message) {
  InputResult r;
  r.warnings.push_back({path, std::move(message)});
  r.skipped = true;
  return r;
}

// The text of one input as its parser reads it, and the format it is parsed as.
struct DecodedInput {
  std::string text;
  InputFormat format = InputFormat::kText;
};

// Decodes the bytes of one input, with its warnings in `r`; nothing when it is skipped
// (r->skipped, the reason last in r->warnings).
std::optional<DecodedInput> DecodeInput(std::string bytes, const std::string& source,
                                        InputFormat format, InputResult* out) {
  InputResult& r = *out;
  r.bytes = bytes.size();
  auto skip = [&](std::string message) -> std::optional<DecodedInput> {
    r.warnings.push_back({source, std::move(message)});
    r.skipped = true;
    return std::nullopt;
  };
  if (internal::Trim(bytes).empty() || bytes == "\xEF\xBB\xBF") {
    return skip("skipping '" + source + "': empty file");
  }
  const std::string binary = BinaryReason(bytes);
  if (!binary.empty()) return skip("skipping '" + source + "': " + binary);
  const std::string declared = format == InputFormat::kHtml ? DeclaredHtmlCharset(bytes) : "";
  Result<DecodedText> decoded = DecodeTextInPlace(std::move(bytes), declared);
  if (!decoded.ok()) return skip("skipping '" + source + "': " + decoded.status().message());
  if (decoded->repaired_bytes > 0) {
    r.warnings.push_back({source, "'" + source + "' is UTF-8 but for " +
                                      std::to_string(decoded->repaired_bytes) +
                                      " byte(s) that are not (the first at byte offset " +
                                      std::to_string(decoded->first_repaired_offset) +
                                      "): each was read as U+FFFD, the rest as UTF-8"});
  }
  if (decoded->converted) {
    std::string how = decoded->from_bom ? "announced by its byte-order mark"
                      : decoded->confidence > 0
                          ? "detected with confidence " + std::to_string(decoded->confidence) + "%"
                          : "the detector had no answer; assumed";
    r.warnings.push_back(
        {source, "'" + source + "' is not UTF-8: read as " + decoded->encoding + " (" + how + ")"});
  }
  if (format == InputFormat::kText) {
    const IramuteqEvidence iramuteq = FindIramuteqOpener(decoded->text);
    if (iramuteq.opener_line != 0) {
      format = InputFormat::kIramuteq;
      if (iramuteq.opener_line != iramuteq.first_line) {
        // Not a silent guess: the file could be an ordinary text that quotes an opener.
        const std::string_view line = internal::SplitLines(decoded->text)[iramuteq.opener_line - 1];
        r.warnings.push_back(
            {source, "'" + source + "' is read as an IRaMuTeQ corpus because its line " +
                         std::to_string(iramuteq.opener_line) + " opens a text ('" +
                         internal::Truncate(line, 60) +
                         "'), though its first line does not; if it is one text, give it the "
                         "extension .md"});
      }
    }
  }
  return DecodedInput{std::move(decoded->text), format};
}

// Decodes and parses the bytes of one input.
InputResult ProcessContent(std::string bytes, std::string id, const std::string& source,
                           InputFormat format, const IngestOptions& options) {
  InputResult r;
  std::optional<DecodedInput> decoded = DecodeInput(std::move(bytes), source, format, &r);
  if (!decoded) return r;
  auto skip = [&](std::string message) {
    r.warnings.push_back({source, std::move(message)});
    r.skipped = true;
    return std::move(r);
  };
  ParsedInput parsed =
      ParseInput(decoded->format, decoded->text, std::move(id), source, options.text_column);
  for (IngestWarning& w : parsed.warnings) r.warnings.push_back(std::move(w));
  r.records_skipped = parsed.records_skipped;
  if (parsed.documents.empty()) return skip("skipping '" + source + "': " + parsed.skip_reason);
  r.documents = std::move(parsed.documents);
  // A file of many records was parsed by appending: the spare capacity (up to as much again)
  // would be held until every file of the folder is read.
  r.documents.shrink_to_fit();
  for (std::size_t i = 0; i < r.documents.size(); ++i) {
    r.documents[i].record = i;
    r.documents[i].metadata.shrink_to_fit();  // 64 bytes a field, kept to the report
  }
  return r;
}

// Reads and processes one file. `named` is true for a path the user gave directly (then a pipe
// such as <(cmd) is read too).
InputResult ProcessFile(const std::string& path, std::string id, bool named,
                        const IngestOptions& options) {
  Result<std::string> data = internal::ReadWholeFile(path, options.max_file_bytes, named);
  // "skipping '<path>': cannot read it (Permission denied)".
  if (!data.ok()) return SkipResult(path, "skipping " + data.status().message());
  InputResult r = ProcessContent(std::move(data).value(), std::move(id), path,
                                 FormatFromExtension(path), options);
  // A walked file is known to be regular; a named one may be a pipe (<(cmd)), read only once.
  struct stat st {};
  const bool regular = !named || (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode));
  for (Document& d : r.documents) d.rereadable = regular;
  return r;
}

class Loader {
 public:
  Loader(const IngestOptions& options, int threads, Corpus* corpus, const FilesReadFn& files_read)
      : options_(options), threads_(threads), corpus_(corpus), files_read_(files_read) {}

  // Hands the corpus read so far to `batch` each time its texts pass `bytes` (and it holds at
  // least `min_documents`), then goes on with an empty one: see LoadCorpusInBatches.
  void HandInBatches(std::uint64_t bytes, std::size_t min_documents, const CorpusBatchFn* batch) {
    batch_bytes_ = bytes;
    batch_min_documents_ = min_documents;
    batch_ = batch;
    files_per_flush_ = static_cast<std::size_t>(internal::ResolveThreads(threads_));
  }
  const Status& batch_status() const { return batch_status_; }
  std::size_t batches() const { return batches_; }

  // Queues one file; Flush reads the queue (when handing batches, every few files, so that a
  // batch is not much more than its size).
  void AddFile(const std::string& path, std::string id, bool named) {
    const std::size_t input = next_input_++;
    if (!InShare(input) || !batch_status_.ok()) return;
    pending_.push_back({path, std::move(id), named, input, std::nullopt});
    if (batch_ != nullptr && pending_.size() >= files_per_flush_) Flush();
  }

  void AddContent(std::string bytes, std::string id, const std::string& source,
                  InputFormat format) {
    Flush();
    const std::size_t input = next_input_++;
    Apply(ProcessContent(std::move(bytes), std::move(id), source, format, options_), input);
  }

  // Reads every queued file, on threads_ threads, and adds the results in queue order:
  // the corpus is the same whatever the thread count. Reading many small files is bound by
  // system calls and copying, which parallelise well even from the page cache.
  void Flush() {
    std::vector<InputResult> results(pending_.size());
    const int threads = internal::ResolveThreads(threads_);
    // Up to 16 small files a task; fewer when there are few files (JSONL shards of 100,000
    // posts each), so that every thread gets some.
    constexpr std::size_t kFilesPerTask = 16;
    const std::size_t per_task = std::clamp<std::size_t>(
        pending_.size() / (4 * static_cast<std::size_t>(threads)), 1, kFilesPerTask);
    const std::size_t tasks = (pending_.size() + per_task - 1) / per_task;
    const std::size_t total = pending_.size();
    const std::size_t step = std::max<std::size_t>(1, total / 200);
    std::size_t done = 0;
    std::mutex told;
    internal::ParallelFor(tasks, threads, [&](std::size_t task, int) {
      const std::size_t end = std::min(pending_.size(), (task + 1) * per_task);
      for (std::size_t i = task * per_task; i < end; ++i) {
        Pending& p = pending_[i];
        results[i] =
            p.ready ? std::move(*p.ready) : ProcessFile(p.path, std::move(p.id), p.named, options_);
        if (files_read_) {  // counted under the lock, so the calls come in order
          std::lock_guard<std::mutex> lock(told);
          if (++done % step == 0 || done == total) {
            files_read_(files_before_ + done, files_before_ + total);
          }
        }
      }
    });
    // The corpus's own vector at its size, not grown by doubling: a document is some 200
    // bytes before its strings, and ten million posts would leave up to as many spare.
    std::size_t adding = 0;
    for (const InputResult& r : results) adding += r.documents.size();
    std::vector<Document>& all = corpus_->documents;
    if (all.size() + adding > all.capacity()) {
      all.reserve(std::max(all.size() + adding, all.empty() ? 0 : all.capacity() * 3 / 2));
    }
    std::uint64_t text_bytes = 0;
    for (const InputResult& r : results) {
      for (const Document& d : r.documents) text_bytes += d.text.size();
    }
    for (std::size_t i = 0; i < results.size(); ++i)
      Apply(std::move(results[i]), pending_[i].input);
    if (batch_ != nullptr) HandBatch(results.size(), text_bytes);
    files_before_ += total;
    pending_.clear();
  }

  // Walks `dir` recursively in sorted order; `relative` is its path under the argument ("" or
  // "2009/"), which prefixes the ids. Returns the number of matching files seen. The type that
  // readdir gives spares a stat per file; anything else is looked at with a stat.
  std::size_t Walk(const std::string& dir, const std::string& relative) {
    std::error_code ec;
    if (!EnterDirectory(dir)) return 0;
    std::vector<std::pair<std::string, fs::file_type>> entries;  // file name, type if known
    fs::directory_iterator it(dir, ec);
    if (ec) {
      Skip(dir, "skipping folder '" + dir + "': " + ec.message());
      return 0;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) {
        Skip(dir, "skipping the rest of folder '" + dir + "': " + ec.message());
        break;
      }
      // libstdc++ answers these from readdir's type for plain files and folders (no system
      // call) and follows links with a stat; `none` leaves the question to the loop below.
      std::error_code type_ec;
      fs::file_type type = fs::file_type::none;
      if (it->is_regular_file(type_ec)) {
        type = fs::file_type::regular;
      } else if (!type_ec && it->is_directory(type_ec)) {
        type = fs::file_type::directory;
      }
      entries.emplace_back(it->path().filename().string(), type);
    }
    std::sort(entries.begin(), entries.end());
    // As fs::path's operator/ would join them: one separator.
    const std::string prefix = dir.empty() || dir.back() == '/' ? dir : dir + '/';
    std::size_t seen = 0;
    for (const auto& [name, known_type] : entries) {
      if (name.empty() || name[0] == '.') continue;
      const std::string shown = prefix + name;
      fs::file_type type = known_type;
      if (type != fs::file_type::regular && type != fs::file_type::directory) {
        std::error_code status_ec;
        const fs::file_status st = fs::status(shown, status_ec);  // follows links
        if (status_ec || !fs::exists(st)) {
          if (!Wanted(name)) {
            ++corpus_->files_ignored;
            continue;
          }
          ++seen;
          ++corpus_->files_found;
          const bool loop = status_ec.value() == ELOOP;
          Skip(shown, "skipping '" + shown + "': " +
                          (loop ? std::string("symbolic link loop")
                           : fs::is_symlink(fs::symlink_status(shown, ec))
                               ? std::string("broken symbolic link")
                               : status_ec.message()));
          continue;
        }
        type = st.type();
      }
      if (type == fs::file_type::directory) {
        seen += Walk(shown, relative + name + "/");
        continue;
      }
      if (!Wanted(name)) {
        ++corpus_->files_ignored;
        continue;
      }
      ++seen;
      ++corpus_->files_found;
      if (type != fs::file_type::regular) {
        Skip(shown, "skipping '" + shown + "': not a regular file (a FIFO, socket or device)");
        continue;
      }
      AddFile(shown, relative + name, /*named=*/false);
    }
    return seen;
  }

  // Records a skipped input, in order with the queued files.
  void Skip(const std::string& path, std::string message) {
    const std::size_t input = next_input_++;
    if (!InShare(input)) return;
    pending_.push_back({path, {}, false, input, SkipResult(path, std::move(message))});
  }

 private:
  struct Pending {
    std::string path;
    std::string id;
    bool named = false;
    std::size_t input = 0;             // its position among the inputs (Document::input)
    std::optional<InputResult> ready;  // set for an input already known to be skipped
  };

  // After a flush of `files` files that gave `text_bytes` of texts: the batch goes when it is
  // large enough, and the next flush comes after about as many files as fill a batch.
  void HandBatch(std::size_t files, std::uint64_t text_bytes) {
    batch_text_bytes_ += text_bytes;
    if (files > 0 && text_bytes > 0) {
      files_per_flush_ = static_cast<std::size_t>(
          std::clamp<std::uint64_t>(batch_bytes_ * files / text_bytes, 1, kMostFilesPerFlush));
    }
    if (!batch_status_.ok() || batch_text_bytes_ < batch_bytes_ ||
        corpus_->documents.size() < batch_min_documents_) {
      return;
    }
    Corpus next;
    next.read_with = corpus_->read_with;
    std::swap(next, *corpus_);
    batch_text_bytes_ = 0;
    ++batches_;
    batch_status_ = (*batch_)(std::move(next));
  }

  bool InShare(std::size_t input) const {
    return options_.shard_count <= 1 || input % options_.shard_count == options_.shard_index;
  }

  void Apply(InputResult r, std::size_t input) {
    corpus_->bytes_read += r.bytes;
    for (IngestWarning& w : r.warnings) {
      w.input = input;
      corpus_->warnings.push_back(std::move(w));
    }
    corpus_->records_skipped += r.records_skipped;
    if (r.skipped) {
      ++corpus_->files_skipped;
      return;
    }
    ++corpus_->files_read;
    for (Document& d : r.documents) {
      d.input = static_cast<std::uint32_t>(input);
      corpus_->documents.push_back(std::move(d));
    }
  }

  // By the extension of a file name that does not start with '.' (as fs::path::extension).
  bool Wanted(const std::string& name) const {
    const std::size_t dot = name.rfind('.');
    const std::string ext = internal::AsciiLower(
        dot == std::string::npos || dot == 0 ? std::string() : name.substr(dot));
    return std::find(options_.extensions.begin(), options_.extensions.end(), ext) !=
           options_.extensions.end();
  }

  // Marks `dir` visited; false (with a warning) when it was seen before, which is how a
  // symbolic link loop, or a second link to the same folder, shows up.
  bool EnterDirectory(const std::string& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) return true;  // the iterator will report the error
    const auto [it, inserted] = visited_.emplace(st.st_dev, st.st_ino);
    if (!inserted) {
      Skip(dir, "skipping folder '" + dir +
                    "': already read through another path (symbolic link loop?)");
    }
    return inserted;
  }

  const IngestOptions& options_;
  const int threads_;
  Corpus* corpus_;
  std::set<std::pair<dev_t, ino_t>> visited_;
  std::vector<Pending> pending_;
  const FilesReadFn& files_read_;
  std::size_t next_input_ = 0;
  std::size_t files_before_ = 0;  // read by the flushes before this one, for progress
  // Handing batches (LoadCorpusInBatches): the first flush after a file a thread, to learn
  // their size, then after as many as fill a batch.
  static constexpr std::size_t kMostFilesPerFlush = 65536;
  std::uint64_t batch_bytes_ = 0;
  std::size_t batch_min_documents_ = 0;
  const CorpusBatchFn* batch_ = nullptr;
  std::uint64_t batch_text_bytes_ = 0;
  std::size_t files_per_flush_ = 1;
  std::size_t batches_ = 0;
  Status batch_status_;
};

// Reads a stream up to `max_bytes` (+1 to know it was exceeded).
std::string ReadStream(std::istream* in, std::uint64_t max_bytes, bool* too_big) {
  std::string data;
  char buffer[1 << 16];
  while (*in) {
    in->read(buffer, sizeof buffer);
    data.append(buffer, static_cast<std::size_t>(in->gcount()));
    if (data.size() > max_bytes) {
      *too_big = true;
      break;
    }
  }
  return data;
}

}  // namespace

Result<std::vector<Document>> RereadFile(const std::string& path, const IngestOptions& options) {
  InputResult r = ProcessFile(path, path, /*named=*/true, options);
  if (r.skipped) {
    return Status::IoError(r.warnings.empty() ? "cannot read '" + path + "' again"
                                              : r.warnings.back().message);
  }
  return std::move(r.documents);
}

namespace {

// The posts of a JSONL file read straight at their offsets, without reading the rest of the
// file: right when the file is UTF-8 without a byte-order mark (its offsets are the decoded
// text's), as posts mostly are. A text `analysed` refuses is left empty. Returns false when the
// file cannot be opened.
bool ReadPostsInPlace(const std::string& path, const std::vector<DocumentPlace>& wanted,
                      std::uint64_t max_bytes, const TextCheck& analysed,
                      std::vector<std::optional<std::string>>* texts) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::string line;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    line.clear();
    std::size_t at = wanted[i].text_offset;
    for (std::size_t chunk = 4096;; chunk = std::min<std::uint64_t>(chunk * 2, max_bytes)) {
      const std::size_t had = line.size();
      line.resize(had + chunk);
      const ssize_t got = ::pread(fd, line.data() + had, chunk, static_cast<off_t>(at));
      line.resize(had + (got > 0 ? static_cast<std::size_t>(got) : 0));
      const std::size_t end = line.find('\n', had);
      if (end != std::string::npos) line.resize(end);
      if (end != std::string::npos || got <= 0 || line.size() >= max_bytes) break;
      at += static_cast<std::size_t>(got);
    }
    if (!internal::IsValidUtf8(line)) continue;
    ParsedInput one = ParseJsonLines(line, path, path);
    if (one.documents.size() == 1 && analysed(i, one.documents[0].text)) {
      (*texts)[i] = std::move(one.documents[0].text);
    }
  }
  ::close(fd);
  return true;
}

}  // namespace

Result<std::vector<std::optional<std::string>>> RereadTexts(
    const std::string& path, const IngestOptions& options, const std::vector<DocumentPlace>& wanted,
    const TextCheck& analysed) {
  std::vector<std::optional<std::string>> texts;
  const bool jsonl = FormatFromExtension(path) == InputFormat::kJsonLines;
  if (jsonl && analysed) {
    texts.resize(wanted.size());
    if (ReadPostsInPlace(path, wanted, options.max_file_bytes, analysed, &texts) &&
        std::all_of(texts.begin(), texts.end(), [](const auto& t) { return t.has_value(); })) {
      return texts;
    }
    texts.clear();  // some post not found in place: the whole file decoded, as it was read
  }
  if (!jsonl) {
    TRENDSCAN_ASSIGN_OR_RETURN(std::vector<Document> docs, RereadFile(path, options));
    for (const DocumentPlace& w : wanted) {
      texts.push_back(w.record < docs.size() ? std::optional<std::string>(docs[w.record].text)
                                             : std::nullopt);
    }
    return texts;
  }
  Result<std::string> data = internal::ReadWholeFile(path, options.max_file_bytes, true);
  if (!data.ok()) return data.status();
  InputResult r;
  const std::optional<DecodedInput> decoded =
      DecodeInput(std::move(data).value(), path, InputFormat::kJsonLines, &r);
  if (!decoded) {
    return Status::IoError(r.warnings.empty() ? "cannot read '" + path + "' again"
                                              : r.warnings.back().message);
  }
  // A post's line starts at its text_offset: that line alone is parsed.
  const std::string_view all = decoded->text;
  for (const DocumentPlace& w : wanted) {
    if (w.text_offset >= all.size()) {
      texts.emplace_back();
      continue;
    }
    const std::string_view rest = all.substr(w.text_offset);
    ParsedInput one = ParseJsonLines(rest.substr(0, rest.find('\n')), path, path);
    texts.push_back(one.documents.size() == 1
                        ? std::optional<std::string>(std::move(one.documents[0].text))
                        : std::nullopt);
  }
  return texts;
}

namespace {

Result<Corpus> Load(const std::vector<std::string>& paths, const IngestOptions& options,
                    std::istream* stdin_stream, int threads, const FilesReadFn& files_read,
                    std::uint64_t batch_bytes, std::size_t min_documents,
                    const CorpusBatchFn* batch) {
  Corpus corpus;
  corpus.read_with = options;
  Loader loader(options, threads, &corpus, files_read);
  if (batch != nullptr) loader.HandInBatches(batch_bytes, min_documents, batch);
  bool read_stdin = false;
  const bool sharded = options.shard_count > 1;
  for (const std::string& arg : paths) {
    if (arg == "-") {
      if (sharded) {
        return Status::InvalidArgument(
            "'-' (standard input) cannot be read in shares (under MPI): give files or folders");
      }
      if (read_stdin) return Status::InvalidArgument("'-' (standard input) given more than once");
      read_stdin = true;
      if (stdin_stream == nullptr) return Status::InvalidArgument("no standard input to read");
      bool too_big = false;
      std::string data = ReadStream(stdin_stream, options.max_file_bytes, &too_big);
      if (too_big) {
        loader.Skip("-", "skipping standard input: over the --max-file-mb limit of " +
                             std::to_string(options.max_file_bytes >> 20) +
                             " MB (raise it to read more)");
        loader.Flush();
        continue;
      }
      loader.AddContent(std::move(data), "-", "-", InputFormat::kText);
      continue;
    }
    const fs::path path(arg);
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (!fs::exists(st)) {
      if (ec.value() == ELOOP) return Status::NotFound("'" + arg + "' is a symbolic link loop");
      if (fs::is_symlink(fs::symlink_status(path, ec))) {
        return Status::NotFound("'" + arg + "' is a broken symbolic link");
      }
      return Status::NotFound("'" + arg + "' does not exist");
    }
    if (fs::is_directory(st)) {
      const std::size_t seen = loader.Walk(path.string(), "");
      loader.Flush();
      if (seen == 0) {
        std::string exts;
        for (const std::string& e : options.extensions) exts += (exts.empty() ? "" : ", ") + e;
        return Status::EmptyInput("no " + exts + " files under '" + arg + "'");
      }
    } else {
      // Queued with the files that follow: `trendscan analyze shards/*.jsonl` reads its files on
      // every thread, as a folder's are, not one at a time.
      loader.AddFile(arg, arg, /*named=*/true);
    }
  }
  loader.Flush();
  TRENDSCAN_RETURN_IF_ERROR(loader.batch_status());
  if (!sharded && loader.batches() == 0) {
    TRENDSCAN_RETURN_IF_ERROR(CheckCorpusReadable(paths, corpus));
  }
  return corpus;
}

}  // namespace

Result<Corpus> LoadCorpus(const std::vector<std::string>& paths, const IngestOptions& options,
                          std::istream* stdin_stream, int threads, const FilesReadFn& files_read) {
  return Load(paths, options, stdin_stream, threads, files_read, 0, 0, nullptr);
}

Result<Corpus> LoadCorpusInBatches(const std::vector<std::string>& paths,
                                   const IngestOptions& options, int threads,
                                   const FilesReadFn& files_read, std::uint64_t batch_bytes,
                                   std::size_t min_documents, const CorpusBatchFn& batch) {
  for (const std::string& arg : paths) {
    if (arg == "-") {
      return Status::InvalidArgument("'-' (standard input) cannot be read in batches");
    }
  }
  return Load(paths, options, nullptr, threads, files_read, batch_bytes, min_documents, &batch);
}

Status CheckCorpusReadable(const std::vector<std::string>& paths, const Corpus& corpus) {
  if (!corpus.documents.empty()) return Status::Ok();
  // Files found by a walk: the one path is a folder.
  if (paths.size() == 1 && corpus.files_found > 0) {
    std::string first;
    if (!corpus.warnings.empty()) first = "; first: " + corpus.warnings.front().message;
    return Status::EmptyInput("no readable text under '" + paths[0] + "' (" +
                              std::to_string(corpus.files_found) + " file(s) skipped" + first +
                              ")");
  }
  if (paths.size() == 1 && !corpus.warnings.empty()) {
    return Status::EmptyInput(corpus.warnings.back().message);
  }
  return Status::EmptyInput("no readable text in the given input");
}

}  // namespace trendscan
