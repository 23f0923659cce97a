#include "trendscan/text/tokenizer.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/utf8.hpp"

namespace trendscan {
namespace {

constexpr char16_t kApostrophe = u'\'';

// The elided French words, as they appear before the apostrophe (after case folding).
constexpr std::array<std::string_view, 12> kFrenchElisions = {
    "l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu"};

bool IsFrenchElision(std::string_view prefix) {
  return std::find(kFrenchElisions.begin(), kFrenchElisions.end(), prefix) != kFrenchElisions.end();
}

// A URL, e-mail address, @mention or #hashtag found before word breaking, as [start, end) in
// UTF-16 code units of the normalised text.
struct Span {
  int32_t start;
  int32_t end;
  Token::Kind kind;
};

bool IsAlnum(UChar32 c) { return u_isalnum(c) != 0; }
bool IsTagChar(UChar32 c) { return u_isalnum(c) != 0 || c == u'_'; }

bool StartsWith(const icu::UnicodeString& s, int32_t at, std::u16string_view prefix) {
  if (at + static_cast<int32_t>(prefix.size()) > s.length()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (s.charAt(at + static_cast<int32_t>(i)) != prefix[i]) return false;
  }
  return true;
}

bool PrecededByAlnum(const icu::UnicodeString& s, int32_t at) {
  return at > 0 && IsAlnum(s.char32At(s.moveIndex32(at, -1)));
}

// Characters that end a URL; trailing punctuation is trimmed separately.
bool EndsUrl(UChar32 c) {
  return u_isUWhiteSpace(c) || c == u'<' || c == u'>' || c == u'"' || c == 0x00AB || c == 0x00BB ||
         u_iscntrl(c);
}

bool IsTrailingPunct(UChar32 c) {
  switch (c) {
    case u'.':
    case u',':
    case u';':
    case u':':
    case u'!':
    case u'?':
    case u')':
    case u']':
    case u'}':
    case u'\'':
    case 0x2026:
      return true;
    default:
      return false;
  }
}

int32_t ScanWhile(const icu::UnicodeString& s, int32_t i, bool (*pred)(UChar32)) {
  while (i < s.length()) {
    UChar32 c = s.char32At(i);
    if (!pred(c)) break;
    i = s.moveIndex32(i, 1);
  }
  return i;
}

bool IsEmailLocalChar(UChar32 c) {
  return IsAlnum(c) || c == u'.' || c == u'_' || c == u'%' || c == u'+' || c == u'-';
}
bool IsDomainChar(UChar32 c) { return IsAlnum(c) || c == u'.' || c == u'-'; }

// Finds URLs, e-mail addresses, mentions and hashtags in text order, without overlaps.
std::vector<Span> FindSpecialSpans(const icu::UnicodeString& s) {
  std::vector<Span> spans;
  const int32_t n = s.length();
  int32_t i = 0;
  while (i < n) {
    const char16_t c = s.charAt(i);
    if ((c == u'h' || c == u'w') && !PrecededByAlnum(s, i) &&
        (StartsWith(s, i, u"http://") || StartsWith(s, i, u"https://") ||
         StartsWith(s, i, u"www."))) {
      int32_t j = i;
      while (j < n && !EndsUrl(s.char32At(j))) j = s.moveIndex32(j, 1);
      while (j > i && IsTrailingPunct(s.charAt(j - 1))) --j;
      spans.push_back({i, j, Token::Kind::kUrl});
      i = j;
      continue;
    }
    if (c == u'@') {
      // An e-mail address if a local part touches the @, else a mention.
      int32_t local = i;
      while (local > 0) {
        const int32_t prev = s.moveIndex32(local, -1);
        if (!IsEmailLocalChar(s.char32At(prev))) break;
        local = prev;
      }
      const int32_t previous_end = spans.empty() ? 0 : spans.back().end;
      if (local < i && local >= previous_end) {
        int32_t end = ScanWhile(s, i + 1, IsDomainChar);
        while (end > i + 1 && (s.charAt(end - 1) == u'.' || s.charAt(end - 1) == u'-')) --end;
        const icu::UnicodeString domain = s.tempSubString(i + 1, end - i - 1);
        if (end > i + 1 && domain.indexOf(u'.') > 0) {
          spans.push_back({local, end, Token::Kind::kEmail});
          i = end;
          continue;
        }
      } else if (local == i && i + 1 < n && IsTagChar(s.char32At(i + 1))) {
        const int32_t end = ScanWhile(s, i + 1, IsTagChar);
        spans.push_back({i, end, Token::Kind::kMention});
        i = end;
        continue;
      }
    }
    if (c == u'#' && !PrecededByAlnum(s, i) && i + 1 < n) {
      const int32_t end = ScanWhile(s, i + 1, IsTagChar);
      bool has_letter = false;
      for (int32_t k = i + 1; k < end; k = s.moveIndex32(k, 1)) {
        if (u_isalpha(s.char32At(k))) has_letter = true;
      }
      if (has_letter) {
        spans.push_back({i, end, Token::Kind::kHashtag});
        i = end;
        continue;
      }
    }
    i = s.moveIndex32(i, 1);
  }
  return spans;
}

// ---- Fast path ----------------------------------------------------------------------------
// Most French and English text uses only ASCII, the Latin-1 letters and a handful of
// typographic marks. For such text (already NFC: no combining marks are accepted), the UAX #29
// word rules reduce to a few cases and case folding to a table, so we segment the UTF-8 bytes
// directly, several times faster than ICU. Any other character sends the whole text to the ICU
// path, which stays the reference: a test checks that both paths agree.

enum class CharClass : unsigned char {
  kOther,      // separates words
  kLetter,     // ALetter
  kDigit,      // Numeric
  kMidNumLet,  // . ' ’ ʼ : joins letters to letters and digits to digits
  kMidNum,     // , ; : joins digits to digits
  kUnsupported
};

// Classes of the ASCII characters, looked up rather than tested in the hot loop.
constexpr std::array<CharClass, 128> kAsciiClass = [] {
  std::array<CharClass, 128> t{};
  for (auto& c : t) c = CharClass::kOther;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = CharClass::kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = CharClass::kLetter;
  for (int c = '0'; c <= '9'; ++c) t[c] = CharClass::kDigit;
  t['.'] = t['\''] = CharClass::kMidNumLet;
  t[','] = t[';'] = CharClass::kMidNum;
  t['@'] = t['#'] = t['_'] = CharClass::kUnsupported;  // tags, mentions, e-mail
  return t;
}();

CharClass ClassifyNonAscii(char32_t cp) {
  if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7) return CharClass::kLetter;
  switch (cp) {
    case 0x152:
    case 0x153:
    case 0x178:  // Œ œ Ÿ
      return CharClass::kLetter;
    case 0x2019:
    case 0x2BC:  // ’ ʼ, folded to '
      return CharClass::kMidNumLet;
    case 0xA0:
    case 0xA1:
    case 0xA2:
    case 0xA3:
    case 0xA5:
    case 0xA7:
    case 0xA9:
    case 0xAB:
    case 0xAE:
    case 0xB0:
    case 0xB1:
    case 0xB6:
    case 0xBB:
    case 0xBF:  // Latin-1 punctuation
    case 0x2013:
    case 0x2014:
    case 0x201C:
    case 0x201D:
    case 0x2022:
    case 0x2026:
    case 0x202F:
    case 0x20AC:
      return CharClass::kOther;
    default:
      return CharClass::kUnsupported;
  }
}

inline CharClass Classify(char32_t cp) {
  return cp < 0x80 ? kAsciiClass[cp] : ClassifyNonAscii(cp);
}

inline bool IsAsciiLetter(unsigned char c) { return static_cast<unsigned>((c | 0x20) - 'a') < 26u; }
inline bool IsAsciiDigit(unsigned char c) { return static_cast<unsigned>(c - '0') < 10u; }

// Writes the case-folded UTF-8 of a supported letter or mark at `out`; returns the end. The
// folded form is never longer than the original (’ is 3 bytes, ' one; ß and ss are both 2).
inline char* PutFolded(char32_t cp, char* out) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    return out;
  }
  if (cp == 0x2019 || cp == 0x2BC) {
    *out++ = '\'';
    return out;
  }
  if (cp == 0xDF) {  // ß folds to ss
    *out++ = 's';
    *out++ = 's';
    return out;
  }
  if (cp >= 0xC0 && cp <= 0xDE) cp += 0x20;
  if (cp == 0x152) cp = 0x153;
  if (cp == 0x178) cp = 0xFF;
  return internal::EncodeUtf8(cp, out);
}

