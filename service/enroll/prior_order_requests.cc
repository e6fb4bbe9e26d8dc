#include "service/enroll/prior_order_requests.h"

#include <string>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "service/enroll/reissue_san_edits.h"

namespace sslstore::service::enroll {
namespace {

namespace v1 = sslstore::connector::v1;

constexpr char kServerCount[] = "Server Count";
constexpr char kWebServerType[] = "Web Server Type";
constexpr char kHashAlgorithm[] = "Signature Hash Algorithm";

// True when the request itself (not a catalog default) sets `name`.
bool RequestSets(const v1::EnrollRequest& request, absl::string_view name) {
  for (const auto& [key, value] : request.parameters()) {
    if (absl::EqualsIgnoreCase(key, name) && !value.empty()) return true;
  }
  return false;
}

bool HasContact(const std::optional<client::Contact>& contact) {
  return contact.has_value() && !contact->email.empty();
}

}  // namespace

void MakeRenewal(const client::OrderResponse& prior,
                 const v1::EnrollRequest& request,
                 client::NewOrderRequest* body) {
  body->is_renewal_order = true;
  body->related_the_sslstore_order_id = prior.the_sslstore_order_id;
  if (!HasContact(body->admin_contact) && !prior.admin_contact.email.empty()) {
    body->admin_contact = prior.admin_contact;
  }
  if (!HasContact(body->technical_contact) &&
      !prior.technical_contact.email.empty()) {
    body->technical_contact = prior.technical_contact;
  }
  if (!RequestSets(request, kServerCount) && prior.server_count > 0) {
    body->server_count = prior.server_count;
  }
  if (!RequestSets(request, kWebServerType) && !prior.web_server_type.empty()) {
    body->web_server_type = prior.web_server_type;
  }
  if (!RequestSets(request, kHashAlgorithm) &&
      !prior.signature_hash_algorithm.empty()) {
    body->signature_hash_algorithm = prior.signature_hash_algorithm;
  }
}

client::ReissueRequest BuildReissue(const EnrollPlan& plan,
                                    const client::OrderResponse& prior,
                                    const v1::EnrollRequest& request) {
  client::ReissueRequest reissue;
  reissue.the_sslstore_order_id = prior.the_sslstore_order_id;
  reissue.csr = plan.csr.pem;
  // One description of the names: the edits against the order's current
  // names (none when nothing changes), never a full DNSNames list as well.
  SanEdits edits = ComputeSanEdits(prior, plan.dns_names);
  reissue.add_san = std::move(edits.add);
  reissue.delete_san = std::move(edits.remove);
  reissue.is_wild_card = absl::StartsWith(plan.common_name, "*.");
  auto parameter = [&](const char* name) -> std::string {
    auto found = plan.parameters.find(name);
    return found == plan.parameters.end() ? "" : found->second;
  };
  reissue.web_server_type =
      RequestSets(request, kWebServerType) || prior.web_server_type.empty()
          ? parameter(kWebServerType)
          : prior.web_server_type;
  if (reissue.web_server_type.empty()) reissue.web_server_type = "Other";
  reissue.signature_hash_algorithm =
      RequestSets(request, kHashAlgorithm) ||
              prior.signature_hash_algorithm.empty()
          ? parameter(kHashAlgorithm)
          : prior.signature_hash_algorithm;
  reissue.cname_auth_dv_indicator = plan.dcv_method == v1::DCV_METHOD_CNAME;
  reissue.file_auth_dv_indicator = plan.dcv_method == v1::DCV_METHOD_FILE;
  if (plan.dcv_method == v1::DCV_METHOD_EMAIL) {
    reissue.approver_emails = absl::StrJoin(plan.approver_emails, ",");
  }
  reissue.reissue_email = prior.admin_contact.email;
  return reissue;
}

}  // namespace sslstore::service::enroll
