#include "tools/sslstore-sim/simulator.h"

#include <cstdlib>
#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/sslstore-sim/admin_service.h"
#include "tools/sslstore-sim/http_server.h"

namespace sslstore_sim {

std::optional<ApprovalMode> ParseApprovalMode(absl::string_view name) {
  std::string n = absl::AsciiStrToLower(name);
  std::replace(n.begin(), n.end(), '_', '-');
  if (n == "immediate") return ApprovalMode::kImmediate;
  if (n == "after-polls") return ApprovalMode::kAfterPolls;
  if (n == "manual") return ApprovalMode::kManual;
  return std::nullopt;
}

std::optional<ChainOrder> ParseChainOrder(absl::string_view name) {
  std::string n = absl::AsciiStrToLower(name);
  std::replace(n.begin(), n.end(), '_', '-');
  if (n == "leaf-first") return ChainOrder::kLeafFirst;
  if (n == "root-first") return ChainOrder::kRootFirst;
  if (n == "shuffled") return ChainOrder::kShuffled;
  return std::nullopt;
}

Simulator::Simulator(SimulatorOptions options) : options_(std::move(options)) {}

Simulator::~Simulator() {
  if (https_) https_->Stop();
  if (admin_http_) admin_http_->Stop();
  https_.reset();
  admin_http_.reset();
  if (remove_state_dir_) {
    std::error_code ec;
    std::filesystem::remove_all(state_dir_, ec);
  }
}

absl::StatusOr<std::unique_ptr<Simulator>> Simulator::Start(
    SimulatorOptions options) {
  if (options.partner_code.empty() || options.auth_token.empty()) {
    return absl::InvalidArgumentError(
        "partner code and auth token are required");
  }
  std::unique_ptr<Simulator> sim(new Simulator(std::move(options)));
  const SimulatorOptions& opts = sim->options_;
  // State directory.
  if (opts.state_dir.empty()) {
    std::error_code ec;
    std::string tmpl =
        (std::filesystem::temp_directory_path(ec) / "sslstore-sim-XXXXXX")
            .string();
    if (mkdtemp(tmpl.data()) == nullptr) {
      return absl::InternalError("cannot create a temporary state directory");
    }
    sim->state_dir_ = tmpl;
    sim->remove_state_dir_ = true;
  } else {
    std::error_code ec;
    std::filesystem::create_directories(opts.state_dir, ec);
    if (ec) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot create state dir ", opts.state_dir));
    }
    sim->state_dir_ = std::filesystem::absolute(opts.state_dir, ec)
                          .lexically_normal()
                          .string();
    if (ec) sim->state_dir_ = opts.state_dir;
  }
  // CA and products.
  absl::StatusOr<std::unique_ptr<SimCa>> ca =
      SimCa::LoadOrCreate(sim->state_dir_);
  if (!ca.ok()) return ca.status();
  sim->ca_ = *std::move(ca);
  std::vector<SimProduct> products = opts.products;
  if (products.empty()) {
    absl::StatusOr<std::vector<SimProduct>> loaded =
        LoadCatalogProducts(opts.catalog_dir);
    if (!loaded.ok()) return loaded.status();
    products = *std::move(loaded);
  }
  sim->products_ = std::make_unique<ProductTable>(std::move(products));
  // State machine, faults, handlers.
  StoreSettings store_settings;
  store_settings.approval = opts.approval;
  store_settings.approve_after_status_polls = opts.approve_after_status_polls;
  store_settings.max_certificate_days = opts.max_certificate_days;
  store_settings.refund_window_days = opts.refund_window_days;
  store_settings.new_partner_order_id_on_reissue =
      opts.new_partner_order_id_on_reissue;
  store_settings.realism = opts.realism;
  sim->store_ = std::make_unique<OrderStore>(sim->ca_.get(), store_settings);
  sim->faults_ = std::make_unique<FaultInjector>(opts.seed);
  WbapiSettings wbapi;
  wbapi.partner_code = opts.partner_code;
  wbapi.auth_token = opts.auth_token;
  wbapi.chain_order = opts.chain_order;
  wbapi.seed = opts.seed;
  wbapi.query_ignores_bad_token = opts.query_ignores_bad_token;
  wbapi.numeric_ids_in_download = opts.numeric_ids_in_download;
  wbapi.realism = opts.realism;
  sim->service_ =
      std::make_unique<WbapiService>(sim->store_.get(), sim->products_.get(),
                                     sim->ca_.get(), sim->faults_.get(), wbapi);
  // Listeners.
  absl::StatusOr<TlsIdentity> identity =
      sim->ca_->IssueTlsIdentity(opts.server_names);
  if (!identity.ok()) return identity.status();
  HttpServerOptions https;
  https.address = opts.listen_address;
  https.port = opts.port;
  https.threads = std::max(1, opts.threads);
  https.tls = ServerTls{identity->chain_pem, identity->key_pem};
  WbapiService* service = sim->service_.get();
  absl::StatusOr<std::unique_ptr<HttpServer>> server = HttpServer::Start(
      https, [service](const HttpRequest& r) { return service->Handle(r); });
  if (!server.ok()) return server.status();
  sim->https_ = *std::move(server);
  if (opts.enable_admin) {
    sim->admin_ = std::make_unique<AdminService>(sim.get());
    HttpServerOptions admin;
    admin.address = "127.0.0.1";
    admin.port = opts.admin_port;
    admin.threads = 1;
    admin.body_limit = size_t{1} << 20;
    AdminService* admin_service = sim->admin_.get();
    absl::StatusOr<std::unique_ptr<HttpServer>> admin_server =
        HttpServer::Start(admin, [admin_service](const HttpRequest& r) {
          return admin_service->Handle(r);
        });
    if (!admin_server.ok()) return admin_server.status();
    sim->admin_http_ = *std::move(admin_server);
  }
  return sim;
}

