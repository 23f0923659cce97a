#include "trendscan/distributed/mpi_job.hpp"

#include <chrono>
#include <cstdlib>
#include <utility>

#include "distributed/gather.hpp"
#include "distributed/transport.hpp"

namespace trendscan {
namespace {

// The value of the first of `names` set in the environment, or null.
const char* FirstSet(std::initializer_list<const char*> names) {
  for (const char* name : names) {
    if (const char* v = std::getenv(name)) return v;
  }
  return nullptr;
}

// The rank and size variables of the launchers: Open MPI's mpirun, PMIx (Open MPI 5, Slurm's
// srun --mpi=pmix) and PMI (MPICH's hydra, srun --mpi=pmi2).
const char* RankVariable() { return FirstSet({"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"}); }
const char* SizeVariable() { return FirstSet({"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}); }

int AsNumber(const char* v) { return v == nullptr ? 0 : std::atoi(v); }

}  // namespace

int LaunchedRank() { return AsNumber(RankVariable()); }

bool LaunchedByMpi() { return RankVariable() != nullptr || SizeVariable() != nullptr; }

MpiJob::MpiJob(std::unique_ptr<internal::Transport> transport) : transport_(std::move(transport)) {}

MpiJob::~MpiJob() {
  if (transport_ != nullptr && !finished_) transport_->Abort(1);
}

Result<std::unique_ptr<MpiJob>> MpiJob::Join() {
  if (RankVariable() == nullptr && SizeVariable() == nullptr) {
    return std::unique_ptr<MpiJob>(new MpiJob(nullptr));
  }
  Status status;
  std::unique_ptr<internal::Transport> transport = internal::StartMpiTransport(&status);
  if (transport == nullptr) {
    // Launched as the only rank, a binary without MPI can still do the whole job.
    if (status.code() == StatusCode::kInvalidArgument && LaunchedRank() == 0 &&
        AsNumber(SizeVariable()) <= 1) {
      return std::unique_ptr<MpiJob>(new MpiJob(nullptr));
    }
    return status;
  }
  return std::unique_ptr<MpiJob>(new MpiJob(std::move(transport)));
}

int MpiJob::rank() const { return transport_ == nullptr ? 0 : transport_->rank(); }

int MpiJob::size() const { return transport_ == nullptr ? 1 : transport_->size(); }

Status MpiJob::Agree(const Status& local) {
  if (transport_ == nullptr || transport_->size() == 1) return local;
  return internal::AgreeOnStatus(*transport_, local);
}

Result<GatheredCorpus> MpiJob::LoadAndCount(const std::vector<std::string>& paths,
                                            const IngestOptions& ingest,
                                            const AnalyzeOptions& options,
                                            std::istream* stdin_stream,
                                            const ProgressFn& progress) {
  if (transport_ != nullptr && transport_->size() > 1) {
    return internal::LoadAndCountShares(*transport_, paths, ingest, options, progress);
  }
  return internal::LoadAndCountAlone(paths, ingest, options, stdin_stream, progress);
}

int MpiJob::Finish(int exit_code) {
  if (transport_ == nullptr) return exit_code;
  const int code = transport_->size() > 1 ? transport_->Broadcast(exit_code) : exit_code;
  finished_ = true;
  internal::StopMpiTransport();
  return code;
}

}  // namespace trendscan
