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
                                  const TermOptions& terms) {
  if (lexicon.themes.size() > 64) {
    return Status::InvalidArgument("a theme lexicon may hold at most 64 themes, this one has " +
                                   std::to_string(lexicon.themes.size()));
  }
  TRENDSCAN_ASSIGN_OR_RETURN(std::vector<std::set<std::string>> sets, LexiconTerms(lexicon, terms));
  LexiconIndex index;
  index.themes_of_term.assign(vocabulary.size(), 0);
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

void AddEvidence(const std::vector<TermCount>& row, const LexiconIndex& index,
                 KnownThemeEvidence* evidence) {
  evidence->occurrences.resize(index.themes(), 0);
  for (const TermCount& tc : row) {
    evidence->words += tc.count;
    for (std::uint64_t bits = index.themes_of_term[tc.term]; bits != 0; bits &= bits - 1) {
      evidence->occurrences[static_cast<std::size_t>(__builtin_ctzll(bits))] += tc.count;
    }
  }
}

void DecideEvidence(const KnownThemeRule& rule, KnownThemeEvidence* evidence) {
  evidence->best = -1;
  std::uint64_t most = 0;
  for (std::size_t t = 0; t < evidence->occurrences.size(); ++t) {
    if (evidence->occurrences[t] > most) {
      most = evidence->occurrences[t];
      evidence->best = static_cast<int>(t);
    }
  }
  evidence->about = evidence->best >= 0 && most >= rule.min_occurrences &&
                    evidence->Share(evidence->best) >= rule.min_share;
}

KnownThemeEvidence RowEvidence(const std::vector<TermCount>& row, const LexiconIndex& index,
                               const KnownThemeRule& rule) {
  KnownThemeEvidence evidence;
  AddEvidence(row, index, &evidence);
  DecideEvidence(rule, &evidence);
  return evidence;
}

Result<ThemeVectors> VectorizeLexicon(const ThemeLexicon& lexicon, const Vocabulary& vocabulary,
                                      const std::vector<float>& idf, const TermOptions& terms) {
  TRENDSCAN_ASSIGN_OR_RETURN(Tokenizer tokenizer,
                             Tokenizer::Create(terms.language, terms.tokenizer));
  TRENDSCAN_ASSIGN_OR_RETURN(Normalizer normalizer,
                             Normalizer::Create(terms.language, terms.normalizer, terms.stopwords));
  ThemeVectors out;
  const auto columns = static_cast<Eigen::Index>(vocabulary.size());
  out.vectors = Eigen::MatrixXf::Zero(static_cast<Eigen::Index>(lexicon.themes.size()), columns);
  std::vector<Token> tokens;
  for (std::size_t t = 0; t < lexicon.themes.size(); ++t) {
    std::set<std::string> terms;
    for (const std::string& word : lexicon.themes[t].words) {
      tokens.clear();
      tokenizer.Tokenize(word, &tokens);
      for (const Token& token : tokens) {
        std::string term = normalizer.Term(token);
        if (!term.empty()) terms.insert(std::move(term));
      }
    }
    std::size_t found = 0;
    double norm2 = 0;
    for (const std::string& term : terms) {
      const auto it = std::lower_bound(vocabulary.terms.begin(), vocabulary.terms.end(), term);
      if (it == vocabulary.terms.end() || *it != term) continue;
      const auto column = static_cast<std::size_t>(it - vocabulary.terms.begin());
      out.vectors(static_cast<Eigen::Index>(t), static_cast<Eigen::Index>(column)) = idf[column];
      norm2 += static_cast<double>(idf[column]) * idf[column];
      ++found;
    }
    if (norm2 > 0)
      out.vectors.row(static_cast<Eigen::Index>(t)) /= static_cast<float>(std::sqrt(norm2));
    out.terms_in_corpus.push_back(found);
    out.terms.push_back(terms.size());
  }
  return out;
}

Eigen::MatrixXf KnownThemeScores(const SparseRows& rows, const ThemeVectors& themes, int threads) {
  // Each row's scores are sums over its terms in a fixed order, whatever thread computes them.
  const Eigen::Index n_themes = themes.vectors.rows();
  Eigen::MatrixXf scores = Eigen::MatrixXf::Zero(rows.rows(), n_themes);
  constexpr std::size_t kRowsPerTask = 1024;
  internal::ParallelForBlocks(
      static_cast<std::size_t>(rows.rows()), kRowsPerTask, threads,
      [&](const internal::Block& block, int) {
        std::vector<double> dots(static_cast<std::size_t>(n_themes));
        const auto end = static_cast<Eigen::Index>(block.end);
        for (auto r = static_cast<Eigen::Index>(block.begin); r < end; ++r) {
          std::fill(dots.begin(), dots.end(), 0.0);
          // One pass over the row: a term's weights for every theme lie together (column-major).
          for (SparseRows::InnerIterator it(rows, r); it; ++it) {
            const float* column = themes.vectors.data() + it.index() * n_themes;
            for (Eigen::Index t = 0; t < n_themes; ++t) {
              dots[static_cast<std::size_t>(t)] += static_cast<double>(it.value()) * column[t];
            }
          }
          for (Eigen::Index t = 0; t < n_themes; ++t) {
            scores(r, t) = static_cast<float>(dots[static_cast<std::size_t>(t)]);
          }
        }
      });
  return scores;
}

}  // namespace trendscan