// The offset of the first character of `text` the fast path does not handle, or of something
// that may start a URL, e-mail address, mention or hashtag (which ICU-path span detection must
// see); text.size() when there is none.
// SWAR helpers: does any byte of w equal c / have its high bit set?
inline bool HasByte(std::uint64_t w, unsigned char c) {
  const std::uint64_t x = w ^ (0x0101010101010101ULL * c);
  return ((x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL) != 0;
}

// How many bytes from p on are plain ASCII with none of @ # _ / w (at most `n`): 16 at a time
// with SSE2 (part of every x86-64 processor), else 8 at a time.
inline std::size_t PlainAsciiPrefix(const unsigned char* p, std::size_t n) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i at = _mm_set1_epi8('@'), hash = _mm_set1_epi8('#'), under = _mm_set1_epi8('_'),
                slash = _mm_set1_epi8('/'), w = _mm_set1_epi8('w');
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i hit =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, at), _mm_cmpeq_epi8(v, hash)),
                     _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, under), _mm_cmpeq_epi8(v, slash)),
                                  _mm_cmpeq_epi8(v, w)));
    const int mask = _mm_movemask_epi8(_mm_or_si128(hit, v));  // v: the high bit of non-ASCII
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, p + i, 8);
    if ((word & 0x8080808080808080ULL) != 0 || HasByte(word, '@') || HasByte(word, '#') ||
        HasByte(word, '_') || HasByte(word, '/') || HasByte(word, 'w')) {
      break;
    }
  }
  return i;
}

