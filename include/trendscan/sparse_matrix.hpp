// The one matrix type every stage speaks: rows are units (documents, paragraphs, segments),
// columns are terms or projected dimensions; row-major, so each row is one sparse vector.
// Vectorize builds it (TF-IDF, each row L2-normalised, so a dot product is a cosine), the
// clustering core and the describe stage read it. It lives here, not in vectorize/, because the
// clustering core may not depend on text code.
#ifndef TRENDSCAN_SPARSE_MATRIX_HPP_
#define TRENDSCAN_SPARSE_MATRIX_HPP_

#include <Eigen/SparseCore>

namespace trendscan {

using SparseRows = Eigen::SparseMatrix<float, Eigen::RowMajor, int>;

}  // namespace trendscan

#endif  // TRENDSCAN_SPARSE_MATRIX_HPP_
