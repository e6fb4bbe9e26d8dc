#!/usr/bin/python3
"""A small grpcurl stand-in: list, describe and call through server reflection.

Needs no .proto files of the target service: descriptors come from the
server's reflection service (grpc.reflection.v1alpha, the version gRPC 1.51
C++ serves). Its own reflection stubs are generated at build time into
<build>/polyglot/python (put that on PYTHONPATH).

    reflection_client.py [--ca-file F] [--token-file F] HOST:PORT list
    reflection_client.py ... HOST:PORT list sslstore.connector.v1.ConnectorService
    reflection_client.py ... HOST:PORT describe sslstore.connector.v1.EnrollRequest
    reflection_client.py ... HOST:PORT call \\
        sslstore.connector.v1.ConnectorService/ListProducts -d '{}'

`describe` prints services, methods, messages and enums in .proto syntax,
like grpcurl. `call` takes the request as JSON (-d; '@file' or '@-' read a
file or stdin) and prints each response message as JSON (server streams give
one JSON document per message). Exit status: 0, 1 on an RPC error (code and
message on stderr), 2 on bad usage.
"""

import argparse
import json
import sys

import grpc
from google.protobuf import descriptor_pb2
from google.protobuf import descriptor_pool
from google.protobuf import json_format
from google.protobuf import message_factory

# grpc/reflection/v1alpha/reflection.proto, generated under another module
# path: Debian's `grpc` package is a regular package that cannot be extended.
from grpc_reflection_v1alpha import reflection_pb2
from grpc_reflection_v1alpha import reflection_pb2_grpc

_LABELS = {
    descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED: "repeated ",
}
_SCALARS = {
    value: name[len("TYPE_"):].lower()
    for name, value in descriptor_pb2.FieldDescriptorProto.Type.items()
    if name not in ("TYPE_MESSAGE", "TYPE_ENUM", "TYPE_GROUP")
}


class ReflectionError(Exception):
    """The server's reflection service could not answer."""


class SchemaSource:
    """File descriptors fetched from a server's reflection service."""

    def __init__(self, channel, timeout=30, metadata=()):
        self._stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        self._timeout = timeout
        self._metadata = list(metadata)
        self._files = {}  # file name -> FileDescriptorProto
        self.pool = descriptor_pool.DescriptorPool()
        self._added = set()

    def _ask(self, **request_fields):
        request = reflection_pb2.ServerReflectionRequest(**request_fields)
        for response in self._stub.ServerReflectionInfo(
                iter([request]), timeout=self._timeout,
                metadata=self._metadata):
            if response.HasField("error_response"):
                raise ReflectionError(
                    response.error_response.error_message or
                    f"reflection error {response.error_response.error_code}")
            return response
        raise ReflectionError("the reflection stream ended without an answer")

    def list_services(self):
        """Fully qualified names of the services the server offers."""
        response = self._ask(list_services="")
        return sorted(s.name for s in response.list_services_response.service)

    def _store(self, response):
        for data in response.file_descriptor_response.file_descriptor_proto:
            file_proto = descriptor_pb2.FileDescriptorProto.FromString(data)
            self._files.setdefault(file_proto.name, file_proto)

    def _load(self, name):
        """Adds file `name` and its dependencies to the pool."""
        if name in self._added:
            return
        if name not in self._files:
            self._store(self._ask(file_by_filename=name))
        if name not in self._files:
            raise ReflectionError(f"the server did not send {name}")
        for dependency in self._files[name].dependency:
            self._load(dependency)
        self.pool.Add(self._files[name])
        self._added.add(name)

    def file_containing(self, symbol):
        """The FileDescriptorProto defining `symbol` (loaded into the pool)."""
        response = self._ask(file_containing_symbol=symbol)
        self._store(response)
        first = response.file_descriptor_response.file_descriptor_proto
        if not first:
            raise ReflectionError(f"no file defines {symbol}")
        name = descriptor_pb2.FileDescriptorProto.FromString(first[0]).name
        self._load(name)
        return self._files[name]


def _type_name(field):
    if field.type in (field.TYPE_MESSAGE, field.TYPE_ENUM):
        return field.type_name  # Fully qualified with a leading dot.
    return _SCALARS[field.type]


