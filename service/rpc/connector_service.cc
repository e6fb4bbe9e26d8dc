#include "service/rpc/connector_service.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "service/enroll/enroll_handler.h"
#include "service/rpc/account_handlers.h"
#include "service/rpc/certificate_handlers.h"
#include "service/rpc/connection_handlers.h"
#include "service/server/error_reason.h"
#include "service/server/grpc_status.h"
#include "service/server/request_limits.h"
#include "service/server/routing_key.h"
#include "service/server/unary_job.h"
#include "service/sync/sync_reactor.h"
#include "service/upstream/upstream_connection.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;

// Finishes a unary call at once with `status`.
grpc::ServerUnaryReactor* FinishWith(grpc::CallbackServerContext* context,
                                     const grpc::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(status);
  return reactor;
}

}  // namespace

ConnectorServiceImpl::ConnectorServiceImpl(ServiceDeps deps,
                                           const CallerAuthenticator& auth,
                                           const LimitsConfig& limits)
    : deps_(deps),
      auth_(auth),
      limits_(limits),
      catalog_handlers_(deps.catalog) {}

grpc::Status ConnectorServiceImpl::Admit(
    const grpc::CallbackServerContext& context,
    const google::protobuf::Message& request) const {
  grpc::Status authenticated = auth_.Check(context);
  if (!authenticated.ok()) return authenticated;
  return ToGrpcStatus(CheckRequestLimits(request, limits_));
}

grpc::ServerUnaryReactor* ConnectorServiceImpl::Ping(
    grpc::CallbackServerContext* context, const v1::PingRequest* request,
    v1::PingResponse* response) {
  if (grpc::Status refused = Admit(*context, *request); !refused.ok()) {
    return FinishWith(context, refused);
  }
  return RunUnaryJob(
      context, deps_.workers, [this, request, response](CallScope& scope) {
        return WithConnection(HandlePing(deps_, scope, *request, response),
                              ConnectionLabel(request->connection()));
      });
}

grpc::ServerUnaryReactor* ConnectorServiceImpl::ValidateConnection(
    grpc::CallbackServerContext* context,
    const v1::ValidateConnectionRequest* request,
    v1::ValidateConnectionResponse* response) {
  if (grpc::Status refused = Admit(*context, *request); !refused.ok()) {
    return FinishWith(context, refused);
  }
  return RunUnaryJob(
      context, deps_.workers, [this, request, response](CallScope& scope) {
        return HandleValidateConnection(deps_, scope, *request, response);
      });
}

grpc::ServerUnaryReactor* ConnectorServiceImpl::ListProducts(
    grpc::CallbackServerContext* context,
    const v1::ListProductsRequest* request,
    v1::ListProductsResponse* response) {
  if (grpc::Status refused = Admit(*context, *request); !refused.ok()) {
    return FinishWith(context, refused);
  }
  return FinishWith(context,
                    catalog_handlers_.ListProducts(*request, response));
}

grpc::ServerUnaryReactor* ConnectorServiceImpl::GetProduct(
    grpc::CallbackServerContext* context, const v1::GetProductRequest* request,
    v1::GetProductResponse* response) {
  if (grpc::Status refused = Admit(*context, *request); !refused.ok()) {
    return FinishWith(context, refused);
  }
  return FinishWith(context, catalog_handlers_.GetProduct(*request, response));
}

grpc::ServerUnaryReactor* ConnectorServiceImpl::ValidateProduct(
    grpc::CallbackServerContext* context,
    const v1::ValidateProductRequest* request,
    v1::ValidateProductResponse* response) {
  if (grpc::Status refused = Admit(*context, *request); !refused.ok()) {
    return FinishWith(context, refused);
  }
  return FinishWith(context,
                    catalog_handlers_.ValidateProduct(*request, response));
}

grpc::ServerUnaryReactor* ConnectorServiceImpl::GetConnectorAnnotations(
    grpc::CallbackServerContext* context,
    const v1::GetConnectorAnnotationsRequest* request,
    v1::GetConnectorAnnotationsResponse* response) {
  if (grpc::Status refused = Admit(*context, *request); !refused.ok()) {
    return FinishWith(context, refused);
  }
  return FinishWith(
      context, catalog_handlers_.GetConnectorAnnotations(*request, response));
}