std::size_t FirstUnsupported(std::string_view text) {
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = begin + text.size();
  const auto* p = begin;
  while (p < end) {
    // Plain ASCII with none of the characters that need a closer look: skipped.
    p += PlainAsciiPrefix(p, static_cast<std::size_t>(end - p));
    if (p >= end) break;
    if (*p < 0x80) {
      const unsigned char c = *p;
      const std::size_t at = static_cast<std::size_t>(p - begin);
      if (c == '@' || c == '#' || c == '_') return at;
      if (c == '/' && end - p >= 2 && p[1] == '/') return at;  // scheme://
      if (c == 'w' && end - p >= 4 && p[1] == 'w' && p[2] == 'w' && p[3] == '.') return at;
      ++p;
      continue;
    }
    // U+00C0..U+00FF (C3 80..C3 BF), the accented letters of French, but for × and ÷.
    if (*p == 0xC3 && end - p >= 2 && internal::IsUtf8Continuation(p[1]) && p[1] != 0x97 &&
        p[1] != 0xB7) {
      p += 2;
      continue;
    }
    const internal::Utf8Char d = internal::DecodeUtf8(p, end);
    if (d.length == 0 || Classify(d.code_point) == CharClass::kUnsupported) {
      return static_cast<std::size_t>(p - begin);
    }
    p += d.length;
  }
  return text.size();
}

}  // namespace

struct Tokenizer::Impl {
  TokenizerOptions options;
  Language language = Language::kFrench;
  const icu::Normalizer2* nfc = nullptr;
  std::unique_ptr<icu::BreakIterator> words;
  icu::UnicodeString buffer;  // reused across calls
  std::string utf8;           // reused across calls
  std::string word;           // reused across calls: a buffer for the folded word

  void Emit(std::string_view text, Token::Kind kind, TokenSink& sink) {
    // A code point takes at most 4 bytes: only short tokens need counting.
    if ((kind == Token::Kind::kWord || kind == Token::Kind::kNumber) &&
        text.size() < 4 * options.min_length &&
        internal::CountCodePoints(text) < options.min_length) {
      return;
    }
    sink.OnToken(text, kind);
  }

  // A folded word, which may hold apostrophes (UAX #29 keeps "l'homme" whole).
  void EmitWord(std::string_view text, TokenSink& sink) {
    if (language == Language::kFrench) {
      // Peel elisions from the front: "qu'aujourd'hui" -> qu + aujourd'hui.
      std::size_t pos = 0;
      while (true) {
        const std::size_t quote = text.find('\'', pos);
        if (quote == std::string_view::npos || quote == pos) break;
        if (!IsFrenchElision(text.substr(pos, quote - pos))) break;
        Emit(text.substr(pos, quote - pos), Token::Kind::kElision, sink);
        pos = quote + 1;
      }
      if (pos < text.size()) Emit(text.substr(pos), Token::Kind::kWord, sink);
      return;
    }
    std::size_t pos = 0;
    while (pos <= text.size()) {
      std::size_t quote = text.find('\'', pos);
      if (quote == std::string_view::npos) quote = text.size();
      if (quote > pos) Emit(text.substr(pos, quote - pos), Token::Kind::kWord, sink);
      pos = quote + 1;
    }
  }

