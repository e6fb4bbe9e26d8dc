#include "tools/sslstore-sim/order_store.h"

#include <openssl/evp.h>

#include <algorithm>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/sslstore-sim/wbapi_dates.h"
#include "tools/sslstore-sim/wbapi_errors.h"

namespace sslstore_sim {
namespace {

constexpr int64_t kFirstOrderId = 4500000;
constexpr int64_t kFirstPartnerSeq = 88000001;
constexpr int64_t kVendorIdBase = 1800000000;

std::string HexDigest(const char* algorithm, const std::string& data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  const EVP_MD* md_type = EVP_get_digestbyname(algorithm);
  if (md_type == nullptr ||
      EVP_Digest(data.data(), data.size(), md, &len, md_type, nullptr) != 1) {
    return "";
  }
  return absl::AsciiStrToUpper(absl::BytesToHexString(
      absl::string_view(reinterpret_cast<char*>(md), len)));
}

// Sectigo-style DCV tokens derived from the CSR.
void SetDcvTokens(Order& order, const std::string& csr_der) {
  if (order.dcv == DcvMethod::kEmail) return;
  const std::string md5 = HexDigest("MD5", csr_der);
  const std::string sha = HexDigest("SHA256", csr_der);
  if (order.dcv == DcvMethod::kCname) {
    order.cname_auth_name = absl::StrCat("_", md5, ".", order.common_name);
    order.cname_auth_value =
        absl::StrCat(sha.substr(0, 32), ".", sha.substr(32), ".sectigo.com");
  } else {
    order.auth_file_name = absl::StrCat(md5, ".txt");
    order.auth_file_content = absl::StrCat(sha, "\nsectigo.com");
  }
}

bool MatchesDomain(const Order& order, const std::string& domain) {
  for (const std::string& n : order.names) {
    if (absl::EqualsIgnoreCase(n, domain)) return true;
  }
  return absl::EqualsIgnoreCase(order.common_name, domain);
}

bool Matches(const Order& o, const QueryFilter& f) {
  if (f.purchased_from && o.purchase_date < *f.purchased_from) return false;
  if (f.purchased_to && o.purchase_date > *f.purchased_to) return false;
  if (f.expires_from || f.expires_to) {
    if (!o.certificate) return false;
    if (f.expires_from && o.certificate->not_after < *f.expires_from) {
      return false;
    }
    if (f.expires_to && o.certificate->not_after > *f.expires_to) return false;
  }
  if (!f.product_code.empty() &&
      !absl::EqualsIgnoreCase(o.product_code, f.product_code)) {
    return false;
  }
  if (!f.domain.empty() && !MatchesDomain(o, f.domain)) return false;
  return true;
}

// Records that `order` changed just now and keeps `before` (its state just
// before the change) for lagging /order/query rows.
void NoteChange(Order& order, Order before) {
  before.before_change.reset();
  order.before_change = std::make_shared<const Order>(std::move(before));
  order.changed_at = absl::Now();
}

}  // namespace

const char* DcvMethodName(DcvMethod method) {
  switch (method) {
    case DcvMethod::kEmail:
      return "EMAIL";
    case DcvMethod::kHttp:
      return "HTTP";
    case DcvMethod::kHttps:
      return "HTTPS";
    case DcvMethod::kCname:
      return "CNAME";
  }
  return "EMAIL";
}

OrderStore::OrderStore(const SimCa* ca, StoreSettings settings)
    : ca_(ca),
      settings_(std::move(settings)),
      next_id_(kFirstOrderId),
      next_partner_seq_(kFirstPartnerSeq),
      next_refund_seq_(77001) {}

Order* OrderStore::FindLocked(const OrderRef& ref) {
  if (ref.id != 0) {
    auto it = orders_.find(ref.id);
    return it == orders_.end() ? nullptr : &it->second;
  }
  if (ref.custom_order_id.empty()) return nullptr;
  auto it = by_custom_id_.find(ref.custom_order_id);
  if (it == by_custom_id_.end()) return nullptr;
  auto oit = orders_.find(it->second);
  return oit == orders_.end() ? nullptr : &oit->second;
}

const Order* OrderStore::FindLocked(const OrderRef& ref) const {
  return const_cast<OrderStore*>(this)->FindLocked(ref);
}

absl::Status OrderStore::NotFoundLocked() const {
  return OrderNotFoundError(settings_.realism.not_found_code,
                            settings_.realism.not_found_message);
}

std::string OrderStore::NextPartnerOrderIdLocked() {
  return absl::StrCat("TSS", next_partner_seq_++);
}

absl::Status OrderStore::IssueLocked(Order& order) {
  const absl::Time now = absl::Now();
  absl::Time not_after =
      std::min(AddMonths(now, order.validity_months),
               now + absl::Hours(24) * settings_.max_certificate_days);
  auto cert = ca_->IssueLeaf(order.public_key_der, order.common_name,
                             order.names, now, not_after);
  if (!cert.ok()) {
    return WbapiError(absl::StatusCode::kInternal, kErrVendor,
                      "Vendor returns error: certificate issuance failed");
  }
  order.certificate = *std::move(cert);
  order.major_status = kStatusActive;
  order.minor_status = kMinorIssued;
  return absl::OkStatus();
}

absl::Status OrderStore::CompleteReissueLocked(Order& order) {
  Order updated = order;
  updated.public_key_der = order.pending_public_key_der;
  updated.common_name = order.pending_common_name;
  updated.names = order.pending_names;
  absl::Status st = IssueLocked(updated);
  if (!st.ok()) return st;
  if (order.certificate) {
    updated.previous_certificates.push_back(*order.certificate);
  }
  updated.reissue_pending = false;
  updated.pending_public_key_der.clear();
  updated.pending_common_name.clear();
  updated.pending_names.clear();
  updated.status_polls = 0;
  order = std::move(updated);
  return absl::OkStatus();
}

absl::StatusOr<Order> OrderStore::Create(NewOrderInput in) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!in.custom_order_id.empty() &&
      settings_.realism.duplicate_custom_order_id ==
          DuplicateCustomOrderId::kRefuse &&
      by_custom_id_.count(in.custom_order_id) > 0) {
    return WbapiError(absl::StatusCode::kAlreadyExists,
                      kErrDuplicateCustomOrderId,
                      "CustomOrderID already exists");
  }
  if (in.related_order_id != 0 && orders_.count(in.related_order_id) == 0) {
    return WbapiError(absl::StatusCode::kNotFound, kErrOrderNotFound,
                      "RelatedTheSSLStoreOrderID not found");
  }
  Order o;
  o.id = next_id_;
  o.custom_order_id = in.custom_order_id;
  o.vendor_order_id = absl::StrCat(kVendorIdBase + o.id);
  o.product_code = in.product_code;
  o.product_name = in.product_name;
  o.vendor_name = in.vendor_name;
  o.validity_months = in.validity_months;
  o.server_count = in.server_count;
  o.web_server_type = in.web_server_type;
  o.signature_hash_algorithm = in.signature_hash_algorithm;
  o.common_name = in.common_name;
  o.names = in.names;
  o.public_key_der = in.public_key_der;
  o.approver_email = in.approver_email;
  o.dcv = in.dcv;
  o.admin_contact = std::move(in.admin_contact);
  o.technical_contact = std::move(in.technical_contact);
  o.organization_info = std::move(in.organization_info);
  o.tss_organization_id = in.tss_organization_id;
  o.is_renewal = in.is_renewal;
  o.related_order_id = in.related_order_id;
  o.purchase_date = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()));
  o.order_expiry = AddMonths(o.purchase_date, o.validity_months);
  SetDcvTokens(o, in.csr_der);
  if (settings_.approval == ApprovalMode::kImmediate) {
    absl::Status st = IssueLocked(o);
    if (!st.ok()) return st;
  }
  o.partner_order_id = NextPartnerOrderIdLocked();
  ++next_id_;
  if (!o.custom_order_id.empty()) by_custom_id_[o.custom_order_id] = o.id;
  auto [it, inserted] = orders_.emplace(o.id, std::move(o));
  return it->second;
}

