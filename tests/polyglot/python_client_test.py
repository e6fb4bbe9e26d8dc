"""The Python client (tools/clients/python) against a running connector.

Lists products, enrolls a fresh CSR on the simulator, reads the record back
and streams a full sync. Run under run_with_stack.sh with PYTHONPATH holding
the generated stubs and tools/clients/python/src.
"""

import os

import grpc

import polyglot_checks as pc
import sslstore_connector_client as ssc

v1 = ssc.v1
KNOWN_PRODUCT = "positivessl"
COMMON_NAME = "py.polyglot.example.com"
TIMEOUT_S = 60


def connect():
    token_file = os.environ.get("CONNECTOR_BEARER_TOKEN_FILE")
    return ssc.connect(
        pc.env("CONNECTOR_TARGET"),
        ca_file=os.environ.get("CONNECTOR_CA_FILE"),
        token=ssc.read_token_file(token_file) if token_file else None)


def check_token_required():
    """Without the bearer token the same call is refused (the wrapper's
    token is what lets the other calls through)."""
    with ssc.connect(pc.env("CONNECTOR_TARGET"),
                     ca_file=os.environ.get("CONNECTOR_CA_FILE")) as client:
        try:
            client.stub.ListProducts(v1.ListProductsRequest(),
                                     timeout=TIMEOUT_S)
        except grpc.RpcError as error:
            pc.check(error.code() == grpc.StatusCode.UNAUTHENTICATED,
                     f"without a token: {error.code()}")
            return
    raise pc.CheckFailed("a call without the bearer token was accepted")


def check_list_products(stub):
    products = stub.ListProducts(v1.ListProductsRequest(),
                                 timeout=TIMEOUT_S).products
    codes = {product.code for product in products}
    pc.check(len(products) > 80, f"ListProducts returned {len(products)}")
    pc.check(KNOWN_PRODUCT in codes, f"{KNOWN_PRODUCT} not listed")
    positive = next(p for p in products if p.code == KNOWN_PRODUCT)
    pc.check(positive.vendor and 12 in positive.validity_months,
             f"{KNOWN_PRODUCT} lacks vendor or 12 months: {positive}")
    return len(products)


def check_invalid_enroll_is_rejected(stub):
    request = v1.EnrollRequest(product_code=KNOWN_PRODUCT, csr="not a CSR")
    try:
        stub.Enroll(request, timeout=TIMEOUT_S)
    except grpc.RpcError as error:
        pc.check(error.code() == grpc.StatusCode.INVALID_ARGUMENT,
                 f"bad Enroll: {error.code()}")
        fields = {field for field, _ in ssc.bad_request_violations(error)}
        pc.check("csr" in fields, f"no BadRequest violation on csr: {fields}")
        info = ssc.error_info(error)
        pc.check(info is not None and info.reason == "REQUEST_INVALID" and
                 info.domain == "sslstore-connector.v1" and
                 info.metadata.get("connection") == "default",
                 f"bad ErrorInfo: {info}")
        return
    raise pc.CheckFailed("an Enroll without a valid CSR was accepted")


def enroll(stub, csr_pem):
    request = v1.EnrollRequest(
        product_code=KNOWN_PRODUCT,
        csr=csr_pem,
        request_id="polyglot-python-1",
        parameters={
            "Admin Contact - Email": "pki@example.com",
            "Approver Email": "admin@example.com",
            "Validity Period (In Days)": "365",
        })
    request.sans["dns"].values.append(COMMON_NAME)
    response = stub.Enroll(request, timeout=TIMEOUT_S)
    pc.check(response.ca_request_id, "Enroll returned no ca_request_id")
    pc.check(response.action == ssc.EnrollmentAction.Value(
        "ENROLLMENT_ACTION_NEW_ORDER"), f"action {response.action}")
    pc.check(response.validity_months == 12,
             f"validity_months {response.validity_months}")
    return response


