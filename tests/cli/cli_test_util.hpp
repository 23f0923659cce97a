// Helpers for the end-to-end tests: run the trendscan binary as a user would.
#ifndef TRENDSCAN_TESTS_CLI_CLI_TEST_UTIL_HPP_
#define TRENDSCAN_TESTS_CLI_CLI_TEST_UTIL_HPP_

#include <sys/wait.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace trendscan::testing {

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `trendscan args...` in the folder `dir` (empty: the test's own) with stdin from `input`
// (empty: /dev/null).
inline Run TrendscanIn(const std::string& dir, const std::vector<std::string>& args,
                       const std::string& input = "") {
  TempDir io;
  std::string cmd = dir.empty() ? std::string() : "cd " + Quote(dir) + " && ";
  cmd += Quote(TRENDSCAN_BINARY);
  for (const std::string& a : args) cmd += " " + Quote(a);
  const auto in = input.empty() ? std::filesystem::path("/dev/null") : io.Write("stdin", input);
  cmd += " <" + Quote(in.string()) + " >" + Quote((io.path() / "out").string()) + " 2>" +
         Quote((io.path() / "err").string());
  const int status = std::system(cmd.c_str());
  Run r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadAll(io.path() / "out");
  r.err = ReadAll(io.path() / "err");
  return r;
}

// Runs `trendscan args...` with stdin from `input` (empty: /dev/null).
inline Run Trendscan(const std::vector<std::string>& args, const std::string& input = "") {
  return TrendscanIn("", args, input);
}

inline bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace trendscan::testing

#endif  // TRENDSCAN_TESTS_CLI_CLI_TEST_UTIL_HPP_
