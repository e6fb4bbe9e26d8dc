// sslstore-sim: runs the WBAPI simulator until SIGINT/SIGTERM.
//
//   sslstore-sim --port 0 --admin-port 0 --ready-file /tmp/sim.json
//                --state-dir /tmp/sim --partner-code SIMPARTNER
//                --auth-token-file token.txt
//
// Prints the WBAPI URL, the admin URL, the CA file to trust and the
// credentials, and writes the ready file once listening. Run with --help for
// every flag.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "sslstore_client/files/atomic_file.h"
#include "tools/sslstore-sim/realism_settings.h"
#include "tools/sslstore-sim/simulator.h"
#include "version/version.h"

namespace {

struct Flag {
  const char* name;
  const char* value_name;  // nullptr: boolean switch
  const char* help;
};

constexpr Flag kFlags[] = {
    {"port", "N", "WBAPI HTTPS port (0 = pick a free one; default 0)"},
    {"admin-port", "N", "admin HTTP port on 127.0.0.1 (0 = free; default 0)"},
    {"no-admin", nullptr, "do not start the admin API"},
    {"listen-address", "ADDR", "WBAPI listen address (default 127.0.0.1)"},
    {"ready-file", "PATH",
     "write {url,port,admin_url,admin_port,ca_file,partner_code} JSON here "
     "once listening"},
    {"state-dir", "DIR",
     "CA files are loaded from / written to DIR (default: a temp dir)"},
    {"partner-code", "CODE", "accepted PartnerCode (default SIMPARTNER)"},
    {"auth-token", "TOKEN", "accepted AuthToken (default sim-token)"},
    {"auth-token-file", "FILE", "read the accepted AuthToken from FILE"},
    {"server-name", "NAMES",
     "comma-separated TLS certificate names (default localhost,127.0.0.1)"},
    {"threads", "N", "WBAPI server threads (default 2)"},
    {"approval", "MODE",
     "immediate | after-polls | manual (default immediate)"},
    {"approve-after-polls", "N",
     "with --approval after-polls: approve on the Nth status poll"},
    {"chain-order", "ORDER",
     "download chain order: leaf-first | root-first | shuffled"},
    {"catalog-dir", "DIR", "catalog data directory (default: the build's)"},
    {"seed", "N", "RNG seed for faults and shuffling (default 1)"},
    {"seed-orders", "N", "seed N orders at start"},
    {"seed-mix", "A:P:C",
     "status weights active:pending:cancelled for --seed-orders (default "
     "7:2:1)"},
    {"faults-file", "FILE", "load fault rules (JSON, see README) at start"},
    {"max-certificate-days", "N", "certificate lifetime cap (default 199)"},
    {"refund-window-days", "N", "refund window (default 30)"},
    {"query-ignores-bad-token", nullptr,
     "/order/query accepts bad credentials (sandbox quirk)"},
    {"numeric-ids-in-download", nullptr,
     "/order/download returns ids as JSON numbers"},
    {"profile", "NAME",
     "realism profile: lenient (default) | realistic; the knob flags below "
     "apply on top of it"},
    {"exact-member-names", nullptr,
     "request members match WBAPI casing exactly; others are ignored and "
     "listed at GET /admin/unknown-members"},
    {"not-found-code", "N", "error code of an unknown order (default -1006)"},
    {"not-found-message", "TEXT",
     "error text of an unknown order (default \"Order not found\")"},
    {"not-found-as-empty-order", nullptr,
     "an unknown order gets isError false and an order without ids"},
    {"refund-pending-polls", "N",
     "a refund stays pending for N status polls (-1: until "
     "/admin/complete-refund; default 0)"},
    {"query-lag-ms", "N",
     "/order/query rows show the state before an order's latest change for "
     "N ms"},
    {"query-page-size-cap", "N", "/order/query serves at most N rows a page"},
    {"query-newest-first", nullptr,
     "/order/query lists the newest order first"},
    {"duplicate-custom-order-id", "MODE",
     "refuse (default) | accept a CustomOrderID already used"},
    {"reissue-refuses-existing-names", nullptr,
     "reissue refuses names already on the order and empty SAN edit lists"},
    {"health-validate-status-only", nullptr,
     "/health/validate answers {\"Status\":...} only"},
    {"help", nullptr, "show this help"},
    {"version", nullptr, "print the version and exit"},
};

const Flag* FindFlag(absl::string_view name) {
  for (const Flag& f : kFlags) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

void PrintHelp() {
  std::cout << "Usage: sslstore-sim [flags]\n\n"
               "The SSL Store WBAPI simulator (HTTPS, own CA).\n\n";
  for (const Flag& f : kFlags) {
    std::string left = absl::StrCat("  --", f.name);
    if (f.value_name != nullptr) absl::StrAppend(&left, " ", f.value_name);
    std::cout << left << "\n      " << f.help << "\n";
  }
}

bool ParseFlags(int argc, char** argv, std::map<std::string, std::string>* out,
                std::string* error) {
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (!absl::ConsumePrefix(&arg, "--")) {
      *error = absl::StrCat("unexpected argument '", arg, "'");
      return false;
    }
    std::string name(arg.substr(0, arg.find('=')));
    std::replace(name.begin(), name.end(), '_', '-');
    const Flag* flag = FindFlag(name);
    if (flag == nullptr) {
      *error = absl::StrCat("unknown flag --", name);
      return false;
    }
    std::string value;
    if (arg.find('=') != absl::string_view::npos) {
      value = std::string(arg.substr(arg.find('=') + 1));
    } else if (flag->value_name != nullptr) {
      if (i + 1 >= argc) {
        *error = absl::StrCat("--", name, " needs a value");
        return false;
      }
      value = argv[++i];
    } else {
      value = "true";
    }
    (*out)[name] = value;
  }
  return true;
}

bool ParseInt(const std::map<std::string, std::string>& flags, const char* name,
              int64_t min, int64_t max, int64_t* out, std::string* error) {
  auto it = flags.find(name);
  if (it == flags.end()) return true;
  int64_t v = 0;
  if (!absl::SimpleAtoi(it->second, &v) || v < min || v > max) {
    *error = absl::StrCat("--", name, " must be an integer in [", min, ", ",
                          max, "]");
    return false;
  }
  *out = v;
  return true;
}

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Writes the --ready-file: the URLs, ports, CA file, partner code and state
// directory as one JSON object, replaced whole (see WriteFileAtomically).
absl::Status WriteReadyFile(const std::string& path,
                            const sslstore_sim::Simulator& sim) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("url");
  w.String(sim.base_url());
  w.Key("port");
  w.Int(sim.port());
  w.Key("admin_url");
  w.String(sim.admin_port() == 0 ? std::string() : sim.admin_url());
  w.Key("admin_port");
  w.Int(sim.admin_port());
  w.Key("ca_file");
  w.String(sim.ca_file());
  w.Key("partner_code");
  w.String(sim.partner_code());
  w.Key("state_dir");
  w.String(sim.state_dir());
  w.EndObject();
  return sslstore::files::WriteFileAtomically(
      path, absl::StrCat(buf.GetString(), "\n"));
}

