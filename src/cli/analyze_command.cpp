#include "cli/analyze_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <limits>
#include <set>
#include <string_view>

#include "cli/cli_util.hpp"
#include "cli/terminal.hpp"
#include "trendscan/pipeline/counted.hpp"
#include "trendscan/report/render.hpp"

namespace trendscan::cli {

AnalyzeCommand::AnalyzeCommand(CLI::App& app) {
  command_ = app.add_subcommand(
      "analyze",
      "Find the themes of a corpus, the words and passages that define them, the known trends "
      "they are, and how they change over time.");
  command_
      ->add_option("paths", paths_,
                   "Folders (walked recursively for .txt, .md, .html, .jsonl and .csv files; "
                   "IRaMuTeQ corpora are .txt files), files, or - for standard input. "
                   "Without PATH, standard input is read when it is not a terminal")
      ->type_name("PATH");
  command_->option_defaults()->always_capture_default();
  AddUnitAndClusterOptions();
  shared_ = std::make_unique<PipelineFlags>(command_, &options_);
  AddDescribeOptions();
  AddInputOutputOptions();
  AddTimeOptions();
}

void AnalyzeCommand::AddUnitAndClusterOptions() {
  CLI::App* c = command_;
  k_option_ =
      c->add_option("-k,--k", k_,
                    "Number of themes, or auto: the k in --k-min..--k-max chosen by --k-criterion")
          ->type_name("N|auto")
          ->check(CLI::Validator(
              [](std::string& v) { return v == "auto" ? std::string() : WholeNumber(1)(v); }, ""));
  KSelectionOptions& k = options_.cluster.k_selection;
  c->add_option("--k-min", k.k_min, "Smallest k tried by --k auto")->check(WholeNumber(2));
  c->add_option("--k-max", k.k_max, "Largest k tried by --k auto")->check(WholeNumber(2));
  c->add_option("--k-criterion", k_criterion_,
                "How --k auto chooses: stability (the k whose themes come back in resamples most "
                "above chance) or silhouette")
      ->check(CLI::IsMember({"stability", "silhouette"}));
  stability_option_ =
      c->add_option(
           "--stability", options_.cluster.stability.resamples,
           "Resamples that measure each theme's stability (0 = off; measured by default up to "
           "5,000 documents)")
          ->check(WholeNumber(0, 1000));
  c->add_option("--unit", unit_,
                "What is clustered: whole documents, paragraphs (blank-line separated) or "
                "segments of about --segment-words words cut at sentence ends")
      ->check(CLI::IsMember({"document", "paragraph", "segment"}));
  c->add_option("--segment-words", options_.units.segment_words,
                "Target segment length in words (with --unit segment)")
      ->check(WholeNumber(1));
  c->add_option("--min-unit-words", options_.units.min_unit_words,
                "Paragraphs and segments with fewer words are left out of the themes")
      ->check(WholeNumber(0));
}

void AnalyzeCommand::AddDescribeOptions() {
  CLI::App* c = command_;
  ThemeReportOptions& t = options_.themes;
  c->add_option("--top-terms", t.top_terms, "Words listed per theme")->check(WholeNumber(1));
  c->add_option("--central-documents", t.central_documents,
                "Most central documents listed per theme")
      ->check(WholeNumber(0));
  c->add_option("--passages", t.passages,
                "Representative passages (units closest to the centroid) quoted per theme")
      ->check(WholeNumber(0));
  c->add_option("--concordance", t.concordance.terms,
                "Characteristic terms of each theme shown in context, from its passages' "
                "documents (HTML report and tables)")
      ->check(WholeNumber(0));
  c->add_option("--min-term-frequency", t.min_term_frequency,
                "Characteristic terms: rank only terms occurring at least this often")
      ->check(WholeNumber(1));
  c->add_option("--themes", themes_file_,
                "Known-theme lexicon to use instead of the built-in one (format in "
                "data/themes/README.md)")
      ->type_name("FILE");
  c->add_option("--known-theme-share", t.known.rule.min_share,
                "A text is about a known theme when at least this share of its words are from "
                "its lexicon")
      ->check(Fraction());
  c->add_option("--unclassified-below", t.unclassified_below,
                "Leave unclassified the documents whose cosine to their theme is below this "
                "share of the theme's median (0 = off)")
      ->check(Fraction());
  c->add_flag("--free", free_,
              "Free themes: the known themes do not guide the clustering (they still name it)");
}

void AnalyzeCommand::AddInputOutputOptions() {
  CLI::App* c = command_;
  c->add_option("--format", format_,
                "Report format: text, json, or html (one self-contained page with charts)")
      ->check(CLI::IsMember({"text", "json", "html"}));
  c->add_option("-o,--output", output_, "Write the report to this file (atomically), - for stdout")
      ->type_name("FILE");
  c->add_option("--tables", tables_dir_,
                "Also write the report as CSV tables into this folder (created if missing; "
                "docs/tables.md)")
      ->type_name("DIR");
  c->add_option("--labels", labels_file_,
                "Reference labels (document<TAB>label a line) to measure NMI and ARI against")
      ->type_name("FILE");
  c->add_option("--text-column", ingest_.text_column, "CSV column holding the text")
      ->type_name("NAME");
  c->add_option("--max-file-mb", max_file_mb_, "Skip (with a warning) files larger than this")
      ->check(WholeNumber(1));
  c->add_option("--batch-mb", batch_mb_,
                "Read and count files in batches of about this many MB of text, each batch's "
                "texts freed before the next is read (0: read everything first); the report is "
                "the same")
      ->check(Number(/*allow_zero=*/true));
  c->add_flag("-q,--quiet", quiet_, "No warnings or progress on standard error");
  c->add_flag("--no-timings", no_timings_,
              "Leave the stage timings out of the report, so two reports can be compared");
  AddLayoutOptions();
}

void AnalyzeCommand::AddLayoutOptions() {
  CLI::App* c = command_;
  width_option_ = c->add_option("--width", width_,
                                "Text report: wrap lines to this many columns, 0 for never "
                                "(default: the terminal's width, 80 when standard output is not "
                                "a terminal)")
                      ->check(WholeNumber(0));
  c->add_flag("--all-documents", all_documents_,
              "Text report: list every document (beyond 20 documents the section is a summary)");
}

void AnalyzeCommand::AddTimeOptions() {
  CLI::App* c = command_;
  TimelineOptions& timeline = options_.over_time.timeline;
  c->add_option("--period", period_,
                "Timeline period; auto picks the finest with enough documents per period")
      ->check(CLI::IsMember({"auto", "year", "quarter", "month", "week"}));
  c->add_option("--min-period-documents", timeline.min_period_documents,
                "Periods with fewer documents are marked sparse and left out of trends")
      ->check(WholeNumber(1));
  c->add_option("--since", timeline.since,
                "Analyse only documents dated on or after this date (YYYY[-MM[-DD]]); "
                "undated documents are then left out")
      ->type_name("DATE");
  c->add_option("--until", timeline.until,
                "Analyse only documents dated on or before this date (YYYY[-MM[-DD]], "
                "inclusive: 2012 = to 2012-12-31)")
      ->type_name("DATE");
  c->add_option("--by", options_.over_time.by,
                "Cross-tabulate the themes by this metadata variable (front-matter key); "
                "repeatable")
      ->type_name("VARIABLE");
}

Status AnalyzeCommand::ResolveOptions() {
  TRENDSCAN_RETURN_IF_ERROR(shared_->Resolve());
  if (!quiet_) {
    for (const std::string& w : shared_->warnings()) PrintWarning(w);
  }
  options_.cluster.k_selection.automatic = k_ == "auto";
  if (!options_.cluster.k_selection.automatic) {
    // Checked by WholeNumber(1) already; parsed without throwing all the same.
    const long long k = std::strtoll(k_.c_str(), nullptr, 10);
    if (k < 1 || k > std::numeric_limits<int>::max()) {
      return Status::InvalidArgument("--k: must be a whole number from 1 to " +
                                     std::to_string(std::numeric_limits<int>::max()) + ", got " +
                                     k_);
    }
    options_.cluster.kmeans.k = static_cast<int>(k);
  }
  // A k asked for is kept or refused; the default is lowered to what a small corpus allows.
  options_.cluster.lower_k = k_option_->count() == 0;
  options_.themes.known.guide = !free_;
  // Stability asked for is measured whatever the corpus size.
  if (stability_option_->count() > 0) options_.cluster.stability.only_up_to = 0;
  options_.cluster.k_selection.criterion =
      k_criterion_ == "silhouette" ? KCriterion::kSilhouette : KCriterion::kStability;
  options_.themes.unit_texts = !tables_dir_.empty();
  options_.units.kind = *ParseUnitKind(unit_);
  options_.over_time.timeline.period = *ParsePeriodKind(period_);
  const Language lang = options_.terms.language;
  KnownThemeOptions& known = options_.themes.known;
  if (themes_file_.empty()) {
    known.lexicon = BuiltinThemes(lang);
    known.source = "built-in:" + std::string(LanguageCode(lang));
  } else {
    TRENDSCAN_ASSIGN_OR_RETURN(std::string text, ReadTextFile(themes_file_, "theme lexicon"));
    TRENDSCAN_ASSIGN_OR_RETURN(known.lexicon, ParseThemeLexicon(text, themes_file_));
    known.source = themes_file_;
  }
  if (!labels_file_.empty()) {
    TRENDSCAN_ASSIGN_OR_RETURN(std::string text, ReadTextFile(labels_file_, "labels file"));
    TRENDSCAN_ASSIGN_OR_RETURN(options_.quality.labels, ParseLabels(text, labels_file_));
  }
  ingest_.max_file_bytes = std::min<std::uint64_t>(max_file_mb_, 1ull << 30) << 20;
  options_.batch_bytes = static_cast<std::uint64_t>(std::min(batch_mb_, 1e9) * (1 << 20));
  return Status::Ok();
}

int AnalyzeCommand::Run() {
  // Under mpirun or srun, every rank runs this; without MPI, a job of one.
  Result<std::unique_ptr<MpiJob>> job = MpiJob::Join();
  if (!job.ok()) {
    PrintError(job.status().message());
    return ExitCodeFor(job.status());
  }
  int exit_code = kExitOk;
  const Status status = Execute(**job, &exit_code);
  if (!status.ok()) {
    if ((*job)->rank() == 0) PrintError(status.message());
    exit_code = ExitCodeFor(status);
  }
  return (*job)->Finish(exit_code);
}

std::string AnalyzeCommand::Render(const Report& report) const {
  if (format_ == "html") return RenderHtml(report);
  // The terminal decides the width and emphasis only when the report is printed on it (under
  // mpirun, standard output is the launcher's pseudo-terminal, not the user's).
  const bool to_stdout = output_ == "-" && !LaunchedByMpi();
  TextOptions text;
  text.width = width_option_->count() > 0 ? width_ : (to_stdout ? StdoutWidth(80) : 80);
  text.color = to_stdout && StdoutWantsColor();
  text.all_documents = all_documents_;
  return RenderText(report, text);
}

Status AnalyzeCommand::WriteTables(const Report& report) const {
  if (tables_dir_.empty()) return Status::Ok();
  std::error_code ec;
  std::filesystem::create_directories(tables_dir_, ec);
  if (!std::filesystem::is_directory(tables_dir_)) {
    return Status::IoError("cannot write the tables into '" + tables_dir_ +
                           "': " + (ec ? ec.message() : "not a folder"));
  }
  for (const ReportTable& table : RenderTables(report)) {
    TRENDSCAN_RETURN_IF_ERROR(
        WriteFileAtomically((std::filesystem::path(tables_dir_) / table.name).string(), table.csv));
  }
  return Status::Ok();
}

Status AnalyzeCommand::CheckOutput(OutputTarget* output) const {
  TRENDSCAN_ASSIGN_OR_RETURN(*output, ResolveOutput(output_));
  std::vector<std::string> inputs = paths_;
  inputs.insert(inputs.end(), {labels_file_, themes_file_, shared_->stopwords_file()});
  TRENDSCAN_RETURN_IF_ERROR(RefuseOutputAmongInputs(*output, inputs));
  const std::string inside = OutputInsideInputFolder(*output, paths_, ingest_.extensions);
  if (!quiet_ && !inside.empty()) PrintWarning(inside);
  return Status::Ok();
}

Status AnalyzeCommand::WriteReport(const Report& report) const {
  if (format_ != "json") return WriteFileAtomically(output_, Render(report));
  // Streamed to its file: the JSON report of millions of documents is never held whole.
  return WriteFileInPieces(output_, [&](const PieceSink& sink) {
    return WriteJson(report, sink, !no_timings_, options_.threads);
  });
}

Status AnalyzeCommand::Execute(MpiJob& job, int* exit_code) {
  if (paths_.empty()) {
    // `cat post.txt | trendscan analyze`, as with other filters; never wait on a keyboard.
    if (::isatty(STDIN_FILENO) == 1) {
      return Status::InvalidArgument(
          "no PATH given, and standard input is a terminal: name folders or files to analyse, "
          "or pipe a text in (trendscan analyze --help)");
    }
    paths_.push_back("-");
  }
  // Every usage error is found here, before any file is read, and where the report goes (rank
  // 0 writes it). A file read by one rank only (a lexicon missing on one node) fails every rank.
  Status ready = ResolveOptions();
  if (ready.ok()) ready = ValidateOptions(options_);
  OutputTarget output;
  if (ready.ok() && job.rank() == 0) ready = CheckOutput(&output);
  TRENDSCAN_RETURN_IF_ERROR(job.Agree(ready));

  const bool progress = !quiet_ && job.rank() == 0 && StderrIsTerminal();
  auto show = [&](std::string_view stage) {
    if (progress) std::cerr << "\r\x1b[Ktrendscan: " << stage << "…" << std::flush;
  };
  auto clear = [&] {
    if (progress) std::cerr << "\r\x1b[K" << std::flush;
  };
  show("reading");
  // Texts are freed as they are tokenised (peak memory), passages re-read. Each rank of a
  // distributed job reads and counts its share; rank 0 then has the whole corpus's counts.
  Result<GatheredCorpus> gathered =
      job.LoadAndCount(paths_, ingest_, options_, &std::cin, progress ? show : ProgressFn());
  clear();
  TRENDSCAN_RETURN_IF_ERROR(gathered.status());
  if (job.rank() != 0) return Status::Ok();
  const Corpus* corpus = &gathered->counted.corpus;
  if (!quiet_) {
    for (const IngestWarning& w : corpus->warnings) PrintWarning(w.message);
  }
  // A file found in a walked folder (through a link, say) may be the report itself.
  if (output.exists) {
    std::vector<std::string> read;
    for (const Document& d : corpus->documents) read.push_back(d.source_path);
    TRENDSCAN_RETURN_IF_ERROR(RefuseOutputAmongInputs(output, read));
  }

  Result<Report> report = AnalyzeCounted(std::move(gathered->counted), options_, show);
  clear();
  TRENDSCAN_RETURN_IF_ERROR(report.status());
  if (!quiet_) {
    // The analysis's own warnings (passages not quoted, documents left out by --since...),
    // which reach the report, reach stderr too; those found while reading were printed above.
    std::multiset<std::string_view> printed;
    for (const IngestWarning& w : corpus->warnings) printed.insert(w.message);
    for (const std::string& w : report->warnings) {
      const auto it = printed.find(w);
      if (it != printed.end()) {
        printed.erase(it);
      } else {
        PrintWarning(w);
      }
    }
  }
  report->timings.insert(report->timings.begin(), StageTiming{"read", gathered->read_seconds});
  if (no_timings_) report->timings.clear();
  if (output_ != "-") show("writing the report");
  const Status written = WriteReport(*report);
  clear();
  TRENDSCAN_RETURN_IF_ERROR(written);
  TRENDSCAN_RETURN_IF_ERROR(WriteTables(*report));

  const bool skipped = corpus->files_skipped > 0 || corpus->records_skipped > 0;
  if (!quiet_ && (skipped || !corpus->warnings.empty())) {
    // Last on stderr, after the warnings, so a long list ends with the count.
    std::cerr << "trendscan: read " << gathered->documents_read << " document(s) from "
              << corpus->files_read << " input(s); skipped " << corpus->files_skipped
              << " input(s) and " << corpus->records_skipped
              << " line(s)/record(s) inside inputs (each named above)\n";
  }
  *exit_code = skipped ? kExitPartial : kExitOk;
  return Status::Ok();
}

}  // namespace trendscan::cli
