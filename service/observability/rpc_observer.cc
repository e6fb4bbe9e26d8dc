#include "service/observability/rpc_observer.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/random/random.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "google/protobuf/message.h"
#include "grpcpp/server_context.h"
#include "service/observability/message_scrub.h"

namespace sslstore::service::observability {
namespace {

using grpc::experimental::InterceptionHookPoints;

// Requests of these methods are ours: protobuf messages worth inspecting.
constexpr absl::string_view kConnectorPrefix = "/sslstore.connector.v1.";
// Longest request text logged at trace level.
constexpr size_t kMaxTracedRequest = 4096;
constexpr size_t kMaxRequestIdLength = 128;

bool UsableRequestId(absl::string_view id) {
  if (id.empty() || id.size() > kMaxRequestIdLength) return false;
  for (char c : id) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

std::string NewRequestId() {
  thread_local absl::BitGen gen;
  return absl::StrCat(
      absl::Hex(absl::Uniform<uint64_t>(gen), absl::kZeroPad16));
}

LogLevel LevelFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return LogLevel::kInfo;
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::DATA_LOSS:
    case grpc::StatusCode::UNIMPLEMENTED:
      return LogLevel::kError;
    default:
      return LogLevel::kWarn;
  }
}

// Observes one call; gRPC owns it and deletes it when the call ends.
class RpcObserver final : public grpc::experimental::Interceptor {
 public:
  RpcObserver(Logger& logger, Metrics& metrics, Redactor& redactor,
              absl::string_view method, grpc::ServerContextBase* context)
      : logger_(logger),
        metrics_(metrics),
        redactor_(redactor),
        method_(method),
        context_(context),
        ours_(absl::StartsWith(method, kConnectorPrefix)),
        started_(absl::Now()) {
    const size_t slash = method_.rfind('/');
    if (slash != std::string::npos && slash > 0) {
      service_ = method_.substr(1, slash - 1);
      short_method_ = method_.substr(slash + 1);
    } else {
      short_method_ = method_;
    }
  }

  ~RpcObserver() override {
    absl::MutexLock lock(&mutex_);
    if (!finished_) {  // no status was seen leaving: the call was dropped
      FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED,
                                "the call ended without a status"));
    }
  }

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    {
      absl::MutexLock lock(&mutex_);
      if (methods->QueryInterceptionHookPoint(
              InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
        ReadRequestIdLocked(methods->GetRecvInitialMetadata());
        if (context_ != nullptr) peer_ = context_->peer();
      }
      if (methods->QueryInterceptionHookPoint(
              InterceptionHookPoints::POST_RECV_MESSAGE)) {
        InspectRequestLocked(methods->GetRecvMessage());
      }
      if (methods->QueryInterceptionHookPoint(
              InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
        auto* metadata = methods->GetSendInitialMetadata();
        if (metadata != nullptr) {
          metadata->emplace(kRequestIdKey, RequestIdLocked());
        }
      }
      if (methods->QueryInterceptionHookPoint(
              InterceptionHookPoints::PRE_SEND_MESSAGE)) {
        ++messages_sent_;
      }
      if (methods->QueryInterceptionHookPoint(
              InterceptionHookPoints::PRE_SEND_STATUS)) {
        const grpc::Status status = methods->GetSendStatus();
        const grpc::Status scrubbed = ScrubLocked(status);
        if (scrubbed.error_message() != status.error_message() ||
            scrubbed.error_details() != status.error_details()) {
          methods->ModifySendStatus(scrubbed);
        }
        if (!finished_) FinishLocked(scrubbed);
      }
    }
    methods->Proceed();
  }

 private:
  void ReadRequestIdLocked(
      std::multimap<grpc::string_ref, grpc::string_ref>* metadata)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (metadata == nullptr) return;
    auto found = metadata->find(kRequestIdKey);
    if (found == metadata->end()) return;
    const absl::string_view id(found->second.data(), found->second.size());
    if (UsableRequestId(id)) request_id_ = std::string(id);
  }

  const std::string& RequestIdLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (request_id_.empty()) request_id_ = NewRequestId();
    return request_id_;
  }

  void InspectRequestLocked(void* raw) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (raw == nullptr || !ours_) return;
    // ConnectorService's handlers take generated protobuf messages.
    const auto* request = static_cast<const google::protobuf::Message*>(raw);
    std::vector<std::string> found;
    CollectSecretFields(*request, &found);
    for (std::string& secret : found) {
      redactor_.AddRecentSecret(secret);
      call_secrets_.push_back(std::move(secret));
    }
    if (!logger_.Enabled(LogLevel::kTrace)) return;
    std::unique_ptr<google::protobuf::Message> copy(request->New());
    copy->CopyFrom(*request);
    BlankSecretFields(copy.get());
    std::string text = copy->ShortDebugString();
    if (text.size() > kMaxTracedRequest) {
      text.resize(kMaxTracedRequest);
      text += "...";
    }
    logger_.Log(
        LogLevel::kTrace, "request",
        {LogField("rpc", method_), LogField("request_id", RequestIdLocked()),
         LogField("request", text)},
        call_secrets_);
  }

  grpc::Status ScrubLocked(const grpc::Status& status)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (status.ok()) return status;
    const StringScrubber scrub = [this](absl::string_view text) {
      return redactor_.Scrub(text, call_secrets_);
    };
    return grpc::Status(status.error_code(), scrub(status.error_message()),
                        ScrubStatusDetails(status.error_details(), scrub));
  }

  void FinishLocked(const grpc::Status& status)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    finished_ = true;
    const absl::Duration elapsed = absl::Now() - started_;
    const absl::string_view code = StatusCodeName(status.error_code());
    metrics_.RecordRpc(service_, short_method_, code, elapsed);
    const LogLevel level =
        ours_ ? LevelFor(status.error_code()) : LogLevel::kDebug;
    if (!logger_.Enabled(level)) return;
    std::vector<LogField> fields = {
        LogField("rpc", method_), LogField("status", code),
        LogField("duration_ms", absl::ToDoubleMilliseconds(elapsed)),
        LogField("request_id", RequestIdLocked()), LogField("peer", peer_)};
    if (messages_sent_ > 1) {
      fields.emplace_back("messages_sent", messages_sent_);
    }
    if (!status.ok()) fields.emplace_back("error", status.error_message());
    logger_.Log(level, "rpc", fields, call_secrets_);
  }

  Logger& logger_;
  Metrics& metrics_;
  Redactor& redactor_;
  const std::string method_;
  grpc::ServerContextBase* const context_;  // may be null
  const bool ours_;
  const absl::Time started_;
  std::string service_;
  std::string short_method_;

  absl::Mutex mutex_;
  std::string request_id_ ABSL_GUARDED_BY(mutex_);
  std::string peer_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::string> call_secrets_ ABSL_GUARDED_BY(mutex_);
  int64_t messages_sent_ ABSL_GUARDED_BY(mutex_) = 0;
  bool finished_ ABSL_GUARDED_BY(mutex_) = false;
};

}  // namespace

absl::string_view StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "UNKNOWN";
  }
}

grpc::experimental::Interceptor* RpcObserverFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  const char* method = info->method();
  return new RpcObserver(logger_, metrics_, redactor_,
                         method == nullptr ? "" : method,
                         info->server_context());
}

}  // namespace sslstore::service::observability
