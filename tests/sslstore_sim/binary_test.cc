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

// A running sslstore-sim child with its stdout on a pipe.
struct SimProcess {
  pid_t pid = -1;
  int out_fd = -1;
};

// Starts the binary with `args`; stdout goes to the pipe, stderr to
// /dev/null when `quiet`.
SimProcess StartSimBinary(const std::vector<std::string>& args,
                          bool quiet = false) {
  int out_pipe[2];
  if (pipe(out_pipe) != 0) return {};
  std::vector<char*> argv = {const_cast<char*>(SSLSTORE_SIM_BINARY)};
  for (const std::string& arg : args) {
    argv.push_back(const_cast<char*>(arg.c_str()));
  }
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    if (quiet) dup2(open("/dev/null", O_WRONLY), STDERR_FILENO);
    close(out_pipe[0]);
    close(out_pipe[1]);
    execv(SSLSTORE_SIM_BINARY, argv.data());
    _exit(127);
  }
  close(out_pipe[1]);
  return {pid, out_pipe[0]};
}

// Reads the banner (blocking) until a line holding `marker` is complete.
std::string ReadBannerThrough(int fd, const std::string& marker) {
  std::string banner;
  char buf[256];
  while (banner.find(marker) == std::string::npos ||
         banner.find('\n', banner.find(marker)) == std::string::npos) {
    const ssize_t n = read(fd, buf, sizeof(buf));
    if (n <= 0) break;
    banner.append(buf, static_cast<size_t>(n));
  }
  return banner;
}

// The whole text of `path`.
std::string FileText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The exit status of the child (-1 when it did not exit normally).
int WaitExitStatus(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

// Stops `sim` with SIGTERM and expects exit status 0.
void ExpectCleanStop(const SimProcess& sim) {
  ASSERT_EQ(kill(sim.pid, SIGTERM), 0);
  EXPECT_EQ(WaitExitStatus(sim.pid), 0);
  close(sim.out_fd);
}

TEST(BinaryTest, StartsReportsReadyServesAndStopsOnSigterm) {
  char dir_template[] = "/tmp/sslstore-sim-bin-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  const std::string ready = dir + "/ready.json";
  const std::string token_file = dir + "/token";
  { std::ofstream(token_file) << "file-token\n"; }
  const SimProcess sim = StartSimBinary(
      {"--port", "0", "--admin-port", "0", "--ready-file", ready, "--state-dir",
       dir + "/state", "--partner-code", "BINPARTNER", "--auth-token-file",
       token_file, "--seed-orders", "20"});
  ASSERT_GT(sim.pid, 0);
  const std::string banner = ReadBannerThrough(sim.out_fd, "auth token:");
  EXPECT_THAT(banner, ::testing::HasSubstr("WBAPI URL:    https://127.0.0.1:"));
  EXPECT_THAT(banner, ::testing::HasSubstr("partner code: BINPARTNER"));
  EXPECT_THAT(banner, ::testing::HasSubstr("CA file:"));
  EXPECT_THAT(banner, ::testing::Not(::testing::HasSubstr("file-token")));
  const std::string ready_text = FileText(ready);
  auto doc = ParseJson(ready_text);
  ASSERT_TRUE(doc.IsObject()) << ready_text;
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

  ExpectCleanStop(sim);
  std::filesystem::remove_all(dir);
}

TEST(BinaryTest, ProfileAndKnobFlagsReachTheSimulator) {
  char dir_template[] = "/tmp/sslstore-sim-bin-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  const std::string ready = dir + "/ready.json";
  const SimProcess sim =
      StartSimBinary({"--port", "0", "--ready-file", ready, "--profile",
                      "realistic", "--query-page-size-cap", "3",
                      "--query-newest-first=false", "--not-found-code", "-77"});
  ASSERT_GT(sim.pid, 0);
  EXPECT_THAT(ReadBannerThrough(sim.out_fd, "profile:"),
              ::testing::HasSubstr("profile:      realistic + --not-found-code "
                                   "--query-page-size-cap "
                                   "--query-newest-first\n"));
  const std::string ready_text = FileText(ready);
  auto doc = ParseJson(ready_text);
  ASSERT_TRUE(doc.IsObject()) << ready_text;
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
  ExpectCleanStop(sim);
  std::filesystem::remove_all(dir);
}

TEST(BinaryTest, BadFlagsExitNonZero) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--approval", "sometimes"},
        std::vector<std::string>{"--profile", "harsh"},
        std::vector<std::string>{"--refund-pending-polls", "-2"},
        std::vector<std::string>{"--duplicate-custom-order-id", "maybe"}}) {
    const SimProcess sim = StartSimBinary(args, /*quiet=*/true);
    ASSERT_GT(sim.pid, 0);
    EXPECT_EQ(WaitExitStatus(sim.pid), 2) << args[0];
    close(sim.out_fd);
  }
}

}  // namespace
}  // namespace sslstore_sim_test
