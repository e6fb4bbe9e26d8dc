// sslstore-gateway as a user runs it: the binary started through popen
// against the connector and the simulator running in this process on
// 127.0.0.1:0. Checks its output and exit codes, including usage errors, an
// unknown product, a bad CSR file and a connector that is down.

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
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
    auto env = ConnectorWithSim::Start({}, [](service::ServerConfig& config) {
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
  // `with_connector` is false).
  CliRun Cli(const std::vector<std::string>& args, bool with_connector = true) {
    std::string command = Quote(SSLSTORE_GATEWAY_CLI);
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
  std::set<std::string> seen;
  rapidjson::Document json;
  for (absl::string_view line :
       absl::StrSplit(run.out, '\n', absl::SkipEmpty())) {
    ASSERT_FALSE(json.Parse(line.data(), line.size()).HasParseError()) << line;
    if (std::string(json["type"].GetString()) == "record") {
      EXPECT_TRUE(seen.insert(json["ca_request_id"].GetString()).second)
          << "twice: " << line;
    }
  }
  EXPECT_EQ(seen.size(), 35u) << run.out;
  EXPECT_TRUE(json["ok"].GetBool()) << run.out;
  EXPECT_GE(json["resumes"].GetInt64(), 1) << run.out;

  // With no resume attempts allowed the failure ends the command.
  env_->sim().SetFaults(faults);
  run = Cli({"--connection=paged", "sync", "--json", "--resume_attempts=0"});
  EXPECT_EQ(run.exit_code, 5) << run.out << run.err;
  EXPECT_THAT(run.out, HasSubstr("\"ok\":false"));
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

}  // namespace
}  // namespace sslstore::gateway