  // Words never span ASCII white space (UAX #29 breaks around it; only Extend, Format and ZWJ
  // characters may attach to a space, and we never cut before a non-ASCII byte), and neither do
  // URLs, e-mail addresses, mentions or hashtags. So the text is cut into chunks at such spaces
  // and each chunk goes through the fast path when it can; a character the fast path cannot
  // handle (an e-mail address, an emoji) sends only the space-delimited stretch around it to ICU.
  void Tokenize(std::string_view text, TokenSink& sink) {
    constexpr std::size_t kChunk = 512;
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t end = NextCut(text, std::min(text.size(), start + kChunk));
      const std::string_view chunk = text.substr(start, end - start);
      const std::size_t bad = FirstUnsupported(chunk);
      if (bad == chunk.size()) {
        FastTokenize(chunk, sink);
        start = end;
        continue;
      }
      // Only the space-delimited stretch around that character goes to ICU (an e-mail address
      // in a signature, not the whole paragraph); what precedes it takes the fast path.
      const std::size_t before = PreviousCut(text, start, start + bad);
      if (before > start) FastTokenize(text.substr(start, before - start), sink);
      const std::size_t after = NextCut(text, start + bad + 1);
      IcuTokenize(text.substr(before, after - before), sink);
      start = after;
    }
  }

  // Where text may be cut: after an ASCII space, before an ASCII byte (or at either end).
  static bool IsCut(std::string_view text, std::size_t at) {
    return at == 0 || at >= text.size() ||
           (IsAsciiSpace(text[at - 1]) && static_cast<unsigned char>(text[at]) < 0x80);
  }
  // The first cut at or after `from`.
  static std::size_t NextCut(std::string_view text, std::size_t from) {
    while (!IsCut(text, from)) ++from;
    return std::min(from, text.size());
  }
  // The last cut at or before `from`, but not before `floor` (itself a cut).
  static std::size_t PreviousCut(std::string_view text, std::size_t floor, std::size_t from) {
    while (from > floor && !IsCut(text, from)) --from;
    return from;
  }

  static bool IsAsciiSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

  void FastTokenize(std::string_view text, TokenSink& sink) {
    const auto* end = reinterpret_cast<const unsigned char*>(text.data()) + text.size();
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    // Words are folded into `word`, written through a pointer: folding never lengthens text.
    if (word.size() < text.size()) word.resize(text.size());
    char* const out = word.data();
    // Decodes the code point at q (the fast-path check guarantees validity).
    auto at = [end](const unsigned char* q) { return internal::DecodeUtf8(q, end); };
    while (p < end) {
      if (*p < 0x80 && !IsAsciiLetter(*p) && !IsAsciiDigit(*p)) {  // spaces, punctuation
        ++p;
        continue;
      }
      internal::Utf8Char d = at(p);
      CharClass cls = Classify(d.code_point);
      if (cls != CharClass::kLetter && cls != CharClass::kDigit) {
        p += d.length;
        continue;
      }
      char* w = out;
      // ICU's rule status follows the segment's last character: "cm1" is a number, "1cm" a word.
      bool ends_in_letter = false;
      bool apostrophe = false;  // only then can the word hold an elision
      while (true) {
        ends_in_letter = cls == CharClass::kLetter;
        w = PutFolded(d.code_point, w);
        p += d.length;
        // Most of a word is a run of ASCII letters (or digits): copied at once, folded.
        if (cls == CharClass::kLetter) {
          while (p < end && IsAsciiLetter(*p)) *w++ = static_cast<char>(*p++ | 0x20);
        } else {
          while (p < end && IsAsciiDigit(*p)) *w++ = static_cast<char>(*p++);
        }
        if (p >= end) break;
        internal::Utf8Char next = at(p);
        CharClass next_cls = Classify(next.code_point);
        if (next_cls == CharClass::kLetter || next_cls == CharClass::kDigit) {
          d = next;
          cls = next_cls;
          continue;
        }
        // A middle mark joins letter-letter (., ', ’) or digit-digit (also , ;).
        if ((next_cls == CharClass::kMidNumLet || next_cls == CharClass::kMidNum) &&
            p + next.length < end) {
          const internal::Utf8Char after = at(p + next.length);
          const CharClass after_cls = Classify(after.code_point);
          const bool letters = cls == CharClass::kLetter && after_cls == CharClass::kLetter &&
                               next_cls == CharClass::kMidNumLet;
          const bool digits = cls == CharClass::kDigit && after_cls == CharClass::kDigit;
          if (letters || digits) {
            w = PutFolded(next.code_point, w);
            const char32_t mark = next.code_point;
            apostrophe |= mark == '\'' || mark == 0x2019 || mark == 0x2BC;
            p += next.length;
            d = after;
            cls = after_cls;
            continue;
          }
        }
        break;
      }
      const std::string_view folded(out, static_cast<std::size_t>(w - out));
      if (!ends_in_letter) {
        if (options.keep_numbers) Emit(folded, Token::Kind::kNumber, sink);
      } else if (apostrophe) {
        EmitWord(folded, sink);
      } else {
        Emit(folded, Token::Kind::kWord, sink);  // what EmitWord does with no apostrophe
      }
    }
  }

  void IcuTokenize(std::string_view text, TokenSink& sink) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString raw = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    nfc->normalize(raw, buffer, status);
    if (U_FAILURE(status)) buffer = raw;
    buffer.foldCase(U_FOLD_CASE_DEFAULT);
    buffer.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)),
                          icu::UnicodeString(kApostrophe));
    buffer.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x02BC)),
                          icu::UnicodeString(kApostrophe));
    // French typography puts a narrow no-break space before ; : ! ? and inside « ». UAX #29
    // classes U+202F as ExtendNumLet (it joins Mongolian words), which would glue it to the
    // preceding word; for our purposes it is a space.
    buffer.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x202F)),
                          icu::UnicodeString(u' '));
    // Folding can denormalise a few characters; NFC again keeps the output contract.
    if (!nfc->isNormalized(buffer, status)) {
      icu::UnicodeString again;
      status = U_ZERO_ERROR;
      nfc->normalize(buffer, again, status);
      if (U_SUCCESS(status)) buffer = again;
    }
    auto segment = [this](int32_t start, int32_t end) -> std::string_view {
      utf8.clear();
      buffer.tempSubString(start, end - start).toUTF8String(utf8);
      return utf8;
    };

    const std::vector<Span> spans = FindSpecialSpans(buffer);
    std::size_t next_span = 0;
    words->setText(buffer);
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
         start = end, end = words->next()) {
      while (next_span < spans.size() && spans[next_span].end <= start) ++next_span;
      if (next_span < spans.size() && start >= spans[next_span].start) {
        // Inside a special span: emit it once, at its first segment.
        const Span& span = spans[next_span];
        if (start == span.start) {
          const bool keep = (span.kind == Token::Kind::kUrl || span.kind == Token::Kind::kEmail)
                                ? options.keep_urls
                                : options.keep_tags;
          if (keep) Emit(segment(span.start, span.end), span.kind, sink);
        }
        continue;
      }
      const int32_t rule = words->getRuleStatus();
      if (rule >= UBRK_WORD_NONE && rule < UBRK_WORD_NONE_LIMIT) continue;
      if (rule >= UBRK_WORD_NUMBER && rule < UBRK_WORD_NUMBER_LIMIT) {
        if (options.keep_numbers) Emit(segment(start, end), Token::Kind::kNumber, sink);
        continue;
      }
      EmitWord(segment(start, end), sink);
    }
  }
};

