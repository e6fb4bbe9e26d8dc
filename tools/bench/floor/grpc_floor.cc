#include "tools/bench/floor/grpc_floor.h"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "grpcpp/alarm.h"
#include "grpcpp/server.h"
#include "tools/bench/common/bench_child.h"
#include "tools/bench/common/loopback_grpc_server.h"

namespace sslstore::bench {
namespace {

namespace v1 = sslstore::connector::v1;

// Writes `pacing.messages` records as they are released, one write at a
// time: the release or OnWriteDone starts the next ready write (as a
// connector reactor drains its queue), then Finish after the last.
class FloorWriter final
    : public grpc::ServerWriteReactor<v1::SyncCertificatesResponse> {
 public:
  explicit FloorWriter(Pacing pacing)
      : pacing_(pacing), start_(std::chrono::system_clock::now()) {
    FillRecord(response_.mutable_record());
    if (pacing_.messages == 0) {
      Done(grpc::Status::OK);
    } else if (pacing_.pace.count() == 0) {
      Release(pacing_.messages);
    } else if (pacing_.pacer == Pacer::kAlarm) {
      ArmAlarm(0);
    } else {
      pacer_thread_ = std::thread([this] { PaceLoop(); });
    }
  }

  void OnWriteDone(bool ok) override {
    int next = -1;
    bool finish = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      writing_ = false;
      if (!ok) {
        cancelled_ = true;
        finish = true;
      } else if (started_ < ready_) {
        writing_ = true;
        next = started_++;
      } else {
        finish = started_ == pacing_.messages;
      }
    }
    if (next >= 0) Write(next);
    if (finish) Done(ok ? grpc::Status::OK : Cancelled());
  }

  void OnCancel() override {
    bool finish = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      cancelled_ = true;
      finish = !writing_;
      due_.notify_one();
    }
    for (grpc::Alarm& alarm : alarms_) alarm.Cancel();
    if (finish) Done(Cancelled());
  }

  void OnDone() override {
    if (pacer_thread_.joinable()) {
      if (pacer_thread_.get_id() == std::this_thread::get_id()) {
        pacer_thread_.detach();
      } else {
        pacer_thread_.join();  // it stops at once when cancelled
      }
    }
    delete this;
  }

 private:
  static grpc::Status Cancelled() {
    return grpc::Status(grpc::StatusCode::CANCELLED, "cancelled");
  }

  int Bursts() const {
    return (pacing_.messages + pacing_.burst - 1) / pacing_.burst;
  }
  std::chrono::system_clock::time_point Due(int release) const {
    return start_ + pacing_.pace * pacing_.burst * (release + 1);
  }
  int BurstSize(int release) const {
    return std::min(pacing_.burst, pacing_.messages - release * pacing_.burst);
  }

  // Makes `count` more records ready; starts a write when none is running.
  void Release(int count) {
    int next = -1;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ready_ += count;
      if (!writing_ && !cancelled_ && started_ < ready_) {
        writing_ = true;
        next = started_++;
      }
    }
    if (next >= 0) Write(next);
  }

  // Alarm pacer: release `release`, then arm the next one. Two alarms
  // alternate: re-arming an alarm inside its own callback would replace the
  // running callback. A cancelled alarm's callback does not touch `this`.
  void ArmAlarm(int release) {
    alarms_[release % 2].Set(Due(release), [this, release](bool ok) {
      if (!ok) return;
      if (release + 1 < Bursts()) ArmAlarm(release + 1);
      Release(BurstSize(release));
    });
  }

  // Thread pacer; OnDone joins it.
  void PaceLoop() {
    for (int release = 0; release < Bursts(); ++release) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        if (due_.wait_until(lock, Due(release),
                            [this] { return cancelled_; })) {
          return;
        }
      }
      Release(BurstSize(release));
    }
  }

  void Write(int index) {
    v1::CertificateRecord* record = response_.mutable_record();
    record->set_ca_request_id(absl::StrCat(4500000 + index, "-TSS-88400000"));
    record->set_sslstore_order_id(4500000 + index);
    StartWrite(&response_);
  }

  // Finishes once.
  void Done(grpc::Status status) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (finished_) return;
      finished_ = true;
    }
    Finish(std::move(status));
  }

  const Pacing pacing_;
  const std::chrono::system_clock::time_point start_;
  v1::SyncCertificatesResponse response_;  // one write at a time
  grpc::Alarm alarms_[2];
  std::thread pacer_thread_;
  std::mutex mu_;
  std::condition_variable due_;  // wakes the pacer thread on cancel
  int ready_ = 0;                // released so far
  int started_ = 0;              // writes started
  bool writing_ = false;
  bool cancelled_ = false;
  bool finished_ = false;
};

}  // namespace

