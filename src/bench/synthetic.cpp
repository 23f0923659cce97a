#include "trendscan/bench/synthetic.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_set>

#include "util/random.hpp"

namespace trendscan {
namespace {

constexpr int kWordsPerTopic = 3000;
constexpr int kBackgroundWords = 5000;

const char* const kOnsets[] = {"b", "c", "d", "f",  "g",  "j",  "l",  "m",  "n",  "p",  "r",
                               "s", "t", "v", "ch", "br", "cr", "pl", "tr", "gr", "qu", "ph"};
const char* const kVowels[] = {"a",  "e",  "i",  "o",  "u",  "é", "è", "ou", "au", "ai",
                               "an", "on", "in", "eu", "oi", "ê", "â", "ô",  "ç"};
const char* const kCodas[] = {"", "", "", "r", "l", "s", "n", "t", "x", "que", "tion", "ment"};
const char* const kGlue[] = {"le",  "la",  "les", "de",   "des",  "et",  "un", "une",
                             "est", "que", "qui", "dans", "pour", "sur", "l'", "d'"};

// Distinct pseudo-words of 2-4 syllables (at least 4 bytes, like gen_corpus's filter).
std::vector<std::string> MakeVocabulary(std::size_t count, internal::Random& rng) {
  std::vector<std::string> words;
  std::unordered_set<std::string> seen;
  while (words.size() < count) {
    std::string w;
    const int syllables = 2 + static_cast<int>(rng.Below(3));
    for (int s = 0; s < syllables; ++s) {
      w += kOnsets[rng.Below(std::size(kOnsets))];
      w += kVowels[rng.Below(std::size(kVowels))];
    }
    w += kCodas[rng.Below(std::size(kCodas))];
    if (w.size() >= 4 && seen.insert(w).second) words.push_back(std::move(w));
  }
  return words;
}

// Cumulative Zipf weights 1/(r+1) over n ranks, for sampling by binary search.
std::vector<double> ZipfCdf(std::size_t n) {
  std::vector<double> cdf(n);
  double total = 0;
  for (std::size_t r = 0; r < n; ++r) cdf[r] = (total += 1.0 / static_cast<double>(r + 1));
  return cdf;
}

std::size_t Sample(const std::vector<double>& cdf, internal::Random& rng) {
  const double target = rng.Uniform() * cdf.back();
  return static_cast<std::size_t>(std::upper_bound(cdf.begin(), cdf.end(), target) - cdf.begin());
}

double Gaussian(internal::Random& rng) {
  // Box-Muller; portable, unlike std::normal_distribution.
  const double u1 = std::max(rng.Uniform(), 1e-300);
  const double u2 = rng.Uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

}  // namespace

SyntheticCorpus GenerateSyntheticCorpus(const SyntheticOptions& options) {
  internal::Random rng(options.seed);
  const auto topics = static_cast<std::size_t>(std::max(1, options.topics));
  const std::vector<std::string> vocabulary =
      MakeVocabulary(kBackgroundWords + topics * kWordsPerTopic, rng);
  const std::vector<double> topic_cdf = ZipfCdf(kWordsPerTopic);
  const std::vector<double> background_cdf = ZipfCdf(kBackgroundWords);

  SyntheticCorpus out;
  out.corpus.documents.reserve(static_cast<std::size_t>(options.documents));
  std::string text;
  std::vector<const std::string*> tokens;
  for (int i = 0; i < options.documents; ++i) {
    const std::size_t t = static_cast<std::size_t>(i) % topics;
    // At least 30 words, or a third of the mean for short posts (--words under 30).
    const int n = std::max(std::min(30, std::max(3, options.words / 3)),
                           static_cast<int>(options.words + Gaussian(rng) * options.words / 3.0));
    const int background = static_cast<int>(n * options.mix);
    tokens.clear();
    for (int w = 0; w < n - background; ++w) {
      tokens.push_back(&vocabulary[kBackgroundWords + t * kWordsPerTopic + Sample(topic_cdf, rng)]);
    }
    for (int w = 0; w < background; ++w) tokens.push_back(&vocabulary[Sample(background_cdf, rng)]);
    for (std::size_t w = tokens.size(); w > 1; --w) std::swap(tokens[w - 1], tokens[rng.Below(w)]);

    text.clear();
    std::size_t sentence = 0;
    std::size_t sentence_length = 8 + rng.Below(13);
    for (const std::string* word : tokens) {
      if (sentence == 0 && !text.empty()) text += ' ';
      if (sentence > 0 && text.back() != '\'') text += ' ';
      std::string piece = *word;
      if (sentence == 0 && piece[0] >= 'a' && piece[0] <= 'z')
        piece[0] = static_cast<char>(piece[0] - 32);
      text += piece;
      ++sentence;
      if (rng.Uniform() < 0.3) {
        text += ' ';
        text += kGlue[rng.Below(std::size(kGlue))];
      }
      if (sentence > sentence_length) {
        text += '.';
        sentence = 0;
        sentence_length = 8 + rng.Below(13);
      }
    }
    text += ".\n";

    char id[64];
    std::snprintf(id, sizeof(id), "topic%02zu/d%07d.txt", t, i);
    Document doc;
    doc.id = id;
    doc.source_path = id;
    doc.title = id;
    doc.text = text;
    out.corpus.bytes_read += text.size();
    out.corpus.documents.push_back(std::move(doc));
    char label[16];
    std::snprintf(label, sizeof(label), "topic%02zu", t);
    out.labels.emplace_back(label);
  }
  return out;
}

}  // namespace trendscan
