#include "report/json_writer.hpp"

#include <fmt/format.h>

#include <cmath>
#include <iterator>

#include "util/utf8.hpp"

namespace trendscan::internal {

void JsonWriter::NewLine() {
  out_->push_back('\n');
  out_->append(2 * levels_.size(), ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;  // the top-level value
  if (!levels_.back().empty) out_->push_back(',');
  levels_.back().empty = false;
  NewLine();
}

void JsonWriter::Key(std::string_view key) {
  if (!levels_.back().empty) out_->push_back(',');
  levels_.back().empty = false;
  NewLine();
  Quoted(key);
  Raw(": ");
  after_key_ = true;
}

void JsonWriter::Open(char bracket) {
  BeforeValue();
  out_->push_back(bracket);
  levels_.push_back({});
}

void JsonWriter::Close(char bracket) {
  const bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) NewLine();
  out_->push_back(bracket);
}

void JsonWriter::String(std::string_view s) {
  BeforeValue();
  Quoted(s);
}

void JsonWriter::Quoted(std::string_view s) {
  out_->push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  const auto* run = p;  // start of bytes not yet copied
  while (p < end) {
    const unsigned char c = *p;
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7F) {
      ++p;
      continue;
    }
    if (c >= 0x80) {
      const Utf8Char u = DecodeUtf8(p, end);
      if (u.length > 0 && u.code_point > 0x9F) {
        p += u.length;
        continue;
      }
      if (u.length > 0) {  // a C1 control: escaped, like C0, so a terminal showing the JSON
        out_->append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
        fmt::format_to(std::back_inserter(*out_), "\\u{:04x}", static_cast<unsigned>(u.code_point));
        p += u.length;
        run = p;
        continue;
      }
    }
    out_->append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    switch (c) {
      case '"':
        Raw("\\\"");
        break;
      case '\\':
        Raw("\\\\");
        break;
      case '\b':
        Raw("\\b");
        break;
      case '\f':
        Raw("\\f");
        break;
      case '\n':
        Raw("\\n");
        break;
      case '\r':
        Raw("\\r");
        break;
      case '\t':
        Raw("\\t");
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          fmt::format_to(std::back_inserter(*out_), "\\u{:04x}", c);
        } else {
          Raw("\xEF\xBF\xBD");  // an invalid byte: U+FFFD REPLACEMENT CHARACTER
        }
    }
    run = ++p;
  }
  out_->append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
  out_->push_back('"');
}

void JsonWriter::Int(std::int64_t v) {
  BeforeValue();
  fmt::format_to(std::back_inserter(*out_), "{}", v);
}

void JsonWriter::Uint(std::uint64_t v) {
  BeforeValue();
  fmt::format_to(std::back_inserter(*out_), "{}", v);
}

void JsonWriter::Double(double v) {
  if (!std::isfinite(v)) {
    Null();
    return;
  }
  BeforeValue();
  const std::size_t start = out_->size();
  fmt::format_to(std::back_inserter(*out_), "{}", v);
  if (out_->find_first_of(".e", start) == std::string::npos) Raw(".0");
}

void JsonWriter::Bool(bool v) {
  BeforeValue();
  Raw(v ? "true" : "false");
}

void JsonWriter::Null() {
  BeforeValue();
  Raw("null");
}

void JsonWriter::StringOrNull(std::string_view key, std::string_view v) {
  Key(key);
  if (v.empty()) {
    Null();
  } else {
    String(v);
  }
}

void JsonWriter::IdOrNull(std::string_view key, std::int64_t v) {
  Key(key);
  if (v == 0) {
    Null();
  } else {
    Int(v);
  }
}

void JsonWriter::Value(const nlohmann::ordered_json& v) {
  using Type = nlohmann::ordered_json::value_t;
  switch (v.type()) {
    case Type::object:
      BeginObject();
      for (const auto& [key, value] : v.items()) Field(key, value);
      EndObject();
      break;
    case Type::array:
      BeginArray();
      for (const auto& element : v) Value(element);
      EndArray();
      break;
    case Type::string:
      String(v.get_ref<const std::string&>());
      break;
    case Type::boolean:
      Bool(v.get<bool>());
      break;
    case Type::number_integer:
      Int(v.get<std::int64_t>());
      break;
    case Type::number_unsigned:
      Uint(v.get<std::uint64_t>());
      break;
    case Type::number_float:
      Double(v.get<double>());
      break;
    default:
      Null();
      break;  // null, and the binary and discarded kinds a report never holds
  }
}

}  // namespace trendscan::internal
