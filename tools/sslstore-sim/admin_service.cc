#include "tools/sslstore-sim/admin_service.h"

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "rapidjson/document.h"
#include "tools/sslstore-sim/realism_settings.h"
#include "tools/sslstore-sim/sim_json.h"
#include "tools/sslstore-sim/simulator.h"

namespace sslstore_sim {
namespace {

Dispatched Reply(int status, std::string body) {
  Dispatched d;
  d.response.status = status;
  d.response.body = std::move(body);
  return d;
}

Dispatched Error(int status, absl::string_view message) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  WriteString(w, "error", message);
  w.EndObject();
  return Reply(status, std::string(buf.GetString(), buf.GetSize()));
}

Dispatched Ok() { return Reply(200, "{\"ok\":true}"); }

int HttpStatusFor(const absl::Status& st) {
  switch (st.code()) {
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAlreadyExists:
      return 409;
    case absl::StatusCode::kInvalidArgument:
      return 400;
    default:
      return 500;
  }
}

std::string IsoTime(absl::Time t) {
  if (t == absl::InfinitePast()) return "";
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

void WriteStringArray(JsonWriter& w, const char* key,
                      const std::vector<std::string>& values) {
  WriteKey(w, key);
  w.StartArray();
  for (const std::string& v : values) w.String(v);
  w.EndArray();
}

// The realism knobs `body` asks for: its "profile" (if any), then each knob
// it names, on top of `current`.
absl::StatusOr<std::optional<Realism>> RealismFrom(const rapidjson::Value& body,
                                                   const Realism& current) {
  bool changed = false;
  Realism realism = current;
  if (auto profile = GetString(body, "profile")) {
    std::optional<Realism> parsed = ParseRealismProfile(*profile);
    if (!parsed) {
      return absl::InvalidArgumentError("profile must be lenient or realistic");
    }
    realism = *std::move(parsed);
    changed = true;
  }
  for (absl::string_view name : RealismKnobNames()) {
    const rapidjson::Value* member = FindMember(body, name);
    if (member == nullptr) continue;
    std::optional<std::string> text = GetString(body, name);
    if (!text) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, " must be a string, number or bool"));
    }
    absl::Status st = SetRealismKnob(name, *text, realism);
    if (!st.ok()) return st;
    changed = true;
  }
  if (!changed) return std::optional<Realism>();
  return std::optional<Realism>(std::move(realism));
}

std::string Json(const std::function<void(JsonWriter&)>& write) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  write(w);
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace

