// The transport of a binary built without MPI (CMake found no MPI): it cannot join a job.
#include "distributed/transport.hpp"

namespace trendscan::internal {

std::unique_ptr<Transport> StartMpiTransport(Status* status) {
  *status = Status::InvalidArgument(
      "this trendscan was built without MPI, so it cannot run as one of several MPI ranks: "
      "install Open MPI (libopenmpi-dev openmpi-bin) and build again, or run it as one process");
  return nullptr;
}

void StopMpiTransport() {}

}  // namespace trendscan::internal
