#include "trendscan/cluster/lsa.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <algorithm>
#include <cmath>

#include "util/parallel.hpp"
#include "util/random.hpp"

namespace trendscan {
namespace {

using Dense = Eigen::MatrixXd;
constexpr Eigen::Index kRowsPerBlock = 1024;

// Orthonormal basis of the columns of `m` (thin Q of a Householder QR).
Dense Orthonormalize(const Dense& m) {
  Eigen::HouseholderQR<Dense> qr(m);
  return qr.householderQ() * Dense::Identity(m.rows(), m.cols());
}

// rows * dense (n x l): every output row depends on one input row, so the parallel product is
// exactly the sequential one.
Dense Times(const SparseRows& rows, const Dense& dense, int threads) {
  Dense out = Dense::Zero(rows.rows(), dense.cols());
  const auto blocks = static_cast<std::size_t>((rows.rows() + kRowsPerBlock - 1) / kRowsPerBlock);
  internal::ParallelFor(blocks, threads, [&](std::size_t b, int) {
    const Eigen::Index end =
        std::min(rows.rows(), static_cast<Eigen::Index>(b + 1) * kRowsPerBlock);
    for (Eigen::Index i = static_cast<Eigen::Index>(b) * kRowsPerBlock; i < end; ++i) {
      for (SparseRows::InnerIterator it(rows, i); it; ++it) {
        out.row(i) += static_cast<double>(it.value()) * dense.row(it.index());
      }
    }
  });
  return out;
}

// rows^T * dense (d x l), accumulated in row order (sequential, so deterministic).
Dense TransposeTimes(const SparseRows& rows, const Dense& dense) {
  Dense out = Dense::Zero(rows.cols(), dense.cols());
  for (Eigen::Index i = 0; i < rows.rows(); ++i) {
    for (SparseRows::InnerIterator it(rows, i); it; ++it) {
      out.row(it.index()) += static_cast<double>(it.value()) * dense.row(i);
    }
  }
  return out;
}

}  // namespace

Result<SparseRows> LsaProject(const SparseRows& rows, const LsaOptions& options, int threads) {
  if (options.components < 1) return Status::InvalidArgument("LSA needs at least 1 component");
  if (rows.rows() < 2 || rows.cols() < 2) {
    return Status::InvalidArgument("LSA needs at least 2 documents and 2 terms");
  }
  threads = internal::ResolveThreads(threads);
  const Eigen::Index rank =
      std::min<Eigen::Index>(options.components, std::min(rows.rows(), rows.cols()) - 1);
  const Eigen::Index width =
      std::min<Eigen::Index>(rank + options.oversampling, std::min(rows.rows(), rows.cols()));

  // Range finder: Y = X * Omega with Gaussian Omega, refined by power iterations.
  internal::Random rng(options.seed);
  Dense omega(rows.cols(), width);
  for (Eigen::Index j = 0; j < width; ++j) {
    for (Eigen::Index i = 0; i < rows.cols(); ++i) {
      const double u1 = std::max(rng.Uniform(), 1e-300);
      omega(i, j) = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * rng.Uniform());
    }
  }
  Dense q = Orthonormalize(Times(rows, omega, threads));
  for (int p = 0; p < options.power_iterations; ++p) {
    const Dense z = Orthonormalize(TransposeTimes(rows, q));
    q = Orthonormalize(Times(rows, z, threads));
  }
  // B = Q^T X (width x d). Its SVD via the small Gram matrix B B^T = U S^2 U^T gives
  // X ~ (Q U) S V^T, so the row embedding U_X * S = Q * U * S.
  const Dense bt = TransposeTimes(rows, q);  // d x width = B^T
  const Dense gram = bt.transpose() * bt;    // width x width
  Eigen::SelfAdjointEigenSolver<Dense> eigen(gram);
  // Eigenvalues come in increasing order: take the last `rank`, largest first.
  Dense u_s(width, rank);
  for (Eigen::Index c = 0; c < rank; ++c) {
    const Eigen::Index src = width - 1 - c;
    const double sigma = std::sqrt(std::max(0.0, eigen.eigenvalues()(src)));
    u_s.col(c) = eigen.eigenvectors().col(src) * sigma;
  }
  const Dense embedding = q * u_s;  // n x rank

  SparseRows out(rows.rows(), rank);
  out.resizeNonZeros(rows.rows() * rank);
  int* outer = out.outerIndexPtr();
  for (Eigen::Index i = 0; i <= rows.rows(); ++i) outer[i] = static_cast<int>(i * rank);
  for (Eigen::Index i = 0; i < rows.rows(); ++i) {
    const double norm = embedding.row(i).norm();
    for (Eigen::Index c = 0; c < rank; ++c) {
      out.innerIndexPtr()[i * rank + c] = static_cast<int>(c);
      out.valuePtr()[i * rank + c] = norm > 0 ? static_cast<float>(embedding(i, c) / norm) : 0.0f;
    }
  }
  return out;
}

}  // namespace trendscan
