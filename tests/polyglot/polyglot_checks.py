"""Helpers shared by the Python polyglot tests: environment, CSRs, openssl.

Run under run_with_stack.sh, which exports CONNECTOR_TARGET, SIM_ADMIN_URL,
POLYGLOT_WORK_DIR and (optionally) CONNECTOR_CA_FILE and
CONNECTOR_BEARER_TOKEN_FILE.
"""

import json
import os
import subprocess
import sys
import urllib.request


class CheckFailed(Exception):
    """A test expectation that did not hold."""


def check(condition, message):
    """Raises CheckFailed(message) unless `condition` holds."""
    if not condition:
        raise CheckFailed(message)


def env(name):
    """The value of environment variable `name`; fails when it is unset."""
    value = os.environ.get(name)
    check(value, f"{name} is not set: run under run_with_stack.sh")
    return value


def make_csr(common_name):
    """Generates an RSA-2048 key and a PEM CSR for `common_name` with openssl.

    Returns (csr_pem, public_key_pem). The key stays in POLYGLOT_WORK_DIR.
    """
    work = env("POLYGLOT_WORK_DIR")
    key = os.path.join(work, common_name + ".key")
    csr = os.path.join(work, common_name + ".csr")
    subprocess.run([
        "openssl", "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj",
        "/C=US/O=Polyglot Test/CN=" + common_name, "-addext",
        "subjectAltName=DNS:" + common_name, "-keyout", key, "-out", csr
    ], check=True, capture_output=True)
    with open(csr, encoding="ascii") as source:
        csr_pem = source.read()
    return csr_pem, public_key_of(["req", "-in", csr])


def public_key_of(openssl_args, stdin=None):
    """PEM public key printed by `openssl <args> -pubkey -noout`."""
    result = subprocess.run(["openssl", *openssl_args, "-pubkey", "-noout"],
                            input=stdin, capture_output=True, text=True)
    check(result.returncode == 0,
          f"openssl {' '.join(openssl_args)}: {result.stderr.strip()}")
    return result.stdout


def certificate_public_key(certificate_pem):
    """Public key of a PEM certificate (fails when it does not parse)."""
    return public_key_of(["x509"], stdin=certificate_pem)


def ground_truth():
    """{order id: major status} of the simulator's orders (admin API)."""
    url = env("SIM_ADMIN_URL") + "/admin/ground-truth?certificates=0"
    with urllib.request.urlopen(url, timeout=30) as reply:
        document = json.load(reply)
    return {order["id"]: order["major_status"] for order in document["orders"]}


def run(main):
    """Runs main(), prints a one-line verdict, and exits 0 or 1."""
    try:
        summary = main()
    except CheckFailed as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        sys.exit(1)
    print(f"PASS: {summary}")
    sys.exit(0)
