// sslstore-gateway as a user runs it: the binary started through popen
// against the connector and the simulator running in this process on
// 127.0.0.1:0. Checks its output and exit codes, including usage errors, an
// unknown product, a bad CSR file and a connector that is down; --json on
// every command, a sync stopped by SIGINT and resumed from its token, failed
// orders and the environment variables.

#include <fcntl.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"
#include "tests/integration/connector_with_sim.h"
#include "tests/service/x509/test_pki.h"

namespace sslstore::gateway {
namespace {

namespace pki = sslstore::service::x509::testing;
using ::sslstore::testing::ConnectorWithSim;
using ::testing::HasSubstr;
using ::testing::Not;

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// The environment variables of the CLI, unset for every run unless a test
// sets them.
constexpr const char* kCliEnv[] = {"SSLSTORE_CONNECTOR_ADDRESS",
                                   "SSLSTORE_CONNECTOR_TOKEN_FILE"};

std::string Quote(const std::string& arg) {
  std::string quoted = "'";
  for (char c : arg) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// True when `text` is one JSON value (object) and nothing else.
bool IsJsonObject(const std::string& text) {
  rapidjson::Document json;
  return !json.Parse(text.c_str()).HasParseError() && json.IsObject();
}

// The value of the stderr line starting with `prefix` ("" if none).
std::string LineValue(const std::string& text, absl::string_view prefix) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (absl::ConsumePrefix(&line, prefix)) return std::string(line);
  }
  return "";
}

// The ca_request_ids of the record lines of a sync's JSON lines; duplicates
// fail the test.
std::set<std::string> RecordIds(const std::string& out) {
  std::set<std::string> ids;
  rapidjson::Document json;
  for (absl::string_view line : absl::StrSplit(out, '\n', absl::SkipEmpty())) {
    EXPECT_FALSE(json.Parse(line.data(), line.size()).HasParseError()) << line;
    if (json.IsObject() && json.HasMember("type") &&
        std::string(json["type"].GetString()) == "record") {
      EXPECT_TRUE(ids.insert(json["ca_request_id"].GetString()).second)
          << "twice: " << line;
    }
  }
  return ids;
}

// The CLI started as a separate process, its stdout going to a file and its
// stderr read line by line as it comes (to synchronise with its progress).
class RunningCli {
 public:
  RunningCli(const std::vector<std::string>& args, const std::string& out_file)
      : out_file_(out_file) {
    int fds[2];
    if (pipe(fds) != 0) return;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t signals;
    sigemptyset(&signals);
    posix_spawnattr_setsigmask(&attributes, &signals);
    sigaddset(&signals, SIGINT);
    posix_spawnattr_setsigdefault(&attributes, &signals);
    posix_spawnattr_setflags(&attributes,
                             POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    std::vector<std::string> argv = {SSLSTORE_GATEWAY_CLI};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> c_argv;
    for (std::string& arg : argv) c_argv.push_back(arg.data());
    c_argv.push_back(nullptr);
    std::vector<char*> c_env;
    for (char** env = environ; *env != nullptr; ++env) {
      bool cli_variable = false;
      for (const char* name : kCliEnv) {
        cli_variable |= absl::StartsWith(*env, absl::StrCat(name, "="));
      }
      if (!cli_variable) c_env.push_back(*env);
    }
    c_env.push_back(nullptr);
    if (posix_spawn(&pid_, SSLSTORE_GATEWAY_CLI, &actions, &attributes,
                    c_argv.data(), c_env.data()) != 0) {
      pid_ = -1;
    }
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(fds[1]);
    err_fd_ = fds[0];
  }

  ~RunningCli() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (err_fd_ >= 0) close(err_fd_);
  }

  // Reads stderr until it holds a line starting with `prefix`; false when
  // stderr ends first.
  bool WaitForErrLine(absl::string_view prefix) {
    for (;;) {
      for (absl::string_view line : absl::StrSplit(err_, '\n')) {
        if (absl::StartsWith(line, prefix)) return true;
      }
      if (!ReadSome()) return false;
    }
  }