absl::StatusOr<Order> OrderStore::Get(const OrderRef& ref) const {
  std::lock_guard<std::mutex> lock(mu_);
  const Order* o = FindLocked(ref);
  if (o == nullptr) return NotFoundLocked();
  return *o;
}

absl::StatusOr<Order> OrderStore::PollStatus(const OrderRef& ref) {
  std::lock_guard<std::mutex> lock(mu_);
  Order* o = FindLocked(ref);
  if (o == nullptr) return NotFoundLocked();
  const bool awaiting = o->major_status == kStatusPending || o->reissue_pending;
  if (awaiting && settings_.approval == ApprovalMode::kAfterPolls) {
    ++o->status_polls;
    if (o->status_polls >= settings_.approve_after_status_polls) {
      Order before = *o;
      absl::Status st =
          o->reissue_pending ? CompleteReissueLocked(*o) : IssueLocked(*o);
      if (!st.ok()) return st;
      NoteChange(*o, std::move(before));
    }
  }
  if (o->refund_pending && settings_.realism.refund_pending_polls >= 0 &&
      ++o->refund_polls >= settings_.realism.refund_pending_polls) {
    CompleteRefundLocked(*o);
  }
  return *o;
}

absl::StatusOr<Order> OrderStore::Reissue(const OrderRef& ref,
                                          ReissueInput in) {
  std::lock_guard<std::mutex> lock(mu_);
  Order* o = FindLocked(ref);
  if (o == nullptr) return NotFoundLocked();
  if (o->major_status != kStatusActive) {
    return WbapiError(absl::StatusCode::kFailedPrecondition, kErrInvalidState,
                      absl::StrCat("Order is ", o->major_status,
                                   "; only Active orders can be reissued"));
  }
  if (o->reissue_pending) {
    return WbapiError(absl::StatusCode::kFailedPrecondition, kErrInvalidState,
                      "A reissue is already pending for this order");
  }
  if (o->refund_pending) {
    return WbapiError(absl::StatusCode::kFailedPrecondition, kErrInvalidState,
                      "A refund is pending for this order");
  }
  Order updated = *o;
  updated.reissue_pending = true;
  updated.minor_status = kMinorPendingReissue;
  updated.pending_public_key_der = std::move(in.public_key_der);
  updated.pending_common_name = std::move(in.common_name);
  updated.pending_names = std::move(in.names);
  updated.status_polls = 0;
  updated.reissue_count++;
  if (settings_.approval == ApprovalMode::kImmediate) {
    absl::Status st = CompleteReissueLocked(updated);
    if (!st.ok()) return st;
  }
  if (settings_.new_partner_order_id_on_reissue) {
    updated.partner_order_id = NextPartnerOrderIdLocked();
  }
  NoteChange(updated, *o);
  *o = std::move(updated);
  return *o;
}

