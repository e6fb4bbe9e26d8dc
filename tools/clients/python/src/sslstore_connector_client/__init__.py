"""Typed Python client of the SSL Store connector (sslstore.connector.v1).

Installed as the wheel that tools/clients/python/build_wheel.sh builds: it
carries this helper, the message modules generated from proto/ by
`buf generate` (*_pb2.py with their *_pb2.pyi type stubs, *_pb2_grpc.py)
and the google.rpc Status/error_details modules the errors carry.

    import sslstore_connector_client as ssc

    with ssc.connect("127.0.0.1:50051", ca_file="ca.pem",
                     token=ssc.read_token_file("token")) as client:
        products = client.stub.ListProducts(ssc.v1.ListProductsRequest())

Needs grpcio and protobuf (Debian: python3-grpcio, python3-protobuf).
`client.stub` is typed (ConnectorStub: request and response message types of
every RPC); grpc itself has no type stubs on Debian, see README.md.
"""

from __future__ import annotations

from types import TracebackType
from typing import (Any, Callable, Dict, Iterator, List, NamedTuple,
                    Optional, Protocol, Sequence, Tuple, Type, TypeVar, Union)

import grpc

from google.rpc import error_details_pb2
from google.rpc import status_pb2
from sslstore.connector.v1 import catalog_pb2
from sslstore.connector.v1 import certificate_pb2
from sslstore.connector.v1 import connection_pb2
from sslstore.connector.v1 import connector_service_pb2 as v1
from sslstore.connector.v1 import connector_service_pb2_grpc as v1_grpc
from sslstore.connector.v1 import enrollment_pb2
from sslstore.connector.v1 import sync_pb2

__all__ = [
    "ConnectorClient", "ConnectorStub", "ErrorInfo", "Metadata",
    "ResponseStream", "StreamCall", "UnaryCall", "connect", "read_token_file",
    "bad_request", "bad_request_violations", "error_info", "sync_resume_info",
    "status_details", "REQUEST_ID_METADATA_KEY", "enroll_metadata", "v1",
    "v1_grpc", "catalog_pb2", "certificate_pb2", "connection_pb2",
    "enrollment_pb2", "sync_pb2", "ConnectionRef", "ConnectionConfig",
    "SanList", "CertificateStatus", "EnrollmentType", "EnrollmentAction",
    "DcvMethod"
]

# The message types of other files, reachable as ssc.<Name> for convenience.
ConnectionRef = connection_pb2.ConnectionRef
ConnectionConfig = connection_pb2.ConnectionConfig
SanList = enrollment_pb2.SanList
CertificateStatus = certificate_pb2.CertificateStatus
EnrollmentType = enrollment_pb2.EnrollmentType
EnrollmentAction = enrollment_pb2.EnrollmentAction
DcvMethod = enrollment_pb2.DcvMethod

_STATUS_DETAILS_KEY = "grpc-status-details-bin"

# Metadata carrying Enroll's idempotency key (EnrollRequest.request_id), for
# load balancers that route on it (README, "Running several replicas").
REQUEST_ID_METADATA_KEY = "x-sslstore-request-id"

# Call metadata: (key, value) pairs; values of "-bin" keys are bytes.
Metadata = Sequence[Tuple[str, Union[str, bytes]]]

_Request = TypeVar("_Request", contravariant=True)
_Response = TypeVar("_Response", covariant=True)


class UnaryCall(Protocol[_Request, _Response]):
    """A unary RPC of the stub: call it with the request message."""

    def __call__(self, request: _Request, timeout: Optional[float] = None,
                 metadata: Optional[Metadata] = None,
                 wait_for_ready: Optional[bool] = None) -> _Response:
        ...


class ResponseStream(Protocol[_Response]):
    """The responses of a server-streaming RPC, in order; cancel() ends the
    call (the iteration then raises grpc.RpcError with CANCELLED)."""

    def __iter__(self) -> Iterator[_Response]:
        ...

    def __next__(self) -> _Response:
        ...

    def cancel(self) -> bool:
        ...


class StreamCall(Protocol[_Request, _Response]):
    """A server-streaming RPC of the stub: call it with the request message."""

    def __call__(self, request: _Request, timeout: Optional[float] = None,
                 metadata: Optional[Metadata] = None,
                 wait_for_ready: Optional[bool] = None
                 ) -> ResponseStream[_Response]:
        ...