  // Sends `signal` to the CLI.
  void Signal(int signal) { kill(pid_, signal); }

  // Reads stderr to its end and waits for the exit.
  CliRun Finish() {
    while (ReadSome()) {
    }
    CliRun run;
    int status = 0;
    if (pid_ > 0 && waitpid(pid_, &status, 0) == pid_) {
      run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    pid_ = -1;
    run.out = ReadFile(out_file_);
    run.err = err_;
    return run;
  }

  const std::string& err() const { return err_; }

 private:
  // Appends what stderr has next; false at its end.
  bool ReadSome() {
    char buffer[4096];
    ssize_t n;
    do {
      n = read(err_fd_, buffer, sizeof(buffer));
    } while (n < 0 && errno == EINTR);
    if (n <= 0) return false;
    err_.append(buffer, static_cast<size_t>(n));
    return true;
  }

  std::string out_file_;
  pid_t pid_ = -1;
  int err_fd_ = -1;
  std::string err_;
};

// A port nobody listens on: bound once to find a free one, then released.
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One directory per process: ctest runs the cases of this suite in
    // parallel processes, which must not share stderr.txt and the CSR files.
    dir_ = new std::string(
        absl::StrCat(::testing::TempDir(), "/gateway_cli.", getpid()));
    std::filesystem::create_directories(*dir_);
  }

  void SetUp() override {
    sslstore_sim::SimulatorOptions sim_options;
    // A call held by a test (BeforeCall) must leave threads for the others.
    sim_options.threads = 4;
    auto env =
        ConnectorWithSim::Start(sim_options, [](service::ServerConfig& config) {
          service::ConnectionSettings off = config.connections.at("default");
          off.name = "switched-off";
          off.enabled = false;
          config.connections.emplace("switched-off", off);
          service::ConnectionSettings paged = config.connections.at("default");
          paged.name = "paged";
          paged.page_size = 10;
          config.connections.emplace("paged", paged);
        });
    ASSERT_TRUE(env.ok()) << env.status();
    env_ = *std::move(env);
  }

  std::string Path(const std::string& name) { return *dir_ + "/" + name; }

  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(Path(name)) << text;
    return Path(name);
  }

  // Runs the CLI with `args` (the connector's address first unless
  // `with_connector` is false) and the environment variables `env`
  // ("NAME=VALUE"); the CLI's own variables are unset otherwise.
  CliRun Cli(const std::vector<std::string>& args, bool with_connector = true,
             const std::vector<std::string>& env = {}) {
    std::string command = "env";
    for (const char* name : kCliEnv) absl::StrAppend(&command, " -u ", name);
    for (const std::string& variable : env) {
      absl::StrAppend(&command, " ", Quote(variable));
    }
    absl::StrAppend(&command, " ", Quote(SSLSTORE_GATEWAY_CLI));
    if (with_connector) {
      absl::StrAppend(&command, " --connector=", env_->server().address());
    }
    for (const std::string& arg : args)
      absl::StrAppend(&command, " ", Quote(arg));
    const std::string err_file = Path("stderr.txt");
    absl::StrAppend(&command, " 2>", Quote(err_file), " </dev/null");
    CliRun run;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return run;
    char buffer[4096];
    size_t n = 0;
    while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) {
      run.out.append(buffer, n);
    }
    const int status = pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.err = ReadFile(err_file);
    return run;
  }

  std::vector<std::string> DvParams() {
    return {"--param", "Admin Contact - Email=owner@example.com",
            "--param", "Approver Email=admin@example.com",
            "--param", "Validity Period (In Days)=365"};
  }

  // Enrolls a fresh CSR for `cn`; returns the request id ("" on failure).
  std::string Enroll(const std::string& cn, int key_index = 0) {
    pki::CsrSpec spec;
    spec.subject = {{"CN", cn}};
    const std::string csr = Write(
        cn + ".csr", pki::MakeCsrPem(pki::SharedRsa2048Key(key_index), spec));
    std::vector<std::string> args = {"enroll", "--csr", csr,
                                     "--product=positivessl"};
    for (const std::string& p : DvParams()) args.push_back(p);
    CliRun run = Cli(args);
    EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
    for (absl::string_view line : absl::StrSplit(run.out, '\n')) {
      if (absl::ConsumePrefix(&line, "request id: ")) return std::string(line);
    }
    return "";
  }

  static std::string* dir_;
  std::unique_ptr<ConnectorWithSim> env_;
};

