"""sslstore-gateway through the balancer: `enroll --idempotency_key=KEY` run
twice sends KEY as `x-sslstore-request-id` (HAProxy logs the captured
header), both runs reach the same replica, and SSL Store holds one order.
"""

import os
import subprocess
import time

from enroll_scenario import COMMON_NAME, PRODUCT, check, make_csr
from replica_stack import POLL_S, READY_TRIES

KEY = "replicas-cli-1"


def _enroll(gateway, target, csr_file):
    result = subprocess.run([
        gateway, f"--connector={target}", "enroll", f"--csr={csr_file}",
        f"--product={PRODUCT}", "--param",
        "Admin Contact - Email=pki@example.com", "--param",
        "Approver Email=admin@example.com", "--param",
        "Validity Period (In Days)=365", f"--san=dns={COMMON_NAME}",
        "--wait=0", f"--idempotency_key={KEY}", "--json"
    ], capture_output=True, text=True, timeout=120, check=False)
    check(result.returncode == 0,
          f"sslstore-gateway enroll: {result.returncode} {result.stderr}")


def _servers_logged(haproxy):
    """The backend servers of the log lines carrying {KEY}, once both
    runs are logged (HAProxy logs a request when it ends)."""
    for _ in range(READY_TRIES):
        lines = [l for l in haproxy.log_text().splitlines()
                 if "{" + KEY + "}" in l]
        if len(lines) >= 2:
            return {w for l in lines for w in l.split()
                    if w.startswith("sslstore_connector_replicas/")}
        time.sleep(POLL_S)
    check(False, f"HAProxy logged no request with {{{KEY}}}: "
          f"{haproxy.tail()}")
    return set()


def run(stack, gateway, work_dir):
    """Runs the scenario; returns a one-line summary."""
    csr_file = os.path.join(work_dir, "cli.csr")
    with open(csr_file, "w", encoding="ascii") as out:
        out.write(make_csr(work_dir))
    before = len(stack.ground_truth())
    _enroll(gateway, stack.target, csr_file)
    _enroll(gateway, stack.target, csr_file)
    servers = _servers_logged(stack.haproxy)
    check(len(servers) == 1, f"the two runs reached {servers}")
    placed = len(stack.ground_truth()) - before
    check(placed == 1, f"two runs with one key placed {placed} orders")
    return (f"sslstore-gateway enroll twice with one key: sent as "
            f"x-sslstore-request-id, both on {servers.pop()}, one order")
