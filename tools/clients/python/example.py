#!/usr/bin/env python3
"""Example use of the Python client: list products, enroll, get, sync.

With the wheel installed (README, "Clients in other languages"):

    python example.py 127.0.0.1:50051 products
    python example.py TARGET enroll --product positivessl --csr req.pem \\
          --param "Approver Email=admin@example.com" \\
          --param "Admin Contact - Email=pki@example.com" \\
          --param "Validity Period (In Days)=365"
    python example.py TARGET get 4500001-TSS1
    python example.py TARGET sync
Options --ca-file (TLS), --cert/--key (mutual TLS) and --token-file (bearer
token) come before TARGET. Type-checks with mypy --strict (mypy.ini).
"""

import argparse
import sys
from typing import Callable, Optional, Tuple

import grpc

import sslstore_connector_client as ssc

v1 = ssc.v1


def products(stub: ssc.ConnectorStub, _args: argparse.Namespace) -> None:
    for product in stub.ListProducts(v1.ListProductsRequest()).products:
        print(f"{product.code:40} {product.vendor:10} "
              f"{product.validation_type:3} {product.name}")


def enroll(stub: ssc.ConnectorStub, args: argparse.Namespace) -> None:
    with open(args.csr, encoding="ascii") as csr:
        request = v1.EnrollRequest(product_code=args.product, csr=csr.read())
    for parameter in args.param:
        name, _, value = parameter.partition("=")
        request.parameters[name] = value
    response = stub.Enroll(request, timeout=120)
    print(f"{response.ca_request_id} "
          f"{ssc.CertificateStatus.Name(response.status)} "
          f"{ssc.EnrollmentAction.Name(response.action)}")


def get(stub: ssc.ConnectorStub, args: argparse.Namespace) -> None:
    record = stub.GetCertificate(
        v1.GetCertificateRequest(ca_request_id=args.ca_request_id)).record
    print(f"{record.ca_request_id} {ssc.CertificateStatus.Name(record.status)}"
          f" {record.common_name}")
    sys.stdout.write(record.certificate_pem)


def sync(stub: ssc.ConnectorStub, _args: argparse.Namespace) -> None:
    for message in stub.SyncCertificates(
            v1.SyncCertificatesRequest(full_sync=True)):
        event = message.WhichOneof("event")
        if event == "record":
            record = message.record
            print(f"{record.ca_request_id} "
                  f"{ssc.CertificateStatus.Name(record.status)} "
                  f"{record.common_name}")
        elif event == "skipped":
            print(f"skipped {message.skipped.ca_request_id}: "
                  f"{message.skipped.reason}")
        elif event == "summary":
            print(f"summary: {message.summary}".replace("\n", " "))


def report(error: grpc.RpcError) -> None:
    """Prints an error with the details the connector attaches."""
    print(f"{error.code().name}: {error.details()}", file=sys.stderr)
    info = ssc.error_info(error)
    if info is not None:
        print(f"  reason {info.reason} ({info.domain}) {info.metadata}",
              file=sys.stderr)
    for field, problem in ssc.bad_request_violations(error):
        print(f"  {field}: {problem}", file=sys.stderr)
    resume = ssc.sync_resume_info(error)
    if resume is not None:
        print(f"  resume from page {resume.next_page}: {resume.reason}",
              file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ca-file", help="PEM CA of the connector (TLS)")
    parser.add_argument("--cert", help="PEM client certificate (mutual TLS)")
    parser.add_argument("--key", help="PEM key of --cert")
    parser.add_argument("--token-file", help="file holding a bearer token")
    parser.add_argument("target", help="HOST:PORT of the connector")
    commands = parser.add_subparsers(dest="command", required=True)
    run: Callable[[ssc.ConnectorStub, argparse.Namespace], None]
    commands.add_parser("products").set_defaults(run=products)
    enroll_parser = commands.add_parser("enroll")
    enroll_parser.add_argument("--product", required=True)
    enroll_parser.add_argument("--csr", required=True, help="PEM CSR file")
    enroll_parser.add_argument("--param", action="append", default=[],
                               help="NAME=VALUE enrollment parameter")
    enroll_parser.set_defaults(run=enroll)
    get_parser = commands.add_parser("get")
    get_parser.add_argument("ca_request_id")
    get_parser.set_defaults(run=get)
    commands.add_parser("sync").set_defaults(run=sync)
    args = parser.parse_args()
    if bool(args.cert) != bool(args.key):
        parser.error("--cert and --key go together")

    token = ssc.read_token_file(args.token_file) if args.token_file else None
    client_cert: Optional[Tuple[str, str]] = (
        (args.cert, args.key) if args.cert else None)
    run = args.run
    with ssc.connect(args.target, ca_file=args.ca_file,
                     client_cert=client_cert, token=token) as client:
        try:
            run(client.stub, args)
        except grpc.RpcError as error:
            report(error)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
