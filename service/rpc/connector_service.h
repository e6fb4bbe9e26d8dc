#ifndef SERVICE_RPC_CONNECTOR_SERVICE_H_
#define SERVICE_RPC_CONNECTOR_SERVICE_H_

#include "catalog/catalog.h"
#include "service/config/server_config.h"
#include "service/rpc/catalog_handlers.h"
#include "service/server/caller_auth.h"
#include "service/upstream/service_deps.h"
#include "sslstore/connector/v1/connector_service.grpc.pb.h"

namespace sslstore::service {

// `sslstore.connector.v1.ConnectorService` on gRPC's callback API. Reactors
// never block: catalog RPCs finish on the calling thread; CA-facing unary
// RPCs run on the worker pool (see unary_job.h).
class ConnectorServiceImpl final
    : public sslstore::connector::v1::ConnectorService::CallbackService {
 public:
  // `deps`, `auth` and `limits` must outlive the service. Every call is
  // first admitted: its bearer token checked by `auth` (UNAUTHENTICATED
  // when wrong) and its fields checked against `limits` (INVALID_ARGUMENT
  // naming the field).
  ConnectorServiceImpl(ServiceDeps deps, const CallerAuthenticator& auth,
                       const LimitsConfig& limits);

  grpc::ServerUnaryReactor* Ping(
      grpc::CallbackServerContext* context,
      const sslstore::connector::v1::PingRequest* request,
      sslstore::connector::v1::PingResponse* response) override;
  grpc::ServerUnaryReactor* ValidateConnection(
      grpc::CallbackServerContext* context,
      const sslstore::connector::v1::ValidateConnectionRequest* request,
      sslstore::connector::v1::ValidateConnectionResponse* response) override;
  grpc::ServerUnaryReactor* ListProducts(
      grpc::CallbackServerContext* context,
      const sslstore::connector::v1::ListProductsRequest* request,
      sslstore::connector::v1::ListProductsResponse* response) override;
  grpc::ServerUnaryReactor* GetProduct(
      grpc::CallbackServerContext* context,
      const sslstore::connector::v1::GetProductRequest* request,
      sslstore::connector::v1::GetProductResponse* response) override;
  grpc::ServerUnaryReactor* ValidateProduct(
      grpc::CallbackServerContext* context,
      const sslstore::connector::v1::ValidateProductRequest* request,
      sslstore::connector::v1::ValidateProductResponse* response) override;
  grpc::ServerUnaryReactor* GetConnectorAnnotations(
      grpc::CallbackServerContext* context,
      const sslstore::connector::v1::GetConnectorAnnotationsRequest* request,
      sslstore::connector::v1::GetConnectorAnnotationsResponse* response)
      override;
  grpc::ServerUnaryReactor* GetTemplateParameterAnnotations(
      grpc::CallbackServerContext* context,
      const sslstore::connector::v1::GetTemplateParameterAnnotationsRequest*
          request,
      sslstore::connector::v1::GetTemplateParameterAnnotationsResponse*
          response) override;
  grpc::ServerUnaryReactor* ListApproverEmails(
      grpc::CallbackServerContext* context,
      const sslstore::connector::v1::ListApproverEmailsRequest* request,
      sslstore::connector::v1::ListApproverEmailsResponse* response) override;
  grpc::ServerUnaryReactor* ListOrganizations(
      grpc::CallbackServerContext* context,
      const sslstore::connector::v1::ListOrganizationsRequest* request,
      sslstore::connector::v1::ListOrganizationsResponse* response) override;
  grpc::ServerUnaryReactor* Enroll(
      grpc::CallbackServerContext* context,
      const sslstore::connector::v1::EnrollRequest* request,
      sslstore::connector::v1::EnrollResponse* response) override;
  grpc::ServerUnaryReactor* GetCertificate(
      grpc::CallbackServerContext* context,
      const sslstore::connector::v1::GetCertificateRequest* request,
      sslstore::connector::v1::GetCertificateResponse* response) override;
  grpc::ServerUnaryReactor* RevokeCertificate(
      grpc::CallbackServerContext* context,
      const sslstore::connector::v1::RevokeCertificateRequest* request,
      sslstore::connector::v1::RevokeCertificateResponse* response) override;
  grpc::ServerWriteReactor<sslstore::connector::v1::SyncCertificatesResponse>*
  SyncCertificates(
      grpc::CallbackServerContext* context,
      const sslstore::connector::v1::SyncCertificatesRequest* request) override;

 private:
  // OK when the call may proceed; otherwise the status to finish it with.
  grpc::Status Admit(const grpc::CallbackServerContext& context,
                     const google::protobuf::Message& request) const;

  ServiceDeps deps_;
  const CallerAuthenticator& auth_;
  const LimitsConfig& limits_;
  CatalogHandlers catalog_handlers_;
};

}  // namespace sslstore::service

#endif  // SERVICE_RPC_CONNECTOR_SERVICE_H_
