// Shared helpers of the client's simulator tests.
#ifndef TESTS_SSLSTORE_CLIENT_CLIENT_TEST_SUPPORT_H_
#define TESTS_SSLSTORE_CLIENT_CLIENT_TEST_SUPPORT_H_

#include <memory>
#include <string>
#include <vector>

#include "sslstore_client/sslstore_client.h"
#include "tools/sslstore-sim/simulator.h"

namespace sslstore::client::testing {

// Starts a simulator on 127.0.0.1:0 (test fails on error).
std::unique_ptr<sslstore_sim::Simulator> StartSimulator(
    sslstore_sim::SimulatorOptions options = {});

// Client options for `sim`: its base URL, CA file and credentials, with
// fast retries (1 ms back-off) and short timeouts suited to tests.
ClientOptions OptionsFor(const sslstore_sim::Simulator& sim);

// Creates a client (test fails on error).
std::unique_ptr<SslStoreClient> MakeClient(const ClientOptions& options);

// A PEM PKCS#10 request (P-256) for `common_name` with `sans` as DNS names.
std::string MakeCsr(const std::string& common_name,
                    const std::vector<std::string>& sans = {});

// Writes a fresh self-signed CA certificate (that signed nothing) to a PEM
// file and returns its path.
std::string WriteUnrelatedCaFile(const std::string& name);

// The kind recorded in a client error (kTransport when none is recorded).
ErrorKind KindOf(const absl::Status& status);
// The attempts recorded in a client error (0 when none are recorded).
int AttemptsOf(const absl::Status& status);

}  // namespace sslstore::client::testing

#endif  // TESTS_SSLSTORE_CLIENT_CLIENT_TEST_SUPPORT_H_