def _render_fields(message, indent, out):
    """Appends the fields (and oneofs) of DescriptorProto `message`."""
    entries = {
        nested.name: nested
        for nested in message.nested_type if nested.options.map_entry
    }
    pad = "  " * indent
    emitted_oneofs = set()
    for field in message.field:
        in_real_oneof = (field.HasField("oneof_index") and
                         not field.proto3_optional)
        if in_real_oneof:
            index = field.oneof_index
            if index in emitted_oneofs:
                continue
            emitted_oneofs.add(index)
            out.append(f"{pad}oneof {message.oneof_decl[index].name} {{")
            for member in message.field:
                if (member.HasField("oneof_index") and
                        member.oneof_index == index and
                        not member.proto3_optional):
                    out.append(f"{pad}  {_type_name(member)} {member.name} = "
                               f"{member.number};")
            out.append(f"{pad}}}")
            continue
        entry_name = field.type_name.rsplit(".", 1)[-1]
        if (field.label == field.LABEL_REPEATED and
                field.type == field.TYPE_MESSAGE and entry_name in entries):
            key, value = entries[entry_name].field[0], entries[
                entry_name].field[1]
            out.append(f"{pad}map<{_type_name(key)}, {_type_name(value)}> "
                       f"{field.name} = {field.number};")
            continue
        label = "optional " if field.proto3_optional else _LABELS.get(
            field.label, "")
        out.append(f"{pad}{label}{_type_name(field)} {field.name} = "
                   f"{field.number};")


def render_enum(enum, indent=0):
    """An EnumDescriptorProto in .proto syntax (a list of lines)."""
    pad = "  " * indent
    lines = [f"{pad}enum {enum.name} {{"]
    lines += [f"{pad}  {v.name} = {v.number};" for v in enum.value]
    return lines + [f"{pad}}}"]


def render_message(message, indent=0):
    """A DescriptorProto in .proto syntax, nested types included."""
    pad = "  " * indent
    lines = [f"{pad}message {message.name} {{"]
    _render_fields(message, indent + 1, lines)
    for nested in message.nested_type:
        if not nested.options.map_entry:
            lines += render_message(nested, indent + 1)
    for enum in message.enum_type:
        lines += render_enum(enum, indent + 1)
    return lines + [f"{pad}}}"]


def render_method(method):
    """A MethodDescriptorProto as an `rpc` line."""
    request = ("stream " if method.client_streaming else "") + method.input_type
    response = ("stream " if method.server_streaming else
                "") + method.output_type
    return f"rpc {method.name} ( {request} ) returns ( {response} );"


def render_service(service):
    """A ServiceDescriptorProto in .proto syntax."""
    lines = [f"service {service.name} {{"]
    lines += ["  " + render_method(m) for m in service.method]
    return lines + ["}"]


def _find(file_proto, symbol):
    """(kind, descriptor proto) of `symbol` defined in `file_proto`."""
    prefix = file_proto.package + "." if file_proto.package else ""
    for service in file_proto.service:
        if symbol == prefix + service.name:
            return "a service", service
        for method in service.method:
            if symbol == f"{prefix}{service.name}.{method.name}":
                return "a method", method

    def search(messages, enums, scope):
        for enum in enums:
            if symbol == scope + enum.name:
                return "an enum", enum
        for message in messages:
            if symbol == scope + message.name:
                return "a message", message
            found = search(message.nested_type, message.enum_type,
                           f"{scope}{message.name}.")
            if found:
                return found
        return None

    return search(file_proto.message_type, file_proto.enum_type, prefix)


def describe(source, symbol):
    """grpcurl-style description of `symbol` (service, method, type)."""
    symbol = symbol.lstrip(".").replace("/", ".")
    file_proto = source.file_containing(symbol)
    found = _find(file_proto, symbol)
    if not found:
        raise ReflectionError(f"{symbol} not found in {file_proto.name}")
    kind, proto = found
    if kind == "a service":
        body = render_service(proto)
    elif kind == "a method":
        body = [render_method(proto)]
    elif kind == "an enum":
        body = render_enum(proto)
    else:
        body = render_message(proto)
    return "\n".join([f"{symbol} is {kind}:"] + body)


