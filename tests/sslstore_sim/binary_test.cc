// The sslstore-sim binary: --port 0, the ready file, the banner, a real call,
// exit 0 on SIGTERM; the realism flags (--profile and one per knob).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sslstore_sim/sim_test_env.h"

namespace sslstore_sim_test {
namespace {

TEST(BinaryTest, StartsReportsReadyServesAndStopsOnSigterm) {
  char dir_template[] = "/tmp/sslstore-sim-bin-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  const std::string ready = dir + "/ready.json";
  const std::string token_file = dir + "/token";
  { std::ofstream(token_file) << "file-token\n"; }
  int out_pipe[2];
  ASSERT_EQ(pipe(out_pipe), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    close(out_pipe[0]);
    close(out_pipe[1]);
    execl(SSLSTORE_SIM_BINARY, SSLSTORE_SIM_BINARY, "--port", "0",
          "--admin-port", "0", "--ready-file", ready.c_str(), "--state-dir",
          (dir + "/state").c_str(), "--partner-code", "BINPARTNER",
          "--auth-token-file", token_file.c_str(), "--seed-orders", "20",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out_pipe[1]);
  // Read the banner (blocking) up to the credentials line.
  std::string banner;
  char buf[256];
  while (banner.find("auth token:") == std::string::npos) {
    ssize_t n = read(out_pipe[0], buf, sizeof(buf));
    if (n <= 0) break;
    banner.append(buf, static_cast<size_t>(n));
  }
  EXPECT_THAT(banner, ::testing::HasSubstr("WBAPI URL:    https://127.0.0.1:"));
  EXPECT_THAT(banner, ::testing::HasSubstr("partner code: BINPARTNER"));
  EXPECT_THAT(banner, ::testing::HasSubstr("CA file:"));
  EXPECT_THAT(banner, ::testing::Not(::testing::HasSubstr("file-token")));
  std::ifstream in(ready);
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = ParseJson(ss.str());
  ASSERT_TRUE(doc.IsObject()) << ss.str();
  const int port = doc["port"].GetInt();
  EXPECT_GT(port, 0);
  EXPECT_EQ(Str(doc, "url"), "https://127.0.0.1:" + std::to_string(port));
  EXPECT_EQ(Str(doc, "partner_code"), "BINPARTNER");
  EXPECT_TRUE(std::filesystem::exists(Str(doc, "ca_file")));
  EXPECT_GT(doc["admin_port"].GetInt(), 0);

  TestHttpClient client(static_cast<uint16_t>(port), Str(doc, "ca_file"));
  auto reply = client.Post(
      "/rest/order/query",
      R"({"AuthRequest":{"PartnerCode":"BINPARTNER","AuthToken":"file-token"}})");
  ASSERT_TRUE(reply.ok()) << reply.status();
  auto orders = ParseJson(reply->body);
  ASSERT_TRUE(orders.IsArray());
  EXPECT_EQ(orders.Size(), 20u);
  auto denied =
      client.Post("/rest/health/validate",
                  R"({"PartnerCode":"BINPARTNER","AuthToken":"sim-token"})");
  ASSERT_TRUE(denied.ok());
  EXPECT_TRUE(IsError(ParseJson(denied->body)));

  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  close(out_pipe[0]);
  std::filesystem::remove_all(dir);
}

TEST(BinaryTest, ProfileAndKnobFlagsReachTheSimulator) {
  char dir_template[] = "/tmp/sslstore-sim-bin-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  const std::string ready = dir + "/ready.json";
  int out_pipe[2];
  ASSERT_EQ(pipe(out_pipe), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    close(out_pipe[0]);
    close(out_pipe[1]);
    execl(SSLSTORE_SIM_BINARY, SSLSTORE_SIM_BINARY, "--port", "0",
          "--ready-file", ready.c_str(), "--profile", "realistic",
          "--query-page-size-cap", "3", "--query-newest-first=false",
          "--not-found-code", "-77", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out_pipe[1]);
  std::string banner;
  char buf[256];
  while (banner.find("profile:") == std::string::npos ||
         banner.find('\n', banner.find("profile:")) == std::string::npos) {
    ssize_t n = read(out_pipe[0], buf, sizeof(buf));
    if (n <= 0) break;
    banner.append(buf, static_cast<size_t>(n));
  }
  EXPECT_THAT(banner,
              ::testing::HasSubstr("profile:      realistic + --not-found-code "
                                   "--query-page-size-cap "
                                   "--query-newest-first\n"));
  std::ifstream in(ready);
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = ParseJson(ss.str());
  ASSERT_TRUE(doc.IsObject()) << ss.str();
  TestHttpClient admin(static_cast<uint16_t>(doc["admin_port"].GetInt()), "");
  auto settings = admin.Get("/admin/settings");
  ASSERT_TRUE(settings.ok()) << settings.status();
  auto shown = ParseJson(settings->body);
  ASSERT_TRUE(shown.IsObject()) << settings->body;
  const auto& realism = shown["realism"];
  EXPECT_TRUE(realism["exact_member_names"].GetBool());
  EXPECT_EQ(realism["refund_pending_polls"].GetInt(), 2);
  EXPECT_EQ(realism["query_page_size_cap"].GetInt(), 3);
  EXPECT_FALSE(realism["query_newest_first"].GetBool());
  EXPECT_EQ(realism["not_found_code"].GetInt(), -77);
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  close(out_pipe[0]);
  std::filesystem::remove_all(dir);
}

TEST(BinaryTest, BadFlagsExitNonZero) {
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, STDERR_FILENO);
    execl(SSLSTORE_SIM_BINARY, SSLSTORE_SIM_BINARY, "--approval", "sometimes",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
}

TEST(BinaryTest, BadRealismFlagsExitNonZero) {
  for (std::vector<const char*> args :
       {std::vector<const char*>{"--profile", "harsh"},
        std::vector<const char*>{"--refund-pending-polls", "-2"},
        std::vector<const char*>{"--duplicate-custom-order-id", "maybe"}}) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, STDERR_FILENO);
      execl(SSLSTORE_SIM_BINARY, SSLSTORE_SIM_BINARY, args[0], args[1],
            static_cast<char*>(nullptr));
      _exit(127);
    }
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2) << args[0];
  }
}

}  // namespace
}  // namespace sslstore_sim_test
