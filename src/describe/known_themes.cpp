#include "trendscan/describe/known_themes.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <set>

#include "util/embedded_data.hpp"
#include "util/parallel.hpp"
#include "util/text_util.hpp"
#include "util/utf8.hpp"

namespace trendscan {
namespace {

bool IsIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

Status LineError(std::string_view source, std::size_t line, const std::string& what) {
  return Status::InvalidArgument("theme lexicon " + std::string(source) + ":" +
                                 std::to_string(line) + ": " + what);
}

}  // namespace

Result<ThemeLexicon> ParseThemeLexicon(std::string_view text, std::string_view source) {
  if (!internal::IsValidUtf8(text)) {
    return Status::InvalidArgument("theme lexicon '" + std::string(source) +
                                   "' is not valid UTF-8");
  }
  ThemeLexicon lexicon;
  std::size_t line_number = 0;
  std::size_t header_line = 0;
  auto close_theme = [&]() -> Status {
    if (!lexicon.themes.empty() && lexicon.themes.back().words.empty()) {
      return LineError(source, header_line,
                       "theme [" + lexicon.themes.back().id + "] has no words");
    }
    return Status::Ok();
  };
  for (std::string_view line : internal::SplitLines(text)) {
    ++line_number;
    const std::size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    line = internal::Trim(line);
    if (line.empty()) continue;
    if (line.front() == '[') {
      const std::size_t close = line.find(']');
      if (close == std::string_view::npos) return LineError(source, line_number, "missing ']'");
      const std::string_view id = internal::Trim(line.substr(1, close - 1));
      if (id.empty() || !std::all_of(id.begin(), id.end(), IsIdChar)) {
        return LineError(
            source, line_number,
            "a theme id is letters, digits, '-' or '_', got '" + std::string(id) + "'");
      }
      for (const KnownTheme& t : lexicon.themes) {
        if (t.id == id) return LineError(source, line_number, "duplicate theme [" + t.id + "]");
      }
      TRENDSCAN_RETURN_IF_ERROR(close_theme());
      KnownTheme theme;
      theme.id = std::string(id);
      theme.name = std::string(internal::Trim(line.substr(close + 1)));
      if (theme.name.empty()) theme.name = theme.id;
      lexicon.themes.push_back(std::move(theme));
      header_line = line_number;
      continue;
    }
    if (lexicon.themes.empty()) {
      return LineError(source, line_number, "words before the first [theme-id] header");
    }
    std::size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ',' || line[i] == ' ' || line[i] == '\t')) ++i;
      const std::size_t b = i;
      while (i < line.size() && line[i] != ',' && line[i] != ' ' && line[i] != '\t') ++i;
      if (i > b) lexicon.themes.back().words.emplace_back(line.substr(b, i - b));
    }
  }
  TRENDSCAN_RETURN_IF_ERROR(close_theme());
  if (lexicon.themes.empty()) {
    return Status::InvalidArgument("theme lexicon '" + std::string(source) +
                                   "' has no [theme-id] header");
  }
  return lexicon;
}

ThemeLexicon BuiltinThemes(Language lang) {
  Result<ThemeLexicon> lexicon =
      ParseThemeLexicon(internal::EmbeddedThemes(LanguageCode(lang)), "built-in lexicon");
  // The built-in lexicons are part of the build; failing to parse them is a build defect.
  assert(lexicon.ok());
  return lexicon.ok() ? std::move(lexicon).value() : ThemeLexicon();
}

