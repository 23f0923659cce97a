// libFuzzer target: the whole LoadCorpus on folders generated from the input: files of every
// extension with any bytes and any names (newlines, escapes, bytes that are not UTF-8, hidden
// names), nested folders, symbolic links (dangling, to files, to folders, looping) and FIFOs.
// Nothing may crash, hang (a FIFO in a folder is never opened) or break the corpus's promises.
#include <fcntl.h>
#include <fuzzer/FuzzedDataProvider.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "trendscan/ingest/corpus.hpp"

namespace fs = std::filesystem;

namespace {

// A scratch folder of this process, made once.
const std::string& Scratch() {
  static const std::string path = [] {
    std::string tmpl = (fs::temp_directory_path() / "trendscan-fuzz-corpus-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
    return tmpl;
  }();
  static const bool cleaned_at_exit = std::atexit([] {
                                        std::error_code ec;
                                        fs::remove_all(Scratch(), ec);
                                      }) == 0;
  (void)cleaned_at_exit;
  return path;
}

// Writes a new file (never through an existing name: that could be a FIFO, and opening it would
// wait for a reader). False when the name is taken.
bool WriteNew(const std::string& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  const bool ok =
      ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  ::close(fd);
  return ok;
}

// A file name from the input: any bytes but '/' and NUL, never "." or "..".
std::string Name(FuzzedDataProvider& in) {
  std::string name = in.ConsumeRandomLengthString(40);
  std::string out;
  for (char c : name) {
    if (c != '/' && c != '\0') out += c;
  }
  if (out.empty() || out == "." || out == "..") out = "n";
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const std::string root = Scratch() + "/root";
  std::error_code ec;
  fs::remove_all(root, ec);
  fs::create_directory(root);
  static const char* const kExtensions[] = {".txt",   ".md",     ".markdown", ".html", ".htm",
                                            ".jsonl", ".ndjson", ".csv",      ".TXT",  ""};
  std::vector<std::string> folders = {root};
  std::vector<std::string> entries;  // every path made, to link to
  std::vector<std::string> regular;  // regular files, which may be named directly
  for (int op = in.ConsumeIntegralInRange(0, 24); op > 0 && in.remaining_bytes() > 0; --op) {
    const std::string& folder =
        folders[in.ConsumeIntegralInRange<std::size_t>(0, folders.size() - 1)];
    std::string path = folder + "/" + Name(in);
    switch (in.ConsumeIntegralInRange(0, 6)) {
      case 0:
      case 1:
      case 2: {  // a file of a read extension (or not), any content
        path += kExtensions[in.ConsumeIntegralInRange<std::size_t>(0, 9)];
        if (!WriteNew(path, in.ConsumeRandomLengthString(4096))) continue;
        regular.push_back(path);
        break;
      }
      case 3:
        if (!fs::create_directory(path, ec)) continue;
        folders.push_back(path);
        break;
      case 4: {  // a link inside the root only: to an entry, a folder (maybe a loop), or nothing
        std::string target = root + "/missing";
        const int kind = in.ConsumeIntegralInRange(0, 2);
        if (kind == 0 && !entries.empty()) {
          target = entries[in.ConsumeIntegralInRange<std::size_t>(0, entries.size() - 1)];
        } else if (kind == 1) {
          target = folders[in.ConsumeIntegralInRange<std::size_t>(0, folders.size() - 1)];
        }
        path += kExtensions[in.ConsumeIntegralInRange<std::size_t>(0, 9)];
        if (::symlink(target.c_str(), path.c_str()) != 0) continue;
        break;
      }
      case 5:
        path += ".txt";
        if (::mkfifo(path.c_str(), 0600) != 0) continue;
        break;
      case 6: {  // a hidden file, left out by the walk
        path = folder + "/." + Name(in) + ".txt";
        if (!WriteNew(path, "caché")) continue;
        break;
      }
    }
    entries.push_back(path);
  }
  trendscan::IngestOptions options;
  options.max_file_bytes = in.ConsumeIntegralInRange<std::uint64_t>(1, 8192);
  std::vector<std::string> paths = {root};
  if (!regular.empty() && in.ConsumeBool()) {  // a regular file named too (never a FIFO)
    paths.push_back(regular[in.ConsumeIntegralInRange<std::size_t>(0, regular.size() - 1)]);
  }
  const trendscan::Result<trendscan::Corpus> corpus =
      trendscan::LoadCorpus(paths, options, nullptr, 1);
  if (!corpus.ok()) {
    if (corpus.status().message().empty()) std::abort();
  } else {
    const trendscan::Corpus& c = *corpus;
    if (c.documents.empty() || c.files_read == 0) std::abort();
    for (const trendscan::Document& d : c.documents) {
      if (d.id.empty() || d.source_path.str().compare(0, root.size(), root) != 0) std::abort();
      if (d.text_offset > 8192) std::abort();
    }
    for (const trendscan::IngestWarning& w : c.warnings) {
      if (w.message.empty() || w.path.empty()) std::abort();
    }
  }
  fs::remove_all(root, ec);
  return 0;
}
