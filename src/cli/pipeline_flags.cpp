#include "cli/pipeline_flags.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include "cli/cli_util.hpp"

namespace trendscan::cli {

// CLI11's own validators print the whole range of a double; these say what was wrong.
CLI::Validator WholeNumber(long long min, long long max) {
  return CLI::Validator(
      [min, max](std::string& value) -> std::string {
        std::size_t used = 0;
        long long n = 0;
        try {
          n = std::stoll(value, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used == 0 || used != value.size()) return "'" + value + "' is not a whole number";
        if (n < min) return "must be at least " + std::to_string(min) + ", got " + value;
        if (n > max) return "must be at most " + std::to_string(max) + ", got " + value;
        return {};
      },
      "");
}

namespace {

// The finite number `value` holds, or the message saying it is none.
std::string ParseFinite(const std::string& value, double* x) {
  std::size_t used = 0;
  try {
    *x = std::stod(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != value.size() || !std::isfinite(*x)) {
    return "'" + value + "' is not a number";
  }
  return {};
}

}  // namespace

CLI::Validator Number(bool allow_zero) {
  return CLI::Validator(
      [allow_zero](std::string& value) -> std::string {
        double x = 0;
        if (std::string bad = ParseFinite(value, &x); !bad.empty()) return bad;
        if (x < 0 || (!allow_zero && x == 0)) {
          return std::string("must be ") + (allow_zero ? "at least 0" : "above 0") + ", got " +
                 value;
        }
        return {};
      },
      "");
}

CLI::Validator Fraction() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        double x = 0;
        if (std::string bad = ParseFinite(value, &x); !bad.empty()) return bad;
        if (x < 0 || x > 1) return "must lie between 0 and 1, got " + value;
        return {};
      },
      "");
}

PipelineFlags::PipelineFlags(CLI::App* c, AnalyzeOptions* options) : options_(options) {
  KMeansOptions& kmeans = options->cluster.kmeans;
  c->add_option(
       "--algorithm", algorithm_,
       "kmeans: flat spherical k-means; bisecting: repeated 2-way splits, a tree of themes")
      ->check(CLI::IsMember({"kmeans", "bisecting"}));
  c->add_option("--seed", kmeans.seed, "Random seed; the same seed gives the same report")
      ->check(WholeNumber(0, 9223372036854775807LL));
  c->add_option("--restarts", kmeans.restarts,
                "k-means runs from different seedings; the best is kept")
      ->check(WholeNumber(1, 100000));
  c->add_option("--max-iterations", kmeans.max_iterations, "Cap on k-means rounds per run")
      ->check(WholeNumber(1));
  c->add_option("--lsa", options->cluster.lsa_components,
                "Cluster on an LSA projection of this many dimensions (0 = off)")
      ->check(WholeNumber(0, 100000));
  c->add_option("--lang", lang_, "Language of the corpus: stop words, stemmer, elisions")
      ->check(CLI::IsMember({"fr", "en"}));
  min_df_ =
      c->add_option("--min-df", options->tfidf.min_df,
                    "Drop terms in fewer documents than this (a count if >= 1, else a proportion)")
          ->check(Number(true));
  max_df_ =
      c->add_option("--max-df", options->tfidf.max_df,
                    "Drop terms in more documents than this (a proportion if <= 1, else a count)")
          ->check(Number(false));
  c->add_option("--stopwords", stopwords_file_,
                "Stop-word list to use instead of the built-in one (one word a line, # comments)")
      ->type_name("FILE");
  c->add_flag("--no-stem", no_stem_, "Do not stem: terms are whole words");
  c->add_flag("--raw-tf", raw_tf_, "Weight raw term counts instead of 1 + ln(count)");
  c->add_option("--idf-power", options->tfidf.idf_power,
                "Raise the idf to this power (above 1: rare terms weigh more)")
      ->check(CLI::Range(0.0, 4.0));
  TokenizerOptions& tokenizer = options->terms.tokenizer;
  c->add_flag("--keep-numbers", tokenizer.keep_numbers, "Keep numbers as terms");
  c->add_flag("--keep-urls", tokenizer.keep_urls,
              "Keep URLs and e-mail addresses as terms (one term each)");
  c->add_flag("--drop-tags", drop_tags_, "Drop @mentions and #hashtags (kept whole by default)");
  c->add_option("--threads", options->threads,
                "Worker threads, 0 = all cores, at most 4 per core (the report is the same)")
      ->check(WholeNumber(0));
}

Status PipelineFlags::Resolve() {
  const int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int cap = std::min(1024, kMaxThreadsPerCore * hardware);
  if (options_->threads > cap) {
    warnings_.push_back("--threads " + std::to_string(options_->threads) +
                        " is more than this machine can use: using " + std::to_string(cap) + " (" +
                        std::to_string(kMaxThreadsPerCore) + " x its " + std::to_string(hardware) +
                        " hardware threads); more would only cost memory, the report is the same");
    options_->threads = cap;
  }
  const Language lang = *ParseLanguage(lang_);
  TermOptions& terms = options_->terms;
  terms.language = lang;
  terms.normalizer.stem = !no_stem_;
  terms.tokenizer.keep_tags = !drop_tags_;
  options_->tfidf.sublinear_tf = !raw_tf_;
  // Bounds a user sets are kept as set, however small the corpus.
  if (min_df_->count() > 0 || max_df_->count() > 0) options_->tfidf.relax_below = 0;
  options_->cluster.kmeans.algorithm =
      algorithm_ == "bisecting" ? ClusterAlgorithm::kBisecting : ClusterAlgorithm::kKMeans;
  if (stopwords_file_.empty()) {
    terms.stopwords = StopwordList::Builtin(lang);
    terms.stopwords_source = "built-in:" + std::string(LanguageCode(lang));
    return Status::Ok();
  }
  TRENDSCAN_ASSIGN_OR_RETURN(std::string text, ReadTextFile(stopwords_file_, "stop-word list"));
  TRENDSCAN_ASSIGN_OR_RETURN(terms.stopwords, StopwordList::Parse(text, stopwords_file_));
  terms.stopwords_source = stopwords_file_;
  return Status::Ok();
}

}  // namespace trendscan::cli