def list_symbols(source, service=None):
    """Service names, or the fully qualified methods of `service`."""
    if not service:
        return source.list_services()
    file_proto = source.file_containing(service)
    found = _find(file_proto, service)
    if not found or found[0] != "a service":
        raise ReflectionError(f"{service} is not a service")
    return [f"{service}.{method.name}" for method in found[1].method]


def call(source, channel, method_path, request_json, timeout, metadata):
    """Invokes `service/method` (or service.method) with a JSON request.

    Yields each response message as a dict (one for unary methods).
    """
    service, _, method = method_path.lstrip("/").replace("/", ".").rpartition(
        ".")
    source.file_containing(service)
    descriptor = source.pool.FindServiceByName(service).FindMethodByName(
        method)
    if descriptor is None:
        raise ReflectionError(f"{service} has no method {method}")
    request_class = _message_class(source.pool, descriptor.input_type)
    response_class = _message_class(source.pool, descriptor.output_type)
    request = json_format.Parse(request_json or "{}", request_class())
    path = f"/{service}/{method}"
    if descriptor.client_streaming:
        raise ReflectionError("client-streaming methods are not supported")
    kwargs = {"timeout": timeout, "metadata": metadata}
    if descriptor.server_streaming:
        stream = channel.unary_stream(
            path, request_serializer=request_class.SerializeToString,
            response_deserializer=response_class.FromString)
        for response in stream(request, **kwargs):
            yield json_format.MessageToDict(response)
    else:
        unary = channel.unary_unary(
            path, request_serializer=request_class.SerializeToString,
            response_deserializer=response_class.FromString)
        yield json_format.MessageToDict(unary(request, **kwargs))


def _message_class(pool, descriptor):
    if hasattr(message_factory, "GetMessageClass"):  # protobuf >= 4.22
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(pool).GetPrototype(descriptor)


def _open_channel(args):
    if args.ca_file:
        with open(args.ca_file, "rb") as ca:
            credentials = grpc.ssl_channel_credentials(root_certificates=ca.read())
        return grpc.secure_channel(args.target, credentials)
    return grpc.insecure_channel(args.target)


def _read_data(data):
    if data and data.startswith("@"):
        if data == "@-":
            return sys.stdin.read()
        with open(data[1:], encoding="utf-8") as source:
            return source.read()
    return data


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="list, describe and call gRPC services via reflection")
    parser.add_argument("--ca-file", help="PEM CA: use TLS (else plaintext)")
    parser.add_argument("--token-file",
                        help="send `authorization: Bearer <file content>`")
    parser.add_argument("--timeout", type=float, default=60,
                        help="deadline of each call in seconds (60)")
    parser.add_argument("target", help="HOST:PORT")
    parser.add_argument("verb", choices=("list", "describe", "call"))
    parser.add_argument("symbol", nargs="?",
                        help="service, method or type (call: service/method)")
    parser.add_argument("-d", "--data", default="{}",
                        help="call: request JSON, '@file' or '@-' (stdin)")
    args = parser.parse_args(argv)
    if args.verb in ("describe", "call") and not args.symbol:
        parser.error(f"{args.verb} needs a symbol")

    metadata = []
    if args.token_file:
        with open(args.token_file, encoding="utf-8") as token:
            metadata.append(("authorization", "Bearer " + token.read().strip()))
    with _open_channel(args) as channel:
        source = SchemaSource(channel, timeout=args.timeout,
                              metadata=metadata)
        try:
            if args.verb == "list":
                print("\n".join(list_symbols(source, args.symbol)))
            elif args.verb == "describe":
                print(describe(source, args.symbol))
            else:
                for response in call(source, channel, args.symbol,
                                     _read_data(args.data), args.timeout,
                                     metadata):
                    print(json.dumps(response, indent=2))
        except grpc.RpcError as error:
            print(f"ERROR: {error.code().name}: {error.details()}",
                  file=sys.stderr)
            return 1
        except (ReflectionError, json_format.ParseError, KeyError) as error:
            print(f"ERROR: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
