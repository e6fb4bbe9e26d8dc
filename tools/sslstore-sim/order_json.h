// Renders WBAPI response pieces: the AuthResponse (nested or flat), the
// OrderResponse members of an order, and the download's Certificates.
#ifndef TOOLS_SSLSTORE_SIM_ORDER_JSON_H_
#define TOOLS_SSLSTORE_SIM_ORDER_JSON_H_

#include <optional>
#include <string>
#include <vector>

#include "tools/sslstore-sim/order.h"
#include "tools/sslstore-sim/sim_json.h"
#include "tools/sslstore-sim/wbapi_dates.h"

namespace sslstore_sim {

// What goes into an AuthResponse.
struct AuthInfo {
  bool is_error = false;
  std::vector<std::string> messages;
  std::optional<std::string> replay_token;  // echoed; null when absent
  std::string partner_code;                 // InvokingPartnerCode
  DateCulture culture = DateCulture::kEnUs;
};

// Writes the members isError, Message, Timestamp, ReplayToken,
// InvokingPartnerCode into the current object (flat envelope).
void WriteAuthMembers(JsonWriter& w, const AuthInfo& auth);

// Writes "AuthResponse": {...} into the current object.
void WriteAuthResponse(JsonWriter& w, const AuthInfo& auth);

// Writes every OrderResponse member of `order` except AuthResponse.
void WriteOrderMembers(JsonWriter& w, const Order& order, DateCulture culture);

// Writes the members an error OrderResponse carries besides AuthResponse
// (TheSSLStoreOrderID, PartnerOrderID and OrderStatus, all null).
void WriteNullOrderMembers(JsonWriter& w);

// Writes one certificate download entry {FileName, FileContent}.
void WriteCertificateEntry(JsonWriter& w, const std::string& file_name,
                           const std::string& pem);

// "host_example_com.crt" for "*.example.com" style names.
std::string LeafFileName(const std::string& common_name);

}  // namespace sslstore_sim

#endif  // TOOLS_SSLSTORE_SIM_ORDER_JSON_H_