def check_record(stub, ca_request_id, public_key_pem):
    record = stub.GetCertificate(
        v1.GetCertificateRequest(ca_request_id=ca_request_id),
        timeout=TIMEOUT_S).record
    issued = ssc.CertificateStatus.Value("CERTIFICATE_STATUS_ISSUED")
    pc.check(record.status == issued,
             f"status {ssc.CertificateStatus.Name(record.status)}")
    pc.check(record.ca_request_id == ca_request_id,
             f"record id {record.ca_request_id}")
    pc.check(record.common_name == COMMON_NAME,
             f"common name {record.common_name}")
    pc.check(record.certificate_der, "no DER certificate")
    pc.check(pc.certificate_public_key(record.certificate_pem) ==
             public_key_pem, "certificate key differs from the CSR's key")
    pc.check(len(record.chain) >= 1, "no chain")
    return record


def check_sync(stub, ca_request_id):
    records, skipped, summaries = [], [], []
    for message in stub.SyncCertificates(
            v1.SyncCertificatesRequest(full_sync=True, emit_progress=True),
            timeout=TIMEOUT_S):
        event = message.WhichOneof("event")
        pc.check(not summaries, f"{event} after the summary")
        if event == "record":
            records.append(message.record)
        elif event == "skipped":
            skipped.append(message.skipped)
        elif event == "summary":
            summaries.append(message.summary)
    pc.check(len(summaries) == 1, "the stream did not end with a summary")
    summary = summaries[0]
    ids = [record.ca_request_id for record in records]
    pc.check(ca_request_id in ids, f"{ca_request_id} not synced")
    pc.check(len(set(ids)) == len(ids), "a record was streamed twice")
    # Orders with a certificate (Active, Cancelled) come as records; those
    # without one (Pending) as SkippedOrder messages; nothing fails.
    truth = pc.ground_truth()
    with_certificate = {i for i, major in truth.items() if major != "Pending"}
    synced = {record.sslstore_order_id for record in records}
    pc.check(synced == with_certificate,
             f"records differ from the simulator's orders with a certificate: "
             f"only synced {sorted(synced - with_certificate)[:5]}, only in "
             f"the simulator {sorted(with_certificate - synced)[:5]}")
    skipped_ids = {order.sslstore_order_id for order in skipped}
    pc.check(skipped_ids == set(truth) - with_certificate,
             f"skipped {sorted(skipped_ids)} are not the pending orders")
    pc.check(summary.records_emitted == len(records),
             f"summary says {summary.records_emitted} records, "
             f"got {len(records)}")
    pc.check(summary.orders_skipped == len(skipped),
             f"summary says {summary.orders_skipped} skipped, "
             f"got {len(skipped)}")
    pc.check(summary.orders_failed == 0 and summary.orders_unchanged == 0,
             f"failed {summary.orders_failed}, "
             f"unchanged {summary.orders_unchanged}")
    pc.check(summary.orders_processed == len(truth),
             f"processed {summary.orders_processed} of {len(truth)}")
    pc.check(summary.full_sync, "summary.full_sync is false")
    # page_size 10 (run_with_stack.sh): every page plus the final short one.
    pc.check(summary.pages_fetched == len(truth) // 10 + 1,
             f"pages_fetched {summary.pages_fetched} for {len(truth)} orders")
    return len(records)


def main():
    csr_pem, public_key_pem = pc.make_csr(COMMON_NAME)
    if os.environ.get("CONNECTOR_BEARER_TOKEN_FILE"):
        check_token_required()
    with connect() as client:
        stub = client.stub
        product_count = check_list_products(stub)
        check_invalid_enroll_is_rejected(stub)
        response = enroll(stub, csr_pem)
        check_record(stub, response.ca_request_id, public_key_pem)
        synced = check_sync(stub, response.ca_request_id)
    mode = ("TLS" if os.environ.get("CONNECTOR_CA_FILE") else "plaintext") + (
        " + bearer token"
        if os.environ.get("CONNECTOR_BEARER_TOKEN_FILE") else "")
    return (f"python client ({mode}): {product_count} products, enrolled "
            f"{response.ca_request_id} (issued, key matches), "
            f"synced {synced} records")


if __name__ == "__main__":
    pc.run(main)