absl::StatusOr<Order> OrderStore::RequestRefund(const OrderRef& ref) {
  std::lock_guard<std::mutex> lock(mu_);
  Order* o = FindLocked(ref);
  if (o == nullptr) return NotFoundLocked();
  if (o->major_status == kStatusCancelled) {
    return WbapiError(absl::StatusCode::kFailedPrecondition, kErrInvalidState,
                      "Order is already cancelled");
  }
  if (absl::Now() - o->purchase_date >
      absl::Hours(24) * settings_.refund_window_days) {
    return WbapiError(absl::StatusCode::kFailedPrecondition, kErrRefundWindow,
                      "Refund window expired");
  }
  // A repeated request while one is pending is the same request.
  if (o->refund_pending) return *o;
  Order before = *o;
  o->refund_request_id = absl::StrCat(next_refund_seq_++);
  if (settings_.realism.refund_pending_polls == 0) {
    CompleteRefundLocked(*o);
  } else {
    o->refund_pending = true;
    o->refund_polls = 0;
    o->refund_approved = false;
    o->minor_status = kMinorRefundRequested;
  }
  NoteChange(*o, std::move(before));
  return *o;
}

void OrderStore::CompleteRefundLocked(Order& order) {
  Order before = order;
  order.refund_pending = false;
  order.refund_approved = true;
  order.major_status = kStatusCancelled;
  order.minor_status = kMinorRefunded;
  order.reissue_pending = false;
  NoteChange(order, std::move(before));
}

absl::Status OrderStore::CompleteRefund(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  Order* o = FindLocked(OrderRef{id, ""});
  if (o == nullptr) return NotFoundLocked();
  if (!o->refund_pending) {
    return WbapiError(absl::StatusCode::kFailedPrecondition, kErrInvalidState,
                      "No refund is pending for this order");
  }
  CompleteRefundLocked(*o);
  return absl::OkStatus();
}

