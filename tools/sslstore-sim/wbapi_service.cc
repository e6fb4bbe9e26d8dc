#include "tools/sslstore-sim/wbapi_service.h"

#include <algorithm>
#include <random>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "service/x509/domain_names.h"
#include "tools/sslstore-sim/member_names.h"
#include "tools/sslstore-sim/wbapi_errors.h"

namespace sslstore_sim {
namespace {

// The response envelope of each endpoint.
enum class Envelope { kNested, kArray, kFlat, kNone };

struct EndpointInfo {
  const char* name;
  Envelope envelope;
  bool flat_credentials;  // credentials may be flat instead of AuthRequest
};

constexpr EndpointInfo kEndpoints[] = {
    {"order/neworder", Envelope::kNested, false},
    {"order/reissue", Envelope::kNested, false},
    {"order/status", Envelope::kNested, false},
    {"order/query", Envelope::kArray, false},
    {"order/download", Envelope::kNested, false},
    {"order/refundrequest", Envelope::kNested, false},
    {"order/refundstatus", Envelope::kNested, false},
    {"order/certificaterevokerequest", Envelope::kFlat, false},
    {"order/approverlist", Envelope::kNested, false},
    {"digicert/organizationlist", Envelope::kNested, true},
    {"health/validate", Envelope::kFlat, true},
    {"health/status", Envelope::kFlat, false},
    {"product/query", Envelope::kArray, false},
};

const EndpointInfo* FindEndpoint(absl::string_view name) {
  for (const EndpointInfo& e : kEndpoints) {
    if (name == e.name) return &e;
  }
  return nullptr;
}

std::string Finish(const rapidjson::StringBuffer& buf) {
  return std::string(buf.GetString(), buf.GetSize());
}

HttpResponse JsonReply(std::string body) {
  HttpResponse r;
  r.body = std::move(body);
  return r;
}

// A reply that is only the AuthResponse members (health, revoke).
HttpResponse AuthOnlyReply(const AuthInfo& auth) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  WriteAuthMembers(w, auth);
  w.EndObject();
  return JsonReply(Finish(buf));
}

HttpResponse TextReply(int status, std::string content_type, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

OrderRef RefFrom(const rapidjson::Value& body) {
  OrderRef ref;
  if (auto id = GetInt(body, "TheSSLStoreOrderID")) ref.id = *id;
  if (ref.id == 0) {
    if (auto custom = GetString(body, "CustomOrderID")) {
      ref.custom_order_id = *custom;
    }
  }
  return ref;
}

bool HasRef(const rapidjson::Value& body) {
  std::optional<std::string> id = GetString(body, "TheSSLStoreOrderID");
  std::optional<std::string> custom = GetString(body, "CustomOrderID");
  return (id && !id->empty()) || (custom && !custom->empty());
}

absl::Status MissingRef() {
  return WbapiError(absl::StatusCode::kInvalidArgument, kErrMissingField,
                    "TheSSLStoreOrderID or CustomOrderID is required");
}

// A numeric TheSSLStoreOrderID that is not digits is a not-found order.
absl::Status CheckRefSyntax(const rapidjson::Value& body,
                            const Realism& realism) {
  std::optional<std::string> id = GetString(body, "TheSSLStoreOrderID");
  if (id && !id->empty() && !GetInt(body, "TheSSLStoreOrderID")) {
    return OrderNotFoundError(realism.not_found_code,
                              realism.not_found_message);
  }
  return absl::OkStatus();
}

// The order object an unknown id gets when not-found is not an error: no
// ids, no status, no dates.
Order EmptyOrder() {
  Order o;
  o.major_status.clear();
  o.minor_status.clear();
  o.web_server_type.clear();
  o.validity_months = 0;
  o.server_count = 0;
  o.purchase_date = absl::InfinitePast();
  o.order_expiry = absl::InfinitePast();
  return o;
}

}  // namespace

std::optional<std::string> EndpointName(const std::string& target) {
  std::string path = target.substr(0, target.find('?'));
  path = absl::AsciiStrToLower(path);
  if (!absl::StartsWith(path, "/rest/")) return std::nullopt;
  path = path.substr(6);
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

WbapiService::WbapiService(OrderStore* store, const ProductTable* products,
                           const SimCa* ca, FaultInjector* faults,
                           WbapiSettings settings)
    : store_(store),
      products_(products),
      ca_(ca),
      faults_(faults),
      settings_(std::move(settings)),
      chain_order_(static_cast<int>(settings_.chain_order)),
      realism_(settings_.realism) {}

std::map<std::string, int64_t> WbapiService::CallCounts() const {
  std::lock_guard<std::mutex> lock(counts_mu_);
  return counts_;
}

void WbapiService::ResetCallCounts() {
  std::lock_guard<std::mutex> lock(counts_mu_);
  counts_.clear();
  before_call_.clear();
}

void WbapiService::BeforeCall(std::string endpoint, int64_t nth,
                              std::function<void()> action) {
  std::lock_guard<std::mutex> lock(counts_mu_);
  before_call_.emplace(std::make_pair(std::move(endpoint), nth),
                       std::move(action));
}

void WbapiService::SetChainOrder(ChainOrder order) {
  chain_order_.store(static_cast<int>(order));
}

void WbapiService::SetRealism(const Realism& realism) {
  std::lock_guard<std::mutex> lock(realism_mu_);
  realism_ = realism;
}

Realism WbapiService::realism() const {
  std::lock_guard<std::mutex> lock(realism_mu_);
  return realism_;
}

UnknownMemberCounts WbapiService::UnknownMembers() const {
  std::lock_guard<std::mutex> lock(realism_mu_);
  return unknown_members_;
}

void WbapiService::ClearUnknownMembers() {
  std::lock_guard<std::mutex> lock(realism_mu_);
  unknown_members_.clear();
}

Dispatched WbapiService::Handle(const HttpRequest& req) {
  Dispatched out;
  std::optional<std::string> endpoint = EndpointName(req.target);
  const EndpointInfo* info = endpoint ? FindEndpoint(*endpoint) : nullptr;
  if (info == nullptr) {
    out.response =
        TextReply(404, "text/html; charset=utf-8",
                  "<html><body><h1>404 Not Found</h1></body></html>");
    return out;
  }
  std::vector<std::function<void()>> actions;
  {
    std::lock_guard<std::mutex> lock(counts_mu_);
    const auto due =
        before_call_.equal_range({*endpoint, ++counts_[*endpoint]});
    for (auto it = due.first; it != due.second; ++it) {
      actions.push_back(std::move(it->second));
    }
    before_call_.erase(due.first, due.second);
  }
  for (const std::function<void()>& action : actions) action();
  FaultDecision fault = faults_->Decide(*endpoint);
  out.delivery.delay = fault.delay;
  if (fault.fault) {
    switch (*fault.fault) {
      case FaultType::kDropBefore:
        out.delivery.drop = true;
        return out;
      case FaultType::kHttp500:
        out.response = TextReply(
            500, "text/html; charset=utf-8",
            "<html><body><h1>500 Internal Server Error</h1></body></html>");
        return out;
      case FaultType::kHttp503:
        out.response = TextReply(
            503, "text/html; charset=utf-8",
            "<html><body><h1>503 Service Unavailable</h1></body></html>");
        return out;
      case FaultType::kHttp429:
        out.response =
            TextReply(429, "text/plain; charset=utf-8", "Too Many Requests");
        out.response.headers.emplace_back(
            "Retry-After", std::to_string(fault.rule_copy.retry_after_seconds));
        return out;
      default:
        break;
    }
  }
  if (*endpoint != "health/status" && req.method != "POST") {
    out.response =
        TextReply(405, "text/plain; charset=utf-8", "Method Not Allowed");
    out.response.headers.emplace_back("Allow", "POST");
    return out;
  }
  rapidjson::Document doc;
  if (*endpoint == "health/status") {
    out.response = HealthStatus();
  } else {
    doc.Parse(req.body.data(), req.body.size());
    if (doc.HasParseError() || !doc.IsObject()) {
      out.response = TextReply(400, "text/plain; charset=utf-8",
                               "Bad Request: the body is not a JSON object");
      return out;
    }
    Realism realism = this->realism();
    if (realism.exact_member_names) {
      std::vector<std::string> ignored = RemoveInexactMembers(*endpoint, doc);
      if (!ignored.empty()) {
        std::lock_guard<std::mutex> lock(realism_mu_);
        for (std::string& path : ignored) {
          ++unknown_members_[{*endpoint, std::move(path)}];
        }
      }
    }
    if (fault.fault == FaultType::kApiError) {
      AuthInfo auth;
      auth.is_error = true;
      auth.messages = {WbapiMessage(fault.rule_copy.error_code,
                                    fault.rule_copy.error_message)};
      if (const rapidjson::Value* ar = FindMember(doc, "AuthRequest")) {
        auth.partner_code = GetString(*ar, "PartnerCode").value_or("");
        auth.replay_token = GetString(*ar, "ReplayToken");
      }
      out.response = ErrorEnvelope(*endpoint, auth);
      return out;
    }
    out.response = Process(*endpoint, req, doc, std::move(realism));
  }
  if (fault.fault) {
    switch (*fault.fault) {
      case FaultType::kDropAfter:
        out.delivery.drop = true;
        break;
      case FaultType::kTruncatedBody:
        out.delivery.truncate = true;
        break;
      case FaultType::kMalformedJson:
        out.response.body =
            out.response.body.substr(0, out.response.body.size() / 2) +
            "<!-- malformed";
        break;
      case FaultType::kSlowBody:
        out.delivery.slow_chunk_bytes =
            std::max<size_t>(1, fault.rule_copy.slow_chunk_bytes);
        out.delivery.slow_chunk_interval = fault.rule_copy.slow_chunk_interval;
        break;
      default:
        break;
    }
  }
  return out;
}

HttpResponse WbapiService::Process(const std::string& endpoint,
                                   const HttpRequest& /*req*/,
                                   const rapidjson::Value& body,
                                   Realism realism) {
  const EndpointInfo* info = FindEndpoint(endpoint);
  Call call;
  call.endpoint = endpoint;
  call.body = &body;
  call.realism = std::move(realism);
  const rapidjson::Value* creds = FindMember(body, "AuthRequest");
  if ((creds == nullptr || !creds->IsObject()) && info->flat_credentials) {
    creds = &body;
  }
  std::optional<std::string> partner, token;
  if (creds != nullptr && creds->IsObject()) {
    partner = GetString(*creds, "PartnerCode");
    token = GetString(*creds, "AuthToken");
    call.auth.replay_token = GetString(*creds, "ReplayToken");
  }
  call.auth.partner_code = partner.value_or("");
  if (auto culture = GetString(body, "DateTimeCulture")) {
    call.auth.culture = ParseCulture(*culture);
  }
  call.authenticated = partner && token && *partner == settings_.partner_code &&
                       *token == settings_.auth_token;
  if (!call.authenticated &&
      !(endpoint == "order/query" && settings_.query_ignores_bad_token)) {
    AuthInfo auth = call.auth;
    auth.is_error = true;
    auth.messages = {
        WbapiMessage(kErrAuthentication, "Token/Authentication Failure")};
    return ErrorEnvelope(endpoint, auth);
  }
  if (endpoint == "order/neworder") return NewOrder(call);
  if (endpoint == "order/reissue") return Reissue(call);
  if (endpoint == "order/status") return Status(call);
  if (endpoint == "order/query") return Query(call);
  if (endpoint == "order/download") return Download(call);
  if (endpoint == "order/refundrequest") return Refund(call, true);
  if (endpoint == "order/refundstatus") return Refund(call, false);
  if (endpoint == "order/certificaterevokerequest") return Revoke(call);
  if (endpoint == "order/approverlist") return ApproverList(call);
  if (endpoint == "digicert/organizationlist") return OrganizationList(call);
  if (endpoint == "health/validate") return HealthValidate(call);
  if (endpoint == "product/query") return ProductQuery(call);
  return TextReply(404, "text/plain", "Not Found");
}

HttpResponse WbapiService::ErrorEnvelope(const std::string& endpoint,
                                         const AuthInfo& auth) {
  const EndpointInfo* info = FindEndpoint(endpoint);
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  switch (info == nullptr ? Envelope::kNested : info->envelope) {
    case Envelope::kArray:
      w.StartArray();
      w.StartObject();
      WriteAuthResponse(w, auth);
      w.EndObject();
      w.EndArray();
      break;
    case Envelope::kFlat:
      w.StartObject();
      WriteAuthMembers(w, auth);
      w.EndObject();
      break;
    default:
      w.StartObject();
      WriteAuthResponse(w, auth);
      WriteNullOrderMembers(w);
      if (endpoint == "order/download") {
        WriteKey(w, "Certificates");
        w.StartArray();
        w.EndArray();
      } else if (endpoint == "order/approverlist") {
        WriteKey(w, "ApproverEmailList");
        w.StartArray();
        w.EndArray();
      } else if (endpoint == "digicert/organizationlist") {
        WriteKey(w, "OrganizationList");
        w.StartArray();
        w.EndArray();
      }
      w.EndObject();
      break;
  }
  return JsonReply(Finish(buf));
}

HttpResponse WbapiService::OrderReply(Call& call,
                                      const absl::StatusOr<Order>& order) {
  if (!order.ok() && IsOrderNotFound(order.status()) &&
      call.realism.not_found_as_empty_order) {
    return OrderReply(call, EmptyOrder());
  }
  if (!order.ok()) {
    AuthInfo auth = call.auth;
    auth.is_error = true;
    auth.messages = {std::string(order.status().message())};
    return ErrorEnvelope(call.endpoint, auth);
  }
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  WriteAuthResponse(w, call.auth);
  WriteOrderMembers(w, *order, call.auth.culture);
  w.EndObject();
  return JsonReply(Finish(buf));
}

HttpResponse WbapiService::HealthStatus() {
  AuthInfo auth;
  auth.messages = {"Service is up"};
  return AuthOnlyReply(auth);
}

HttpResponse WbapiService::HealthValidate(Call& call) {
  if (call.realism.health_validate_status_only) {
    return JsonReply("{\"Status\":\"Success\"}");
  }
  AuthInfo auth = call.auth;
  auth.messages = {"Success"};
  return AuthOnlyReply(auth);
}

HttpResponse WbapiService::Status(Call& call) {
  if (!HasRef(*call.body)) return OrderReply(call, MissingRef());
  absl::Status syntax = CheckRefSyntax(*call.body, call.realism);
  if (!syntax.ok()) return OrderReply(call, syntax);
  return OrderReply(call, store_->PollStatus(RefFrom(*call.body)));
}

HttpResponse WbapiService::Refund(Call& call, bool request) {
  if (!HasRef(*call.body)) return OrderReply(call, MissingRef());
  absl::Status syntax = CheckRefSyntax(*call.body, call.realism);
  if (!syntax.ok()) return OrderReply(call, syntax);
  const OrderRef ref = RefFrom(*call.body);
  return OrderReply(call,
                    request ? store_->RequestRefund(ref) : store_->Get(ref));
}

HttpResponse WbapiService::Revoke(Call& call) {
  absl::Status st = HasRef(*call.body)
                        ? CheckRefSyntax(*call.body, call.realism)
                        : MissingRef();
  if (st.ok()) {
    st = store_
             ->RevokeCertificate(
                 RefFrom(*call.body),
                 GetString(*call.body, "SerialNumber").value_or(""))
             .status();
  }
  AuthInfo auth = call.auth;
  if (st.ok()) {
    auth.messages = {"Certificate revoke request submitted"};
  } else {
    auth.is_error = true;
    auth.messages = {std::string(st.message())};
  }
  return AuthOnlyReply(auth);
}

HttpResponse WbapiService::Query(Call& call) {
  const rapidjson::Value& body = *call.body;
  QueryFilter filter;
  std::vector<std::string> problems;
  auto date = [&](const char* name, std::optional<absl::Time>* out) {
    std::optional<std::string> text = GetString(body, name);
    if (!text || text->empty()) return;
    *out = ParseRequestDate(*text);
    if (!*out) {
      problems.push_back(
          WbapiMessage(kErrInvalidValue, absl::StrCat(name, " is not a date")));
    }
  };
  date("StartDate", &filter.purchased_from);
  date("EndDate", &filter.purchased_to);
  date("CertificateExpireFromDate", &filter.expires_from);
  date("CertificateExpireToDate", &filter.expires_to);
  filter.product_code = GetString(body, "ProductCode").value_or("");
  if (filter.product_code == "0") filter.product_code.clear();
  filter.domain = GetString(body, "DomainName").value_or("");
  const int64_t page = GetInt(body, "PageNumber").value_or(0);
  const int64_t size = GetInt(body, "PageSize").value_or(0);
  if (!problems.empty()) {
    AuthInfo auth = call.auth;
    auth.is_error = true;
    auth.messages = problems;
    return ErrorEnvelope(call.endpoint, auth);
  }
  std::vector<Order> orders = store_->Query(filter, page, size);
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartArray();
  for (const Order& o : orders) {
    w.StartObject();
    WriteAuthResponse(w, call.auth);
    WriteOrderMembers(w, o, call.auth.culture);
    w.EndObject();
  }
  w.EndArray();
  return JsonReply(Finish(buf));
}

HttpResponse WbapiService::Download(Call& call) {
  if (!HasRef(*call.body)) return OrderReply(call, MissingRef());
  absl::Status syntax = CheckRefSyntax(*call.body, call.realism);
  if (!syntax.ok()) return OrderReply(call, syntax);
  absl::StatusOr<Order> order = store_->Get(RefFrom(*call.body));
  if (!order.ok() && IsOrderNotFound(order.status()) &&
      call.realism.not_found_as_empty_order) {
    return EmptyDownload(call);
  }
  if (order.ok() && !order->certificate) {
    order =
        WbapiError(absl::StatusCode::kFailedPrecondition,
                   kErrCertificateNotAvailable, "Certificate not available");
  }
  if (!order.ok()) return OrderReply(call, order);
  struct Entry {
    std::string name;
    const std::string* pem;
  };
  std::vector<Entry> entries = {
      {LeafFileName(order->common_name), &order->certificate->pem},
      {"SSLStoreSimulatorIntermediateCA.crt", &ca_->intermediate_pem()},
      {"SSLStoreSimulatorRootCA.crt", &ca_->root_pem()}};
  switch (static_cast<ChainOrder>(chain_order_.load())) {
    case ChainOrder::kLeafFirst:
      break;
    case ChainOrder::kRootFirst:
      std::reverse(entries.begin(), entries.end());
      break;
    case ChainOrder::kShuffled: {
      std::mt19937_64 rng(settings_.seed * 1000003u + order->id * 7919u +
                          download_seq_.fetch_add(1));
      std::shuffle(entries.begin(), entries.end(), rng);
      break;
    }
  }
  const DateCulture culture = call.auth.culture;
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  WriteAuthResponse(w, call.auth);
  WriteString(w, "PartnerOrderID", order->partner_order_id);
  if (settings_.numeric_ids_in_download) {
    WriteInt(w, "TheSSLStoreOrderID", order->id);
    WriteInt(w, "VendorOrderID", 1800000000 + order->id);
  } else {
    WriteString(w, "TheSSLStoreOrderID", std::to_string(order->id));
    WriteString(w, "VendorOrderID", order->vendor_order_id);
  }
  WriteString(w, "CertificateStatus", order->major_status);
  WriteString(w, "ValidationStatus", "Validated");
  for (const char* name :
       {"CertificateStartDate", "CertificateStartDateInUTC"}) {
    WriteString(w, name,
                FormatWbapiDate(order->certificate->not_before, culture));
  }
  for (const char* name : {"CertificateEndDate", "CertificateEndDateInUTC"}) {
    WriteString(w, name,
                FormatWbapiDate(order->certificate->not_after, culture));
  }
  WriteKey(w, "Certificates");
  w.StartArray();
  for (const Entry& e : entries) WriteCertificateEntry(w, e.name, *e.pem);
  w.EndArray();
  w.EndObject();
  return JsonReply(Finish(buf));
}

HttpResponse WbapiService::EmptyDownload(Call& call) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  WriteAuthResponse(w, call.auth);
  for (const char* name :
       {"PartnerOrderID", "TheSSLStoreOrderID", "VendorOrderID",
        "CertificateStatus", "ValidationStatus"}) {
    WriteString(w, name, "");
  }
  WriteKey(w, "Certificates");
  w.StartArray();
  w.EndArray();
  w.EndObject();
  return JsonReply(Finish(buf));
}

HttpResponse WbapiService::ApproverList(Call& call) {
  std::vector<std::string> problems;
  std::string code = GetString(*call.body, "ProductCode").value_or("");
  std::string domain = GetString(*call.body, "DomainName").value_or("");
  const SimProduct* product = nullptr;
  if (code.empty()) {
    problems.push_back(
        WbapiMessage(kErrMissingField, "ProductCode is required"));
  } else if ((product = products_->Find(code)) == nullptr) {
    problems.push_back(WbapiMessage(
        kErrInvalidProduct, absl::StrCat("Invalid ProductCode ", code)));
  }
  if (domain.empty()) {
    problems.push_back(
        WbapiMessage(kErrMissingField, "DomainName is required"));
  } else if (!sslstore::service::x509::IsValidDnsName(
                 domain, /*allow_wildcard=*/true)) {
    problems.push_back(WbapiMessage(kErrInvalidValue, "Invalid DomainName"));
  }
  if (!problems.empty()) {
    AuthInfo auth = call.auth;
    auth.is_error = true;
    auth.messages = problems;
    return ErrorEnvelope(call.endpoint, auth);
  }
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  WriteAuthResponse(w, call.auth);
  WriteKey(w, "ApproverEmailList");
  w.StartArray();
  for (const std::string& e : ApproverEmails(*product, domain)) w.String(e);
  w.EndArray();
  WriteString(w, "baseDomainName", BaseDomain(domain));
  w.EndObject();
  return JsonReply(Finish(buf));
}

HttpResponse WbapiService::OrganizationList(Call& call) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  WriteAuthResponse(w, call.auth);
  WriteKey(w, "OrganizationList");
  w.StartArray();
  for (const SimOrganization& o : Organizations()) {
    w.StartObject();
    WriteString(w, "Name", o.name);
    WriteString(w, "AssumedName", o.assumed_name);
    WriteString(w, "Address", o.address);
    WriteString(w, "Address2", "");
    WriteString(w, "City", o.city);
    WriteString(w, "State", o.state);
    WriteString(w, "Zip", o.zip);
    WriteString(w, "Country", o.country);
    WriteString(w, "Organization_Phone", o.phone);
    WriteKey(w, "OrganizationContact");
    w.StartObject();
    WriteString(w, "Email", "contact@example.com");
    WriteString(w, "Firstname", "Pat");
    WriteString(w, "Lastname", "Jones");
    WriteString(w, "JobTitle", "IT Manager");
    WriteString(w, "Phone", o.phone);
    WriteString(w, "Phone_Extension", "");
    WriteString(w, "Username", "pjones");
    w.EndObject();
    WriteNull(w, "ApproversContact");
    WriteString(w, "Status", o.status);
    WriteInt(w, "TSSOrganizationId", o.tss_organization_id);
    WriteInt(w, "VendorOrganizationId", o.vendor_organization_id);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return JsonReply(Finish(buf));
}

HttpResponse WbapiService::ProductQuery(Call& call) {
  const std::string code = GetString(*call.body, "ProductCode").value_or("");
  const int64_t type = GetInt(*call.body, "ProductType").value_or(0);
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartArray();
  for (const SimProduct& p : products_->all()) {
    if (!code.empty() && !absl::EqualsIgnoreCase(code, p.code)) continue;
    const bool dv = p.validation_type == "DV";
    const bool ov = p.validation_type == "OV";
    const bool ev = p.validation_type == "EV";
    const bool code_signing =
        absl::StrContains(absl::AsciiStrToLower(p.validation_type), "code");
    int product_type = dv ? 1 : ev ? 2 : ov ? 3 : code_signing ? 8 : 0;
    if (type == 1 && !dv) continue;
    if (type == 2 && !ev) continue;
    if (type == 3 && !ov) continue;
    if (type == 4 && !p.wildcard) continue;
    if (type == 7 && !p.multi_domain) continue;
    if (type == 8 && !code_signing) continue;
    w.StartObject();
    WriteAuthResponse(w, call.auth);
    WriteString(w, "ProductCode", p.code);
    WriteString(w, "ProductName", p.name);
    WriteString(w, "ProductDescription", p.name);
    WriteString(w, "ProductSlug", "");
    WriteInt(w, "ProductType", product_type);
    WriteString(w, "VendorName", WbapiVendorName(p));
    WriteBool(w, "CanbeReissued", true);
    WriteInt(w, "ReissueDays", 0);
    WriteBool(w, "IsSanEnable", p.multi_domain);
    WriteInt(w, "MinSan", 0);
    WriteInt(w, "MaxSan", p.multi_domain ? std::max(0, p.max_sans - 1) : 0);
    WriteBool(w, "isNoOfServerFree", true);
    WriteBool(w, "IsCompetitiveUpgradeSupported", false);
    WriteBool(w, "isWlidcard", p.wildcard);
    WriteBool(w, "isWildcard", p.wildcard);
    WriteBool(w, "isDVProduct", dv);
    WriteBool(w, "isOVProduct", ov);
    WriteBool(w, "isEVProduct", ev);
    WriteBool(w, "isCodeSigning", code_signing);
    WriteBool(w, "isScanProduct", false);
    WriteString(w, "IssuanceTime", dv ? "Minutes" : "1-5 Days");
    WriteKey(w, "PricingInfo");
    w.StartArray();
    for (int months : p.validity_months) {
      w.StartObject();
      WriteInt(w, "NumberOfMonths", months);
      WriteInt(w, "NumberOfServer", 1);
      WriteKey(w, "Price");
      w.Double(8.25 * months / 12.0);
      WriteKey(w, "SRP");
      w.Double(49.99 * months / 12.0);
      WriteKey(w, "PricePerAdditionalSAN");
      w.Double(p.multi_domain ? 10.0 : 0.0);
      WriteKey(w, "PricePerAdditionalServer");
      w.Double(0.0);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  return JsonReply(Finish(buf));
}

}  // namespace sslstore_sim
