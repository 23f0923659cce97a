// HTML: a tolerant scanner, not a DOM. Researchers' HTML comes from scrapers and old blogs and
// is rarely valid; all we need is the visible text, the title, and a few <meta> values.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "ingest/format_util.hpp"
#include "trendscan/ingest/formats.hpp"
#include "util/text_util.hpp"
#include "util/utf8.hpp"

namespace trendscan {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Named entities: the Latin-1 block by position (U+00A0 + index) and the others French text uses.
constexpr const char* kLatin1Entities[96] = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",
    "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn",
    "sup2",   "sup3",   "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",
    "raquo",  "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde",
    "Auml",   "Aring",  "AElig",  "Ccedil", "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave",
    "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde",
    "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",
    "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",   "eth",
    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
    "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};

constexpr struct {
  const char* name;
  std::uint32_t cp;
} kOtherEntities[] = {
    {"amp", '&'},       {"lt", '<'},        {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},     {"OElig", 0x152},   {"oelig", 0x153},  {"Yuml", 0x178},
    {"ndash", 0x2013},  {"mdash", 0x2014},  {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"sbquo", 0x201A},  {"ldquo", 0x201C},  {"rdquo", 0x201D}, {"bdquo", 0x201E},
    {"hellip", 0x2026}, {"euro", 0x20AC},   {"bull", 0x2022},  {"thinsp", 0x2009},
    {"ensp", 0x2002},   {"emsp", 0x2003},   {"zwnj", 0x200C},  {"zwj", 0x200D},
    {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"trade", 0x2122}, {"dagger", 0x2020},
    {"permil", 0x2030}, {"prime", 0x2032},  {"circ", 0x2C6},   {"tilde", 0x2DC},
    {"NewLine", '\n'},  {"Tab", '\t'},
};

// Numeric references 0x80-0x9F mean windows-1252 characters (HTML5 says so; old pages rely on it).
constexpr std::uint32_t kWindows1252[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

// Decodes the reference at s[i] == '&'; on success appends it, advances i past ';' and
// returns true. Unknown or malformed references are left as text.
bool DecodeEntity(std::string_view s, std::size_t* i, std::string* out) {
  // Look for ';' in a short window only: text full of '&' must stay linear.
  const std::size_t window = s.substr(*i + 1, 40).find(';');
  if (window == std::string_view::npos) return false;
  const std::size_t semi = *i + 1 + window;
  const std::string_view name = s.substr(*i + 1, semi - *i - 1);
  if (name.empty()) return false;
  std::uint32_t cp = 0;
  bool found = false;
  if (name[0] == '#') {
    const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return false;
    for (char c : digits) {
      std::uint32_t v;
      if (c >= '0' && c <= '9') {
        v = static_cast<std::uint32_t>(c - '0');
      } else if (hex && c >= 'a' && c <= 'f') {
        v = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (hex && c >= 'A' && c <= 'F') {
        v = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
      cp = cp * (hex ? 16 : 10) + v;
    }
    if (cp >= 0x80 && cp <= 0x9F) cp = kWindows1252[cp - 0x80];
    // A reference to NUL, a surrogate or past U+10FFFF means U+FFFD (HTML5 says so).
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    found = true;
  } else {
    for (std::size_t k = 0; k < 96 && !found; ++k) {
      if (name == kLatin1Entities[k]) {
        cp = static_cast<std::uint32_t>(0xA0 + k);
        found = true;
      }
    }
    for (const auto& e : kOtherEntities) {
      if (!found && name == e.name) {
        cp = e.cp;
        found = true;
      }
    }
  }
  if (!found) return false;
  internal::AppendUtf8(cp, out);
  *i = semi + 1;
  return true;
}

std::string DecodeEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '&' && DecodeEntity(s, &i, &out)) continue;
    out += s[i++];
  }
  return out;
}

// White space runs become one space; blank-line-separated paragraphs come from block breaks
// ('\n' in `raw`).
std::string CollapseWhitespace(std::string_view raw) {
  std::string out;
  for (std::string_view line : internal::SplitLines(raw)) {
    std::string collapsed;
    bool space = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      // U+00A0 (no-break space) counts as a space between words here.
      const bool nbsp = c == '\xC2' && i + 1 < line.size() && line[i + 1] == '\xA0';
      if (IsSpace(c) || nbsp) {
        if (nbsp) ++i;
        space = !collapsed.empty();
        continue;
      }
      if (space) collapsed += ' ';
      space = false;
      collapsed += c;
    }
    if (collapsed.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += collapsed;
  }
  return out;
}

struct Tag {
  std::string name;  // lower case; "" when '<' did not open a tag
  bool closing = false;
  std::vector<std::pair<std::string, std::string>> attributes;  // names lower case, values raw
  std::size_t end = 0;                                          // index just past '>'
};

// Reads the tag starting at s[i] == '<'.
Tag ReadTag(std::string_view s, std::size_t i) {
  Tag tag;
  std::size_t p = i + 1;
  if (p < s.size() && s[p] == '/') {
    tag.closing = true;
    ++p;
  }
  if (p >= s.size() || !IsAsciiAlpha(s[p])) return tag;
  const std::size_t name_start = p;
  while (p < s.size() && !IsSpace(s[p]) && s[p] != '>' && s[p] != '/') ++p;
  tag.name = internal::AsciiLower(s.substr(name_start, p - name_start));
  while (p < s.size() && s[p] != '>') {
    if (IsSpace(s[p]) || s[p] == '/') {
      ++p;
      continue;
    }
    const std::size_t a = p;
    while (p < s.size() && !IsSpace(s[p]) && s[p] != '>' && s[p] != '=' && s[p] != '/') ++p;
    std::string attr = internal::AsciiLower(s.substr(a, p - a));
    std::string value;
    while (p < s.size() && IsSpace(s[p])) ++p;
    if (p < s.size() && s[p] == '=') {
      ++p;
      while (p < s.size() && IsSpace(s[p])) ++p;
      if (p < s.size() && (s[p] == '"' || s[p] == '\'')) {
        const char q = s[p++];
        const std::size_t v = p;
        while (p < s.size() && s[p] != q) ++p;
        value = std::string(s.substr(v, p - v));
        if (p < s.size()) ++p;
      } else {
        const std::size_t v = p;
        while (p < s.size() && !IsSpace(s[p]) && s[p] != '>') ++p;
        value = std::string(s.substr(v, p - v));
      }
    }
    if (!attr.empty()) tag.attributes.emplace_back(std::move(attr), std::move(value));
    if (p == a) ++p;  // never stall on a stray character
  }
  tag.end = p < s.size() ? p + 1 : s.size();
  return tag;
}

std::string Attribute(const Tag& tag, std::string_view name) {
  for (const auto& [k, v] : tag.attributes) {
    if (k == name) return v;
  }
  return "";
}

bool IsBlock(std::string_view n) {
  static constexpr std::string_view kBlocks[] = {
      "p",      "div",     "br",         "li",         "ul",      "ol",    "h1",      "h2",
      "h3",     "h4",      "h5",         "h6",         "tr",      "table", "section", "article",
      "header", "footer",  "blockquote", "pre",        "hr",      "dd",    "dt",      "dl",
      "nav",    "aside",   "figure",     "figcaption", "main",    "form",  "body",    "td",
      "th",     "caption", "address",    "details",    "summary", "title", "option",  "textarea"};
  for (std::string_view b : kBlocks) {
    if (n == b) return true;
  }
  return false;
}

// Elements whose content is never visible text.
bool IsHidden(std::string_view n) {
  return n == "script" || n == "style" || n == "noscript" || n == "template" || n == "svg" ||
         n == "math" || n == "iframe" || n == "object";
}

// The index just past the tag closing the element `name` (case-insensitively), looked for from
// s[i] on; s.size() when the element is never closed.
std::size_t SkipToClose(std::string_view s, std::size_t i, const std::string& name) {
  const std::string close = "</" + name;
  std::size_t p = i;
  while (true) {
    const std::size_t lt = s.find("</", p);
    if (lt == std::string_view::npos) return s.size();
    if (internal::AsciiLower(s.substr(lt, close.size())) == close) {
      const std::size_t gt = s.find('>', lt);
      return gt == std::string_view::npos ? s.size() : gt + 1;
    }
    p = lt + 2;
  }
}

// Sets the document's date from `value`, or warns that it is not one.
void TakeHtmlDate(const std::string& value, const std::string& source, Document* doc,
                  ParsedInput* out) {
  const std::string w = internal::TakeDate(doc, "date", value, internal::Where(source, 0));
  if (!w.empty()) out->warnings.push_back({source, w});
}

// A <meta> tag: the first publication date, the author, keywords or description.
void TakeMeta(const Tag& tag, const std::string& source, Document* doc, ParsedInput* out) {
  const std::string key = internal::AsciiLower(
      !Attribute(tag, "name").empty() ? Attribute(tag, "name") : Attribute(tag, "property"));
  const std::string decoded = DecodeEntities(Attribute(tag, "content"));
  const std::string content(internal::Trim(decoded));
  if (content.empty()) return;
  if (key == "date" || key == "dc.date" || key == "dcterms.date" || key == "dc.date.issued" ||
      key == "article:published_time" || key == "pubdate" || key == "publish-date" ||
      key == "og:published_time") {
    if (doc->date.empty()) TakeHtmlDate(content, source, doc, out);
  } else if (key == "author" || key == "keywords" || key == "description") {
    doc->metadata.emplace_back(key, content);
  }
}

// What the scan of a page collects besides its <meta> tags.
struct HtmlText {
  std::string raw;        // the visible text, '\n' at each block break
  std::string title;      // the text of <title>
  std::string h1;         // the text of the <h1> elements
  std::string time_date;  // the datetime of the first <time>
};

// One pass over the page: text runs are decoded and kept, comments, declarations and hidden
// elements skipped, tags turned into breaks, <meta> tags taken into `doc`.
HtmlText ScanHtml(std::string_view s, const std::string& source, Document* doc, ParsedInput* out) {
  HtmlText page;
  bool in_title = false;
  bool in_h1 = false;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c != '<') {
      const std::size_t next = std::min(s.find('<', i), s.size());
      const std::string text = DecodeEntities(s.substr(i, next - i));
      if (in_title) {
        page.title += text;
      } else {
        page.raw += text;
        if (in_h1) page.h1 += text;
      }
      i = next;
      continue;
    }
    if (s.substr(i, 4) == "<!--") {
      const std::size_t end = s.find("-->", i + 4);
      i = end == std::string_view::npos ? s.size() : end + 3;
      continue;
    }
    if (i + 1 < s.size() && (s[i + 1] == '!' || s[i + 1] == '?')) {
      const std::size_t end = s.find('>', i);
      i = end == std::string_view::npos ? s.size() : end + 1;
      continue;
    }
    Tag tag = ReadTag(s, i);
    if (tag.name.empty()) {  // a lone '<' in text
      if (!in_title) page.raw += '<';
      ++i;
      continue;
    }
    i = tag.end;
    if (!tag.closing && IsHidden(tag.name)) {
      i = SkipToClose(s, i, tag.name);
      continue;
    }
    if (tag.name == "title") in_title = !tag.closing;
    if (tag.name == "h1") in_h1 = !tag.closing;
    if (tag.name == "meta") {
      TakeMeta(tag, source, doc, out);
      continue;
    }
    if (tag.name == "time" && !tag.closing && page.time_date.empty()) {
      page.time_date = Attribute(tag, "datetime");
    }
    if (IsBlock(tag.name)) {
      page.raw += '\n';
    } else if (!tag.closing && tag.name == "img") {
      page.raw += ' ';
    }
  }
  return page;
}

