#include "trendscan/describe/identities.hpp"

#include <doctest/doctest.h>
#include <sys/resource.h>

#include <csignal>
#include <string>
#include <thread>
#include <vector>

namespace trendscan {
namespace {

struct Given {
  std::string id, title;
  Metadata metadata;
};

std::vector<Given> Identities(int n) {
  std::vector<Given> out;
  for (int i = 0; i < n; ++i) {
    Given g;
    g.id = "posts-" + std::to_string(i % 13) + ".jsonl#" + std::to_string(i + 1);
    g.title = i % 6 == 0 ? "" : std::string(static_cast<std::size_t>(i % 200), 'a' + i % 26);
    if (i % 3 != 0) g.metadata.emplace_back("author", "user" + std::to_string(i % 101));
    if (i % 5 == 0) g.metadata.emplace_back("vide", "");
    out.push_back(std::move(g));
  }
  return out;
}

void Fill(const std::vector<Given>& given, IdentityStore* store) {
  for (const Given& g : given) REQUIRE(store->Add(g.id, g.title, g.metadata.view()).ok());
  REQUIRE(store->Seal().ok());
}

void CheckAll(const std::vector<Given>& given, const IdentityStore& store) {
  REQUIRE(store.size() == given.size());
  for (std::size_t i = 0; i < given.size(); ++i) {
    const DocumentIdentity got = store.Get(i);
    REQUIRE(got.id == given[i].id);
    REQUIRE(got.title == given[i].title);
    REQUIRE(got.metadata.packed() == given[i].metadata.packed());
  }
}

}  // namespace

TEST_CASE("identities read back as added, in memory and from the temporary file") {
  const std::vector<Given> given = Identities(30000);
  IdentityStore in_memory;
  Fill(given, &in_memory);
  CHECK_FALSE(in_memory.on_disk());
  CheckAll(given, in_memory);
  IdentityStore on_disk({}, 1000);
  Fill(given, &on_disk);
  CHECK(on_disk.on_disk());
  CheckAll(given, on_disk);
  // Metadata read back iterates as the original does.
  const DocumentIdentity third = on_disk.Get(2);
  REQUIRE(third.metadata.size() == 1);
  CHECK(third.metadata[0].first == "author");
  CHECK(third.metadata[0].second == "user2");
}

TEST_CASE("a store read from several threads, its pages let go meanwhile, reads right") {
  // 30,000 identities are about 3 MB: fifteen passes on each of two threads read past the
  // 32 MB after which the pages read are let go, while the other thread reads.
  const std::vector<Given> given = Identities(30000);
  IdentityStore store({}, 1000);
  Fill(given, &store);
  REQUIRE(store.on_disk());
  std::vector<int> wrong(2, 0);
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&, t] {
      for (int pass = 0; pass < 15; ++pass) {
        for (std::size_t i = 0; i < given.size(); ++i) {
          const DocumentIdentity got = store.Get(i);
          if (got.id != given[i].id || got.title != given[i].title) ++wrong[t];
        }
      }
    });
  }
  for (std::thread& r : readers) r.join();
  CHECK(wrong[0] == 0);
  CHECK(wrong[1] == 0);
}

TEST_CASE("where no temporary file can be made, the identities stay in memory") {
  const std::vector<Given> given = Identities(5000);
  IdentityStore store("/nonexistent/trendscan-test-folder", 100);
  Fill(given, &store);
  CHECK_FALSE(store.on_disk());
  CheckAll(given, store);
}

TEST_CASE("a temporary file that cannot be written is an error saying where and what to do") {
  // Files of this process may not pass 1 MB for the while (writes past it fail with EFBIG,
  // the signal ignored): as a full disk would, the store's writes fail.
  rlimit before{};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &before) == 0);
  const auto handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = before;
  small.rlim_cur = 1 << 20;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
  const std::vector<Given> given = Identities(60000);  // about 8 MB packed
  IdentityStore store({}, 1000);
  Status s;
  for (const Given& g : given) {
    s = store.Add(g.id, g.title, g.metadata.view());
    if (!s.ok()) break;
  }
  if (s.ok()) s = store.Seal();
  setrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, handler);
  CHECK(s.code() == StatusCode::kIoError);
  CHECK(s.message().find("trendscan-identities-") != std::string::npos);
  CHECK(s.message().find("TMPDIR") != std::string::npos);
}

TEST_CASE("an empty store seals and holds nothing") {
  IdentityStore store({}, 0);
  CHECK(store.Seal().ok());
  CHECK(store.size() == 0);
  CHECK_FALSE(store.on_disk());
}

}  // namespace trendscan
