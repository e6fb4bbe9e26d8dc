"""The processes of the replica test: one sslstore-sim, N sslstore-connector
replicas configured against it, and HAProxy in front of them running the
shipped example configuration (packaging/haproxy-sslstore-connector.cfg).

Everything listens on 127.0.0.1 with kernel-chosen ports. Readiness is
event-driven: a ready file or port file appearing (the process checked alive
on every poll), or a call through the balancer succeeding, each within a
bounded number of tries.
"""

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import grpc

import sslstore_connector_client as ssc

READY_TRIES = 600  # polls of 50 ms: 30 s
POLL_S = 0.05
PARTNER_CODE = "REPLICAS"


class StackError(Exception):
    """A process of the stack did not start or answer."""


def free_port():
    """A port the kernel picked for 127.0.0.1, released for the caller."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_json_url(url, data=None, timeout=60):
    """GET (or POST `data` as JSON) `url` and return the decoded reply."""
    body = None if data is None else json.dumps(data).encode()
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as reply:
        return json.load(reply)


class Process:
    """A child process with its combined output in a log file."""

    def __init__(self, name, argv, log_path, env=None):
        self.name = name
        self.log_path = log_path
        self._log = open(log_path, "wb")  # pylint: disable=consider-using-with
        self.popen = subprocess.Popen(  # pylint: disable=consider-using-with
            argv, stdout=self._log, stderr=subprocess.STDOUT, env=env)

    def alive(self):
        """Whether the process is still running."""
        return self.popen.poll() is None

    def wait_for_file(self, path):
        """Polls until `path` exists and is not empty; fails if the process
        exits first or after READY_TRIES polls."""
        for _ in range(READY_TRIES):
            if os.path.exists(path) and os.path.getsize(path) > 0:
                return
            if not self.alive():
                raise StackError(f"{self.name} exited: {self.tail()}")
            time.sleep(POLL_S)
        raise StackError(f"{self.name} not ready: {self.tail()}")

    def log_text(self):
        """Everything the process wrote so far."""
        self._log.flush()
        with open(self.log_path, encoding="utf-8", errors="replace") as log:
            return log.read()

    def tail(self, lines=15):
        """The last lines of the log, for error messages."""
        return "\n".join(self.log_text().splitlines()[-lines:])

    def kill(self):
        """SIGKILL, then reap."""
        if self.alive():
            self.popen.send_signal(signal.SIGKILL)
        self.popen.wait()

    def stop(self):
        """SIGTERM, then SIGKILL if it does not exit within 10 s."""
        if self.alive():
            self.popen.terminate()
            try:
                self.popen.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()


class Replica:
    """One connector replica: its process, gRPC port and metrics port."""

    def __init__(self, process, port, metrics_port):
        self.process = process
        self.port = port
        self.metrics_port = metrics_port

    def metric(self, name, labels):
        """Sum of the samples of `name` whose labels include `labels`."""
        url = f"http://127.0.0.1:{self.metrics_port}/metrics"
        with urllib.request.urlopen(url, timeout=10) as reply:
            text = reply.read().decode()
        total = 0.0
        for line in text.splitlines():
            match = re.match(r"^(\w+)(\{[^}]*\})? (\S+)$", line)
            if not match or match.group(1) != name:
                continue
            sample = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2) or ""))
            if all(sample.get(k) == v for k, v in labels.items()):
                total += float(match.group(3))
        return total


class Stack:
    """Starts and stops the simulator, the replicas and HAProxy."""

    def __init__(self, work_dir, connector, sim, haproxy, haproxy_config):
        self.work = work_dir
        self._connector = connector
        self._sim = sim
        self._haproxy = haproxy
        self._haproxy_config = haproxy_config
        self.processes = []
        self.replicas = []
        self.admin_url = None
        self.target = None
        self.haproxy = None
        self._sim_ready = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for process in reversed(self.processes):
            process.stop()

    def _spawn(self, name, argv, env=None):
        process = Process(name, argv, os.path.join(self.work, name + ".log"),
                          env)
        self.processes.append(process)
        return process

    def start_simulator(self, *flags):
        """sslstore-sim on port 0 with its admin API; `flags` are added."""
        token_file = os.path.join(self.work, "sim-token")
        with open(os.open(token_file, os.O_WRONLY | os.O_CREAT, 0o600),
                  "w", encoding="ascii") as out:
            out.write(os.urandom(18).hex())
        ready = os.path.join(self.work, "sim-ready.json")
        sim = self._spawn("sslstore-sim", [
            self._sim, "--port", "0", "--admin-port", "0", "--state-dir",
            os.path.join(self.work, "sim"), "--partner-code", PARTNER_CODE,
            "--auth-token-file", token_file, "--threads", "8", "--ready-file",
            ready, *flags
        ])
        sim.wait_for_file(ready)
        with open(ready, encoding="utf-8") as source:
            self._sim_ready = json.load(source)
        self._sim_ready["token_file"] = token_file
        self.admin_url = self._sim_ready["admin_url"]

    def start_replica(self, page_size):
        """One more connector replica with the same "default" connection
        (the simulator, the same credentials) and metrics on port 0."""
        index = len(self.replicas) + 1
        name = f"replica{index}"
        config = os.path.join(self.work, name + ".json")
        with open(config, "w", encoding="utf-8") as out:
            json.dump({
                "connections": {
                    "default": {
                        "sslstore_url": self._sim_ready["url"],
                        "partner_code": PARTNER_CODE,
                        "auth_token_file": self._sim_ready["token_file"],
                        "ca_file": self._sim_ready["ca_file"],
                        "page_size": page_size,
                    }
                },
                "metrics": {"listen_address": "127.0.0.1:0"},
                "worker_threads": 48,
            }, out)
        port_file = os.path.join(self.work, name + ".port")
        process = self._spawn(name, [
            self._connector, "--config", config, "--listen", "127.0.0.1:0",
            "--port_file", port_file
        ])
        process.wait_for_file(port_file)
        with open(port_file, encoding="ascii") as source:
            port = int(source.read().strip())
        self.replicas.append(Replica(process, port, _metrics_port(process)))

    def start_haproxy(self, attempts=5):
        """HAProxy with the shipped configuration: the replicas' addresses
        and a free listening port in its environment. A port taken between
        picking and binding makes HAProxy exit: try again with another."""
        if len(self.replicas) != 3:
            raise StackError("the example configuration names 3 replicas")
        for attempt in range(attempts):
            port = free_port()
            env = dict(os.environ, SSLSTORE_LB_BIND=f"127.0.0.1:{port}")
            for i, replica in enumerate(self.replicas, start=1):
                env[f"SSLSTORE_REPLICA_{i}"] = f"127.0.0.1:{replica.port}"
            haproxy = self._spawn(f"haproxy-{attempt}", [
                self._haproxy, "-db", "-f", self._haproxy_config
            ], env)
            if self._wait_for_balancer(haproxy, port):
                self.target = f"127.0.0.1:{port}"
                self.haproxy = haproxy
                return
            haproxy.stop()
        raise StackError(f"haproxy did not start in {attempts} attempts")

    def _wait_for_balancer(self, haproxy, port):
        """True once a call through HAProxy on `port` succeeds; False when
        HAProxy exits (e.g. the port was taken)."""
        for _ in range(READY_TRIES):
            if not haproxy.alive():
                return False
            with ssc.connect(f"127.0.0.1:{port}") as client:
                try:
                    client.stub.ListProducts(ssc.v1.ListProductsRequest(),
                                             timeout=2)
                    return True
                except grpc.RpcError:
                    pass
            time.sleep(POLL_S)
        raise StackError(f"haproxy not answering: {haproxy.tail()}")

    def ground_truth(self):
        """{order id: order} of the simulator (admin API, no certificates)."""
        document = read_json_url(self.admin_url +
                                 "/admin/ground-truth?certificates=0")
        return {order["id"]: order for order in document["orders"]}


def _metrics_port(process):
    """The metrics port from the replica's "server started" log line."""
    for _ in range(READY_TRIES):
        for line in process.log_text().splitlines():
            if '"server started"' in line:
                return int(json.loads(line)["metrics_port"])
        if not process.alive():
            raise StackError(f"{process.name} exited: {process.tail()}")
        time.sleep(POLL_S)
    raise StackError(f"{process.name} logged no metrics port")
