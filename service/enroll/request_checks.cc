#include "service/enroll/request_checks.h"

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "proto/time/proto_time.h"
#include "service/mapping/ca_request_id.h"

namespace sslstore::service::enroll {
namespace {

namespace v1 = sslstore::connector::v1;

constexpr int64_t kMaxDurationSeconds = 315576000000;  // protobuf's limit

bool NeedsPriorOrder(v1::EnrollmentType type) {
  return type == v1::ENROLLMENT_TYPE_RENEW ||
         type == v1::ENROLLMENT_TYPE_REISSUE ||
         type == v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE;
}

}  // namespace

std::vector<catalog::FieldViolation> CheckEnrollmentType(
    const v1::EnrollRequest& request) {
  std::vector<catalog::FieldViolation> violations;
  const int type = request.enrollment_type();
  if (!v1::EnrollmentType_IsValid(type)) {
    violations.push_back(
        {"enrollment_type",
         absl::StrCat("enrollment type ", type,
                      " is not one of NEW, RENEW, REISSUE, RENEW_OR_REISSUE")});
    return violations;
  }
  const auto enrollment_type = static_cast<v1::EnrollmentType>(type);
  if (!NeedsPriorOrder(enrollment_type)) return violations;
  const std::string type_name = v1::EnrollmentType_Name(enrollment_type);
  if (request.prior_ca_request_id().empty()) {
    violations.push_back(
        {"prior_ca_request_id",
         absl::StrCat("prior_ca_request_id is required for ", type_name,
                      ": the ca_request_id of the order to renew or reissue")});
    return violations;
  }
  absl::StatusOr<CaRequestId> prior =
      ParseCaRequestId(request.prior_ca_request_id(), "prior_ca_request_id");
  if (!prior.ok()) {
    violations.push_back(
        {"prior_ca_request_id", std::string(prior.status().message())});
  }
  return violations;
}

std::vector<catalog::FieldViolation> CheckWaitForIssuance(
    const v1::EnrollRequest& request) {
  std::vector<catalog::FieldViolation> violations;
  if (!request.has_wait_for_issuance()) return violations;
  const int64_t seconds = request.wait_for_issuance().seconds();
  const int32_t nanos = request.wait_for_issuance().nanos();
  const bool valid = seconds >= -kMaxDurationSeconds &&
                     seconds <= kMaxDurationSeconds && nanos > -1000000000 &&
                     nanos < 1000000000 && !(seconds > 0 && nanos < 0) &&
                     !(seconds < 0 && nanos > 0);
  if (!valid) {
    violations.push_back({"wait_for_issuance",
                          "wait_for_issuance is not a valid duration (seconds "
                          "and nanos out of range or of opposite signs)"});
    return violations;
  }
  const absl::Duration wait =
      proto_time::FromProtoDuration(request.wait_for_issuance());
  if (wait < absl::ZeroDuration()) {
    violations.push_back(
        {"wait_for_issuance",
         absl::StrCat("wait_for_issuance ", absl::FormatDuration(wait),
                      " is negative; use 0 to return right after ordering")});
  } else if (wait > kMaxWaitForIssuance) {
    violations.push_back(
        {"wait_for_issuance",
         absl::StrCat("wait_for_issuance ", absl::FormatDuration(wait),
                      " is longer than the maximum ",
                      absl::FormatDuration(kMaxWaitForIssuance))});
  }
  return violations;
}

}  // namespace sslstore::service::enroll
