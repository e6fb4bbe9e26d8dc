#include "service/observability/metrics.h"

#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "prometheus/exposer.h"
#include "prometheus/text_serializer.h"
#include "service/observability/metrics_auth.h"
#include "version/version.h"

namespace sslstore::service::observability {
namespace {

using prometheus::BuildCounter;
using prometheus::BuildGauge;
using prometheus::BuildHistogram;
using prometheus::Histogram;

// Seconds; RPCs range from catalog look-ups (sub-millisecond) to syncs.
const Histogram::BucketBoundaries& RpcBuckets() {
  static const auto* const kBuckets = new Histogram::BucketBoundaries{
      0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
      1,     2.5,   5,    10,    30,   60,  300};
  return *kBuckets;
}

// Seconds; one HTTPS exchange with SSL Store.
const Histogram::BucketBoundaries& UpstreamBuckets() {
  static const auto* const kBuckets = new Histogram::BucketBoundaries{
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
  return *kBuckets;
}

std::string Str(absl::string_view s) { return std::string(s); }

}  // namespace

Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      rpc_requests_(BuildCounter()
                        .Name("sslstore_rpc_requests_total")
                        .Help("Finished gRPC calls by service, method and "
                              "status code")
                        .Register(*registry_)),
      rpc_duration_(BuildHistogram()
                        .Name("sslstore_rpc_duration_seconds")
                        .Help("gRPC call latency by service, method and "
                              "status code")
                        .Register(*registry_)),
      upstream_calls_(BuildCounter()
                          .Name("sslstore_upstream_calls_total")
                          .Help("SSL Store (WBAPI) HTTP attempts by endpoint "
                                "and outcome")
                          .Register(*registry_)),
      upstream_retries_(BuildCounter()
                            .Name("sslstore_upstream_retries_total")
                            .Help("SSL Store (WBAPI) retried attempts by "
                                  "endpoint")
                            .Register(*registry_)),
      upstream_duration_(BuildHistogram()
                             .Name("sslstore_upstream_call_duration_seconds")
                             .Help("SSL Store (WBAPI) attempt latency by "
                                   "endpoint")
                             .Register(*registry_)),
      sync_processed_(BuildCounter()
                          .Name("sslstore_sync_orders_processed_total")
                          .Help("Orders looked at by SyncCertificates")
                          .Register(*registry_)
                          .Add({})),
      sync_emitted_(BuildCounter()
                        .Name("sslstore_sync_records_emitted_total")
                        .Help("Certificate records sent by SyncCertificates")
                        .Register(*registry_)
                        .Add({})),
      sync_skipped_(BuildCounter()
                        .Name("sslstore_sync_orders_skipped_total")
                        .Help("Orders SyncCertificates reported skipped")
                        .Register(*registry_)
                        .Add({})),
      sync_failed_(BuildCounter()
                       .Name("sslstore_sync_orders_failed_total")
                       .Help("Orders SyncCertificates reported failed")
                       .Register(*registry_)
                       .Add({})),
      sync_unchanged_(BuildCounter()
                          .Name("sslstore_sync_orders_unchanged_total")
                          .Help("Orders an incremental sync left out as "
                                "unchanged")
                          .Register(*registry_)
                          .Add({})),
      syncs_started_(BuildCounter()
                         .Name("sslstore_syncs_started_total")
                         .Help("SyncCertificates streams started")
                         .Register(*registry_)
                         .Add({})),
      syncs_running_(BuildGauge()
                         .Name("sslstore_syncs_running")
                         .Help("SyncCertificates streams running now")
                         .Register(*registry_)
                         .Add({})) {
  BuildGauge()
      .Name("sslstore_build_info")
      .Help("The connector's build: 1, labelled with its version")
      .Register(*registry_)
      .Add({{"version", Str(version::VersionString())}})
      .Set(1);
}

Metrics::~Metrics() {
  exposer_.reset();
  if (protected_) MetricsAuth::Forget(port_);
}

void Metrics::RecordRpc(absl::string_view service, absl::string_view method,
                        absl::string_view code, absl::Duration latency) {
  const prometheus::Labels labels = {
      {"service", Str(service)}, {"method", Str(method)}, {"code", Str(code)}};
  rpc_requests_.Add(labels).Increment();
  rpc_duration_.Add(labels, RpcBuckets())
      .Observe(absl::ToDoubleSeconds(latency));
}

void Metrics::RecordUpstreamCall(const client::UpstreamCallEvent& event) {
  const std::string outcome = Str(client::UpstreamOutcomeName(event.outcome));
  upstream_calls_.Add({{"endpoint", event.endpoint}, {"outcome", outcome}})
      .Increment();
  if (event.attempt > 1) {
    upstream_retries_.Add({{"endpoint", event.endpoint}}).Increment();
  }
  upstream_duration_.Add({{"endpoint", event.endpoint}}, UpstreamBuckets())
      .Observe(absl::ToDoubleSeconds(event.duration));
}

void Metrics::SyncStarted() {
  syncs_started_.Increment();
  syncs_running_.Increment();
}

void Metrics::SyncEnded() { syncs_running_.Decrement(); }

void Metrics::Count(SyncEvent event) {
  switch (event) {
    case SyncEvent::kOrderProcessed:
      sync_processed_.Increment();
      break;
    case SyncEvent::kRecordEmitted:
      sync_emitted_.Increment();
      break;
    case SyncEvent::kOrderSkipped:
      sync_skipped_.Increment();
      break;
    case SyncEvent::kOrderFailed:
      sync_failed_.Increment();
      break;
    case SyncEvent::kOrderUnchanged:
      sync_unchanged_.Increment();
      break;
  }
}

std::string Metrics::ScrapeText() const {
  return prometheus::TextSerializer().Serialize(registry_->Collect());
}

absl::Status Metrics::Serve(const std::string& listen_address,
                            const std::string& bearer_token) {
  if (exposer_ != nullptr) {
    return absl::FailedPreconditionError("metrics are already served");
  }
  try {
    auto exposer = std::make_unique<prometheus::Exposer>(
        listen_address, /*threads=*/2,
        bearer_token.empty() ? nullptr : MetricsAuth::Callbacks());
    const std::vector<int> ports = exposer->GetListeningPorts();
    if (ports.empty() || ports.front() <= 0) {
      return absl::UnavailableError(absl::StrCat(
          "metrics: cannot listen on ", listen_address, ": no port bound"));
    }
    if (!bearer_token.empty())
      MetricsAuth::Require(ports.front(), bearer_token);
    exposer->RegisterCollectable(registry_);
    port_ = ports.front();
    protected_ = !bearer_token.empty();
    exposer_ = std::move(exposer);
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("metrics: cannot listen on ",
                                               listen_address, ": ", e.what()));
  }
  return absl::OkStatus();
}

}  // namespace sslstore::service::observability
