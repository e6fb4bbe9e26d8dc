#include "sslstore_client/model_parser.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rapidjson/document.h"
#include "rapidjson/error/en.h"
#include "sslstore_client/errors.h"
#include "sslstore_client/json_fields.h"

namespace sslstore::client {
namespace {

using internal::ElementPath;
using internal::FieldReader;
using internal::MakeError;

// Parses `body` into `doc` (iteratively: no recursion on hostile nesting).
absl::Status ParseJson(absl::string_view body, rapidjson::Document* doc) {
  doc->Parse<rapidjson::kParseIterativeFlag |
             rapidjson::kParseStopWhenDoneFlag>(body.data(), body.size());
  if (doc->HasParseError()) {
    return MakeError(
        ErrorKind::kBadResponse,
        absl::StrCat("malformed JSON body (", body.size(), " bytes): ",
                     rapidjson::GetParseError_En(doc->GetParseError()),
                     " at offset ", doc->GetErrorOffset()),
        /*transient=*/true);
  }
  return absl::OkStatus();
}

absl::Status FieldError(const absl::Status& reader_status) {
  return MakeError(
      ErrorKind::kBadResponse,
      absl::StrCat("unexpected response: ", reader_status.message()));
}

absl::Status ShapeError(absl::string_view expected,
                        const rapidjson::Value& got) {
  return MakeError(ErrorKind::kBadResponse,
                   absl::StrCat("unexpected response: expected ", expected,
                                ", got ", internal::JsonTypeName(got)));
}

// The status for an `isError: true` reply.
absl::Status ErrorFromAuthResponse(const AuthResponse& auth) {
  BusinessError error = ReadBusinessError(auth);
  std::string text =
      error.message.empty() ? "(no message)" : std::move(error.message);
  bool auth_failure =
      error.code.has_value()
          ? *error.code == kAuthenticationFailureCode
          : absl::StrContains(absl::AsciiStrToLower(text), "authentication");
  std::string code =
      error.code.has_value() ? absl::StrCat(" ", *error.code) : std::string();
  if (auth_failure) {
    return MakeError(
        ErrorKind::kAuthentication,
        absl::StrCat("SSL Store rejected the credentials", code, ": ", text),
        false, error.code);
  }
  return MakeError(ErrorKind::kBusiness,
                   absl::StrCat("SSL Store error", code, ": ", text), false,
                   error.code);
}

// Reads the outcome members of `object` itself (the flat shape).
absl::Status ReadAuthFields(const rapidjson::Value& object,
                            const std::string& path, AuthResponse* out) {
  FieldReader r(object, path);
  r.Bool("isError", &out->is_error);
  r.String("Timestamp", &out->timestamp);
  r.String("ReplayToken", &out->replay_token);
  r.String("InvokingPartnerCode", &out->invoking_partner_code);
  // `Message` is an array of strings; a lone string is accepted too.
  std::vector<std::string> messages;
  const rapidjson::Value* message = internal::FindMember(object, "Message");
  if (message != nullptr && message->IsString()) {
    messages.emplace_back(message->GetString(), message->GetStringLength());
  } else {
    r.StringArray("Message", &messages);
  }
  for (std::string& m : messages) {
    if (!m.empty()) out->messages.push_back(std::move(m));
  }
  return r.status();
}

// Reads the nested `AuthResponse`, or the flat members when there is none.
void ReadAuthResponse(FieldReader& r, const rapidjson::Value& object,
                      AuthResponse* out) {
  if (const rapidjson::Value* nested = r.Object("AuthResponse")) {
    r.Merge(ReadAuthFields(*nested, r.PathOf("AuthResponse"), out));
  } else if (internal::FindMember(object, "isError") != nullptr) {
    r.Merge(ReadAuthFields(object, r.path(), out));
  }
}

void ReadContact(FieldReader& parent, absl::string_view name, Contact* c) {
  const rapidjson::Value* v = parent.Object(name);
  if (v == nullptr) return;
  FieldReader r(*v, parent.PathOf(name));
  r.String("FirstName", &c->first_name);
  r.String("LastName", &c->last_name);
  r.String("SubjectFirstName", &c->subject_first_name);
  r.String("SubjectLastName", &c->subject_last_name);
  r.String("Phone", &c->phone);
  r.String("Fax", &c->fax);
  r.String("Email", &c->email);
  r.String("Title", &c->title);
  r.String("OrganizationName", &c->organization_name);
  r.String("AddressLine1", &c->address_line1);
  r.String("AddressLine2", &c->address_line2);
  r.String("City", &c->city);
  r.String("Region", &c->region);
  r.String("PostalCode", &c->postal_code);
  r.String("Country", &c->country);
  parent.Merge(r.status());
}

// Calls `read(reader, element)` for each object element of array `name`.
template <typename T, typename ReadFn>
void ReadObjectArray(FieldReader& parent, absl::string_view name,
                     std::vector<T>* out, ReadFn read) {
  const rapidjson::Value* array = parent.Array(name);
  if (array == nullptr) return;
  out->clear();
  out->reserve(array->Size());
  for (rapidjson::SizeType i = 0; i < array->Size(); ++i) {
    const rapidjson::Value& item = (*array)[i];
    if (item.IsNull()) continue;
    std::string path = ElementPath(parent.PathOf(name), i);
    if (!item.IsObject()) {
      parent.Merge(absl::InvalidArgumentError(absl::StrCat(
          path, ": expected an object, got ", internal::JsonTypeName(item))));
      return;
    }
    FieldReader r(item, path);
    T element;
    read(r, &element);
    parent.Merge(r.status());
    out->push_back(std::move(element));
  }
}

void ReadOrderStatus(FieldReader& parent, OrderStatus* s, bool* present) {
  const rapidjson::Value* v = parent.Object("OrderStatus");
  if (v == nullptr) return;
  *present = true;
  FieldReader r(*v, parent.PathOf("OrderStatus"));
  r.Bool("isTinyOrder", &s->is_tiny_order);
  r.Bool("isTinyOrderClaimed", &s->is_tiny_order_claimed);
  r.String("MajorStatus", &s->major_status);
  r.String("MinorStatus", &s->minor_status);
  ReadObjectArray(r, "AuthenticationStatuses", &s->authentication_statuses,
                  [](FieldReader& e, AuthenticationStatus* a) {
                    e.String("AuthenticationStep", &a->authentication_step);
                    e.String("Status", &a->status);
                    e.String("LastUpdated", &a->last_updated);
                  });
  r.String("AuthenticationComments", &s->authentication_comments);
  ReadObjectArray(r, "OrderNotes", &s->order_notes,
                  [](FieldReader& e, OrderNote* n) {
                    e.String("Comments", &n->comments);
                    e.String("DateAdded", &n->date_added);
                  });
  ReadObjectArray(r, "DomainAuthVettingStatus", &s->domain_auth_vetting_status,
                  [](FieldReader& e, DomainAuthVettingStatus* d) {
                    e.String("domain", &d->domain);
                    e.String("dcvMethod", &d->dcv_method);
                    e.String("dcvStatus", &d->dcv_status);
                    e.String("FileName", &d->file_name);
                    e.String("FileContents", &d->file_contents);
                    e.String("DNSName", &d->dns_name);
                    e.String("DNSEntry", &d->dns_entry);
                    e.String("PollStatus", &d->poll_status);
                    e.Date("LastPollDate", &d->last_poll_date);
                  });
  parent.Merge(r.status());
}

// Reads an order object; the outcome block is read by the caller.
void ReadOrderFields(FieldReader& r, OrderResponse* o) {
  r.String("PartnerOrderID", &o->partner_order_id);
  r.String("CustomOrderID", &o->custom_order_id);
  r.String("TheSSLStoreOrderID", &o->the_sslstore_order_id);
  r.String("VendorOrderID", &o->vendor_order_id);
  r.String("RefundRequestID", &o->refund_request_id);
  r.Bool("isRefundApproved", &o->is_refund_approved);
  r.String("TinyOrderLink", &o->tiny_order_link);
  ReadOrderStatus(r, &o->order_status, &o->has_order_status);
  r.String("OrderAmount", &o->order_amount);
  r.Date("PurchaseDate", &o->purchase_date);
  r.Date("PurchaseDateInUTC", &o->purchase_date_utc);
  r.Date("CertificateStartDate", &o->certificate_start_date);
  r.Date("CertificateStartDateInUTC", &o->certificate_start_date_utc);
  r.Date("CertificateEndDate", &o->certificate_end_date);
  r.Date("CertificateEndDateInUTC", &o->certificate_end_date_utc);
  r.Date("OrderExpiryDate", &o->order_expiry_date);
  r.Date("OrderExpiryDateInUTC", &o->order_expiry_date_utc);
  r.String("CommonName", &o->common_name);
  r.CommaList("DNSNames", &o->dns_names);
  r.Int("SANCount", &o->san_count);
  r.Int("wildcardSANCount", &o->wildcard_san_count);
  r.Int("ServerCount", &o->server_count);
  r.Int("Validity", &o->validity);
  r.String("Organization", &o->organization);
  r.String("OrganizationalUnit", &o->organizational_unit);
  r.String("State", &o->state);
  r.String("Country", &o->country);
  r.String("Locality", &o->locality);
  r.String("OrganizationPhone", &o->organization_phone);
  r.String("OrganizationAddress", &o->organization_address);
  r.String("OrganizationPostalcode", &o->organization_postal_code);
  r.String("DUNS", &o->duns);
  r.String("WebServerType", &o->web_server_type);
  r.String("ApproverEmail", &o->approver_email);
  r.String("ProductName", &o->product_name);
  r.String("ProductCode", &o->product_code);
  ReadContact(r, "AdminContact", &o->admin_contact);
  ReadContact(r, "TechnicalContact", &o->technical_contact);
  r.String("ReissueSuccessCode", &o->reissue_success_code);
  r.String("AuthFileName", &o->auth_file_name);
  r.String("AuthFileContent", &o->auth_file_content);
  r.String("PollStatus", &o->poll_status);
  r.Date("PollDateInUTC", &o->poll_date);
  r.String("CNAMEAuthName", &o->cname_auth_name);
  r.String("CNAMEAuthValue", &o->cname_auth_value);
  r.String("SignatureEncryptionAlgorithm", &o->signature_encryption_algorithm);
  r.String("SignatureHashAlgorithm", &o->signature_hash_algorithm);
  r.String("VendorName", &o->vendor_name);
  r.String("SubVendorName", &o->sub_vendor_name);
  r.String("SerialNumber", &o->serial_number);
  r.Int64("TSSOrganizationId", &o->tss_organization_id);
}

void ReadProductFields(FieldReader& r, ProductInfo* p) {
  r.String("ProductCode", &p->product_code);
  r.String("ProductName", &p->product_name);
  r.String("ProductDescription", &p->product_description);
  r.String("ProductSlug", &p->product_slug);
  r.Int("ProductType", &p->product_type);
  r.String("VendorName", &p->vendor_name);
  r.Bool("CanbeReissued", &p->can_be_reissued);
  r.Int("ReissueDays", &p->reissue_days);
  r.Bool("IsSanEnable", &p->is_san_enable);
  r.Int("MinSan", &p->min_san);
  r.Int("MaxSan", &p->max_san);
  r.Bool("isNoOfServerFree", &p->is_no_of_server_free);
  r.Bool("IsCompetitiveUpgradeSupported", &p->is_competitive_upgrade_supported);
  bool wlidcard = false;
  bool wildcard = false;
  r.Bool("isWlidcard", &wlidcard);
  r.Bool("isWildcard", &wildcard);
  p->is_wildcard = wlidcard || wildcard;
  r.Bool("isDVProduct", &p->is_dv_product);
  r.Bool("isOVProduct", &p->is_ov_product);
  r.Bool("isEVProduct", &p->is_ev_product);
  r.Bool("isCodeSigning", &p->is_code_signing);
  r.Bool("isScanProduct", &p->is_scan_product);
  r.String("IssuanceTime", &p->issuance_time);
  ReadObjectArray(
      r, "PricingInfo", &p->pricing_info, [](FieldReader& e, PricingInfo* pi) {
        e.Int("NumberOfMonths", &pi->number_of_months);
        e.Int("NumberOfServer", &pi->number_of_server);
        e.Double("Price", &pi->price);
        e.Double("SRP", &pi->srp);
        e.Double("PricePerAdditionalSAN", &pi->price_per_additional_san);
        e.Double("PricePerAdditionalServer", &pi->price_per_additional_server);
      });
}

// Parses a single-object reply: outcome first (an error wins over any
// field problem), then `read` for the payload members.
template <typename T, typename ReadFn>
absl::StatusOr<T> ParseObject(absl::string_view body, ReadFn read) {
  rapidjson::Document doc;
  if (absl::Status s = ParseJson(body, &doc); !s.ok()) return s;
  if (!doc.IsObject()) return ShapeError("a JSON object", doc);
  T out;
  FieldReader r(doc, "");
  ReadAuthResponse(r, doc, &out.auth_response);
  if (out.auth_response.is_error) {
    return ErrorFromAuthResponse(out.auth_response);
  }
  read(r, &out);
  if (!r.status().ok()) return FieldError(r.status());
  return out;
}

// Parses a bare-array reply into `rows` / `rejected`; a one-element array
// whose element says isError (or an error object instead of an array) is
// SSL Store refusing the whole request.
template <typename Row, typename ReadFn>
absl::Status ParseRows(absl::string_view body, std::vector<Row>* rows,
                       std::vector<absl::Status>* rejected, int* row_count,
                       ReadFn read) {
  rapidjson::Document doc;
  if (absl::Status s = ParseJson(body, &doc); !s.ok()) return s;
  if (doc.IsObject()) {
    FieldReader r(doc, "");
    AuthResponse auth;
    ReadAuthResponse(r, doc, &auth);
    if (auth.is_error) return ErrorFromAuthResponse(auth);
    return ShapeError("a JSON array", doc);
  }
  if (!doc.IsArray()) return ShapeError("a JSON array", doc);
  *row_count = static_cast<int>(doc.Size());
  rows->reserve(doc.Size());
  for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
    const rapidjson::Value& item = doc[i];
    std::string path = ElementPath("", i);
    if (!item.IsObject()) {
      rejected->push_back(
          MakeError(ErrorKind::kBadResponse,
                    absl::StrCat(path, ": expected an object, got ",
                                 internal::JsonTypeName(item))));
      continue;
    }
    FieldReader r(item, path);
    AuthResponse auth;
    ReadAuthResponse(r, item, &auth);
    if (auth.is_error) {
      absl::Status error = ErrorFromAuthResponse(auth);
      if (doc.Size() == 1) return error;
      rejected->push_back(error);
      continue;
    }
    Row row;
    if constexpr (requires { row.auth_response; }) {
      row.auth_response = std::move(auth);
    }
    read(r, &row);
    if (!r.status().ok()) {
      rejected->push_back(FieldError(r.status()));
      continue;
    }
    rows->push_back(std::move(row));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<OrderResponse> ParseOrderResponse(absl::string_view body) {
  return ParseObject<OrderResponse>(body, ReadOrderFields);
}

absl::StatusOr<QueryResponse> ParseQueryResponse(absl::string_view body) {
  QueryResponse out;
  absl::Status s = ParseRows(body, &out.orders, &out.rejected_rows,
                             &out.row_count, ReadOrderFields);
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<DownloadResponse> ParseDownloadResponse(absl::string_view body) {
  return ParseObject<DownloadResponse>(
      body, [](FieldReader& r, DownloadResponse* d) {
        r.String("PartnerOrderID", &d->partner_order_id);
        r.String("TheSSLStoreOrderID", &d->the_sslstore_order_id);
        r.String("VendorOrderID", &d->vendor_order_id);
        r.String("CertificateStatus", &d->certificate_status);
        r.String("ValidationStatus", &d->validation_status);
        ReadObjectArray(r, "Certificates", &d->certificates,
                        [](FieldReader& e, CertificateFile* f) {
                          e.String("FileName", &f->file_name);
                          e.String("FileContent", &f->file_content);
                        });
        r.Date("CertificateStartDate", &d->certificate_start_date);
        r.Date("CertificateStartDateInUTC", &d->certificate_start_date_utc);
        r.Date("CertificateEndDate", &d->certificate_end_date);
        r.Date("CertificateEndDateInUTC", &d->certificate_end_date_utc);
      });
}

absl::StatusOr<CertificateRevokeResponse> ParseCertificateRevokeResponse(
    absl::string_view body) {
  return ParseObject<CertificateRevokeResponse>(
      body, [](FieldReader&, CertificateRevokeResponse*) {});
}

absl::StatusOr<ApproverListResponse> ParseApproverListResponse(
    absl::string_view body) {
  return ParseObject<ApproverListResponse>(
      body, [](FieldReader& r, ApproverListResponse* a) {
        r.StringArray("ApproverEmailList", &a->approver_emails);
        r.String("baseDomainName", &a->base_domain_name);
      });
}

absl::StatusOr<OrganizationListResponse> ParseOrganizationListResponse(
    absl::string_view body) {
  return ParseObject<OrganizationListResponse>(
      body, [](FieldReader& r, OrganizationListResponse* list) {
        ReadObjectArray(
            r, "OrganizationList", &list->organizations,
            [](FieldReader& e, Organization* o) {
              e.String("Name", &o->name);
              e.String("AssumedName", &o->assumed_name);
              e.String("Address", &o->address);
              e.String("Address2", &o->address2);
              e.String("City", &o->city);
              e.String("State", &o->state);
              e.String("Zip", &o->zip);
              e.String("Country", &o->country);
              e.String("Organization_Phone", &o->organization_phone);
              e.String("Status", &o->status);
              e.Int64("TSSOrganizationId", &o->tss_organization_id);
              e.Int64("VendorOrganizationId", &o->vendor_organization_id);
              if (const rapidjson::Value* c = e.Object("OrganizationContact")) {
                FieldReader cr(*c, e.PathOf("OrganizationContact"));
                OrganizationContact& oc = o->organization_contact;
                cr.String("Email", &oc.email);
                cr.String("Firstname", &oc.first_name);
                cr.String("Lastname", &oc.last_name);
                cr.String("JobTitle", &oc.job_title);
                cr.String("Phone", &oc.phone);
                cr.String("Phone_Extension", &oc.phone_extension);
                cr.String("Username", &oc.username);
                e.Merge(cr.status());
              }
            });
      });
}

namespace {

// `Status` of a health reply as text; nullopt when absent or not a scalar.
std::optional<std::string> HealthStatusText(const rapidjson::Value& doc) {
  const rapidjson::Value* status = internal::FindMember(doc, "Status");
  if (status == nullptr) return std::nullopt;
  if (status->IsString()) {
    return std::string(status->GetString(), status->GetStringLength());
  }
  if (status->IsBool()) return status->GetBool() ? "true" : "false";
  if (status->IsInt64()) return absl::StrCat(status->GetInt64());
  return std::nullopt;
}

// True when a Status text says the check failed ("false", "0", "Failure",
// "Invalid token", ...). Any other text counts as success: SSL Store's
// success wording is unknown, and refusing good credentials would block the
// connection's configuration.
bool StatusSaysFailure(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower == "false" || lower == "0") return true;
  for (absl::string_view word :
       {"fail", "error", "invalid", "denied", "unauthori", "reject"}) {
    if (absl::StrContains(lower, word)) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<HealthResponse> ParseHealthResponse(absl::string_view body) {
  rapidjson::Document doc;
  if (absl::Status s = ParseJson(body, &doc); !s.ok()) return s;
  if (!doc.IsObject()) return ShapeError("a JSON object", doc);
  HealthResponse out;
  FieldReader r(doc, "");
  ReadAuthResponse(r, doc, &out.auth_response);
  if (out.auth_response.is_error) {
    return ErrorFromAuthResponse(out.auth_response);
  }
  if (!r.status().ok()) return FieldError(r.status());
  const bool has_outcome =
      internal::FindMember(doc, "AuthResponse") != nullptr ||
      internal::FindMember(doc, "isError") != nullptr;
  const rapidjson::Value* status = internal::FindMember(doc, "Status");
  if (status != nullptr && status->IsObject() && !has_outcome) {
    // A Status object carrying the outcome members itself.
    AuthResponse nested;
    absl::Status read = ReadAuthFields(*status, "Status", &nested);
    if (!read.ok()) return FieldError(read);
    if (nested.is_error) return ErrorFromAuthResponse(nested);
    out.auth_response = std::move(nested);
    return out;
  }
  std::optional<std::string> text = HealthStatusText(doc);
  if (text.has_value()) out.status = *text;
  if (has_outcome) return out;  // isError is authoritative
  if (!text.has_value()) {
    return MakeError(ErrorKind::kBadResponse,
                     status == nullptr
                         ? "unexpected response: neither isError nor Status"
                         : absl::StrCat("unexpected response: Status: "
                                        "expected a string, boolean or "
                                        "number, got ",
                                        internal::JsonTypeName(*status)));
  }
  if (StatusSaysFailure(*text)) {
    return MakeError(
        ErrorKind::kAuthentication,
        absl::StrCat("SSL Store did not confirm the credentials: Status \"",
                     *text, "\""));
  }
  return out;
}

absl::StatusOr<ProductQueryResponse> ParseProductQueryResponse(
    absl::string_view body) {
  ProductQueryResponse out;
  absl::Status s = ParseRows(body, &out.products, &out.rejected_rows,
                             &out.row_count, ReadProductFields);
  if (!s.ok()) return s;
  return out;
}

}  // namespace sslstore::client
