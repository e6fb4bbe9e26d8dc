#!/usr/bin/python3
"""Example use of the Python client: list products, enroll, get, sync.

    PYTHONPATH=build/polyglot/python:tools/clients/python \\
      /usr/bin/python3 tools/clients/python/example.py 127.0.0.1:50051 products
    ... example.py TARGET enroll --product positivessl --csr req.pem \\
          --param "Approver Email=admin@example.com" \\
          --param "Admin Contact - Email=pki@example.com" \\
          --param "Validity Period (In Days)=365"
    ... example.py TARGET get 4500001-TSS1
    ... example.py TARGET sync
Options --ca-file (TLS) and --token-file (bearer token) come before TARGET.
"""

import argparse
import sys

import grpc

import sslstore_connector_client as ssc

v1 = ssc.v1


def products(stub, _args):
    for product in stub.ListProducts(v1.ListProductsRequest()).products:
        print(f"{product.code:40} {product.vendor:10} "
              f"{product.validation_type:3} {product.name}")


def enroll(stub, args):
    with open(args.csr, encoding="ascii") as csr:
        request = v1.EnrollRequest(product_code=args.product, csr=csr.read())
    for parameter in args.param:
        name, _, value = parameter.partition("=")
        request.parameters[name] = value
    response = stub.Enroll(request, timeout=120)
    print(f"{response.ca_request_id} "
          f"{ssc.CertificateStatus.Name(response.status)} "
          f"{ssc.EnrollmentAction.Name(response.action)}")


def get(stub, args):
    record = stub.GetCertificate(
        v1.GetCertificateRequest(ca_request_id=args.ca_request_id)).record
    print(f"{record.ca_request_id} {ssc.CertificateStatus.Name(record.status)}"
          f" {record.common_name}")
    sys.stdout.write(record.certificate_pem)


def sync(stub, _args):
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ca-file", help="PEM CA of the connector (TLS)")
    parser.add_argument("--token-file", help="file holding a bearer token")
    parser.add_argument("target", help="HOST:PORT of the connector")
    commands = parser.add_subparsers(dest="command", required=True)
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

    token = ssc.read_token_file(args.token_file) if args.token_file else None
    with ssc.connect(args.target, ca_file=args.ca_file,
                     bearer_token=token) as client:
        try:
            args.run(client.stub, args)
        except grpc.RpcError as error:
            print(f"{error.code().name}: {error.details()}", file=sys.stderr)
            for field, problem in ssc.bad_request_violations(error):
                print(f"  {field}: {problem}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