uint16_t Simulator::port() const { return https_->port(); }

uint16_t Simulator::admin_port() const {
  return admin_http_ ? admin_http_->port() : 0;
}

std::string Simulator::base_url() const {
  std::string host =
      options_.listen_address == "0.0.0.0" || options_.listen_address.empty()
          ? "127.0.0.1"
          : options_.listen_address;
  if (absl::StrContains(host, ':')) host = absl::StrCat("[", host, "]");
  return absl::StrCat("https://", host, ":", port());
}

std::string Simulator::admin_url() const {
  return absl::StrCat("http://127.0.0.1:", admin_port());
}

std::string Simulator::ca_file() const { return ca_->ca_file(); }

std::string Simulator::root_pem() const { return ca_->root_pem(); }

std::string Simulator::intermediate_pem() const {
  return ca_->intermediate_pem();
}

absl::StatusOr<std::vector<int64_t>> Simulator::SeedOrders(
    const SeedSpec& spec) {
  return store_->Seed(spec);
}

absl::StatusOr<std::vector<int64_t>> Simulator::SeedOrders(
    int count, int active_weight, int pending_weight, int cancelled_weight) {
  SeedSpec spec;
  spec.count = count;
  spec.active_weight = active_weight;
  spec.pending_weight = pending_weight;
  spec.cancelled_weight = cancelled_weight;
  if (const SimProduct* p = products_->Find(spec.product_code)) {
    spec.product_name = p->name;
    spec.vendor_name = WbapiVendorName(*p);
  }
  return store_->Seed(spec);
}

std::vector<GroundTruthOrder> Simulator::GroundTruth() const {
  std::vector<GroundTruthOrder> out;
  for (const Order& o : store_->Snapshot()) {
    GroundTruthOrder g;
    g.id = o.id;
    g.partner_order_id = o.partner_order_id;
    g.custom_order_id = o.custom_order_id;
    g.product_code = o.product_code;
    g.major_status = o.major_status;
    g.minor_status = o.minor_status;
    g.common_name = o.common_name;
    g.names = o.names;
    if (o.certificate) {
      g.certificate_pem = o.certificate->pem;
      g.serial_hex = o.certificate->serial_hex;
      g.certificate_not_before = o.certificate->not_before;
      g.certificate_not_after = o.certificate->not_after;
    }
    g.purchase_date = o.purchase_date;
    g.order_expiry = o.order_expiry;
    g.is_renewal = o.is_renewal;
    g.related_order_id = o.related_order_id;
    g.reissue_count = o.reissue_count;
    g.reissue_pending = o.reissue_pending;
    g.refund_pending = o.refund_pending;
    g.admin_contact = o.admin_contact;
    g.technical_contact = o.technical_contact;
    g.organization_info = o.organization_info;
    for (const IssuedCertificate& c : o.previous_certificates) {
      g.previous_serials.push_back(c.serial_hex);
    }
    g.revoked_serials = o.revoked_serials;
    out.push_back(std::move(g));
  }
  return out;
}

absl::Status Simulator::ApproveOrder(int64_t id) { return store_->Approve(id); }

absl::Status Simulator::CancelOrder(int64_t id) { return store_->Cancel(id); }

void Simulator::SetFaults(FaultConfig faults) {
  faults_->Set(std::move(faults));
}

void Simulator::ClearFaults() { faults_->Clear(); }

void Simulator::Reset() {
  store_->Reset();
  faults_->Clear();
  service_->ResetCallCounts();
  service_->ClearUnknownMembers();
}

void Simulator::SetApproval(ApprovalMode mode, int approve_after_status_polls) {
  store_->SetApproval(mode, approve_after_status_polls);
}

void Simulator::SetChainOrder(ChainOrder order) {
  service_->SetChainOrder(order);
}

void Simulator::SetRealism(const Realism& realism) {
  // The store first: a call that sees the service's new knobs then finds the
  // store's too.
  store_->SetRealism(realism);
  service_->SetRealism(realism);
}

Realism Simulator::realism() const { return service_->realism(); }

std::vector<UnknownMember> Simulator::UnknownMembers() const {
  std::vector<UnknownMember> out;
  for (const auto& [key, count] : service_->UnknownMembers()) {
    out.push_back(UnknownMember{key.first, key.second, count});
  }
  return out;
}

std::vector<std::string> Simulator::UnknownMemberLines() const {
  std::vector<std::string> lines;
  for (const UnknownMember& member : UnknownMembers()) {
    lines.push_back(absl::StrCat(member.endpoint, " ", member.path));
  }
  return lines;
}

void Simulator::ClearUnknownMembers() { service_->ClearUnknownMembers(); }

absl::Status Simulator::CompleteRefund(int64_t id) {
  return store_->CompleteRefund(id);
}

std::map<std::string, int64_t> Simulator::CallCounts() const {
  return service_->CallCounts();
}

void Simulator::BeforeCall(std::string endpoint, int64_t nth,
                           std::function<void()> action) {
  service_->BeforeCall(std::move(endpoint), nth, std::move(action));
}

int64_t Simulator::CallCount(const std::string& endpoint) const {
  std::map<std::string, int64_t> counts = service_->CallCounts();
  auto it = counts.find(endpoint);
  return it == counts.end() ? 0 : it->second;
}

int64_t Simulator::FaultsFired() const { return faults_->fired(); }

}  // namespace sslstore_sim
