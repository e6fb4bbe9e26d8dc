"""A full sync of 5,000 seeded orders through the balancer, interrupted by
SIGKILL of the replica serving it halfway, and resumed through the balancer
(so on another replica) with the last SyncProgress.resume_token.

SyncProgress.resume_token "restarts the sync after the last fully processed
page": the records streamed before that token plus the resumed stream must
be exactly the ground truth, each order once (a record for every order with
a certificate, a SkippedOrder for every Pending one). Records streamed after
the last token belong to a page the resumed stream serves again; they may
repeat there, and must be orders of the ground truth too.
"""

import grpc

import sslstore_connector_client as ssc
from enroll_scenario import check
from replica_stack import read_json_url

v1 = ssc.v1
SEEDED = 5000
# Killed once half the orders are in and this many records of the next page
# have arrived: mid-page, so that the resumed stream repeats some.
MID_PAGE = 20
TIMEOUT_S = 120


def _serving_replica(stack):
    """The replica with a SyncCertificates stream running."""
    running = [r for r in stack.replicas
               if r.process.alive() and
               r.metric("sslstore_syncs_running", {}) > 0]
    check(len(running) == 1, f"{len(running)} replicas run a sync")
    return running[0]


class _Collected:
    """What a stream delivered, split at the last progress token."""

    def __init__(self):
        self.before_token = []  # (kind, order id) up to the last token
        self.after_token = []  # (kind, order id) since the last token
        self.token = ""
        self.summary = None
        self.error = None

    def add(self, message):
        event = message.WhichOneof("event")
        if event == "record":
            self.after_token.append(("record",
                                     message.record.sslstore_order_id))
        elif event == "skipped":
            self.after_token.append(("skipped",
                                     message.skipped.sslstore_order_id))
        elif event == "progress":
            self.before_token += self.after_token
            self.after_token = []
            self.token = message.progress.resume_token
        elif event == "summary":
            self.summary = message.summary


def _stream(client, request, on_message=None):
    collected = _Collected()
    try:
        for message in client.stub.SyncCertificates(request,
                                                    timeout=TIMEOUT_S):
            collected.add(message)
            if on_message is not None:
                on_message(collected)
    except grpc.RpcError as error:
        collected.error = error
    return collected


def run(stack):
    """Runs the scenario; returns a one-line summary."""
    read_json_url(stack.admin_url + "/admin/reset", data={})
    seeded = read_json_url(stack.admin_url + "/admin/seed",
                           data={"count": SEEDED}, timeout=120)
    check(seeded["created"] == SEEDED, f"seeded {seeded}")
    truth = stack.ground_truth()
    expected = {("skipped" if o["major_status"] == "Pending" else "record", i)
                for i, o in truth.items()}
    check(len(expected) == SEEDED, f"{len(expected)} orders in the truth")

    killed = []

    def kill_halfway(collected):
        if (not killed and len(collected.before_token) >= SEEDED // 2 and
                len(collected.after_token) >= MID_PAGE):
            replica = _serving_replica(stack)
            replica.process.kill()
            killed.append(replica)

    request = v1.SyncCertificatesRequest(full_sync=True, emit_progress=True)
    with ssc.connect(stack.target) as client:
        first = _stream(client, request, kill_halfway)
        check(killed, "the sync ended before it could be interrupted")
        check(first.error is not None and first.summary is None,
              "the interrupted stream ended with a summary")
        check(first.token, "no resume token before the kill")
        resumed = _stream(
            client,
            v1.SyncCertificatesRequest(full_sync=True, emit_progress=True,
                                       resume_token=first.token))
    check(resumed.error is None,
          f"resumed stream failed: {resumed.error and resumed.error.code()}"
          f" {resumed.error and resumed.error.details()}")
    check(resumed.summary is not None, "resumed stream without a summary")
    delivered = first.before_token + resumed.before_token + resumed.after_token
    check(len(delivered) == len(set(delivered)),
          f"{len(delivered) - len(set(delivered))} orders delivered twice "
          "outside the unfinished page")
    check(set(delivered) == expected,
          f"missing {sorted(expected - set(delivered))[:5]}, extra "
          f"{sorted(set(delivered) - expected)[:5]}")
    check(set(first.after_token) <= set(resumed.before_token),
          "the resumed stream did not serve the unfinished page again")
    check(not resumed.summary.warnings,
          f"resumed sync warns: {list(resumed.summary.warnings)}")
    index = stack.replicas.index(killed[0]) + 1
    return (f"sync of {SEEDED} orders: replica{index} killed after "
            f"{len(first.before_token) + len(first.after_token)} "
            f"({first.error.code()}), resumed with "
            f"{len(resumed.before_token) + len(resumed.after_token)} more; "
            f"{len(first.after_token)} repeated from the unfinished page")
