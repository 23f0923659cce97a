// SHA-256 (FIPS 180-4), for the input fingerprint of a report (not part of the public API). A
// cryptographic hash, not a faster one, because a fingerprint is read by people and programs
// outside trendscan: `sha256sum` and Python's hashlib compute the same digests.
#ifndef TRENDSCAN_SRC_UTIL_SHA256_HPP_
#define TRENDSCAN_SRC_UTIL_SHA256_HPP_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace trendscan::internal {

// An incremental SHA-256: Update any number of times, then Finish once.
class Sha256 {
 public:
  using Digest = std::array<std::uint8_t, 32>;

  Sha256();
  void Update(std::string_view bytes);
  // Updates with `bytes` preceded by its length as 8 bytes, little-endian: a field hashed this
  // way cannot run into the next one, whatever bytes it holds.
  void UpdateField(std::string_view bytes);
  // The digest of everything given so far. The object is spent afterwards.
  Digest Finish();

 private:
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes given so far
};

// True when the compression runs on the CPU's SHA instructions (x86 SHA extensions), false when
// on the portable code: the digests are the same. The environment variable
// TRENDSCAN_SHA256=portable, read at start-up, forces the portable code.
bool Sha256UsesCpuInstructions();

// The digest in lower-case hexadecimal (64 characters).
std::string ToHex(const Sha256::Digest& digest);

}  // namespace trendscan::internal

#endif  // TRENDSCAN_SRC_UTIL_SHA256_HPP_
