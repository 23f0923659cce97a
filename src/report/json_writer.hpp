// A streaming JSON writer (not part of the public API). It appends pretty-printed JSON, laid out
// as nlohmann::json's dump(2) lays it out, straight to a string: the report's per-document and
// per-unit arrays (the bulk of a report on 100,000 documents) then need no tree of nodes in
// memory, which halved the JSON rendering time and saved about a third of the report's peak
// memory. Small sections can still be built as nlohmann trees and written in place (Value).
#ifndef TRENDSCAN_SRC_REPORT_JSON_WRITER_HPP_
#define TRENDSCAN_SRC_REPORT_JSON_WRITER_HPP_

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace trendscan::internal {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}
  // A writer for a piece of a larger document, to be spliced into it (Splice): `depth` levels
  // are open, the innermost already holding a value when `continuing`. Pieces of one array can
  // so be written on several threads.
  JsonWriter(std::string* out, int depth, bool continuing)
      : out_(out), levels_(static_cast<std::size_t>(depth)) {
    if (depth > 0) levels_.back().empty = !continuing;
  }

  int depth() const { return static_cast<int>(levels_.size()); }
  // Appends a piece written by a writer made for this depth, continuing when this level
  // already holds a value.
  void Splice(std::string_view piece) {
    if (piece.empty()) return;
    out_->append(piece);
    levels_.back().empty = false;
    if (flush_ && out_->size() >= flush_bytes_) Flush();
  }

  // Hands the text written so far to `flush` (and clears it) whenever it reaches `bytes`, at the
  // points where a piece is spliced, so that a long report is never held whole. `flush` returns
  // false when it could not take the text; nothing more is handed to it then.
  void FlushTo(std::function<bool(std::string_view)> flush, std::size_t bytes) {
    flush_ = std::move(flush);
    flush_bytes_ = bytes;
  }
  // Hands what is left to the flush function; false when it failed, now or before.
  bool Flush() {
    if (!flush_) return true;
    if (flush_ok_ && !out_->empty()) flush_ok_ = flush_(*out_);
    out_->clear();
    return flush_ok_;
  }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // Inside an object: the next value's key.
  void Key(std::string_view key);

  // Invalid UTF-8 is replaced by U+FFFD; control characters (C0, DEL and C1) are escaped
  // (\u001b), so the JSON is safe to show on a terminal and reads back exactly.
  void String(std::string_view s);
  void Int(std::int64_t v);
  void Uint(std::uint64_t v);
  // Shortest representation that reads back exactly; a whole number keeps ".0" (as nlohmann
  // writes it); NaN and infinities become null (JSON has neither).
  void Double(double v);
  void Bool(bool v);
  void Null();
  // A tree built with nlohmann (object keys in their stored order).
  void Value(const nlohmann::ordered_json& v);

  // Shorthands for a key and its value.
  void Field(std::string_view key, std::string_view v) {
    Key(key);
    String(v);
  }
  void Field(std::string_view key, const std::string& v) {
    Key(key);
    String(v);
  }
  void Field(std::string_view key, const char* v) {
    Key(key);
    String(v);
  }
  void Field(std::string_view key, bool v) {
    Key(key);
    Bool(v);
  }
  void Field(std::string_view key, int v) {
    Key(key);
    Int(v);
  }
  void Field(std::string_view key, long v) {
    Key(key);
    Int(v);
  }
  void Field(std::string_view key, long long v) {
    Key(key);
    Int(v);
  }
  void Field(std::string_view key, unsigned v) {
    Key(key);
    Uint(v);
  }
  void Field(std::string_view key, unsigned long v) {
    Key(key);
    Uint(v);
  }
  void Field(std::string_view key, unsigned long long v) {
    Key(key);
    Uint(v);
  }
  void Field(std::string_view key, double v) {
    Key(key);
    Double(v);
  }
  void Field(std::string_view key, const nlohmann::ordered_json& v) {
    Key(key);
    Value(v);
  }
  // The string, or null when it is empty.
  void StringOrNull(std::string_view key, std::string_view v);
  // The number, or null when it is zero (ids counted from 1, where 0 means "none").
  void IdOrNull(std::string_view key, std::int64_t v);

 private:
  struct Level {
    bool empty = true;
  };
  void Open(char bracket);
  void Close(char bracket);
  void BeforeValue();
  void NewLine();
  void Quoted(std::string_view s);  // escaped, in quotes
  void Raw(std::string_view s) { out_->append(s); }

  std::string* out_;
  std::vector<Level> levels_;
  bool after_key_ = false;
  std::function<bool(std::string_view)> flush_;
  std::size_t flush_bytes_ = 0;
  bool flush_ok_ = true;
};

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_REPORT_JSON_WRITER_HPP_
