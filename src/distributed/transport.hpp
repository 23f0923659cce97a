// How the ranks of a job talk (not part of the public API): the few collective operations the
// distributed counting needs, over MPI (mpi_transport.cpp) or, in the tests, over threads of one
// process. Every call is collective: every rank makes the same calls in the same order.
#ifndef TRENDSCAN_SRC_DISTRIBUTED_TRANSPORT_HPP_
#define TRENDSCAN_SRC_DISTRIBUTED_TRANSPORT_HPP_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "trendscan/status.hpp"

namespace trendscan::internal {

class Transport {
 public:
  virtual ~Transport() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // Ranks sharing this rank's machine (itself included), to share its cores among them.
  virtual int ranks_on_this_machine() const = 0;
  // The sum of `value` over the ranks, on every rank.
  virtual std::uint64_t Sum(std::uint64_t value) = 0;
  // Rank 0 receives every rank's `bytes`, one rank at a time in rank order (its own first), and
  // hands each to `at_root` before receiving the next, so it never holds them all at once as
  // buffers. `at_root` is called only on rank 0.
  virtual void Gather(std::string bytes,
                      const std::function<void(int rank, std::string bytes)>& at_root) = 0;
  // Rank 0's `value`, on every rank.
  virtual int Broadcast(int value) = 0;
  // Ends every rank of the job at once, with `exit_code` (for failures that cannot be agreed
  // on, such as running out of memory on one rank).
  virtual void Abort(int exit_code) = 0;
};

// Joins the MPI job of this process (MPI_Init); null with the reason in `*status` when this
// binary was built without MPI or MPI could not start.
std::unique_ptr<Transport> StartMpiTransport(Status* status);

// Ends MPI normally (MPI_Finalize) after the last collective call; nothing without MPI.
void StopMpiTransport();

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_DISTRIBUTED_TRANSPORT_HPP_