class ConnectorStub:
    """The ConnectorService stub with a type for every RPC.

    The calls are those of the generated v1_grpc.ConnectorServiceStub; only
    their types are declared here (grpc_python_plugin writes no type stubs).
    """

    Ping: UnaryCall[v1.PingRequest, v1.PingResponse]
    ValidateConnection: UnaryCall[v1.ValidateConnectionRequest,
                                  v1.ValidateConnectionResponse]
    ListProducts: UnaryCall[v1.ListProductsRequest, v1.ListProductsResponse]
    GetProduct: UnaryCall[v1.GetProductRequest, v1.GetProductResponse]
    ValidateProduct: UnaryCall[v1.ValidateProductRequest,
                               v1.ValidateProductResponse]
    GetConnectorAnnotations: UnaryCall[v1.GetConnectorAnnotationsRequest,
                                       v1.GetConnectorAnnotationsResponse]
    GetTemplateParameterAnnotations: UnaryCall[
        v1.GetTemplateParameterAnnotationsRequest,
        v1.GetTemplateParameterAnnotationsResponse]
    ListApproverEmails: UnaryCall[v1.ListApproverEmailsRequest,
                                  v1.ListApproverEmailsResponse]
    ListOrganizations: UnaryCall[v1.ListOrganizationsRequest,
                                 v1.ListOrganizationsResponse]
    Enroll: UnaryCall[v1.EnrollRequest, v1.EnrollResponse]
    GetCertificate: UnaryCall[v1.GetCertificateRequest,
                              v1.GetCertificateResponse]
    RevokeCertificate: UnaryCall[v1.RevokeCertificateRequest,
                                 v1.RevokeCertificateResponse]
    SyncCertificates: StreamCall[v1.SyncCertificatesRequest,
                                 v1.SyncCertificatesResponse]

    def __init__(self, channel: grpc.Channel) -> None:
        generated = _GENERATED_STUB(channel)
        for method in v1.DESCRIPTOR.services_by_name[
                "ConnectorService"].methods:
            setattr(self, method.name, getattr(generated, method.name))


# The generated stub class (untyped module): called through a typed name.
_GENERATED_STUB: Callable[[grpc.Channel], Any] = v1_grpc.ConnectorServiceStub


class _CallDetails(NamedTuple):
    """Call details with added metadata (grpc's own type is private)."""
    method: str
    timeout: Optional[float]
    metadata: Optional[Metadata]
    credentials: Any
    wait_for_ready: Optional[bool]
    compression: Any


_Continuation = Callable[[Any, Any], Any]


# grpc has no type stubs on Debian: its interceptor bases are Any to mypy
# (hence the ignores; intercept_channel needs instances of these classes).
class _BearerTokenInterceptor(
        grpc.UnaryUnaryClientInterceptor,  # type: ignore[misc]
        grpc.UnaryStreamClientInterceptor,  # type: ignore[misc]
        grpc.StreamUnaryClientInterceptor,  # type: ignore[misc]
        grpc.StreamStreamClientInterceptor):  # type: ignore[misc]
    """Adds `authorization: Bearer <token>` to every call's metadata.

    An interceptor (not call credentials) so that it also works on plaintext
    loopback channels. The token is kept out of repr() and of every message.
    """

    def __init__(self, token: str) -> None:
        self._header = ("authorization", "Bearer " + token)

    def __repr__(self) -> str:
        return "<_BearerTokenInterceptor token=***>"

    def _with_token(self, details: Any) -> Any:
        metadata = list(details.metadata or [])
        metadata.append(self._header)
        # grpc checks isinstance(details, grpc.ClientCallDetails) nowhere;
        # it reads the attributes.
        return _CallDetails(details.method, details.timeout, metadata,
                            details.credentials,
                            getattr(details, "wait_for_ready", None),
                            getattr(details, "compression", None))

    def intercept_unary_unary(self, continuation: _Continuation,
                              details: Any, request: Any) -> Any:
        return continuation(self._with_token(details), request)

    def intercept_unary_stream(self, continuation: _Continuation,
                               details: Any, request: Any) -> Any:
        return continuation(self._with_token(details), request)

    def intercept_stream_unary(self, continuation: _Continuation,
                               details: Any, requests: Any) -> Any:
        return continuation(self._with_token(details), requests)

    def intercept_stream_stream(self, continuation: _Continuation,
                                details: Any, requests: Any) -> Any:
        return continuation(self._with_token(details), requests)


class ConnectorClient:
    """A channel to the connector and its typed ConnectorService stub.

    Use as a context manager or call close(). `stub` has one method per RPC
    (e.g. stub.Enroll(request, timeout=60)); SyncCertificates returns an
    iterator of SyncCertificatesResponse messages.
    """

    def __init__(self, channel: grpc.Channel) -> None:
        self.channel = channel
        self.stub = ConnectorStub(channel)

    def close(self) -> None:
        """Closes the channel; calls in flight are cancelled."""
        self.channel.close()

    def __enter__(self) -> ConnectorClient:
        return self

    def __exit__(self, exc_type: Optional[Type[BaseException]],
                 exc: Optional[BaseException],
                 traceback: Optional[TracebackType]) -> None:
        self.close()


def read_token_file(path: str) -> str:
    """Returns the bearer token stored in `path` (trailing newline removed)."""
    with open(path, encoding="utf-8") as token_file:
        return token_file.read().strip()


