#ifndef SERVICE_OBSERVABILITY_METRICS_H_
#define SERVICE_OBSERVABILITY_METRICS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "service/observability/sync_progress.h"
#include "sslstore_client/upstream_call_event.h"

namespace prometheus {
class Exposer;
}  // namespace prometheus

namespace sslstore::service::observability {

// The connector's Prometheus metrics. Series (labels in braces):
//   sslstore_rpc_requests_total{service,method,code}       finished RPCs
//   sslstore_rpc_duration_seconds{service,method,code}     RPC latency
//   sslstore_upstream_calls_total{endpoint,outcome}        WBAPI attempts
//   sslstore_upstream_retries_total{endpoint}              attempts > 1
//   sslstore_upstream_call_duration_seconds{endpoint}      attempt latency
//   sslstore_sync_orders_processed_total, sslstore_sync_records_emitted_total,
//   sslstore_sync_orders_skipped_total, sslstore_sync_orders_failed_total,
//   sslstore_sync_orders_unchanged_total, sslstore_syncs_started_total
//   sslstore_syncs_running                                 gauge
//   sslstore_build_info{version}                           1 (the build's
//                                                          version string)
// `code` is the gRPC code name ("OK", "INVALID_ARGUMENT", ...); `outcome`
// is client::UpstreamOutcomeName. No label ever carries request data.
// Thread-safe.
class Metrics final : public SyncProgress {
 public:
  Metrics();
  ~Metrics() override;
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Counts one finished RPC of `service`/`method` ending with `code`.
  void RecordRpc(absl::string_view service, absl::string_view method,
                 absl::string_view code, absl::Duration latency);
  // Counts one WBAPI attempt.
  void RecordUpstreamCall(const client::UpstreamCallEvent& event);

  // SyncProgress.
  void SyncStarted() override;
  void SyncEnded() override;
  void Count(SyncEvent event) override;

  // Everything in the Prometheus text exposition format.
  std::string ScrapeText() const;

  // Serves /metrics on `listen_address` ("host:port", port 0 = any free).
  // Fails (never throws) when the address cannot be bound.
  // With a non-empty `bearer_token`, scrapes must present it
  // ("Authorization: Bearer ..."); others get 401.
  absl::Status Serve(const std::string& listen_address,
                     const std::string& bearer_token = "");
  // The port /metrics is served on; 0 when not serving.
  int port() const { return port_; }

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& rpc_requests_;
  prometheus::Family<prometheus::Histogram>& rpc_duration_;
  prometheus::Family<prometheus::Counter>& upstream_calls_;
  prometheus::Family<prometheus::Counter>& upstream_retries_;
  prometheus::Family<prometheus::Histogram>& upstream_duration_;
  prometheus::Counter& sync_processed_;
  prometheus::Counter& sync_emitted_;
  prometheus::Counter& sync_skipped_;
  prometheus::Counter& sync_failed_;
  prometheus::Counter& sync_unchanged_;
  prometheus::Counter& syncs_started_;
  prometheus::Gauge& syncs_running_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_ = 0;
  // The endpoint requires a bearer token (registered with MetricsAuth).
  bool protected_ = false;
};

}  // namespace sslstore::service::observability

#endif  // SERVICE_OBSERVABILITY_METRICS_H_
