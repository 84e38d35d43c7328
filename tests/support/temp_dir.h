// TempDir: a fresh folder under $TMPDIR, removed with everything in it.
#ifndef WORKMATCH_TESTS_SUPPORT_TEMP_DIR_H_
#define WORKMATCH_TESTS_SUPPORT_TEMP_DIR_H_

#include <cstdlib>
#include <filesystem>
#include <string>

namespace workmatch::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "workmatch-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace workmatch::testing

#endif  // WORKMATCH_TESTS_SUPPORT_TEMP_DIR_H_
