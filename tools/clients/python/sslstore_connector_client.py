"""Thin Python client of the SSL Store connector (sslstore.connector.v1).

The message and stub modules are generated from proto/ at build time by
protoc's python and grpc plugins (tests/polyglot/CMakeLists.txt writes them to
<build>/polyglot/python); put that directory and this one on PYTHONPATH:

    import sslstore_connector_client as ssc

    with ssc.connect("127.0.0.1:50051", ca_file="ca.pem",
                     bearer_token=ssc.read_token_file("token")) as client:
        products = client.stub.ListProducts(ssc.v1.ListProductsRequest())

Needs grpcio and protobuf (Debian: python3-grpcio, python3-protobuf).
"""

import collections

import grpc

from sslstore.connector.v1 import connector_service_pb2 as v1
from sslstore.connector.v1 import connector_service_pb2_grpc as v1_grpc
from sslstore.connector.v1 import catalog_pb2
from sslstore.connector.v1 import certificate_pb2
from sslstore.connector.v1 import connection_pb2
from sslstore.connector.v1 import enrollment_pb2
from sslstore.connector.v1 import sync_pb2

__all__ = [
    "ConnectorClient", "connect", "read_token_file", "bad_request_violations",
    "error_info", "REQUEST_ID_METADATA_KEY", "enroll_metadata",
    "v1", "v1_grpc", "catalog_pb2", "certificate_pb2", "connection_pb2",
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


class _CallDetails(
        collections.namedtuple(
            "_CallDetails", ("method", "timeout", "metadata", "credentials",
                             "wait_for_ready", "compression")),
        grpc.ClientCallDetails):
    """Call details with added metadata (grpc's own type is private)."""


class _BearerTokenInterceptor(grpc.UnaryUnaryClientInterceptor,
                              grpc.UnaryStreamClientInterceptor,
                              grpc.StreamUnaryClientInterceptor,
                              grpc.StreamStreamClientInterceptor):
    """Adds `authorization: Bearer <token>` to every call's metadata.

    An interceptor (not call credentials) so that it also works on plaintext
    loopback channels. The token is kept out of repr() and of every message.
    """

    def __init__(self, token):
        self._header = ("authorization", "Bearer " + token)

    def __repr__(self):
        return "<_BearerTokenInterceptor token=***>"

    def _with_token(self, details):
        metadata = list(details.metadata or [])
        metadata.append(self._header)
        return _CallDetails(details.method, details.timeout, metadata,
                            details.credentials,
                            getattr(details, "wait_for_ready", None),
                            getattr(details, "compression", None))

    def intercept_unary_unary(self, continuation, details, request):
        return continuation(self._with_token(details), request)

    def intercept_unary_stream(self, continuation, details, request):
        return continuation(self._with_token(details), request)

    def intercept_stream_unary(self, continuation, details, requests):
        return continuation(self._with_token(details), requests)

    def intercept_stream_stream(self, continuation, details, requests):
        return continuation(self._with_token(details), requests)


class ConnectorClient:
    """A channel to the connector and its ConnectorService stub.

    Use as a context manager or call close(). `stub` has one method per RPC
    (e.g. stub.Enroll(request, timeout=60)); SyncCertificates returns an
    iterator of SyncCertificatesResponse messages.
    """

    def __init__(self, channel):
        self.channel = channel
        self.stub = v1_grpc.ConnectorServiceStub(channel)

    def close(self):
        """Closes the channel; calls in flight are cancelled."""
        self.channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def read_token_file(path):
    """Returns the bearer token stored in `path` (trailing newline removed)."""
    with open(path, encoding="utf-8") as token_file:
        return token_file.read().strip()


def connect(target, ca_file=None, bearer_token=None, client_cert_file=None,
            client_key_file=None, server_name=None, options=()):
    """Opens a channel to the connector at `target` ("host:port").

    ca_file: PEM CA bundle to verify the server with; when set (or when a
      client certificate is given) the channel uses TLS, else plaintext.
    bearer_token: sent as `authorization: Bearer <token>` on every call.
    client_cert_file, client_key_file: PEM client certificate and key for
      mutual TLS.
    server_name: overrides the host name checked in the server certificate.
    options: extra grpc channel options, a sequence of (key, value).
    Returns a ConnectorClient; the channel connects lazily on the first call.
    """
    options = list(options)
    if ca_file or client_cert_file:
        root = _read_bytes(ca_file) if ca_file else None
        cert = _read_bytes(client_cert_file) if client_cert_file else None
        key = _read_bytes(client_key_file) if client_key_file else None
        credentials = grpc.ssl_channel_credentials(
            root_certificates=root, private_key=key, certificate_chain=cert)
        if server_name:
            options.append(("grpc.ssl_target_name_override", server_name))
        channel = grpc.secure_channel(target, credentials, options=options)
    else:
        channel = grpc.insecure_channel(target, options=options)
    if bearer_token:
        channel = grpc.intercept_channel(
            channel, _BearerTokenInterceptor(bearer_token))
    return ConnectorClient(channel)


def enroll_metadata(request):
    """Call metadata for Enroll(`request`): its request_id as
    `x-sslstore-request-id` (nothing when the request_id is empty), so that
    a balancer hashing on it sends every retry to the same replica. A
    request_id that is not printable ASCII cannot be a metadata value and
    is not sent (the balancer then spreads the call like any other)."""
    if not request.request_id or not all(
            " " <= c <= "~" for c in request.request_id):
        return ()
    return ((REQUEST_ID_METADATA_KEY, request.request_id),)


def _status_details(error):
    """The google.rpc.Status details (Any) of an RpcError; [] when none."""
    try:
        from google.rpc import status_pb2
    except ImportError:
        return []
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


def bad_request_violations(error):
    """Returns [(field, description)] from an RpcError's google.rpc.BadRequest.

    The connector answers invalid requests with INVALID_ARGUMENT and one
    field violation per problem in the `grpc-status-details-bin` trailer.
    Returns [] when the error carries no BadRequest detail (or when the
    google.rpc modules were not generated).
    """
    try:
        from google.rpc import error_details_pb2
    except ImportError:
        return []
    violations = []
    for detail in _status_details(error):
        bad_request = error_details_pb2.BadRequest()
        if detail.Unpack(bad_request):
            violations.extend((v.field, v.description)
                              for v in bad_request.field_violations)
    return violations


def error_info(error):
    """Returns (reason, domain, metadata) of an RpcError's google.rpc.ErrorInfo.

    Every error of the connector carries one: `reason` is an
    sslstore.connector.v1.ErrorReason name (e.g. "UPSTREAM_REFUSED"),
    `domain` is "sslstore-connector.v1", `metadata` a dict (connection,
    sslstore_endpoint, sslstore_error_code, sslstore_http_status). Returns
    None when the error carries no ErrorInfo.
    """
    try:
        from google.rpc import error_details_pb2
    except ImportError:
        return None
    for detail in _status_details(error):
        info = error_details_pb2.ErrorInfo()
        if detail.Unpack(info):
            return info.reason, info.domain, dict(info.metadata)
    return None


def _read_bytes(path):
    with open(path, "rb") as source:
        return source.read()
