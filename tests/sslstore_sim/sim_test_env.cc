#include "tests/sslstore_sim/sim_test_env.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace sslstore_sim_test {

std::string JsonString(const std::string& s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.String(s);
  return std::string(buf.GetString(), buf.GetSize());
}

rapidjson::Document ParseJson(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  return doc;
}

std::string Str(const rapidjson::Value& v, const char* name) {
  if (!v.IsObject() || !v.HasMember(name) || !v[name].IsString()) return "";
  return v[name].GetString();
}

namespace {
const rapidjson::Value* Auth(const rapidjson::Value& v) {
  if (!v.IsObject()) return nullptr;
  if (v.HasMember("AuthResponse") && v["AuthResponse"].IsObject()) {
    return &v["AuthResponse"];
  }
  return &v;
}
}  // namespace

bool IsError(const rapidjson::Value& v) {
  const rapidjson::Value* a = Auth(v);
  return a != nullptr && a->HasMember("isError") && (*a)["isError"].IsBool() &&
         (*a)["isError"].GetBool();
}

std::string FirstMessage(const rapidjson::Value& v) {
  const rapidjson::Value* a = Auth(v);
  if (a == nullptr || !a->HasMember("Message") || !(*a)["Message"].IsArray() ||
      (*a)["Message"].Empty() || !(*a)["Message"][0].IsString()) {
    return "";
  }
  return (*a)["Message"][0].GetString();
}

void SimTest::StartSim(sslstore_sim::SimulatorOptions options) {
  auto sim = sslstore_sim::Simulator::Start(std::move(options));
  ASSERT_TRUE(sim.ok()) << sim.status();
  sim_ = *std::move(sim);
  client_ = std::make_unique<TestHttpClient>(sim_->port(), sim_->ca_file());
  admin_ = std::make_unique<TestHttpClient>(sim_->admin_port(), "");
}

std::string SimTest::Body(const std::string& members) const {
  std::string body =
      R"({"AuthRequest":{"PartnerCode":"SIMPARTNER","AuthToken":"sim-token"})";
  if (!members.empty()) absl::StrAppend(&body, ",", members);
  return body + "}";
}

rapidjson::Document SimTest::Call(const std::string& endpoint,
                                  const std::string& body) {
  rapidjson::Document doc;
  auto reply = client_->Post("/rest/" + endpoint, body);
  EXPECT_TRUE(reply.ok()) << reply.status();
  if (!reply.ok()) return doc;
  EXPECT_EQ(reply->status, 200) << reply->body;
  doc.Parse(reply->body.data(), reply->body.size());
  EXPECT_FALSE(doc.HasParseError()) << reply->body;
  return doc;
}

rapidjson::Document SimTest::NewOrder(NewOrderSpec spec) {
  if (spec.csr_pem.empty()) {
    auto csr = MakeCsr(KeyKind::kEcP256, spec.common_name, spec.dns_names);
    EXPECT_TRUE(csr.ok());
    if (csr.ok()) last_csr_ = *csr;
    spec.csr_pem = last_csr_.pem;
  }
  std::vector<std::string> names;
  for (const std::string& n : spec.dns_names) names.push_back(JsonString(n));
  std::string members = absl::StrCat(
      R"("ProductCode":)", JsonString(spec.product), R"(,"ValidityPeriod":)",
      spec.validity, R"(,"ServerCount":1,"CSR":)", JsonString(spec.csr_pem),
      R"(,"DomainName":)", JsonString(spec.common_name),
      R"(,"WebServerType":"Other","DNSNames":[)", absl::StrJoin(names, ","),
      R"(],"isCUOrder":false)",
      R"(,"AdminContact":{"Email":"admin@example.com"},"ApproverEmail":)",
      JsonString(spec.approver), R"(,"SignatureHashAlgorithm":"PREFER_SHA2")");
  if (!spec.custom_order_id.empty()) {
    absl::StrAppend(&members, R"(,"CustomOrderID":)",
                    JsonString(spec.custom_order_id));
  }
  members += spec.extra;
  return Call("order/neworder", Body(members));
}

rapidjson::Document SimTest::Status(const std::string& id) {
  return Call("order/status",
              Body(absl::StrCat(R"("TheSSLStoreOrderID":)", JsonString(id))));
}

rapidjson::Document SimTest::Admin(const std::string& method,
                                   const std::string& path,
                                   const std::string& body, int expect_status) {
  auto r = admin_->Request(method, path, body, absl::Seconds(60));
  EXPECT_TRUE(r.ok()) << r.status();
  rapidjson::Document doc;
  if (!r.ok()) return doc;
  EXPECT_EQ(r->status, expect_status) << path << ": " << r->body;
  doc.Parse(r->body.data(), r->body.size());
  return doc;
}

}  // namespace sslstore_sim_test