absl::StatusOr<Order> OrderStore::RevokeCertificate(
    const OrderRef& ref, const std::string& serial_hex) {
  std::lock_guard<std::mutex> lock(mu_);
  Order* o = FindLocked(ref);
  if (o == nullptr) return NotFoundLocked();
  if (!o->certificate) {
    return WbapiError(absl::StatusCode::kFailedPrecondition,
                      kErrCertificateNotAvailable, "Certificate not available");
  }
  if (!serial_hex.empty() &&
      !absl::EqualsIgnoreCase(serial_hex, o->certificate->serial_hex)) {
    for (const IssuedCertificate& prev : o->previous_certificates) {
      if (absl::EqualsIgnoreCase(prev.serial_hex, serial_hex)) {
        o->revoked_serials.push_back(prev.serial_hex);
        return *o;
      }
    }
    return WbapiError(absl::StatusCode::kNotFound, kErrCertificateNotAvailable,
                      "No certificate with that SerialNumber on this order");
  }
  if (o->major_status == kStatusCancelled && o->minor_status == kMinorRevoked) {
    return WbapiError(absl::StatusCode::kFailedPrecondition, kErrInvalidState,
                      "Certificate is already revoked");
  }
  Order before = *o;
  o->revoked_serials.push_back(o->certificate->serial_hex);
  o->major_status = kStatusCancelled;
  o->minor_status = kMinorRevoked;
  o->reissue_pending = false;
  o->refund_pending = false;
  NoteChange(*o, std::move(before));
  return *o;
}

absl::Status OrderStore::Approve(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  Order* o = FindLocked(OrderRef{id, ""});
  if (o == nullptr) return NotFoundLocked();
  Order before = *o;
  absl::Status st;
  if (o->reissue_pending) {
    st = CompleteReissueLocked(*o);
  } else if (o->major_status != kStatusPending) {
    return WbapiError(
        absl::StatusCode::kFailedPrecondition, kErrInvalidState,
        absl::StrCat("Order is ", o->major_status, "; nothing to approve"));
  } else {
    st = IssueLocked(*o);
  }
  if (st.ok()) NoteChange(*o, std::move(before));
  return st;
}

absl::Status OrderStore::Cancel(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  Order* o = FindLocked(OrderRef{id, ""});
  if (o == nullptr) return NotFoundLocked();
  if (o->major_status == kStatusCancelled) {
    return WbapiError(absl::StatusCode::kFailedPrecondition, kErrInvalidState,
                      "Order is already cancelled");
  }
  Order before = *o;
  o->major_status = kStatusCancelled;
  o->minor_status = kMinorCancelled;
  o->reissue_pending = false;
  o->refund_pending = false;
  NoteChange(*o, std::move(before));
  return absl::OkStatus();
}

std::vector<Order> OrderStore::Query(const QueryFilter& filter,
                                     int64_t page_number,
                                     int64_t page_size) const {
  std::vector<Order> out;
  std::lock_guard<std::mutex> lock(mu_);
  const Realism& realism = settings_.realism;
  bool all = page_number <= 0 || page_size <= 0;
  if (realism.query_page_size_cap > 0) {
    // A capped service serves at most `cap` rows, even when asked for all.
    if (all) {
      page_number = 1;
      page_size = realism.query_page_size_cap;
      all = false;
    }
    page_size = std::min<int64_t>(page_size, realism.query_page_size_cap);
  }
  int64_t skip = 0;
  if (!all) {
    // Saturate instead of overflowing for absurd page numbers.
    skip = page_number - 1 > INT64_MAX / page_size
               ? INT64_MAX
               : (page_number - 1) * page_size;
  }
  const absl::Time now = absl::Now();
  // Each row as the lagging query data shows it; true to stop.
  auto visit = [&](const Order& order) {
    const Order* shown = &order;
    if (order.before_change != nullptr &&
        now < order.changed_at + realism.query_lag) {
      shown = order.before_change.get();
    }
    if (!Matches(*shown, filter)) return false;
    if (skip > 0) {
      --skip;
      return false;
    }
    out.push_back(*shown);
    out.back().before_change.reset();
    return !all && static_cast<int64_t>(out.size()) >= page_size;
  };
  if (realism.query_newest_first) {
    for (auto it = orders_.rbegin(); it != orders_.rend(); ++it) {
      if (visit(it->second)) break;
    }
  } else {
    for (const auto& [id, order] : orders_) {
      if (visit(order)) break;
    }
  }
  return out;
}