namespace {

// Each theme's words as index terms, read with the corpus's term options.
Result<std::vector<std::set<std::string>>> LexiconTerms(const ThemeLexicon& lexicon,
                                                        const TermOptions& terms) {
  TRENDSCAN_ASSIGN_OR_RETURN(Tokenizer tokenizer,
                             Tokenizer::Create(terms.language, terms.tokenizer));
  TRENDSCAN_ASSIGN_OR_RETURN(Normalizer normalizer,
                             Normalizer::Create(terms.language, terms.normalizer, terms.stopwords));
  std::vector<std::set<std::string>> out(lexicon.themes.size());
  std::vector<Token> tokens;
  for (std::size_t t = 0; t < lexicon.themes.size(); ++t) {
    for (const std::string& word : lexicon.themes[t].words) {
      tokens.clear();
      tokenizer.Tokenize(word, &tokens);
      for (const Token& token : tokens) {
        std::string term = normalizer.Term(token);
        if (!term.empty()) out[t].insert(std::move(term));
      }
    }
  }
  return out;
}

// The id of `term` in a vocabulary sorted by term, or -1.
std::int64_t FindTerm(const Vocabulary& vocabulary, const std::string& term) {
  const auto it = std::lower_bound(vocabulary.terms.begin(), vocabulary.terms.end(), term);
  if (it == vocabulary.terms.end() || *it != term) return -1;
  return it - vocabulary.terms.begin();
}

}  // namespace

Result<LexiconIndex> IndexLexicon(const ThemeLexicon& lexicon, const Vocabulary& vocabulary,
                                  std::size_t texts, const TermOptions& terms) {
  if (lexicon.themes.size() > 64) {
    return Status::InvalidArgument("a theme lexicon may hold at most 64 themes, this one has " +
                                   std::to_string(lexicon.themes.size()));
  }
  TRENDSCAN_ASSIGN_OR_RETURN(std::vector<std::set<std::string>> sets, LexiconTerms(lexicon, terms));
  LexiconIndex index;
  index.themes_of_term.assign(vocabulary.size(), 0);
  index.weight.resize(vocabulary.size());
  const double n = static_cast<double>(texts);
  for (std::size_t t = 0; t < vocabulary.size(); ++t) {
    index.weight[t] = static_cast<float>(
        std::log((1.0 + n) / (1.0 + static_cast<double>(vocabulary.document_frequency[t]))) + 1.0);
  }
  for (std::size_t t = 0; t < sets.size(); ++t) {
    std::size_t found = 0;
    for (const std::string& term : sets[t]) {
      const std::int64_t id = FindTerm(vocabulary, term);
      if (id < 0) continue;
      index.themes_of_term[static_cast<std::size_t>(id)] |= std::uint64_t{1} << t;
      ++found;
    }
    index.lexicon_terms.push_back(sets[t].size());
    index.terms_in_corpus.push_back(found);
  }
  return index;
}

void AddEvidence(CountRow row, const LexiconIndex& index, KnownThemeEvidence* evidence) {
  evidence->occurrences.resize(index.themes(), 0);
  evidence->theme_weight.resize(index.themes(), 0.0);
  for (const TermCount& tc : row) {
    const double w = TermFrequencyWeight(tc.count) * index.weight[tc.term];
    evidence->words += tc.count;
    evidence->weight += w;
    for (std::uint64_t bits = index.themes_of_term[tc.term]; bits != 0; bits &= bits - 1) {
      const auto j = static_cast<std::size_t>(__builtin_ctzll(bits));
      evidence->occurrences[j] += tc.count;
      evidence->theme_weight[j] += w;
    }
  }
}

void DecideEvidence(const KnownThemeRule& rule, KnownThemeEvidence* evidence) {
  evidence->best = -1;
  double most = 0;
  for (std::size_t t = 0; t < evidence->theme_weight.size(); ++t) {
    if (evidence->theme_weight[t] > most) {
      most = evidence->theme_weight[t];
      evidence->best = static_cast<int>(t);
    }
  }
  evidence->about =
      evidence->best >= 0 &&
      evidence->occurrences[static_cast<std::size_t>(evidence->best)] >= rule.min_occurrences &&
      evidence->Share(evidence->best) >= rule.min_share;
}

KnownThemeEvidence RowEvidence(CountRow row, const LexiconIndex& index,
                               const KnownThemeRule& rule) {
  KnownThemeEvidence evidence;
  AddEvidence(row, index, &evidence);
  DecideEvidence(rule, &evidence);
  return evidence;
}

}  // namespace trendscan
