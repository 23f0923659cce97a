// The one matrix type every stage speaks: rows are units (documents, paragraphs, segments),
// columns are terms or projected dimensions; row-major, so each row is one sparse vector.
// Vectorize builds it (TF-IDF, each row L2-normalised, so a dot product is a cosine), the
// clustering core and the describe stage read it. It lives here, not in vectorize/, because the
// clustering core may not depend on text code.
#ifndef TRENDSCAN_SPARSE_MATRIX_HPP_
#define TRENDSCAN_SPARSE_MATRIX_HPP_

#include <Eigen/SparseCore>
#include <algorithm>
#include <vector>

namespace trendscan {

using SparseRows = Eigen::SparseMatrix<float, Eigen::RowMajor, int>;

// The rows of `x` listed in `rows`, in that order, as a new matrix.
inline SparseRows TakeRows(const SparseRows& x, const std::vector<Eigen::Index>& rows) {
  SparseRows out(static_cast<Eigen::Index>(rows.size()), x.cols());
  int* outer = out.outerIndexPtr();
  outer[0] = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Eigen::Index i = rows[r];
    outer[r + 1] = outer[r] + (x.outerIndexPtr()[i + 1] - x.outerIndexPtr()[i]);
  }
  out.resizeNonZeros(outer[rows.size()]);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Eigen::Index i = rows[r];
    const int from = x.outerIndexPtr()[i];
    const int count = x.outerIndexPtr()[i + 1] - from;
    std::copy(x.innerIndexPtr() + from, x.innerIndexPtr() + from + count,
              out.innerIndexPtr() + outer[r]);
    std::copy(x.valuePtr() + from, x.valuePtr() + from + count, out.valuePtr() + outer[r]);
  }
  return out;
}

}  // namespace trendscan

#endif  // TRENDSCAN_SPARSE_MATRIX_HPP_