int Fail(const std::string& message) {
  std::cerr << "sslstore-sim: " << message << "\n";
  return 2;
}

// The realism knobs from --profile and then the per-knob flags; `summary`
// gets the profile name and the knobs set by flag.
bool ParseRealism(const std::map<std::string, std::string>& flags,
                  sslstore_sim::Realism* out, std::string* summary,
                  std::string* error) {
  std::string profile = "lenient";
  if (auto it = flags.find("profile"); it != flags.end()) profile = it->second;
  std::optional<sslstore_sim::Realism> realism =
      sslstore_sim::ParseRealismProfile(profile);
  if (!realism) {
    *error = "--profile must be lenient or realistic";
    return false;
  }
  *summary = profile;
  std::vector<std::string> knobs;
  for (absl::string_view knob : sslstore_sim::RealismKnobNames()) {
    std::string flag(knob);
    std::replace(flag.begin(), flag.end(), '_', '-');
    auto it = flags.find(flag);
    if (it == flags.end()) continue;
    absl::Status st = sslstore_sim::SetRealismKnob(knob, it->second, *realism);
    if (!st.ok()) {
      *error = absl::StrCat("--", flag, ": ", st.message());
      return false;
    }
    knobs.push_back(flag);
  }
  if (!knobs.empty()) {
    absl::StrAppend(summary, " + --", absl::StrJoin(knobs, " --"));
  }
  *out = *std::move(realism);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (sslstore::version::PrintVersionIfAsked(argc, argv, "sslstore-sim")) {
    return 0;
  }
  std::map<std::string, std::string> flags;
  std::string error;
  if (!ParseFlags(argc, argv, &flags, &error)) {
    std::cerr << "sslstore-sim: " << error << " (see --help)\n";
    return 2;
  }
  if (flags.count("help")) {
    PrintHelp();
    return 0;
  }
  sslstore_sim::SimulatorOptions options;
  int64_t port = 0, admin_port = 0, threads = 2, polls = 0, seed = 1;
  int64_t seed_orders = 0, max_days = 199, refund_days = 30;
  if (!ParseInt(flags, "port", 0, 65535, &port, &error) ||
      !ParseInt(flags, "admin-port", 0, 65535, &admin_port, &error) ||
      !ParseInt(flags, "threads", 1, 64, &threads, &error) ||
      !ParseInt(flags, "approve-after-polls", 0, 1000000, &polls, &error) ||
      !ParseInt(flags, "seed", 0, INT64_MAX, &seed, &error) ||
      !ParseInt(flags, "seed-orders", 0, 1000000, &seed_orders, &error) ||
      !ParseInt(flags, "max-certificate-days", 1, 3650, &max_days, &error) ||
      !ParseInt(flags, "refund-window-days", 0, 3650, &refund_days, &error)) {
    return Fail(error);
  }
  options.port = static_cast<uint16_t>(port);
  options.admin_port = static_cast<uint16_t>(admin_port);
  options.enable_admin = flags.count("no-admin") == 0;
  options.threads = static_cast<int>(threads);
  options.approve_after_status_polls = static_cast<int>(polls);
  options.seed = static_cast<uint64_t>(seed);
  options.max_certificate_days = static_cast<int>(max_days);
  options.refund_window_days = static_cast<int>(refund_days);
  options.query_ignores_bad_token = flags.count("query-ignores-bad-token") > 0;
  options.numeric_ids_in_download = flags.count("numeric-ids-in-download") > 0;
  if (flags.count("listen-address")) {
    options.listen_address = flags["listen-address"];
  }
  if (flags.count("state-dir")) options.state_dir = flags["state-dir"];
  if (flags.count("catalog-dir")) options.catalog_dir = flags["catalog-dir"];
  if (flags.count("partner-code")) options.partner_code = flags["partner-code"];
  std::string token_source = "default";
  if (flags.count("auth-token")) {
    options.auth_token = flags["auth-token"];
    token_source = "from --auth-token";
  }
  if (flags.count("auth-token-file")) {
    std::string token;
    if (!ReadFile(flags["auth-token-file"], &token)) {
      return Fail("cannot read --auth-token-file");
    }
    options.auth_token = std::string(absl::StripAsciiWhitespace(token));
    if (options.auth_token.empty()) return Fail("--auth-token-file is empty");
    token_source = absl::StrCat("from ", flags["auth-token-file"]);
  }
  if (flags.count("server-name")) {
    options.server_names.clear();
    for (absl::string_view n : absl::StrSplit(flags["server-name"], ',')) {
      n = absl::StripAsciiWhitespace(n);
      if (!n.empty()) options.server_names.emplace_back(n);
    }
  }
  if (flags.count("approval")) {
    auto mode = sslstore_sim::ParseApprovalMode(flags["approval"]);
    if (!mode)
      return Fail("--approval must be immediate, after-polls or manual");
    options.approval = *mode;
  }
  if (flags.count("chain-order")) {
    auto order = sslstore_sim::ParseChainOrder(flags["chain-order"]);
    if (!order)
      return Fail("--chain-order must be leaf-first, root-first or shuffled");
    options.chain_order = *order;
  }
  std::optional<sslstore_sim::FaultConfig> faults;
  if (flags.count("faults-file")) {
    std::string text;
    if (!ReadFile(flags["faults-file"], &text)) {
      return Fail("cannot read --faults-file");
    }
    auto parsed = sslstore_sim::ParseFaultConfigText(text);
    if (!parsed.ok()) {
      return Fail(absl::StrCat("--faults-file: ", parsed.status().message()));
    }
    faults = *std::move(parsed);
  }
  std::string realism_summary;
  if (!ParseRealism(flags, &options.realism, &realism_summary, &error)) {
    return Fail(error);
  }
  int mix[3] = {7, 2, 1};
  if (flags.count("seed-mix")) {
    std::vector<std::string> parts = absl::StrSplit(flags["seed-mix"], ':');
    if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &mix[0]) ||
        !absl::SimpleAtoi(parts[1], &mix[1]) ||
        !absl::SimpleAtoi(parts[2], &mix[2])) {
      return Fail("--seed-mix must be A:P:C, e.g. 7:2:1");
    }
  }

  // Block the stop signals before any thread starts; wait for them below.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto sim = sslstore_sim::Simulator::Start(options);
  if (!sim.ok()) return Fail(std::string(sim.status().message()));
  if (faults) (*sim)->SetFaults(*std::move(faults));
  if (seed_orders > 0) {
    auto ids = (*sim)->SeedOrders(static_cast<int>(seed_orders), mix[0], mix[1],
                                  mix[2]);
    if (!ids.ok()) return Fail(std::string(ids.status().message()));
  }
  // The ready file exists before the banner is printed.
  if (flags.count("ready-file")) {
    const absl::Status written = WriteReadyFile(flags["ready-file"], **sim);
    if (!written.ok()) {
      return Fail(absl::StrCat("--ready-file: ", written.message()));
    }
  }
  std::cout << "sslstore-sim listening\n"
            << "  WBAPI URL:    " << (*sim)->base_url() << "\n";
  if ((*sim)->admin_port() != 0) {
    std::cout << "  admin URL:    " << (*sim)->admin_url() << "\n";
  }
  std::cout << "  CA file:      " << (*sim)->ca_file() << "\n"
            << "  partner code: " << (*sim)->partner_code() << "\n";
  if (token_source == "default") {
    std::cout << "  auth token:   " << options.auth_token << " (default)\n";
  } else {
    std::cout << "  auth token:   (" << token_source << ")\n";
  }
  std::cout << "  profile:      " << realism_summary << "\n";
  if (seed_orders > 0)
    std::cout << "  seeded:       " << seed_orders << " orders\n";
  std::cout << std::flush;
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cout << "sslstore-sim: stopping\n" << std::flush;
  sim->reset();
  return 0;
}
