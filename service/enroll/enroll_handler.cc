#include "service/enroll/enroll_handler.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "proto/time/proto_time.h"
#include "service/enroll/approver_check.h"
#include "service/enroll/custom_order_id.h"
#include "service/enroll/enroll_plan.h"
#include "service/enroll/enroll_response.h"
#include "service/enroll/enroll_single_flight.h"
#include "service/enroll/issuance_wait.h"
#include "service/enroll/new_order_builder.h"
#include "service/enroll/order_placement.h"
#include "service/enroll/prior_order_parameters.h"
#include "service/enroll/prior_order_requests.h"
#include "service/enroll/renewal_decision.h"
#include "service/mapping/ca_request_id.h"
#include "service/mapping/certificate_record.h"
#include "service/server/grpc_status.h"
#include "service/upstream/order_lookup.h"
#include "service/upstream/upstream_connection.h"

namespace sslstore::service::enroll {
namespace {

namespace v1 = sslstore::connector::v1;
using client::OrderResponse;

using ApproverCalls =
    std::map<std::string,
             std::shared_ptr<PendingCall<client::ApproverListResponse>>>;

bool NeedsPriorOrder(v1::EnrollmentType type) {
  return type == v1::ENROLLMENT_TYPE_RENEW ||
         type == v1::ENROLLMENT_TYPE_REISSUE ||
         type == v1::ENROLLMENT_TYPE_RENEW_OR_REISSUE;
}

// Starts one approver-list call per domain the rules look at: the common
// name for DigiCert, every name for Sectigo.
ApproverCalls StartApproverLists(CallScope& scope, client::Wbapi& client,
                                 const EnrollPlan& plan) {
  ApproverCalls calls;
  if (plan.dcv_method != v1::DCV_METHOD_EMAIL || plan.dns_names.empty()) {
    return calls;
  }
  // -EO products validate against the pre-approved organization; an
  // approver email is optional for them.
  if (plan.product->enterprise_organization && plan.approver_emails.empty()) {
    return calls;
  }
  const bool digicert = plan.product->vendor == "DigiCert";
  for (const std::string& name : plan.dns_names) {
    const std::string domain = ApproverDomain(name);
    if (calls.count(domain) > 0) continue;
    client::ApproverListRequest request;
    request.product_code = plan.product->api_code;
    request.domain_name = domain;
    calls.emplace(domain, scope.Start<client::ApproverListResponse>(
                              [&client, request](auto done) {
                                return client.ApproverList(request,
                                                           std::move(done));
                              }));
    if (digicert) break;  // DigiCert validates against the CN only
  }
  return calls;
}

absl::Status CheckApprovers(CallScope& scope, const EnrollPlan& plan,
                            ApproverCalls& calls) {
  if (calls.empty()) return absl::OkStatus();
  std::map<std::string, std::vector<std::string>> lists;
  for (auto& [domain, call] : calls) {
    absl::StatusOr<client::ApproverListResponse> list =
        scope.Wait("order/approverlist", *call);
    if (!list.ok()) return list.status();
    lists[domain] = list->approver_emails;
  }
  std::vector<std::string> domains = plan.dns_names;
  if (plan.product->vendor == "DigiCert") domains.resize(1);
  std::vector<catalog::FieldViolation> problems = CheckApproverEmails(
      plan.product->vendor == "DigiCert", domains, plan.approver_emails, lists);
  if (problems.empty()) return absl::OkStatus();
  return InvalidArgumentStatus("approver emails not accepted", problems);
}

// Adds the certificate to an issued enrollment's response.
absl::Status AttachCertificate(CallScope& scope, client::Wbapi& client,
                               const OrderResponse& order,
                               v1::EnrollResponse* response) {
  v1::CertificateRecord* record = response->mutable_certificate();
  FillRecordFromOrder(order, record);
  client::OrderRef ref;
  ref.the_sslstore_order_id = order.the_sslstore_order_id;
  absl::StatusOr<client::DownloadResponse> download =
      scope.Await<client::DownloadResponse>("order/download", [&](auto done) {
        return client.Download(ref, std::move(done));
      });
  if (!download.ok()) return download.status();
  absl::Status added = AddCertificateFromDownload(*download, record);
  if (!added.ok()) response->clear_certificate();
  return added;
}

// Fills the response for `order` (the wait for issuance, if any, is over)
// and, when the caller waited and the order is issued, adds the
// certificate.
absl::Status Complete(CallScope& scope, client::Wbapi& client, bool waited,
                      v1::DcvMethod dcv_method, const OrderResponse& order,
                      v1::EnrollmentAction action,
                      v1::EnrollResponse* response) {
  FillEnrollResponse(order, action, dcv_method, response);
  if (waited && response->status() == v1::CERTIFICATE_STATUS_ISSUED &&
      order.order_status.minor_status != "PENDING_REISSUE") {
    return AttachCertificate(scope, client, order, response);
  }
  return absl::OkStatus();
}

// The request with the parameters it leaves out taken from its prior order.
// Errors: the prior id is malformed or unknown, or SSL Store is unavailable.
absl::StatusOr<v1::EnrollRequest> CompleteFromPriorOrder(
    ServiceDeps& deps, CallScope& scope, const v1::EnrollRequest& request) {
  absl::StatusOr<CaRequestId> prior_id =
      ParseCaRequestId(request.prior_ca_request_id(), "prior_ca_request_id");
  if (!prior_id.ok()) return prior_id.status();
  absl::StatusOr<UpstreamConnection> upstream =
      OpenUpstream(deps, request.connection());
  if (!upstream.ok()) return upstream.status();
  absl::StatusOr<OrderResponse> prior =
      FetchOrder(scope, *upstream->client, prior_id->ToOrderRef(),
                 "prior_ca_request_id", request.prior_ca_request_id());
  if (!prior.ok()) return prior.status();
  v1::EnrollRequest completed = request;
  FillMissingFromPriorOrder(*prior, &completed);
  return completed;
}

// The order an enrollment obtained, and how.
struct ObtainedOrder {
  OrderResponse order;
  v1::EnrollmentAction action = v1::ENROLLMENT_ACTION_UNSPECIFIED;
};

// Finds the order placed earlier under `custom_order_id`, or reissues the
// prior order, or places the new (or renewal) order: the lookup by
// CustomOrderID, the prior order and the approver lists are asked for at
// once; the approver rules are checked before anything is bought.
absl::StatusOr<ObtainedOrder> ObtainOrder(CallScope& scope,
                                          client::Wbapi& client,
                                          const ConnectionSettings& settings,
                                          const v1::EnrollRequest& request,
                                          const EnrollPlan& plan,
                                          const std::string& custom_order_id) {
  client::OrderRef existing_ref;
  existing_ref.custom_order_id = custom_order_id;
  auto existing_call = scope.Start<OrderResponse>(
      [&](auto done) { return client.Status(existing_ref, std::move(done)); });
  std::shared_ptr<PendingCall<OrderResponse>> prior_call;
  std::optional<CaRequestId> prior_id;
  if (NeedsPriorOrder(request.enrollment_type())) {
    absl::StatusOr<CaRequestId> parsed =
        ParseCaRequestId(request.prior_ca_request_id(), "prior_ca_request_id");
    if (!parsed.ok()) return parsed.status();
    prior_id = *parsed;
    prior_call = scope.Start<OrderResponse>([&](auto done) {
      return client.Status(prior_id->ToOrderRef(), std::move(done));
    });
  }
  ApproverCalls approver_calls = StartApproverLists(scope, client, plan);

  // The same enrollment was placed before: return that order.
  absl::StatusOr<std::optional<OrderResponse>> existing =
      FoundByCustomOrderId(scope.Wait("order/status", *existing_call));
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) {
    return ObtainedOrder{**std::move(existing),
                         v1::ENROLLMENT_ACTION_EXISTING_ORDER};
  }

