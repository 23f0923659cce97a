// SHA-256 against the test vectors of FIPS 180-4 (and NIST's examples), and fed in pieces of
// every size, which must not change the digest.
#include "util/sha256.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

namespace trendscan::internal {
namespace {

std::string Hash(const std::string& bytes) {
  Sha256 h;
  h.Update(bytes);
  return ToHex(h.Finish());
}

TEST_CASE("SHA-256 gives the published digests") {
  const struct {
    std::string input;
    const char* digest;
  } kCases[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqr"
       "lmnopqrsmnopqrstnopqrstu",
       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
      {std::string(1000000, 'a'),
       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
      // Lengths around the padding boundary (55, 56 and 64 bytes), as sha256sum gives them.
      {std::string(55, 'x'), "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
      {std::string(56, 'x'), "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"},
      {std::string(64, 'x'), "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"},
  };
  for (const auto& c : kCases) {
    CAPTURE(c.input.size());
    CHECK(Hash(c.input) == c.digest);
  }
}

TEST_CASE("SHA-256 of every length from 0 to 1,099 bytes, as Python's hashlib gives them") {
  // The digest of the 1,100 digests, computed with hashlib (the data: byte i of the n-byte
  // input is ((131 i + 7 n) >> 3) mod 256). Checks the CPU's SHA instructions when this machine
  // has them, and the portable code under TRENDSCAN_SHA256=portable (ctest runs both).
  Sha256 all;
  for (std::size_t n = 0; n < 1100; ++n) {
    std::string data(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
      data[i] = static_cast<char>(((i * 131 + n * 7) >> 3) & 0xFF);
    Sha256 h;
    h.Update(data);
    const Sha256::Digest d = h.Finish();
    all.Update(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
  }
  CHECK(ToHex(all.Finish()) == "b84c4a03d3805c0a3e077cc4b62fb5a6b7a4363af92e30df4df09d244f1c5f07");
  const char* forced = std::getenv("TRENDSCAN_SHA256");
  if (forced != nullptr && std::string(forced) == "portable")
    CHECK_FALSE(Sha256UsesCpuInstructions());
  const std::string on(Sha256UsesCpuInstructions() ? "the CPU's SHA instructions"
                                                   : "portable code");
  MESSAGE("SHA-256 on " << on);
}

TEST_CASE("SHA-256 fed in pieces gives the digest of the whole") {
  std::string text;
  for (int i = 0; i < 300; ++i) text.push_back(static_cast<char>('a' + i % 26));
  const std::string whole = Hash(text);
  for (std::size_t piece = 1; piece <= 130; ++piece) {
    Sha256 h;
    for (std::size_t at = 0; at < text.size(); at += piece) h.Update(text.substr(at, piece));
    CAPTURE(piece);
    CHECK(ToHex(h.Finish()) == whole);
  }
}

TEST_CASE("UpdateField prefixes the length, so fields cannot run into each other") {
  Sha256 ab_c, a_bc;
  ab_c.UpdateField("ab");
  ab_c.UpdateField("c");
  a_bc.UpdateField("a");
  a_bc.UpdateField("bc");
  CHECK(ToHex(ab_c.Finish()) != ToHex(a_bc.Finish()));
  Sha256 field;
  field.UpdateField("abc");
  CHECK(ToHex(field.Finish()) == Hash(std::string("\x03\0\0\0\0\0\0\0", 8) + "abc"));
}

}  // namespace
}  // namespace trendscan::internal