// The <title>, else the <h1>, on one line.
std::string HtmlTitle(const HtmlText& page) {
  std::string title = CollapseWhitespace(page.title);
  if (title.empty()) title = CollapseWhitespace(page.h1);
  for (char& ch : title) {
    if (ch == '\n') ch = ' ';
  }
  return title;
}

}  // namespace

std::string DeclaredHtmlCharset(std::string_view bytes) {
  const std::string head = internal::AsciiLower(bytes.substr(0, 1024));
  const std::size_t at = head.find("charset=");
  if (at == std::string::npos) return "";
  std::size_t p = at + 8;
  while (p < head.size() && (head[p] == '"' || head[p] == '\'' || head[p] == ' ')) ++p;
  const std::size_t start = p;
  while (p < head.size() && (std::isalnum(static_cast<unsigned char>(head[p])) || head[p] == '-' ||
                             head[p] == '_' || head[p] == ':' || head[p] == '.')) {
    ++p;
  }
  return head.substr(start, p - start);
}

ParsedInput ParseHtml(std::string_view s, const std::string& id, const std::string& source) {
  ParsedInput out;
  Document doc;
  doc.id = id;
  doc.source_path = source;
  const HtmlText page = ScanHtml(s, source, &doc, &out);
  if (doc.date.empty() && !page.time_date.empty()) TakeHtmlDate(page.time_date, source, &doc, &out);
  doc.title = HtmlTitle(page);
  doc.text = CollapseWhitespace(page.raw);
  if (doc.text.empty()) {
    out.skip_reason = "no visible text in the HTML";
    return out;
  }
  internal::SetDefaultTitle(&doc, internal::FileStem(source));
  out.documents.push_back(std::move(doc));
  return out;
}

}  // namespace trendscan
