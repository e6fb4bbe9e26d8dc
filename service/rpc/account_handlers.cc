#include "service/rpc/account_handlers.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "service/server/grpc_status.h"
#include "service/upstream/upstream_connection.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;

constexpr size_t kMaxDomainLength = 253;

bool LooksLikeDomain(absl::string_view domain) {
  if (domain.empty() || domain.size() > kMaxDomainLength) return false;
  for (char c : domain) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (!absl::ascii_isalnum(u) && c != '-' && c != '.' && c != '*') {
      return false;
    }
  }
  return domain.front() != '.' && domain.back() != '.';
}

}  // namespace

absl::Status HandleListApproverEmails(
    ServiceDeps& deps, CallScope& scope,
    const v1::ListApproverEmailsRequest& request,
    v1::ListApproverEmailsResponse* response) {
  std::vector<catalog::FieldViolation> problems;
  const catalog::Product* product = nullptr;
  if (request.product_code().empty()) {
    problems.push_back({"product_code", "is required"});
  } else if ((product = deps.catalog.FindProduct(request.product_code())) ==
             nullptr) {
    problems.push_back(
        {"product_code", absl::StrCat("\"", request.product_code(),
                                      "\" is not in the catalog")});
  }
  if (!LooksLikeDomain(request.domain())) {
    problems.push_back(
        {"domain", request.domain().empty()
                       ? "is required"
                       : absl::StrCat("\"", request.domain(),
                                      "\" is not a domain name")});
  }
  if (!problems.empty()) {
    return InvalidArgumentStatus("invalid approver list request", problems);
  }
  absl::StatusOr<UpstreamConnection> upstream =
      OpenUpstream(deps, request.connection());
  if (!upstream.ok()) return upstream.status();

  client::ApproverListRequest approver_request;
  approver_request.product_code = product->api_code;
  approver_request.domain_name =
      absl::AsciiStrToLower(absl::StripPrefix(request.domain(), "*."));
  absl::StatusOr<client::ApproverListResponse> list =
      scope.Await<client::ApproverListResponse>(
          "order/approverlist", [&](auto done) {
            return upstream->client->ApproverList(approver_request,
                                                  std::move(done));
          });
  if (!list.ok()) return list.status();
  for (const std::string& email : list->approver_emails) {
    response->add_approver_emails(email);
  }
  response->set_base_domain(list->base_domain_name);
  return absl::OkStatus();
}

absl::Status HandleListOrganizations(
    ServiceDeps& deps, CallScope& scope,
    const v1::ListOrganizationsRequest& request,
    v1::ListOrganizationsResponse* response) {
  absl::StatusOr<UpstreamConnection> upstream =
      OpenUpstream(deps, request.connection());
  if (!upstream.ok()) return upstream.status();
  absl::StatusOr<client::OrganizationListResponse> list =
      scope.Await<client::OrganizationListResponse>(
          "digicert/organizationlist", [&](auto done) {
            return upstream->client->OrganizationList(std::move(done));
          });
  if (!list.ok()) return list.status();
  for (const client::Organization& organization : list->organizations) {
    if (!request.include_inactive() &&
        !absl::EqualsIgnoreCase(organization.status, "active")) {
      continue;
    }
    v1::Organization* out = response->add_organizations();
    out->set_tss_organization_id(organization.tss_organization_id);
    out->set_vendor_organization_id(organization.vendor_organization_id);
    out->set_name(organization.name);
    out->set_assumed_name(organization.assumed_name);
    out->set_city(organization.city);
    out->set_state(organization.state);
    out->set_country(absl::AsciiStrToUpper(organization.country));
    out->set_status(organization.status);
    // The label the old gateway showed, which the catalog's Organization ID
    // field also accepts: "Name (id) City-COUNTRY".
    out->set_label(absl::StrCat(
        organization.name, " (", organization.tss_organization_id, ") ",
        organization.city, "-", absl::AsciiStrToUpper(organization.country)));
  }
  return absl::OkStatus();
}

}  // namespace sslstore::service