absl::StatusOr<std::vector<int64_t>> OrderStore::Seed(const SeedSpec& spec) {
  if (spec.count < 0 || spec.count > 1000000) {
    return absl::InvalidArgumentError("count must be in [0, 1000000]");
  }
  const int weights[] = {std::max(0, spec.active_weight),
                         std::max(0, spec.pending_weight),
                         std::max(0, spec.cancelled_weight),
                         std::max(0, spec.pending_reissue_weight)};
  const int total = weights[0] + weights[1] + weights[2] + weights[3];
  if (total <= 0) return absl::InvalidArgumentError("status weights are all 0");
  int64_t first_id = 0;
  int max_days = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    first_id = next_id_;
    next_id_ += spec.count;
    max_days = settings_.max_certificate_days;
  }
  const absl::Time now =
      absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()));
  std::vector<Order> made(static_cast<size_t>(spec.count));
  // Builds orders [begin, end); certificates are signed outside the lock.
  auto build = [&](int begin, int end) -> absl::Status {
    for (int i = begin; i < end; ++i) {
      Order& o = made[static_cast<size_t>(i)];
      o.id = first_id + i;
      o.custom_order_id = absl::StrCat("seed-", o.id);
      o.vendor_order_id = absl::StrCat(kVendorIdBase + o.id);
      o.product_code = spec.product_code;
      o.product_name = spec.product_name;
      o.vendor_name = spec.vendor_name;
      o.validity_months = spec.validity_months;
      o.signature_hash_algorithm = "PREFER_SHA2";
      o.common_name = absl::StrCat("host", o.id, ".", spec.domain_suffix);
      o.names = {o.common_name};
      o.public_key_der = ca_->seed_public_key_der();
      o.approver_email = absl::StrCat("admin@", spec.domain_suffix);
      o.admin_contact = {{"Email", o.approver_email}};
      // Spread purchases over the last 90 days (deterministic by index).
      o.purchase_date = now - absl::Hours(24) * (i % 90) - absl::Hours(i % 24);
      o.order_expiry = AddMonths(o.purchase_date, o.validity_months);
      int slot = i % total;
      int kind = 0;
      while (slot >= weights[kind]) slot -= weights[kind++];
      if (kind != 1) {
        const absl::Time nb = o.purchase_date;
        const absl::Time na = std::min(AddMonths(nb, o.validity_months),
                                       nb + absl::Hours(24) * max_days);
        auto cert = ca_->IssueSeedLeaf(o.common_name, o.names, nb, na);
        if (!cert.ok()) return cert.status();
        o.certificate = *std::move(cert);
        o.major_status = kStatusActive;
        o.minor_status = kMinorIssued;
      }
      if (kind == 2) {
        o.major_status = kStatusCancelled;
        o.minor_status = kMinorCancelled;
      } else if (kind == 3) {
        o.minor_status = kMinorPendingReissue;
        o.reissue_pending = true;
        o.pending_public_key_der = o.public_key_der;
        o.pending_common_name = o.common_name;
        o.pending_names = o.names;
      }
    }
    return absl::OkStatus();
  };
  // Two workers: signing dominates and the machine has two cores.
  const int half = spec.count / 2;
  absl::Status second_status;
  std::thread second([&] { second_status = build(half, spec.count); });
  absl::Status first_status = build(0, half);
  second.join();
  if (!first_status.ok()) return first_status;
  if (!second_status.ok()) return second_status;
  std::vector<int64_t> ids;
  ids.reserve(made.size());
  std::lock_guard<std::mutex> lock(mu_);
  for (Order& o : made) {
    o.partner_order_id = NextPartnerOrderIdLocked();
    by_custom_id_[o.custom_order_id] = o.id;
    ids.push_back(o.id);
    orders_.emplace(o.id, std::move(o));
  }
  return ids;
}

std::vector<Order> OrderStore::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Order> out;
  out.reserve(orders_.size());
  for (const auto& [id, order] : orders_) out.push_back(order);
  return out;
}

size_t OrderStore::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return orders_.size();
}

void OrderStore::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  orders_.clear();
  by_custom_id_.clear();
  next_id_ = kFirstOrderId;
  next_partner_seq_ = kFirstPartnerSeq;
  next_refund_seq_ = 77001;
}

void OrderStore::SetApproval(ApprovalMode mode, int after_polls) {
  std::lock_guard<std::mutex> lock(mu_);
  settings_.approval = mode;
  settings_.approve_after_status_polls = after_polls;
}

void OrderStore::SetRealism(const Realism& realism) {
  std::lock_guard<std::mutex> lock(mu_);
  settings_.realism = realism;
}

StoreSettings OrderStore::settings() const {
  std::lock_guard<std::mutex> lock(mu_);
  return settings_;
}

}  // namespace sslstore_sim