Dispatched AdminService::Handle(const HttpRequest& req) {
  const std::string path = req.target.substr(0, req.target.find('?'));
  const std::string query = req.target.find('?') == std::string::npos
                                ? ""
                                : req.target.substr(req.target.find('?') + 1);
  rapidjson::Document body;
  if (req.method == "POST") {
    if (req.body.empty()) {
      body.SetObject();
    } else {
      body.Parse(req.body.data(), req.body.size());
      if (body.HasParseError() || !body.IsObject()) {
        return Error(400, "body must be a JSON object");
      }
    }
  } else {
    body.SetObject();
  }
  const bool get = req.method == "GET";
  const bool post = req.method == "POST";
  if (path == "/admin/health" && get) return Ok();
  if (path == "/admin/seed" && post) {
    SeedSpec spec;
    spec.count = static_cast<int>(GetInt(body, "count").value_or(0));
    spec.active_weight = static_cast<int>(GetInt(body, "active").value_or(1));
    spec.pending_weight = static_cast<int>(GetInt(body, "pending").value_or(0));
    spec.cancelled_weight =
        static_cast<int>(GetInt(body, "cancelled").value_or(0));
    spec.pending_reissue_weight =
        static_cast<int>(GetInt(body, "pending_reissue").value_or(0));
    if (auto code = GetString(body, "product_code")) {
      const SimProduct* p = sim_->products().Find(*code);
      if (p == nullptr) return Error(400, "unknown product_code");
      spec.product_code = p->code;
      spec.product_name = p->name;
      spec.vendor_name = WbapiVendorName(*p);
    }
    const int64_t months = GetInt(body, "validity_months").value_or(12);
    if (months < 1 || months > 120) {
      return Error(400, "validity_months must be in [1, 120]");
    }
    spec.validity_months = static_cast<int>(months);
    for (const char* w :
         {"active", "pending", "cancelled", "pending_reissue"}) {
      const int64_t v = GetInt(body, w).value_or(0);
      if (v < 0 || v > 1000000)
        return Error(400, "weights must be in [0, 1000000]");
    }
    const int64_t count = GetInt(body, "count").value_or(0);
    if (count < 0 || count > 1000000) {
      return Error(400, "count must be in [0, 1000000]");
    }
    if (auto suffix = GetString(body, "domain_suffix")) {
      spec.domain_suffix = *suffix;
    }
    const absl::Time start = absl::Now();
    absl::StatusOr<std::vector<int64_t>> ids = sim_->SeedOrders(spec);
    if (!ids.ok())
      return Error(HttpStatusFor(ids.status()), ids.status().message());
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    WriteInt(w, "created", static_cast<int64_t>(ids->size()));
    WriteInt(w, "first_id", ids->empty() ? 0 : ids->front());
    WriteInt(w, "last_id", ids->empty() ? 0 : ids->back());
    WriteInt(w, "elapsed_ms", absl::ToInt64Milliseconds(absl::Now() - start));
    w.EndObject();
    return Reply(200, std::string(buf.GetString(), buf.GetSize()));
  }
  if ((path == "/admin/approve" || path == "/admin/cancel") && post) {
    std::optional<int64_t> id = GetInt(body, "id");
    if (!id) id = GetInt(body, "TheSSLStoreOrderID");
    if (!id) return Error(400, "id is required");
    absl::Status st = path == "/admin/approve" ? sim_->ApproveOrder(*id)
                                               : sim_->CancelOrder(*id);
    if (!st.ok()) return Error(HttpStatusFor(st), st.message());
    return Ok();
  }
  if (path == "/admin/ground-truth" && get) {
    const bool certificates = !absl::StrContains(query, "certificates=0");
    std::vector<GroundTruthOrder> orders = sim_->GroundTruth();
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    WriteInt(w, "count", static_cast<int64_t>(orders.size()));
    WriteKey(w, "orders");
    w.StartArray();
    for (const GroundTruthOrder& o : orders) {
      w.StartObject();
      WriteInt(w, "id", o.id);
      WriteString(w, "partner_order_id", o.partner_order_id);
      WriteString(w, "custom_order_id", o.custom_order_id);
      WriteString(w, "product_code", o.product_code);
      WriteString(w, "major_status", o.major_status);
      WriteString(w, "minor_status", o.minor_status);
      WriteString(w, "common_name", o.common_name);
      WriteStringArray(w, "names", o.names);
      WriteString(w, "serial", o.serial_hex);
      if (certificates) WriteString(w, "certificate_pem", o.certificate_pem);
      WriteString(w, "certificate_not_before",
                  IsoTime(o.certificate_not_before));
      WriteString(w, "certificate_not_after", IsoTime(o.certificate_not_after));
      WriteString(w, "purchase_date", IsoTime(o.purchase_date));
      WriteString(w, "order_expiry", IsoTime(o.order_expiry));
      WriteBool(w, "is_renewal", o.is_renewal);
      WriteInt(w, "related_order_id", o.related_order_id);
      WriteInt(w, "reissue_count", o.reissue_count);
      WriteBool(w, "reissue_pending", o.reissue_pending);
      WriteBool(w, "refund_pending", o.refund_pending);
      WriteStringArray(w, "previous_serials", o.previous_serials);
      WriteStringArray(w, "revoked_serials", o.revoked_serials);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return Reply(200, std::string(buf.GetString(), buf.GetSize()));
  }
  if (path == "/admin/reset" && post) {
    sim_->Reset();
    return Ok();
  }
  if ((path == "/admin/faults/clear" && post) ||
      (path == "/admin/faults" && req.method == "DELETE")) {
    sim_->ClearFaults();
    return Ok();
  }
  if (path == "/admin/faults" && post) {
    absl::StatusOr<FaultConfig> config = ParseFaultConfig(body);
    if (!config.ok()) return Error(400, config.status().message());
    sim_->SetFaults(*std::move(config));
    return Ok();
  }
  if (path == "/admin/counters" && get) {
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    WriteKey(w, "calls");
    w.StartObject();
    for (const auto& [name, count] : sim_->CallCounts())
      WriteInt(w, name, count);
    w.EndObject();
    WriteInt(w, "faults_fired", sim_->FaultsFired());
    w.EndObject();
    return Reply(200, std::string(buf.GetString(), buf.GetSize()));
  }
  if (path == "/admin/complete-refund" && post) {
    std::optional<int64_t> id = GetInt(body, "id");
    if (!id) id = GetInt(body, "TheSSLStoreOrderID");
    if (!id) return Error(400, "id is required");
    absl::Status st = sim_->CompleteRefund(*id);
    if (!st.ok()) return Error(HttpStatusFor(st), st.message());
    return Ok();
  }
  if (path == "/admin/unknown-members" && get) {
    return Reply(200, Json([this](JsonWriter& w) {
                   w.StartObject();
                   WriteKey(w, "members");
                   w.StartArray();
                   for (const UnknownMember& m : sim_->UnknownMembers()) {
                     w.StartObject();
                     WriteString(w, "endpoint", m.endpoint);
                     WriteString(w, "path", m.path);
                     WriteInt(w, "count", m.count);
                     w.EndObject();
                   }
                   w.EndArray();
                   w.EndObject();
                 }));
  }
  if ((path == "/admin/unknown-members/clear" && post) ||
      (path == "/admin/unknown-members" && req.method == "DELETE")) {
    sim_->ClearUnknownMembers();
    return Ok();
  }
  if (path == "/admin/settings" && get) {
    return Reply(200, Json([this](JsonWriter& w) {
                   w.StartObject();
                   WriteKey(w, "realism");
                   WriteRealism(w, sim_->realism());
                   w.EndObject();
                 }));
  }
  if (path == "/admin/settings" && post) {
    absl::StatusOr<std::optional<Realism>> realism =
        RealismFrom(body, sim_->realism());
    if (!realism.ok()) return Error(400, realism.status().message());
    if (auto mode = GetString(body, "approval")) {
      std::optional<ApprovalMode> parsed = ParseApprovalMode(*mode);
      if (!parsed)
        return Error(400, "approval must be immediate, after-polls or manual");
      int polls = static_cast<int>(
          GetInt(body, "approve_after_status_polls").value_or(0));
      sim_->SetApproval(*parsed, polls);
    }
    if (auto order = GetString(body, "chain_order")) {
      std::optional<ChainOrder> parsed = ParseChainOrder(*order);
      if (!parsed) {
        return Error(400,
                     "chain_order must be leaf-first, root-first or shuffled");
      }
      sim_->SetChainOrder(*parsed);
    }
    if (*realism) sim_->SetRealism(**realism);
    return Ok();
  }
  return Error(404, absl::StrCat("no admin route ", req.method, " ", path));
}

}  // namespace sslstore_sim
