#include "trendscan/tokenizer.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>

namespace trendscan {
namespace {

constexpr char16_t kApostrophe = u'\'';

// The elided French words, as they appear before the apostrophe (after case folding).
constexpr std::array<std::u16string_view, 12> kFrenchElisions = {
    u"l", u"d", u"qu", u"j", u"n", u"s", u"c", u"m", u"t", u"jusqu", u"lorsqu", u"puisqu"};

bool IsFrenchElision(std::u16string_view prefix) {
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
  return u_isUWhiteSpace(c) || c == u'<' || c == u'>' || c == u'"' || c == 0x00AB ||
         c == 0x00BB || u_iscntrl(c);
}

bool IsTrailingPunct(UChar32 c) {
  switch (c) {
    case u'.': case u',': case u';': case u':': case u'!': case u'?': case u')':
    case u']': case u'}': case u'\'': case 0x2026:
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

}  // namespace

struct Tokenizer::Impl {
  TokenizerOptions options;
  const icu::Normalizer2* nfc = nullptr;
  std::unique_ptr<icu::BreakIterator> words;
  icu::UnicodeString buffer;  // reused across calls
  std::string utf8;           // reused across calls

  void Emit(const icu::UnicodeString& s, int32_t start, int32_t end, Token::Kind kind,
            std::vector<Token>* out) {
    if (kind == Token::Kind::kWord || kind == Token::Kind::kNumber) {
      if (s.countChar32(start, end - start) < static_cast<int32_t>(options.min_length)) return;
    }
    utf8.clear();
    s.tempSubString(start, end - start).toUTF8String(utf8);
    out->push_back(Token{utf8, kind});
  }

  // A word from the break iterator, which may hold apostrophes (ICU keeps "l'homme" whole).
  void EmitWord(const icu::UnicodeString& s, int32_t start, int32_t end, std::vector<Token>* out) {
    const std::u16string_view text(s.getBuffer() + start, static_cast<std::size_t>(end - start));
    if (options.language == Language::kFrench) {
      // Peel elisions from the front: "qu'aujourd'hui" -> qu + aujourd'hui.
      std::size_t pos = 0;
      while (true) {
        const std::size_t quote = text.find(kApostrophe, pos);
        if (quote == std::u16string_view::npos || quote == pos) break;
        if (!IsFrenchElision(text.substr(pos, quote - pos))) break;
        Emit(s, start + static_cast<int32_t>(pos), start + static_cast<int32_t>(quote),
             Token::Kind::kElision, out);
        pos = quote + 1;
      }
      if (pos < text.size()) Emit(s, start + static_cast<int32_t>(pos), end, Token::Kind::kWord, out);
      return;
    }
    std::size_t pos = 0;
    while (pos <= text.size()) {
      std::size_t quote = text.find(kApostrophe, pos);
      if (quote == std::u16string_view::npos) quote = text.size();
      if (quote > pos) {
        Emit(s, start + static_cast<int32_t>(pos), start + static_cast<int32_t>(quote),
             Token::Kind::kWord, out);
      }
      pos = quote + 1;
    }
  }

  void Tokenize(std::string_view text, std::vector<Token>* out) {
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
    buffer.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x202F)), icu::UnicodeString(u' '));
    // Folding can denormalise a few characters; NFC again keeps the output contract.
    if (!nfc->isNormalized(buffer, status)) {
      icu::UnicodeString again;
      status = U_ZERO_ERROR;
      nfc->normalize(buffer, again, status);
      if (U_SUCCESS(status)) buffer = again;
    }

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
          if (keep) Emit(buffer, span.start, span.end, span.kind, out);
        }
        continue;
      }
      const int32_t rule = words->getRuleStatus();
      if (rule >= UBRK_WORD_NONE && rule < UBRK_WORD_NONE_LIMIT) continue;
      if (rule >= UBRK_WORD_NUMBER && rule < UBRK_WORD_NUMBER_LIMIT) {
        if (options.keep_numbers) Emit(buffer, start, end, Token::Kind::kNumber, out);
        continue;
      }
      EmitWord(buffer, start, end, out);
    }
  }
};

Result<Tokenizer> Tokenizer::Create(const TokenizerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  UErrorCode status = U_ZERO_ERROR;
  impl->nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    return Status::Internal(std::string("ICU NFC normaliser unavailable: ") + u_errorName(status));
  }
  const icu::Locale locale(options.language == Language::kFrench ? "fr" : "en");
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

void Tokenizer::Tokenize(std::string_view text, std::vector<Token>* out) {
  impl_->Tokenize(text, out);
}

const TokenizerOptions& Tokenizer::options() const { return impl_->options; }

}  // namespace trendscan
