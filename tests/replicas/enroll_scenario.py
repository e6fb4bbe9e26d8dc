"""300 Enroll calls through the balancer, 32 at a time: 240 with a request_id
of their own and 30 pairs sharing one, each pair released at the same moment
by a barrier. Every call carries its request_id as `x-sslstore-request-id`,
so the balancer sends both calls of a pair to one replica.

Afterwards the simulator must hold exactly one order per request_id (its
CustomOrderID derives from the request_id), both calls of a pair must name
the same order, and every replica must have served some of the calls.
"""

import concurrent.futures
import subprocess
import threading

import grpc

import sslstore_connector_client as ssc

v1 = ssc.v1
CALLS = 300
PAIRS = 30
CONCURRENCY = 32
UNROUTED_PAIRS = 10
TIMEOUT_S = 60
PRODUCT = "positivessl"
COMMON_NAME = "replicas.example.com"


class CheckFailed(Exception):
    """A test expectation that did not hold."""


def check(condition, message):
    """Raises CheckFailed(message) unless `condition` holds."""
    if not condition:
        raise CheckFailed(message)


def make_csr(work_dir):
    """A PEM CSR for COMMON_NAME (a fresh RSA-2048 key, made by openssl)."""
    result = subprocess.run([
        "openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj",
        "/C=US/O=Replica Test/CN=" + COMMON_NAME, "-addext",
        "subjectAltName=DNS:" + COMMON_NAME, "-keyout",
        work_dir + "/enroll.key"
    ], check=True, capture_output=True, text=True)
    return result.stdout


def plan():
    """[(request_id, barrier or None)] in submission order: the two calls of
    a pair are adjacent, so both hold a worker at the same time."""
    calls = []
    single = CALLS - 2 * PAIRS
    every = single // PAIRS  # a pair after every `every` single calls
    for i in range(single):
        calls.append((f"replicas-single-{i:03d}", None))
        if i % every == every - 1 and len(calls) < CALLS:
            barrier = threading.Barrier(2, timeout=TIMEOUT_S)
            pair_id = f"replicas-pair-{i // every:02d}"
            calls += [(pair_id, barrier), (pair_id, barrier)]
    return calls


def enroll_request(request_id, csr_pem):
    """A new-order request for `request_id`."""
    request = v1.EnrollRequest(
        product_code=PRODUCT,
        csr=csr_pem,
        request_id=request_id,
        parameters={
            "Admin Contact - Email": "pki@example.com",
            "Approver Email": "admin@example.com",
            "Validity Period (In Days)": "365",
        })
    request.sans["dns"].values.append(COMMON_NAME)
    return request


def run(stack, work_dir):
    """Runs the scenario; returns a one-line summary."""
    csr_pem = make_csr(work_dir)
    calls = plan()
    check(len(calls) == CALLS, f"planned {len(calls)} calls")
    before = {o["custom_order_id"] for o in stack.ground_truth().values()}

    with ssc.connect(stack.target) as client:

        def call(request_id, barrier):
            request = enroll_request(request_id, csr_pem)
            if barrier is not None:
                barrier.wait()
            try:
                response = client.stub.Enroll(
                    request, timeout=TIMEOUT_S,
                    metadata=ssc.enroll_metadata(request))
            except grpc.RpcError as error:
                return request_id, f"{error.code()}: {error.details()}"
            return request_id, response.ca_request_id

        with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
            results = list(pool.map(lambda c: call(*c), calls))

    failures = [r for r in results if not r[1] or ":" in r[1]]
    check(not failures, f"{len(failures)} Enroll calls failed: {failures[:3]}")
    by_request = {}
    for request_id, ca_request_id in results:
        by_request.setdefault(request_id, set()).add(ca_request_id)
    split = {k: v for k, v in by_request.items() if len(v) != 1}
    check(not split, f"calls of one request_id got different orders: {split}")
    request_ids = len(by_request)
    check(request_ids == CALLS - PAIRS, f"{request_ids} request ids")

    orders = [o for o in stack.ground_truth().values()
              if o["custom_order_id"] not in before]
    custom_ids = [o["custom_order_id"] for o in orders]
    check(len(orders) == request_ids,
          f"{len(orders)} new SSL Store orders for {request_ids} request ids")
    check(len(set(custom_ids)) == len(custom_ids),
          "two orders share a CustomOrderID")
    order_ids = {str(o["id"]) for o in orders}
    answered = {next(iter(v)).split("-")[0] for v in by_request.values()}
    check(answered == order_ids, "the answers name other orders than placed")

    served = [int(r.metric("sslstore_rpc_requests_total",
                           {"method": "Enroll"})) for r in stack.replicas]
    check(sum(served) == CALLS, f"replicas served {served} Enroll calls")
    check(all(n > 0 for n in served), f"calls not spread: {served}")
    backstop = _run_unrouted_pairs(stack, csr_pem)
    _check_mismatch_refused(stack, csr_pem)
    return (f"{CALLS} Enroll calls ({PAIRS} concurrent pairs) -> "
            f"{len(orders)} orders, one per request_id; per replica {served}; "
            f"{backstop}")


def _check_mismatch_refused(stack, csr_pem):
    """A routing key other than the request_id is refused, naming it."""
    request = enroll_request("replicas-mismatch", csr_pem)
    with ssc.connect(stack.target) as client:
        try:
            client.stub.Enroll(
                request, timeout=TIMEOUT_S,
                metadata=((ssc.REQUEST_ID_METADATA_KEY, "another-key"),))
        except grpc.RpcError as error:
            check(error.code() == grpc.StatusCode.INVALID_ARGUMENT,
                  f"mismatching routing key: {error.code()}")
            fields = [f for f, _ in ssc.bad_request_violations(error)]
            check(fields == ["request_id"], f"violations on {fields}")
            return
    raise CheckFailed("a routing key other than the request_id was accepted")


def _run_unrouted_pairs(stack, csr_pem):
    """Pairs sent without the metadata key: the balancer spreads them round
    robin, so the two calls of a pair mostly reach different replicas, and
    SSL Store's unique CustomOrderID must keep it to one order."""
    before = {o["custom_order_id"] for o in stack.ground_truth().values()}
    calls = []
    for i in range(UNROUTED_PAIRS):
        barrier = threading.Barrier(2, timeout=TIMEOUT_S)
        calls += [(f"replicas-unrouted-{i:02d}", barrier)] * 2
    with ssc.connect(stack.target) as client:

        def call(request_id, barrier):
            request = enroll_request(request_id, csr_pem)
            barrier.wait()
            try:
                return request_id, client.stub.Enroll(
                    request, timeout=TIMEOUT_S).ca_request_id
            except grpc.RpcError as error:
                return request_id, f"{error.code()}: {error.details()}"

        with concurrent.futures.ThreadPoolExecutor(CONCURRENCY) as pool:
            results = list(pool.map(lambda c: call(*c), calls))
    answers = {}
    for request_id, answer in results:
        answers.setdefault(request_id, set()).add(answer)
    check(all(len(a) == 1 and ":" not in next(iter(a))
              for a in answers.values()),
          f"unrouted pairs: {answers}")
    orders = [o for o in stack.ground_truth().values()
              if o["custom_order_id"] not in before]
    check(len(orders) == UNROUTED_PAIRS,
          f"{len(orders)} orders for {UNROUTED_PAIRS} unrouted pairs")
    return f"{UNROUTED_PAIRS} pairs without the key -> {len(orders)} orders"