std::string* CliTest::dir_ = nullptr;

TEST_F(CliTest, HelpAndUsageErrors) {
  CliRun run = Cli({"--help"}, false);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("Exit codes:"));
  EXPECT_THAT(run.out, HasSubstr("  5  the connector or SSL Store"));
  run = Cli({"enroll", "--help"}, false);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("--csr=FILE"));
  EXPECT_THAT(run.out, HasSubstr("--prior_request_id=ID"));

  const std::vector<std::vector<std::string>> usage_errors = {
      {},
      {"frobnicate"},
      {"products", "--no-such-flag"},
      {"--timeout=soon", "products"},
      {"product"},
      {"products", "extra"},
      {"enroll", "--product=positivessl"},
      {"enroll", "--csr", "/nonexistent/request.csr", "--product=positivessl"},
      {"enroll", "--csr", "/dev/null", "--product=positivessl", "--param",
       "no-equals-sign"},
      {"revoke", "1-TSS-1", "--reason=7"},
      {"sync", "--since=yesterday"},
      {"--partner_code=X", "ping"},
  };
  for (const auto& args : usage_errors) {
    run = Cli(args);
    EXPECT_EQ(run.exit_code, 2) << absl::StrJoin(args, " ") << "\n" << run.err;
    EXPECT_THAT(run.err, HasSubstr("sslstore-gateway: "));
  }
  run = Cli(
      {"enroll", "--csr", "/nonexistent/request.csr", "--product=positivessl"});
  EXPECT_THAT(run.err,
              HasSubstr("--csr: cannot read \"/nonexistent/request.csr\""));
}