std::string FakePem(size_t bytes, int seed) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string pem = "-----BEGIN CERTIFICATE-----\n";
  const std::string end = "-----END CERTIFICATE-----\n";
  unsigned state = 2166136261u + static_cast<unsigned>(seed);
  size_t column = 0;
  while (pem.size() + end.size() + 1 < bytes) {
    state = state * 16777619u + 12345u;
    pem.push_back(kAlphabet[(state >> 13) & 63]);
    if (++column == 64) {
      pem.push_back('\n');
      column = 0;
    }
  }
  if (column != 0) pem.push_back('\n');
  return pem + end;
}

void FillRecord(v1::CertificateRecord* record) {
  record->set_ca_request_id("4500000-TSS-88400000");
  record->set_product_code("positivessl");
  record->set_status(v1::CERTIFICATE_STATUS_ISSUED);
  record->set_major_status("Active");
  record->set_minor_status("Issued");
  record->set_certificate_pem(FakePem(1800, 1));
  for (int i = 0; i < 2; ++i) {
    v1::ChainCertificate* chain = record->add_chain();
    chain->set_pem(FakePem(1500, 2 + i));
    chain->set_subject(i == 0 ? "CN=SSL Store Simulator Intermediate CA,O=Sim"
                              : "CN=SSL Store Simulator Root CA,O=Sim");
    chain->set_issuer("CN=SSL Store Simulator Root CA,O=Sim");
    chain->set_serial_number("5A1B2C3D4E5F60718293A4B5C6D7E8F9");
  }
  record->set_serial_number("0F1E2D3C4B5A69788796A5B4C3D2E1F0");
  record->set_subject("CN=order-4500000.seed.sim.test");
  record->set_issuer("CN=SSL Store Simulator Intermediate CA,O=Sim");
  record->set_common_name("order-4500000.seed.sim.test");
  record->add_sans("order-4500000.seed.sim.test");
  record->add_sans("www.order-4500000.seed.sim.test");
  record->mutable_not_before()->set_seconds(1767225600);
  record->mutable_not_after()->set_seconds(1798761600);
  record->mutable_order_expiry()->set_seconds(1798761600);
  record->mutable_purchase_date()->set_seconds(1767139200);
  record->set_sslstore_order_id(4500000);
  record->set_partner_order_id("TSS-88400000");
  record->set_custom_order_id("kf-4500000");
  record->set_vendor_order_id("1804500000");
}

grpc::ServerWriteReactor<v1::SyncCertificatesResponse>*
FloorService::SyncCertificates(grpc::CallbackServerContext*,
                               const v1::SyncCertificatesRequest*) {
  return new FloorWriter(pacing_);
}

int RunGrpcChild(int in, int out, const Pacing& pacing) {
  if (ReadLine(in) != "go") return 0;  // not needed
  FloorService service(pacing);
  int port = 0;
  std::unique_ptr<grpc::Server> server = StartLoopbackServer(&service, &port);
  if (server == nullptr) {
    WriteLine(out, "error");
    return 3;
  }
  WriteLine(out, absl::StrCat(port));
  while (ReadLine(in) == "usage") WriteLine(out, FormatUsage(ReadUsage()));
  server->Shutdown();
  return 0;
}

}  // namespace sslstore::bench
