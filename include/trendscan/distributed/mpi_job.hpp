// Distributed runs: `mpirun -np N trendscan analyze PATHS...` (or srun under Slurm). Every rank
// walks the same inputs and reads, decodes, segments and counts only its share of them (input i
// of the walk goes to rank i mod N); rank 0 gathers the shares, merges them into exactly the
// counts one process would have made (distributed/merge.hpp) and runs the rest of the pipeline
// (TF-IDF, clustering on its threads, description) and writes the report, which is byte for byte
// the single-process one, timings aside. A process not started by an MPI launcher is a job of
// one: the same calls then read and count everything in this process, without MPI.
#ifndef TRENDSCAN_DISTRIBUTED_MPI_JOB_HPP_
#define TRENDSCAN_DISTRIBUTED_MPI_JOB_HPP_

#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "trendscan/ingest/corpus.hpp"
#include "trendscan/pipeline.hpp"
#include "trendscan/pipeline/counted.hpp"
#include "trendscan/status.hpp"

namespace trendscan {

namespace internal {
class Transport;
}  // namespace internal

struct GatheredCorpus {
  // On rank 0: the counts of every input, as CountCorpusTerms over the whole corpus gives them
  // (their timings end with "gather"). On the other ranks: empty.
  CountedCorpus counted;
  std::size_t documents_read = 0;  // documents read over every rank, before --since/--until
  double read_seconds = 0;         // reading this rank's share (the slowest rank's on rank 0)
};

// This process's rank as the MPI launcher's environment gives it (Open MPI's mpirun, a PMI or
// PMIx launcher such as Slurm's srun), readable before MPI starts; 0 when not launched by MPI.
// The CLI prints nothing on other ranks.
int LaunchedRank();

// True when an MPI launcher started this process (its environment says so). Open MPI then gives
// each rank's standard output a pseudo-terminal of its own, whatever mpirun's output is, so a
// program should not take it for the user's terminal.
bool LaunchedByMpi();

// One run of the program, as one rank of an MPI job or as a job of one process. Only the thread
// that joined calls it. Every member function but rank() and size() is collective: every rank
// calls it, in the same order.
class MpiJob {
 public:
  // Joins the MPI job (MPI_Init) when the environment says an MPI launcher started this
  // process, else stands for a job of one without starting MPI. Fails with kInvalidArgument
  // when launched as one of several ranks by a binary built without MPI, kInternal when MPI
  // cannot start.
  static Result<std::unique_ptr<MpiJob>> Join();
  // A job that was not finished (an exception on this rank) is aborted on every rank, so that
  // no rank waits forever for one that is gone.
  ~MpiJob();
  MpiJob(const MpiJob&) = delete;
  MpiJob& operator=(const MpiJob&) = delete;

  int rank() const;
  int size() const;

  // The ranks decide together: Ok when `local` is ok on every rank, else the failure of the
  // lowest failing rank, on rank 0 with its message (naming the rank when it is not rank 0),
  // on the others with its code only. So one failure ends every rank, with one message.
  Status Agree(const Status& local);

  // Reads and counts this rank's share of `paths` (LoadCorpus, CountCorpusTerms) and gathers
  // the shares at rank 0; in a job of one, reads and counts everything (`stdin_stream` serves
  // "-", which a job of several refuses). `options.threads` of 0 shares this machine's cores
  // among its ranks. Fails on every rank when reading or counting failed on one (Agree); on
  // rank 0 also as LoadCorpus does when no rank read a document.
  Result<GatheredCorpus> LoadAndCount(const std::vector<std::string>& paths,
                                      const IngestOptions& ingest, const AnalyzeOptions& options,
                                      std::istream* stdin_stream, const ProgressFn& progress);

  // Ends the job: every rank returns rank 0's `exit_code`, and MPI is finalised.
  int Finish(int exit_code);

 private:
  explicit MpiJob(std::unique_ptr<internal::Transport> transport);

  std::unique_ptr<internal::Transport> transport_;  // null in a job of one
  bool finished_ = false;
};

}  // namespace trendscan

#endif  // TRENDSCAN_DISTRIBUTED_MPI_JOB_HPP_
