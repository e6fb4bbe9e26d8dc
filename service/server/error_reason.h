#ifndef SERVICE_SERVER_ERROR_REASON_H_
#define SERVICE_SERVER_ERROR_REASON_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"
#include "google/rpc/error_details.pb.h"
#include "sslstore/connector/v1/errors.pb.h"

namespace sslstore::service {

// The `domain` of every google.rpc.ErrorInfo the connector sends.
inline constexpr char kErrorDomain[] = "sslstore-connector.v1";

// ErrorInfo metadata keys (documented on sslstore.connector.v1.ErrorReason).
// The connection's configured name, or "inline".
inline constexpr char kConnectionMetadataKey[] = "connection";
// The WBAPI path of the SSL Store call that failed.
inline constexpr char kSslStoreEndpointMetadataKey[] = "sslstore_endpoint";
// SSL Store's ErrorCode.
inline constexpr char kSslStoreErrorCodeMetadataKey[] = "sslstore_error_code";
// The HTTP status of SSL Store's last answer.
inline constexpr char kSslStoreHttpStatusMetadataKey[] = "sslstore_http_status";

// Returns `status` tagged with the reason its caller will see in the
// ErrorInfo (ToGrpcStatus derives one from the code and the SSL Store
// client's facts when none is tagged). An OK status stays OK.
absl::Status WithReason(absl::Status status,
                        sslstore::connector::v1::ErrorReason reason);

// Returns `status` with `connection` as the ErrorInfo's "connection"
// metadata, unless it already names one. An OK status stays OK.
absl::Status WithConnection(absl::Status status, absl::string_view connection);

// Returns `status` carrying `detail`, which ToGrpcStatus packs into the
// google.rpc.Status details (e.g. a SyncResumeInfo). An OK status stays OK.
absl::Status WithDetail(absl::Status status,
                        const google::protobuf::Message& detail);

// The reason and metadata tagged on `status` so far (reason empty when
// none was tagged; no domain).
google::rpc::ErrorInfo TaggedErrorInfo(const absl::Status& status);

}  // namespace sslstore::service

#endif  // SERVICE_SERVER_ERROR_REASON_H_
