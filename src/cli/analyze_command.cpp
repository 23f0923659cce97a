#include "cli/analyze_command.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "cli/cli_util.hpp"

namespace trendscan::cli {
namespace {

// Validators with messages a user can act on (CLI11's own print the whole double range).
CLI::Validator WholeNumber(long long min) {
  return CLI::Validator(
      [min](std::string& value) -> std::string {
        std::size_t used = 0;
        long long n = 0;
        try {
          n = std::stoll(value, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used == 0 || used != value.size()) return "'" + value + "' is not a whole number";
        if (n < min) return "must be at least " + std::to_string(min) + ", got " + value;
        return {};
      },
      "");
}

CLI::Validator Number(bool allow_zero) {
  return CLI::Validator(
      [allow_zero](std::string& value) -> std::string {
        std::size_t used = 0;
        double x = 0;
        try {
          x = std::stod(value, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used == 0 || used != value.size()) return "'" + value + "' is not a number";
        if (x < 0 || (!allow_zero && x == 0)) {
          return std::string("must be ") + (allow_zero ? "at least 0" : "above 0") + ", got " + value;
        }
        return {};
      },
      "");
}

}  // namespace

AnalyzeCommand::AnalyzeCommand(CLI::App& app) {
  command_ = app.add_subcommand(
      "analyze",
      "Find the themes of a corpus: PATH... are folders (walked recursively for .txt, .md, "
      ".html, .jsonl and .csv files; IRaMuTeQ corpora are .txt files), files, or - for standard "
      "input.");
  CLI::App* c = command_;
  c->add_option("paths", paths_, "Folders, files, or - (standard input)")
      ->required()
      ->type_name("PATH");
  c->option_defaults()->always_capture_default();
  c->add_option("-k,--k", k_, "Number of themes, or auto (chosen by cosine silhouette in --k-min..--k-max)")
      ->type_name("N|auto")
      ->check(CLI::Validator(
          [](std::string& v) { return v == "auto" ? std::string() : WholeNumber(1)(v); }, ""));
  c->add_option("--k-min", options_.k_min, "Smallest k tried by --k auto")->check(WholeNumber(2));
  c->add_option("--k-max", options_.k_max, "Largest k tried by --k auto")->check(WholeNumber(2));
  c->add_option("--algorithm", algorithm_,
                "kmeans: flat spherical k-means; bisecting: repeated 2-way splits, a tree of themes")
      ->check(CLI::IsMember({"kmeans", "bisecting"}));
  c->add_option("--unit", unit_,
                "What is clustered: whole documents, paragraphs (blank-line separated) or "
                "segments of about --segment-words words cut at sentence ends")
      ->check(CLI::IsMember({"document", "paragraph", "segment"}));
  c->add_option("--segment-words", options_.units.segment_words,
                "Target segment length in words (with --unit segment)")
      ->check(WholeNumber(1));
  c->add_option("--seed", options_.kmeans.seed, "Random seed; the same seed gives the same report")
      ->check(WholeNumber(0));
  c->add_option("--restarts", options_.kmeans.restarts,
                "k-means runs from different seedings; the best is kept")
      ->check(WholeNumber(1));
  c->add_option("--max-iterations", options_.kmeans.max_iterations, "Cap on k-means rounds per run")
      ->check(WholeNumber(1));
  c->add_option("--lsa", options_.lsa_components,
                "Cluster on an LSA projection of this many dimensions (0 = off)")
      ->check(WholeNumber(0));
  c->add_option("--lang", lang_, "Language of the corpus: stop words, stemmer, elisions")
      ->check(CLI::IsMember({"fr", "en"}));
  c->add_option("--min-df", options_.tfidf.min_df,
                "Drop terms in fewer documents than this (a count if >= 1, else a proportion)")
      ->check(Number(true));
  c->add_option("--max-df", options_.tfidf.max_df,
                "Drop terms in more documents than this (a proportion if <= 1, else a count)")
      ->check(Number(false));
  c->add_option("--top-terms", options_.top_terms, "Words listed per theme")
      ->check(WholeNumber(1));
  c->add_option("--central-documents", options_.central_documents,
                "Most central documents listed per theme")
      ->check(WholeNumber(0));
  c->add_option("--passages", options_.passages,
                "Representative passages (units closest to the centroid) quoted per theme")
      ->check(WholeNumber(0));
  c->add_option("--min-term-frequency", options_.min_term_frequency,
                "Characteristic terms: rank only terms occurring at least this often")
      ->check(WholeNumber(1));
  c->add_option("--themes", themes_file_,
                "Known-theme lexicon to use instead of the built-in one (format in "
                "data/themes/README.md)")
      ->type_name("FILE");
  c->add_option("--known-theme-threshold", options_.known_theme_threshold,
                "A theme whose cosine with every known theme is below this is reported as new")
      ->check(Number(true));
  c->add_option("--stopwords", stopwords_file_,
                "Stop-word list to use instead of the built-in one (one word a line, # comments)")
      ->type_name("FILE");
  c->add_flag("--no-stem", no_stem_, "Do not stem: terms are whole words");
  c->add_flag("--raw-tf", raw_tf_, "Weight raw term counts instead of 1 + ln(count)");
  c->add_flag("--keep-numbers", options_.tokenizer.keep_numbers, "Keep numbers as terms");
  c->add_flag("--keep-urls", options_.tokenizer.keep_urls,
              "Keep URLs and e-mail addresses as terms (one term each)");
  c->add_flag("--drop-tags", drop_tags_, "Drop @mentions and #hashtags (kept whole by default)");
  c->add_option("--threads", options_.threads, "Worker threads, 0 = all cores (the report is the same)")
      ->check(WholeNumber(0));
  c->add_option("--format", format_, "Report format")->check(CLI::IsMember({"text", "json"}));
  c->add_option("-o,--output", output_, "Write the report to this file (atomically), - for stdout")
      ->type_name("FILE");
  c->add_option("--labels", labels_file_,
                "Reference labels (document<TAB>label a line) to measure NMI and ARI against")
      ->type_name("FILE");
  c->add_option("--text-column", ingest_.text_column, "CSV column holding the text")
      ->type_name("NAME");
  c->add_option("--max-file-mb", max_file_mb_, "Skip (with a warning) files larger than this")
      ->check(WholeNumber(1));
  c->add_flag("-q,--quiet", quiet_, "No warnings or progress on standard error");
  c->add_flag("--no-timings", no_timings_,
              "Leave the stage timings out of the report, so two reports can be compared");
  c->add_option("--period", period_,
                "Timeline period; auto picks the finest with enough documents per period")
      ->check(CLI::IsMember({"auto", "year", "quarter", "month", "week"}));
  c->add_option("--min-period-documents", options_.timeline.min_period_documents,
                "Periods with fewer documents are marked sparse and left out of trends")
      ->check(WholeNumber(1));
  c->add_option("--since", options_.timeline.since,
                "Analyse only documents dated on or after this date (YYYY[-MM[-DD]]); "
                "undated documents are then left out")
      ->type_name("DATE");
  c->add_option("--until", options_.timeline.until,
                "Analyse only documents dated on or before this date (YYYY[-MM[-DD]], "
                "inclusive: 2012 = to 2012-12-31)")
      ->type_name("DATE");
  c->add_option("--by", options_.by,
                "Cross-tabulate the themes by this metadata variable (front-matter key); "
                "repeatable")
      ->type_name("VARIABLE");
}

int AnalyzeCommand::Run() {
  using Clock = std::chrono::steady_clock;
  const Language lang = *ParseLanguage(lang_);
  options_.auto_k = k_ == "auto";
  if (!options_.auto_k) options_.kmeans.k = std::stoi(k_);
  options_.kmeans.algorithm =
      algorithm_ == "bisecting" ? ClusterAlgorithm::kBisecting : ClusterAlgorithm::kKMeans;
  options_.tokenizer.language = lang;
  options_.normalizer.language = lang;
  options_.normalizer.stem = !no_stem_;
  options_.tfidf.sublinear_tf = !raw_tf_;
  options_.tokenizer.keep_tags = !drop_tags_;
  options_.timeline.period = *ParsePeriodKind(period_);
  if (Result<DateRange> range = ParseDateRange(options_.timeline.since, options_.timeline.until);
      !range.ok()) {
    PrintError(range.status().message());
    return ExitCodeFor(range.status());
  }
  if (stopwords_file_.empty()) {
    options_.stopwords = StopwordList::Builtin(lang);
    options_.stopwords_source = "built-in:" + std::string(LanguageCode(lang));
  } else {
    Result<std::string> text = ReadTextFile(stopwords_file_, "stop-word list");
    if (!text.ok()) {
      PrintError(text.status().message());
      return ExitCodeFor(text.status());
    }
    Result<StopwordList> list = StopwordList::Parse(*text, stopwords_file_);
    if (!list.ok()) {
      PrintError(list.status().message());
      return ExitCodeFor(list.status());
    }
    options_.stopwords = std::move(list).value();
    options_.stopwords_source = stopwords_file_;
  }
  options_.units.kind = *ParseUnitKind(unit_);
  if (themes_file_.empty()) {
    options_.themes = BuiltinThemes(lang);
    options_.themes_source = "built-in:" + std::string(LanguageCode(lang));
  } else {
    Result<std::string> text = ReadTextFile(themes_file_, "theme lexicon");
    if (!text.ok()) {
      PrintError(text.status().message());
      return ExitCodeFor(text.status());
    }
    Result<ThemeLexicon> lexicon = ParseThemeLexicon(*text, themes_file_);
    if (!lexicon.ok()) {
      PrintError(lexicon.status().message());
      return ExitCodeFor(lexicon.status());
    }
    options_.themes = std::move(lexicon).value();
    options_.themes_source = themes_file_;
  }
  if (!labels_file_.empty()) {
    Result<std::string> text = ReadTextFile(labels_file_, "labels file");
    if (!text.ok()) {
      PrintError(text.status().message());
      return ExitCodeFor(text.status());
    }
    auto labels = ParseLabels(*text, labels_file_);
    if (!labels.ok()) {
      PrintError(labels.status().message());
      return ExitCodeFor(labels.status());
    }
    options_.labels = std::move(labels).value();
  }

  const bool progress = !quiet_ && StderrIsTerminal();
  auto show = [&](std::string_view stage) {
    if (progress) std::cerr << "\r\x1b[Ktrendscan: " << stage << "…" << std::flush;
  };
  show("reading");
  const auto start = Clock::now();
  ingest_.max_file_bytes = std::min<std::uint64_t>(max_file_mb_, 1ull << 30) << 20;
  ingest_.threads = options_.threads;
  Result<Corpus> corpus = LoadCorpus(paths_, ingest_, &std::cin);
  const double read_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (progress) std::cerr << "\r\x1b[K" << std::flush;
  if (!corpus.ok()) {
    PrintError(corpus.status().message());
    return ExitCodeFor(corpus.status());
  }
  if (!quiet_) {
    for (const IngestWarning& w : corpus->warnings) PrintWarning(w.message);
  }

  // Given away: texts are freed as they are tokenised (peak memory), passages re-read.
  Result<Report> report = Analyze(std::move(*corpus), options_, show);
  if (progress) std::cerr << "\r\x1b[K" << std::flush;
  if (!report.ok()) {
    PrintError(report.status().message());
    return ExitCodeFor(report.status());
  }
  report->timings.insert(report->timings.begin(), StageTiming{"read", read_seconds});
  if (no_timings_) report->timings.clear();
  const std::string rendered = format_ == "json"
                                   ? RenderJson(*report, !no_timings_, options_.threads)
                                   : RenderText(*report);
  const Status written = WriteFileAtomically(output_, rendered);
  if (!written.ok()) {
    PrintError(written.message());
    return ExitCodeFor(written);
  }
  const bool skipped = corpus->files_skipped > 0 || corpus->records_skipped > 0;
  if (!quiet_ && (skipped || !corpus->warnings.empty())) {
    // Last on stderr, after the warnings, so a long list ends with the count.
    std::cerr << "trendscan: read " << corpus->documents.size() << " document(s) from "
              << corpus->files_read << " input(s); skipped " << corpus->files_skipped
              << " input(s) and " << corpus->records_skipped
              << " line(s)/record(s) inside inputs (each named above)\n";
  }
  return skipped ? kExitPartial : kExitOk;
}

}  // namespace trendscan::cli
