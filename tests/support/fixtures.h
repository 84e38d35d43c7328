// The shared platform fixtures (../shared/fixtures), read from where they are.
//
// Tests that need ../shared call SharedDir(), which fails the test when the
// folder is missing, except where WORKMATCH_NO_SHARED=1 says it is absent on
// purpose (the Docker build): then the test is skipped with a warning.
#ifndef WORKMATCH_TESTS_SUPPORT_FIXTURES_H_
#define WORKMATCH_TESTS_SUPPORT_FIXTURES_H_

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace workmatch::testing {

// nullopt (and a warning) only when WORKMATCH_NO_SHARED=1.
inline std::optional<std::filesystem::path> SharedDir() {
  const char* no_shared = std::getenv("WORKMATCH_NO_SHARED");
  std::filesystem::path dir = WORKMATCH_SHARED_DIR;
  if (std::filesystem::is_directory(dir)) return std::filesystem::canonical(dir);
  if (no_shared && std::string(no_shared) == "1") {
    WARN("../shared is absent (WORKMATCH_NO_SHARED=1): skipped");
    return std::nullopt;
  }
  FAIL("../shared is missing at " << dir << "; tests read platform fixtures and data from there");
  return std::nullopt;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The *.json files of one fixture folder ("telegram", "whatsapp/api"), sorted.
inline std::vector<std::filesystem::path> FixtureFiles(const std::filesystem::path& shared,
                                                       const std::string& folder) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(shared / "fixtures" / folder)) {
    if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace workmatch::testing

#endif  // WORKMATCH_TESTS_SUPPORT_FIXTURES_H_