def connect(target: str, ca_file: Optional[str] = None,
            client_cert: Optional[Tuple[str, str]] = None,
            token: Optional[str] = None, server_name: Optional[str] = None,
            options: Sequence[Tuple[str, Any]] = ()) -> ConnectorClient:
    """Opens a channel to the connector at `target` ("host:port").

    ca_file: PEM CA bundle to verify the server with; when set (or when a
      client certificate is given) the channel uses TLS, else plaintext.
    client_cert: (certificate file, key file), PEM, for mutual TLS.
    token: sent as `authorization: Bearer <token>` on every call.
    server_name: overrides the host name checked in the server certificate.
    options: extra grpc channel options, a sequence of (key, value).
    Returns a ConnectorClient; the channel connects lazily on the first call.
    """
    channel_options = list(options)
    if ca_file or client_cert:
        root = _read_bytes(ca_file) if ca_file else None
        cert = _read_bytes(client_cert[0]) if client_cert else None
        key = _read_bytes(client_cert[1]) if client_cert else None
        credentials = grpc.ssl_channel_credentials(
            root_certificates=root, private_key=key, certificate_chain=cert)
        if server_name:
            channel_options.append(
                ("grpc.ssl_target_name_override", server_name))
        channel = grpc.secure_channel(target, credentials,
                                      options=channel_options)
    else:
        channel = grpc.insecure_channel(target, options=channel_options)
    if token:
        channel = grpc.intercept_channel(channel,
                                         _BearerTokenInterceptor(token))
    return ConnectorClient(channel)


def enroll_metadata(request: v1.EnrollRequest) -> Metadata:
    """Call metadata for Enroll(`request`): its request_id as
    `x-sslstore-request-id` (nothing when the request_id is empty), so that
    a balancer hashing on it sends every retry to the same replica. A
    request_id that is not printable ASCII cannot be a metadata value and
    is not sent (the balancer then spreads the call like any other)."""
    if not request.request_id or not all(
            " " <= c <= "~" for c in request.request_id):
        return ()
    return ((REQUEST_ID_METADATA_KEY, request.request_id),)


def status_details(error: grpc.RpcError) -> List[Any]:
    """The google.rpc.Status details (google.protobuf.Any messages) of an
    RpcError, from its `grpc-status-details-bin` trailer; [] when none."""
    for key, value in error.trailing_metadata() or ():
        if key != _STATUS_DETAILS_KEY:
            continue
        status = status_pb2.Status()
        try:
            status.ParseFromString(value)
        except Exception:  # A malformed trailer is not a crash.
            return []
        return list(status.details)
    return []


_Detail = TypeVar("_Detail", error_details_pb2.BadRequest,
                  error_details_pb2.ErrorInfo, sync_pb2.SyncResumeInfo)


def _first_detail(error: grpc.RpcError,
                  detail_type: Type[_Detail]) -> Optional[_Detail]:
    for detail in status_details(error):
        message = detail_type()
        if detail.Unpack(message):
            return message
    return None


def bad_request(
        error: grpc.RpcError) -> Optional[error_details_pb2.BadRequest]:
    """The google.rpc.BadRequest detail of an RpcError; None when none.

    The connector answers invalid requests with INVALID_ARGUMENT and one
    field violation per problem.
    """
    return _first_detail(error, error_details_pb2.BadRequest)


def bad_request_violations(error: grpc.RpcError) -> List[Tuple[str, str]]:
    """Returns [(field, description)] from an RpcError's google.rpc.BadRequest
    ([] when it carries none)."""
    found = bad_request(error)
    if found is None:
        return []
    return [(v.field, v.description) for v in found.field_violations]


class ErrorInfo(NamedTuple):
    """google.rpc.ErrorInfo: `reason` is an sslstore.connector.v1.ErrorReason
    name (e.g. "UPSTREAM_REFUSED"), `domain` is "sslstore-connector.v1",
    `metadata` holds connection, sslstore_endpoint, sslstore_error_code,
    sslstore_http_status when known."""
    reason: str
    domain: str
    metadata: Dict[str, str]


def error_info(error: grpc.RpcError) -> Optional[ErrorInfo]:
    """The google.rpc.ErrorInfo of an RpcError (every error of the connector
    carries one); None when the error carries no ErrorInfo."""
    info = _first_detail(error, error_details_pb2.ErrorInfo)
    if info is None:
        return None
    return ErrorInfo(info.reason, info.domain, dict(info.metadata))


def sync_resume_info(
        error: grpc.RpcError) -> Optional[sync_pb2.SyncResumeInfo]:
    """The SyncResumeInfo of a SyncCertificates stream that ended with
    UNAVAILABLE: pass its resume_token in SyncCertificatesRequest to continue
    with the page that failed. None when the error carries none."""
    return _first_detail(error, sync_pb2.SyncResumeInfo)


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as source:
        return source.read()