  std::optional<OrderResponse> prior;
  if (prior_call != nullptr) {
    absl::StatusOr<OrderResponse> found =
        RequireOrder(scope.Wait("order/status", *prior_call),
                     "prior_ca_request_id", request.prior_ca_request_id());
    if (!found.ok()) return found.status();
    prior = *std::move(found);
  }
  if (absl::Status approvers = CheckApprovers(scope, plan, approver_calls);
      !approvers.ok()) {
    return approvers;
  }

  if (prior.has_value()) {
    const client::ApiDate& expiry = prior->order_expiry_date_utc.time
                                        ? prior->order_expiry_date_utc
                                        : prior->order_expiry_date;
    const PriorOrderAction action = DecidePriorOrderAction(
        request.enrollment_type(), expiry.time,
        absl::Hours(24) * settings.renewal_window_days, absl::Now());
    if (action == PriorOrderAction::kReissue) {
      const client::ReissueRequest reissue =
          BuildReissue(plan, *prior, request);
      absl::StatusOr<OrderResponse> reissued = scope.Await<OrderResponse>(
          "order/reissue",
          [&](auto done) { return client.Reissue(reissue, std::move(done)); });
      if (!reissued.ok()) return reissued.status();
      return ObtainedOrder{*std::move(reissued), v1::ENROLLMENT_ACTION_REISSUE};
    }
  }

