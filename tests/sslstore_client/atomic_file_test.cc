#include "sslstore_client/files/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sslstore::files {
namespace {

using ::testing::HasSubstr;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A directory of this process's own (ctest runs cases in parallel
// processes).
class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = absl::StrCat(::testing::TempDir(), "atomic-XXXXXX");
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    ::unlink((dir_ + "/file").c_str());
    ::unlink((dir_ + "/file.new").c_str());
    ::rmdir(dir_.c_str());
  }
  std::string dir_;
};

TEST_F(AtomicFileTest, WritesAndReplacesTheWholeFileWithTheGivenMode) {
  const std::string path = dir_ + "/file";
  ASSERT_TRUE(WriteFileAtomically(path, "first\n", 0600).ok());
  EXPECT_EQ(ReadAll(path), "first\n");
  ASSERT_TRUE(WriteFileAtomically(path, "2nd\n", 0600).ok());
  EXPECT_EQ(ReadAll(path), "2nd\n");
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_NE(::access((path + ".new").c_str(), F_OK), 0);
}

TEST_F(AtomicFileTest, AFailureNamesTheFileAndKeepsTheOldContents) {
  const std::string path = dir_ + "/file";
  ASSERT_TRUE(WriteFileAtomically(path, "kept\n").ok());
  // A directory where the temporary file should go cannot be opened for
  // writing.
  ASSERT_EQ(::mkdir((path + ".new").c_str(), 0700), 0);
  const absl::Status status = WriteFileAtomically(path, "lost\n");
  ::rmdir((path + ".new").c_str());
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(status.message(), HasSubstr("cannot create " + path + ".new"));
  EXPECT_EQ(ReadAll(path), "kept\n");
}

TEST_F(AtomicFileTest, AMissingDirectoryIsNamed) {
  const std::string path = dir_ + "/absent/file";
  const absl::Status status = WriteFileAtomically(path, "x");
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(status.message(), HasSubstr(path + ".new"));
  EXPECT_THAT(status.message(), HasSubstr("No such file or directory"));
}

}  // namespace
}  // namespace sslstore::files
