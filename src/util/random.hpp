// Portable randomness (not part of the public API). std::mt19937_64's output is fixed by the
// standard, but the standard distributions are not, so we draw doubles ourselves: the same seed
// gives the same choices with any standard library.
#ifndef TRENDSCAN_SRC_UTIL_RANDOM_HPP_
#define TRENDSCAN_SRC_UTIL_RANDOM_HPP_

#include <cstdint>
#include <random>

namespace trendscan::internal {

// SplitMix64: derives well-spread seeds for restart r from one user seed.
inline std::uint64_t MixSeed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Uniform integer in [0, n), n > 0.
  std::uint64_t Below(std::uint64_t n) { return static_cast<std::uint64_t>(Uniform() * n) % n; }

 private:
  std::mt19937_64 engine_;
};

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_UTIL_RANDOM_HPP_