  client::NewOrderRequest body = BuildNewOrder(plan, custom_order_id);
  if (prior.has_value()) MakeRenewal(*prior, request, &body);
  absl::StatusOr<PlacedOrder> placed = PlaceOrderOnce(scope, client, body);
  if (!placed.ok()) return placed.status();
  v1::EnrollmentAction action = prior.has_value()
                                    ? v1::ENROLLMENT_ACTION_RENEWAL_ORDER
                                    : v1::ENROLLMENT_ACTION_NEW_ORDER;
  if (placed->existing) action = v1::ENROLLMENT_ACTION_EXISTING_ORDER;
  return ObtainedOrder{std::move(placed->order), action};
}

// An enrollment's order and what its response needs once the order is
// known.
struct EnrollOutcome {
  std::shared_ptr<client::Wbapi> client;
  v1::DcvMethod dcv_method = v1::DCV_METHOD_UNSPECIFIED;
  OrderResponse order;
  v1::EnrollmentAction action = v1::ENROLLMENT_ACTION_UNSPECIFIED;
};

// Everything before the wait for issuance: the checks, the plan, the
// lookups and the order (joined with a concurrent call for the same one).
absl::StatusOr<EnrollOutcome> ObtainEnrollment(
    ServiceDeps& deps, CallScope& scope,
    const v1::EnrollRequest& original_request, v1::EnrollResponse* response) {
  absl::StatusOr<EnrollPlan> plan =
      PlanEnrollment(deps.catalog, original_request);
  std::optional<v1::EnrollRequest> completed;
  if (!plan.ok() && NeedsPriorOrder(original_request.enrollment_type()) &&
      plan.status().code() == absl::StatusCode::kInvalidArgument) {
    // A renewal or reissue may leave out what the prior order already says:
    // read it, fill the gaps, and check again.
    absl::StatusOr<v1::EnrollRequest> filled =
        CompleteFromPriorOrder(deps, scope, original_request);
    if (!filled.ok()) {
      // A malformed prior id is already among the plan's violations.
      return filled.status().code() == absl::StatusCode::kInvalidArgument
                 ? plan.status()
                 : filled.status();
    }
    completed = *std::move(filled);
    plan = PlanEnrollment(deps.catalog, *completed);
  }
  if (!plan.ok()) return plan.status();
  const v1::EnrollRequest& request =
      completed.has_value() ? *completed : original_request;
  absl::StatusOr<UpstreamConnection> upstream =
      OpenUpstream(deps, request.connection());
  if (!upstream.ok()) return upstream.status();
  client::Wbapi& client = *upstream->client;
  const std::string custom_order_id =
      DeriveCustomOrderId(upstream->settings, request, *plan);
  response->set_validity_months(plan->validity_months);

  // Concurrent calls for the same order join one upstream flight.
  EnrollSingleFlight& flights = EnrollSingleFlight::Shared();
  const std::string key =
      EnrollSingleFlight::Key(upstream->settings.sslstore_url,
                              upstream->settings.partner_code, custom_order_id);
  for (;;) {
    if (std::optional<EnrollSingleFlight::Lease> lease = flights.TryLead(key)) {
      absl::StatusOr<ObtainedOrder> obtained = ObtainOrder(
          scope, client, upstream->settings, request, *plan, custom_order_id);
      if (!obtained.ok()) return obtained.status();  // frees the key
      lease->Succeed(obtained->order);
      return EnrollOutcome{upstream->client, plan->dcv_method,
                           std::move(obtained->order), obtained->action};
    }
    absl::StatusOr<OrderResponse> joined = scope.Await<OrderResponse>(
        "a concurrent Enroll of the same order",
        [&](auto done) { return flights.Follow(key, std::move(done)); });
    if (joined.ok()) {
      return EnrollOutcome{upstream->client, plan->dcv_method,
                           *std::move(joined),
                           v1::ENROLLMENT_ACTION_EXISTING_ORDER};
    }
    // The other call ended without an order: this one tries itself.
    if (!EnrollSingleFlight::IsFlightEnded(joined.status())) {
      return joined.status();
    }
  }
}

}  // namespace

void StartEnroll(ServiceDeps& deps, const std::shared_ptr<CallScope>& scope,
                 const v1::EnrollRequest& request, v1::EnrollResponse* response,
                 const EnrollDone& done) {
  absl::StatusOr<EnrollOutcome> outcome =
      ObtainEnrollment(deps, *scope, request, response);
  if (!outcome.ok()) return done(outcome.status());
  const absl::Duration wait =
      proto_time::FromProtoDuration(request.wait_for_issuance());
  const bool waits = wait > absl::ZeroDuration();
  if (!waits || !AwaitsIssuance(outcome->order)) {
    return done(Complete(*scope, *outcome->client, waits, outcome->dcv_method,
                         outcome->order, outcome->action, response));
  }
  if (deps.timers == nullptr) {
    return done(absl::InternalError("no timer service for the wait"));
  }
  // The wait runs on timers and asynchronous polls; its last step (the
  // download of an issued certificate) runs on a worker again.
  const absl::Time until = std::min(absl::Now() + wait, scope->deadline());
  std::shared_ptr<client::Wbapi> client = outcome->client;
  WaitForIssuance(
      scope, client, *deps.timers, std::move(outcome->order), until,
      IssuancePollBackoff(),
      [&workers = deps.workers, scope, client, dcv_method = outcome->dcv_method,
       action = outcome->action, response,
       done](absl::StatusOr<OrderResponse> polled) mutable {
        if (!polled.ok()) return done(polled.status());
        auto last_step = [scope, client, dcv_method, action, response, done,
                          order = *std::move(polled)] {
          done(Complete(*scope, *client, /*waited=*/true, dcv_method, order,
                        action, response));
        };
        absl::Status queued = workers.Submit(last_step);
        if (!queued.ok()) done(queued);
      });
}

}  // namespace sslstore::service::enroll