Result<Tokenizer> Tokenizer::Create(Language language, const TokenizerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->language = language;
  UErrorCode status = U_ZERO_ERROR;
  impl->nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("ICU NFC normaliser unavailable: ") + u_errorName(status));
  }
  const icu::Locale locale(language == Language::kFrench ? "fr" : "en");
  impl->words.reset(icu::BreakIterator::createWordInstance(locale, status));
  if (U_FAILURE(status) || !impl->words) {
    return Status::Internal(std::string("ICU word break iterator unavailable: ") +
                            u_errorName(status));
  }
  return Tokenizer(std::move(impl));
}

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

void Tokenizer::Tokenize(std::string_view text, TokenSink& sink) { impl_->Tokenize(text, sink); }

namespace {
// Appends tokens to a vector, for the allocating forms of Tokenize.
struct Collect : TokenSink {
  explicit Collect(std::vector<Token>* to) : out(to) {}
  void OnToken(std::string_view t, Token::Kind kind) override {
    out->push_back(Token{std::string(t), kind});
  }
  std::vector<Token>* out;
};
}  // namespace

void Tokenizer::Tokenize(std::string_view text, std::vector<Token>* out) {
  Collect collect(out);
  impl_->Tokenize(text, collect);
}

void Tokenizer::TokenizeWithIcu(std::string_view text, std::vector<Token>* out) {
  Collect collect(out);
  impl_->IcuTokenize(text, collect);
}

const TokenizerOptions& Tokenizer::options() const { return impl_->options; }
Language Tokenizer::language() const { return impl_->language; }

}  // namespace trendscan
