#include "tools/gateway-adapter/gateway_types.h"

#include <utility>

namespace sslstore::gateway {

std::string EndEntityStatusName(int status) {
  switch (status) {
    case kStatusNew:
      return "NEW";
    case kStatusFailed:
      return "FAILED";
    case kStatusGenerated:
      return "GENERATED";
    case kStatusRevoked:
      return "REVOKED";
    case kStatusExternalValidation:
      return "EXTERNALVALIDATION";
    default:
      return std::to_string(status);
  }
}

absl::StatusOr<bool> CertificateDataReader::DoesCertExistForRequestID(
    const std::string&) {
  return absl::UnimplementedError("DoesCertExistForRequestID");
}

absl::StatusOr<std::optional<absl::Time>>
CertificateDataReader::GetExpirationDateByRequestId(const std::string&) {
  return absl::UnimplementedError("GetExpirationDateByRequestId");
}

absl::StatusOr<int> CertificateDataReader::GetStatusByRequestID(
    const std::string&) {
  return absl::UnimplementedError("GetStatusByRequestID");
}

void CancellationToken::Cancel() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (cancelled_.exchange(true)) return;
  for (auto& [id, callback] : callbacks_) callback();
  callbacks_.clear();
}

int CancellationToken::Register(std::function<void()> callback) {
  std::unique_lock<std::mutex> lock(mutex_);
  const int id = next_id_++;
  if (cancelled_.load()) {
    lock.unlock();
    callback();
    return id;
  }
  callbacks_.emplace(id, std::move(callback));
  return id;
}

void CancellationToken::Unregister(int id) {
  std::lock_guard<std::mutex> lock(mutex_);
  callbacks_.erase(id);
}

}  // namespace sslstore::gateway