TEST_F(CliTest, ProductsAndValidation) {
  CliRun run = Cli({"products"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines =
      absl::StrSplit(run.out, '\n', absl::SkipEmpty());
  EXPECT_GE(lines.size(), 80u);
  EXPECT_THAT(lines, ::testing::Contains("positivessl"));
  run = Cli({"products", "--long"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("positivessl\tDV\t"));

  run = Cli({"product", "positivessl"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("Validity Period (In Days) ["));
  run = Cli({"product", "no-such-product"});
  EXPECT_EQ(run.exit_code, 4) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr("no-such-product"));

  run = Cli({"annotations"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // The connector's annotations as it returns them, by name, nothing added.
  const std::vector<std::string> annotations =
      absl::StrSplit(run.out, '\n', absl::SkipEmpty());
  EXPECT_THAT(annotations,
              ::testing::ElementsAre(
                  HasSubstr("AuthToken (Secret, default none, hidden): "),
                  HasSubstr("Enabled (Boolean, default true): "),
                  HasSubstr("PageSize (Number, default 100): "),
                  HasSubstr("PartnerCode (String, default none): "),
                  HasSubstr("RenewalWindow (Number, default 30): "),
                  HasSubstr("SSLStoreURL (String, default \"https://")))
      << run.out;
  run = Cli({"annotations", "--template"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("Is CU Order? (Boolean, default "));

  run = Cli({"validate"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("connection: valid"));
  std::vector<std::string> args = {"validate", "--product=positivessl"};
  for (const std::string& p : DvParams()) args.push_back(p);
  run = Cli(args);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("product positivessl: valid"));
  run = Cli({"validate", "--product=positivessl", "--param",
             "Validity Period (In Days)=365"});
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr("\n  Admin Contact - Email"));

  // An inline connection with a wrong token: every problem by key, never
  // the token.
  const std::string token = Write("wrong_token", "wrong-token-9931\n");
  run = Cli({"validate", "--sslstore_url", env_->sim().base_url(),
             "--partner_code", env_->sim().partner_code(), "--auth_token_file",
             token});
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr("\n  AuthToken: "));
  EXPECT_THAT(run.out + run.err, Not(HasSubstr("wrong-token-9931")));
}

TEST_F(CliTest, EnrollRecordRenewSyncRevoke) {
  pki::CsrSpec spec;
  spec.subject = {{"CN", "www.example.com"}};
  const std::string csr =
      Write("www.csr", pki::MakeCsrPem(pki::SharedRsa2048Key(0), spec));
  std::vector<std::string> args = {"enroll", "--csr",
                                   csr,      "--product=positivessl",
                                   "--out",  Path("www.pem")};
  for (const std::string& p : DvParams()) args.push_back(p);
  CliRun run = Cli(args);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("status: GENERATED (40)"));
  EXPECT_THAT(run.out, HasSubstr("  action: new_order"));
  EXPECT_THAT(ReadFile(Path("www.pem")), HasSubstr("BEGIN CERTIFICATE"));
  std::string id;
  for (absl::string_view line : absl::StrSplit(run.out, '\n')) {
    if (absl::ConsumePrefix(&line, "request id: ")) id = std::string(line);
  }
  ASSERT_FALSE(id.empty());

  run = Cli({"record", id});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("status: GENERATED (40)"));
  run = Cli({"record", id, "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  rapidjson::Document json;
  ASSERT_FALSE(json.Parse(run.out.c_str()).HasParseError()) << run.out;
  ASSERT_TRUE(json.IsObject() && json.HasMember("status") &&
              json["status"].IsInt());
  EXPECT_EQ(json["status"].GetInt(), 40);
  run = Cli({"record", "987654-TSS-1"});
  EXPECT_EQ(run.exit_code, 4) << run.out << run.err;

  // Renew-or-reissue of that certificate (outside the renewal window:
  // a reissue on the same order).
  const std::string csr2 =
      Write("www2.csr", pki::MakeCsrPem(pki::SharedRsa2048Key(1), spec));
  args = {"enroll",
          "--csr",
          csr2,
          "--product=positivessl",
          "--type=renew-or-reissue",
          "--prior_request_id",
          id,
          "--json"};
  for (const std::string& p : DvParams()) args.push_back(p);
  run = Cli(args);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  ASSERT_FALSE(json.Parse(run.out.c_str()).HasParseError()) << run.out;
  ASSERT_TRUE(json.HasMember("enrollment_context") &&
              json["enrollment_context"].HasMember("action"));
  EXPECT_STREQ(json["enrollment_context"]["action"].GetString(), "reissue");
  ASSERT_TRUE(json.HasMember("ca_request_id"));
  const std::string reissued = json["ca_request_id"].GetString();

  ASSERT_TRUE(env_->sim().SeedOrders(12, 3, 1, 0).ok());
  run = Cli({"sync", "--page_size=5"}, true);
  EXPECT_EQ(run.exit_code, 2);  // --page_size needs an inline connection
  run = Cli({"sync"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines =
      absl::StrSplit(run.out, '\n', absl::SkipEmpty());
  // Every order once: a record, or a skipped line (the connector skips
  // orders without a certificate, e.g. pending ones); the summary last.
  int records = 0;
  int skipped = 0;
  for (const std::string& line : lines) {
    ASSERT_FALSE(json.Parse(line.c_str()).HasParseError()) << line;
    ASSERT_TRUE(json.HasMember("type") && json["type"].IsString());
    const std::string type = json["type"].GetString();
    if (type == "record") ++records;
    if (type == "skipped") ++skipped;
  }
  EXPECT_EQ(records + skipped, 13) << run.out;
  int active = 0;
  for (const auto& order : env_->sim().GroundTruth()) {
    if (order.major_status == "Active") ++active;
  }
  EXPECT_EQ(records, active) << run.out;
  EXPECT_GE(active, 2);
  ASSERT_FALSE(lines.empty());
  ASSERT_FALSE(json.Parse(lines.back().c_str()).HasParseError());
  EXPECT_STREQ(json["type"].GetString(), "summary");
  EXPECT_TRUE(json["ok"].GetBool());
  EXPECT_EQ(json["emitted"].GetInt64(), records);
  EXPECT_EQ(json["skipped"].GetInt64(), skipped);
  EXPECT_EQ(json["processed"].GetInt64(), 13);
  ASSERT_TRUE(json["warnings"].IsArray());
  EXPECT_TRUE(json["warnings"].Empty()) << run.out;  // nothing moved

  run = Cli({"revoke", reissued, "--reason=1"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("status: REVOKED (50)"));
  // SSL Store refuses a second request: the call fails (UPSTREAM_REFUSED).
  run = Cli({"revoke", reissued});
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr("cancelled"));
}

TEST_F(CliTest, AnInterruptedSyncIsResumedWithoutLossOrDuplicates) {
  ASSERT_TRUE(env_->sim().SeedOrders(35, 1, 0, 0).ok());
  // Page 2 of /order/query fails more often than the connector retries, so
  // the stream ends with UNAVAILABLE and a resume token.
  sslstore_sim::FaultConfig faults;
  faults.rules = {{.endpoint = "order/query",
                   .type = sslstore_sim::FaultType::kHttp503,
                   .nth = 2,
                   .times = 8}};
  env_->sim().SetFaults(faults);
  CliRun run = Cli({"--connection=paged", "sync", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(RecordIds(run.out).size(), 35u) << run.out;
  const std::vector<std::string> lines =
      absl::StrSplit(run.out, '\n', absl::SkipEmpty());
  ASSERT_FALSE(lines.empty());
  rapidjson::Document json;
  ASSERT_FALSE(json.Parse(lines.back().c_str()).HasParseError());
  EXPECT_TRUE(json["ok"].GetBool()) << run.out;
  EXPECT_GE(json["resumes"].GetInt64(), 1) << run.out;

  // With no resume attempts allowed the failure ends the command.
  env_->sim().SetFaults(faults);
  run = Cli({"--connection=paged", "sync", "--json", "--resume_attempts=0"});
  EXPECT_EQ(run.exit_code, 5) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"ok\":false"));
  // The token to continue from is printed, in the summary and on stderr.
  const std::string token =
      LineValue(run.err, "sslstore-gateway: resume token: ");
  EXPECT_FALSE(token.empty()) << run.err;
  EXPECT_THAT(run.out, HasSubstr(absl::StrCat("\"resume_token\":\"", token)));
}

TEST_F(CliTest, RejectedEnrollmentsAndUnavailableConnector) {
  const std::string garbage = Write("garbage.csr", "this is not a CSR\n");
  std::vector<std::string> args = {"enroll", "--csr", garbage,
                                   "--product=positivessl"};
  for (const std::string& p : DvParams()) args.push_back(p);
  CliRun run = Cli(args);
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("status: FAILED (11)"));
  EXPECT_THAT(run.out, HasSubstr("\n  csr: "));

  pki::CsrSpec spec;
  spec.subject = {{"CN", "www.example.com"}};
  const std::string csr =
      Write("ok.csr", pki::MakeCsrPem(pki::SharedRsa2048Key(0), spec));
  args = {"enroll", "--csr", csr, "--product=no-such-product"};
  for (const std::string& p : DvParams()) args.push_back(p);
  run = Cli(args);
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("no-such-product"));

  // A disabled connection: ping says so without failing, enroll is refused.
  run = Cli({"--connection=switched-off", "ping"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("not checked"));
  args = {"--connection=switched-off", "enroll", "--csr", csr,
          "--product=positivessl"};
  for (const std::string& p : DvParams()) args.push_back(p);
  run = Cli(args);
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
  run = Cli({"--connection=no-such-connection", "ping"});
  EXPECT_EQ(run.exit_code, 4) << run.out << run.err;

  run = Cli({"ping"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("connection \"default\": SSL Store accepted"));

  const std::string down = absl::StrCat("--connector=127.0.0.1:", ClosedPort());
  for (const std::vector<std::string>& command :
       std::vector<std::vector<std::string>>{
           {down, "ping"}, {down, "products"}, {down, "sync", "--json"}}) {
    run = Cli(command, false);
    EXPECT_EQ(run.exit_code, 5) << run.out << run.err;
    EXPECT_THAT(run.err, HasSubstr("cannot reach the SSL Store connector"));
  }
}

TEST_F(CliTest, JsonOnEveryCommand) {
  const std::string id = Enroll("json.example.com");
  ASSERT_FALSE(id.empty());
  std::vector<std::string> validate = {"validate", "--product=positivessl"};
  for (const std::string& p : DvParams()) validate.push_back(p);
  const std::vector<std::vector<std::string>> commands = {
      {"products"},    {"product", "positivessl"},
      {"annotations"}, {"annotations", "--template"},
      validate,        {"record", id},
      {"ping"},        {"revoke", id, "--reason=1"},
  };
  for (std::vector<std::string> args : commands) {
    args.push_back("--json");
    const CliRun run = Cli(args);
    EXPECT_EQ(run.exit_code, 0) << absl::StrJoin(args, " ") << run.err;
    EXPECT_TRUE(IsJsonObject(run.out)) << absl::StrJoin(args, " ") << "\n"
                                       << run.out;
  }
  // The global flag works before the command too; the response's fields by
  // their proto names.
  CliRun run = Cli({"--json", "products"});
  rapidjson::Document json;
  ASSERT_FALSE(json.Parse(run.out.c_str()).HasParseError()) << run.out;
  ASSERT_TRUE(json.HasMember("products") && json["products"].IsArray());
  EXPECT_GE(json["products"].Size(), 80u);
  run = Cli({"validate", "--json"});
  ASSERT_FALSE(json.Parse(run.out.c_str()).HasParseError()) << run.out;
  EXPECT_TRUE(json["connection_valid"].GetBool());

  // enroll --json: one object, as before.
  pki::CsrSpec spec;
  spec.subject = {{"CN", "json2.example.com"}};
  const std::string csr =
      Write("json2.csr", pki::MakeCsrPem(pki::SharedRsa2048Key(0), spec));
  std::vector<std::string> enroll = {"enroll", "--csr", csr,
                                     "--product=positivessl", "--json"};
  for (const std::string& p : DvParams()) enroll.push_back(p);
  run = Cli(enroll);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(IsJsonObject(run.out)) << run.out;

  // sync --json: JSON lines, the summary last.
  run = Cli({"sync", "--json"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const std::vector<std::string> lines =
      absl::StrSplit(run.out, '\n', absl::SkipEmpty());
  ASSERT_FALSE(lines.empty());
  for (const std::string& line : lines) EXPECT_TRUE(IsJsonObject(line)) << line;
  ASSERT_FALSE(json.Parse(lines.back().c_str()).HasParseError());
  EXPECT_STREQ(json["type"].GetString(), "summary");

  // Failures as JSON on stdout: the code, the connector's ErrorInfo reason
  // and the exit code; the message on stderr as well.
  run = Cli({"product", "no-such-product", "--json"});
  EXPECT_EQ(run.exit_code, 4) << run.out << run.err;
  ASSERT_FALSE(json.Parse(run.out.c_str()).HasParseError()) << run.out;
  EXPECT_STREQ(json["type"].GetString(), "error");
  EXPECT_STREQ(json["error"]["code"].GetString(), "NOT_FOUND");
  EXPECT_STREQ(json["error"]["reason"].GetString(), "PRODUCT_NOT_FOUND");
  EXPECT_EQ(json["error"]["exit_code"].GetInt(), 4);
  EXPECT_THAT(json["error"]["message"].GetString(),
              HasSubstr("no-such-product"));
  EXPECT_THAT(run.err, HasSubstr("no-such-product"));

  run = Cli({"validate", "--product=positivessl", "--param",
             "Validity Period (In Days)=365", "--json"});
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
  ASSERT_FALSE(json.Parse(run.out.c_str()).HasParseError()) << run.out;
  ASSERT_TRUE(json["error"].HasMember("violations")) << run.out;
  EXPECT_GE(json["error"]["violations"].Size(), 1u);

  run = Cli({"--connection=no-such-connection", "ping", "--json"});
  EXPECT_EQ(run.exit_code, 4) << run.out << run.err;
  ASSERT_FALSE(json.Parse(run.out.c_str()).HasParseError()) << run.out;
  EXPECT_STREQ(json["error"]["reason"].GetString(), "CONNECTION_NOT_FOUND");

  // Usage errors too, even when the command line does not parse.
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{
           {"products", "--no-such-flag", "--json"},
           {"--json", "sync", "--since=yesterday"}}) {
    run = Cli(args);
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
    ASSERT_FALSE(json.Parse(run.out.c_str()).HasParseError()) << run.out;
    EXPECT_STREQ(json["error"]["reason"].GetString(), "USAGE");
    EXPECT_EQ(json["error"]["exit_code"].GetInt(), 2);
  }
}

TEST_F(CliTest, SigintStopsASyncAndItsTokenResumesIt) {
  ASSERT_TRUE(env_->sim().SeedOrders(35, 1, 0, 0).ok());
  // The second /order/query call (page 2) waits until the CLI is gone, so
  // the sync is surely running when the signal comes.
  // (Shared: the simulator may run the action after this test body.)
  auto release = std::make_shared<absl::Notification>();
  env_->sim().BeforeCall("order/query", 2,
                         [release] { release->WaitForNotification(); });
  absl::Cleanup release_page_two = [release] {
    if (!release->HasBeenNotified()) release->Notify();
  };
  CliRun run;
  {
    RunningCli cli({"--connector=" + env_->server().address(),
                    "--connection=paged", "sync", "--json"},
                   Path("interrupted.out"));
    ASSERT_TRUE(cli.WaitForErrLine("sync: page 1, ")) << cli.err();
    cli.Signal(SIGINT);
    run = cli.Finish();
  }
  std::move(release_page_two).Invoke();
  EXPECT_EQ(run.exit_code, 130) << run.out << run.err;
  const std::string token =
      LineValue(run.err, "sslstore-gateway: resume token: ");
  ASSERT_FALSE(token.empty()) << run.err;
  EXPECT_THAT(run.err, HasSubstr("interrupted"));
  // Its stdout is still JSON lines: the records of page 1, the summary
  // (not ok, with the token) and the error.
  const std::vector<std::string> lines =
      absl::StrSplit(run.out, '\n', absl::SkipEmpty());
  ASSERT_GE(lines.size(), 2u) << run.out;
  rapidjson::Document json;
  ASSERT_FALSE(json.Parse(lines[lines.size() - 2].c_str()).HasParseError());
  EXPECT_STREQ(json["type"].GetString(), "summary");
  EXPECT_FALSE(json["ok"].GetBool());
  EXPECT_EQ(json["resume_token"].GetString(), token);
  ASSERT_FALSE(json.Parse(lines.back().c_str()).HasParseError());
  EXPECT_STREQ(json["error"]["reason"].GetString(), "INTERRUPTED");
  const std::set<std::string> first = RecordIds(run.out);
  EXPECT_EQ(first.size(), 10u) << run.out;  // page 1 of the paged connection

  // The token printed resumes the sync where it stopped: both runs together
  // deliver every order of the ground truth exactly once.
  run = Cli({"--connection=paged", "sync", "--json", "--resume-token", token});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const std::set<std::string> rest = RecordIds(run.out);
  std::set<std::string> all = first;
  for (const std::string& id : rest) {
    EXPECT_TRUE(all.insert(id).second) << "twice: " << id;
  }
  std::set<std::string> truth;
  for (const auto& order : env_->sim().GroundTruth()) {
    truth.insert(absl::StrCat(order.id, "-", order.partner_order_id));
  }
  EXPECT_EQ(all, truth);

  // A token of nothing the connector issued is refused as a bad request.
  run = Cli({"--connection=paged", "sync", "--resume_token=garbage"});
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
}

TEST_F(CliTest, ASyncWithFailedOrdersExitsSix) {
  ASSERT_TRUE(env_->sim().SeedOrders(5, 1, 0, 0).ok());
  // SSL Store refuses one download: that order fails, the sync goes on.
  sslstore_sim::FaultConfig faults;
  faults.rules = {{.endpoint = "order/download",
                   .type = sslstore_sim::FaultType::kApiError,
                   .nth = 2,
                   .times = 1}};
  env_->sim().SetFaults(faults);
  CliRun run = Cli({"sync", "--json"});
  EXPECT_EQ(run.exit_code, 6) << run.out << run.err;
  EXPECT_EQ(RecordIds(run.out).size(), 4u) << run.out;
  const std::vector<std::string> lines =
      absl::StrSplit(run.out, '\n', absl::SkipEmpty());
  ASSERT_GE(lines.size(), 2u);
  rapidjson::Document json;
  ASSERT_FALSE(json.Parse(lines[lines.size() - 2].c_str()).HasParseError());
  EXPECT_TRUE(json["ok"].GetBool());  // the stream itself ended well
  EXPECT_EQ(json["failed"].GetInt64(), 1);
  ASSERT_FALSE(json.Parse(lines.back().c_str()).HasParseError());
  EXPECT_STREQ(json["error"]["reason"].GetString(), "ORDERS_FAILED");
  EXPECT_THAT(run.err, HasSubstr("failed 1 order"));
  // Progress on stderr: pages, records, rate and elapsed time.
  EXPECT_THAT(run.err, ::testing::StartsWith("sync: page "));
  EXPECT_THAT(run.err,
              HasSubstr(", 5 orders (4 records, 0 skipped, 1 failed), "));
  EXPECT_THAT(run.err, HasSubstr(" s elapsed\n"));
  EXPECT_THAT(run.err, HasSubstr(" orders/s, "));

  // Without failures the same sync exits 0.
  env_->sim().ClearFaults();
  run = Cli({"sync", "--json"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
}

TEST_F(CliTest, EnvironmentVariablesAndFlagsThatWin) {
  constexpr char kBearer[] = "cli-bearer-5521";
  auto guarded = ConnectorWithSim::Start({}, [&](service::ServerConfig& c) {
    c.caller_auth.bearer_tokens = {service::Secret(kBearer)};
  });
  ASSERT_TRUE(guarded.ok()) << guarded.status();
  const std::string address = (*guarded)->server().address();
  const std::string token_file = Write("bearer", absl::StrCat(kBearer, "\n"));
  const std::string wrong_file = Write("wrong_bearer", "not-the-token\n");
  const std::string closed = absl::StrCat("127.0.0.1:", ClosedPort());

  // Both from the environment.
  CliRun run = Cli({"products"}, false,
                   {"SSLSTORE_CONNECTOR_ADDRESS=" + address,
                    "SSLSTORE_CONNECTOR_TOKEN_FILE=" + token_file});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("positivessl"));
  // Without the token the connector refuses the call.
  run = Cli({"products"}, false, {"SSLSTORE_CONNECTOR_ADDRESS=" + address});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  // The flags win over the variables.
  run =
      Cli({"--connector=" + address, "--token_file=" + token_file, "products"},
          false,
          {"SSLSTORE_CONNECTOR_ADDRESS=" + closed,
           "SSLSTORE_CONNECTOR_TOKEN_FILE=" + wrong_file});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  // A variable naming an unreachable connector is used when no flag is.
  run = Cli({"ping"}, false, {"SSLSTORE_CONNECTOR_ADDRESS=" + closed});
  EXPECT_EQ(run.exit_code, 5) << run.out << run.err;
  EXPECT_THAT(run.err, HasSubstr(closed));
  EXPECT_THAT(run.out + run.err, Not(HasSubstr(kBearer)));

  // Documented in --help.
  run = Cli({"--help"}, false);
  EXPECT_THAT(run.out, HasSubstr("SSLSTORE_CONNECTOR_ADDRESS"));
  EXPECT_THAT(run.out, HasSubstr("SSLSTORE_CONNECTOR_TOKEN_FILE"));
  EXPECT_THAT(run.out, HasSubstr("  130  sync: interrupted"));
  run = Cli({"sync", "--help"}, false);
  EXPECT_THAT(run.out, HasSubstr("--resume_token=TOKEN"));
  run = Cli({"--version"}, false);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, HasSubstr("sslstore-gateway"));
}

}  // namespace
}  // namespace sslstore::gateway
