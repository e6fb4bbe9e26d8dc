"""Three connector replicas behind HAProxy (the shipped example
configuration), all against one simulator: the connector keeps no state
between calls that another replica would need.

Usage: replicas_test.py <sslstore-connector> <sslstore-sim> <haproxy>
                        <haproxy-config> <sslstore-gateway>
PYTHONPATH must hold the generated stubs and tools/clients/python/src.
"""

import sys
import tempfile
import time

import cli_scenario
import enroll_scenario
import sync_scenario
from enroll_scenario import CheckFailed
from replica_stack import Stack, StackError

REPLICAS = 3
PAGE_SIZE = 100


def main(argv):
    if len(argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    connector, sim, haproxy, config, gateway = argv[1:]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="sslstore-replicas.") as work:
        with Stack(work, connector, sim, haproxy, config) as stack:
            try:
                # Duplicate CustomOrderIDs refused (as SSL Store does);
                # orders approved at once.
                stack.start_simulator("--profile", "realistic", "--approval",
                                      "immediate", "--query-lag-ms", "0")
                for _ in range(REPLICAS):
                    stack.start_replica(PAGE_SIZE)
                stack.start_haproxy()
                print("PASS:", enroll_scenario.run(stack, work), flush=True)
                print("PASS:", cli_scenario.run(stack, gateway, work),
                      flush=True)
                print("PASS:", sync_scenario.run(stack), flush=True)
            except (CheckFailed, StackError) as failure:
                print(f"FAIL: {failure}", file=sys.stderr)
                for process in stack.processes:
                    print(f"--- {process.name} (last lines)\n{process.tail()}",
                          file=sys.stderr)
                return 1
    print(f"replicas test: {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
