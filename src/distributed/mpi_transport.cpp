// The transport over MPI (built only when CMake finds MPI). Only the main thread calls MPI
// (MPI_THREAD_FUNNELED): the analysis threads never do.
#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "distributed/transport.hpp"

namespace trendscan::internal {
namespace {

// Messages are cut in pieces of at most this many bytes: MPI counts are ints, and a share of a
// large corpus is more than 2 GiB.
constexpr std::size_t kChunkBytes = std::size_t{1} << 28;
constexpr int kSizeTag = 1;
constexpr int kChunkTag = 2;

class MpiTransport : public Transport {
 public:
  MpiTransport() {
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    MPI_Comm local;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &local);
    MPI_Comm_size(local, &local_size_);
    MPI_Comm_free(&local);
  }

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  int ranks_on_this_machine() const override { return local_size_; }

  std::uint64_t Sum(std::uint64_t value) override {
    std::uint64_t sum = 0;
    MPI_Allreduce(&value, &sum, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
    return sum;
  }

  void Gather(std::string bytes,
              const std::function<void(int rank, std::string bytes)>& at_root) override {
    if (rank_ != 0) {
      const std::uint64_t n = bytes.size();
      MPI_Send(&n, 1, MPI_UINT64_T, 0, kSizeTag, MPI_COMM_WORLD);
      for (std::size_t at = 0; at < bytes.size(); at += kChunkBytes) {
        const std::size_t len = std::min(kChunkBytes, bytes.size() - at);
        MPI_Send(bytes.data() + at, static_cast<int>(len), MPI_BYTE, 0, kChunkTag, MPI_COMM_WORLD);
      }
      return;
    }
    at_root(0, std::move(bytes));
    for (int from = 1; from < size_; ++from) {
      std::uint64_t n = 0;
      MPI_Recv(&n, 1, MPI_UINT64_T, from, kSizeTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      std::string received(static_cast<std::size_t>(n), '\0');
      for (std::size_t at = 0; at < received.size(); at += kChunkBytes) {
        const std::size_t len = std::min(kChunkBytes, received.size() - at);
        MPI_Recv(received.data() + at, static_cast<int>(len), MPI_BYTE, from, kChunkTag,
                 MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      }
      at_root(from, std::move(received));
    }
  }

  int Broadcast(int value) override {
    MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return value;
  }

  void Abort(int exit_code) override { MPI_Abort(MPI_COMM_WORLD, exit_code); }

 private:
  int rank_ = 0;
  int size_ = 1;
  int local_size_ = 1;
};

}  // namespace

std::unique_ptr<Transport> StartMpiTransport(Status* status) {
  int provided = 0;
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    *status = Status::Internal("MPI could not start (MPI_Init_thread failed)");
    return nullptr;
  }
  // Errors of MPI calls end the job (MPI's default handler) rather than return codes that
  // every call would have to check: a rank that cannot talk cannot help.
  return std::make_unique<MpiTransport>();
}

void StopMpiTransport() {
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Finalize();
}

}  // namespace trendscan::internal