grpc::ServerUnaryReactor* ConnectorServiceImpl::GetTemplateParameterAnnotations(
    grpc::CallbackServerContext* context,
    const v1::GetTemplateParameterAnnotationsRequest* request,
    v1::GetTemplateParameterAnnotationsResponse* response) {
  if (grpc::Status refused = Admit(*context, *request); !refused.ok()) {
    return FinishWith(context, refused);
  }
  return FinishWith(context, catalog_handlers_.GetTemplateParameterAnnotations(
                                 *request, response));
}

grpc::ServerUnaryReactor* ConnectorServiceImpl::ListApproverEmails(
    grpc::CallbackServerContext* context,
    const v1::ListApproverEmailsRequest* request,
    v1::ListApproverEmailsResponse* response) {
  if (grpc::Status refused = Admit(*context, *request); !refused.ok()) {
    return FinishWith(context, refused);
  }
  return RunUnaryJob(
      context, deps_.workers, [this, request, response](CallScope& scope) {
        return WithConnection(
            HandleListApproverEmails(deps_, scope, *request, response),
            ConnectionLabel(request->connection()));
      });
}

grpc::ServerUnaryReactor* ConnectorServiceImpl::ListOrganizations(
    grpc::CallbackServerContext* context,
    const v1::ListOrganizationsRequest* request,
    v1::ListOrganizationsResponse* response) {
  if (grpc::Status refused = Admit(*context, *request); !refused.ok()) {
    return FinishWith(context, refused);
  }
  return RunUnaryJob(
      context, deps_.workers, [this, request, response](CallScope& scope) {
        return WithConnection(
            HandleListOrganizations(deps_, scope, *request, response),
            ConnectionLabel(request->connection()));
      });
}

grpc::ServerUnaryReactor* ConnectorServiceImpl::Enroll(
    grpc::CallbackServerContext* context, const v1::EnrollRequest* request,
    v1::EnrollResponse* response) {
  if (grpc::Status refused = Admit(*context, *request); !refused.ok()) {
    return FinishWith(context, refused);
  }
  if (grpc::Status refused = CheckRoutingKey(*context, request->request_id());
      !refused.ok()) {
    return FinishWith(context, refused);
  }
  return RunAsyncUnaryJob(
      context, deps_.workers,
      [this, request, response](const std::shared_ptr<CallScope>& scope,
                                const UnaryDone& done) {
        const std::string connection = ConnectionLabel(request->connection());
        enroll::StartEnroll(deps_, scope, *request, response,
                            [done, connection](const absl::Status& status) {
                              done(WithConnection(status, connection));
                            });
      });
}

grpc::ServerUnaryReactor* ConnectorServiceImpl::GetCertificate(
    grpc::CallbackServerContext* context,
    const v1::GetCertificateRequest* request,
    v1::GetCertificateResponse* response) {
  if (grpc::Status refused = Admit(*context, *request); !refused.ok()) {
    return FinishWith(context, refused);
  }
  return RunUnaryJob(
      context, deps_.workers, [this, request, response](CallScope& scope) {
        return WithConnection(
            HandleGetCertificate(deps_, scope, *request, response),
            ConnectionLabel(request->connection()));
      });
}

grpc::ServerUnaryReactor* ConnectorServiceImpl::RevokeCertificate(
    grpc::CallbackServerContext* context,
    const v1::RevokeCertificateRequest* request,
    v1::RevokeCertificateResponse* response) {
  if (grpc::Status refused = Admit(*context, *request); !refused.ok()) {
    return FinishWith(context, refused);
  }
  return RunUnaryJob(
      context, deps_.workers, [this, request, response](CallScope& scope) {
        return WithConnection(
            HandleRevokeCertificate(deps_, scope, *request, response),
            ConnectionLabel(request->connection()));
      });
}

grpc::ServerWriteReactor<v1::SyncCertificatesResponse>*
ConnectorServiceImpl::SyncCertificates(
    grpc::CallbackServerContext* context,
    const v1::SyncCertificatesRequest* request) {
  if (grpc::Status refused = Admit(*context, *request); !refused.ok()) {
    return FinishedSyncStream(refused);
  }
  return StartSync(deps_, context, request);
}

}  // namespace sslstore::service
