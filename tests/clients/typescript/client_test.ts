// The packed TypeScript client (@sslstore/connector-client, installed from
// its npm tarball) against a running connector: lists products, enrolls a
// fresh CSR on the simulator, reads the record back and streams a full sync
// compared with the simulator's ground truth. Compiled with tsc --strict;
// run under tests/polyglot/run_with_stack.sh.
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import {
  Code,
  ConnectError,
  CertificateStatus,
  EnrollmentAction,
  ErrorReason,
  badRequest,
  connect,
  errorInfo,
  errorReason,
  readTokenFile,
  type CertificateRecord,
  type ConnectorClient,
  type EnrollResponse,
  type SkippedOrder,
  type SyncSummary,
} from "@sslstore/connector-client";

const KNOWN_PRODUCT = "positivessl";
const COMMON_NAME = "typescript.polyglot.example.com";
const TIMEOUT_MS = 60_000;

class CheckFailed extends Error {}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

function env(name: string): string {
  const value = process.env[name];
  check(value !== undefined && value !== "", `${name} is not set: run under run_with_stack.sh`);
  return value;
}

interface Csr {
  csrPem: string;
  publicKeyPem: string;
}

// An RSA-2048 key and CSR made by openssl.
function makeCsr(commonName: string): Csr {
  const work = env("POLYGLOT_WORK_DIR");
  const key = join(work, `${commonName}.key`);
  const csr = join(work, `${commonName}.csr`);
  execFileSync(
    "openssl",
    ["req", "-new", "-newkey", "rsa:2048", "-nodes",
      "-subj", `/C=US/O=Polyglot Test/CN=${commonName}`,
      "-addext", `subjectAltName=DNS:${commonName}`, "-keyout", key, "-out", csr],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const publicKeyPem = execFileSync("openssl", ["req", "-in", csr, "-pubkey", "-noout"], {
    encoding: "utf8",
  });
  return { csrPem: readFileSync(csr, "utf8"), publicKeyPem };
}

interface GroundTruthOrder {
  id: number | string;
  major_status: string;
}

// Map of order id (decimal string) -> major status, from the simulator's admin API.
async function groundTruth(): Promise<Map<string, string>> {
  const reply = await fetch(`${env("SIM_ADMIN_URL")}/admin/ground-truth?certificates=0`);
  check(reply.ok, `ground truth: HTTP ${reply.status}`);
  const document = (await reply.json()) as { orders: GroundTruthOrder[] };
  return new Map(document.orders.map((order) => [String(order.id), order.major_status]));
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

// Calls `call`, which must fail with `code`; returns the error.
async function expectFailure(call: () => Promise<unknown>, code: Code, what: string): Promise<ConnectError> {
  try {
    await call();
  } catch (error) {
    const connectError = ConnectError.from(error);
    check(connectError.code === code,
      `${what}: code ${Code[connectError.code]} (${connectError.rawMessage}), want ${Code[code]}`);
    return connectError;
  }
  throw new CheckFailed(`${what} was accepted`);
}

// Without the bearer token the same call is refused, with the connector's ErrorInfo.
async function checkTokenRequired(target: string, caFile: string | undefined): Promise<void> {
  const bare = connect(target, caFile !== undefined ? { caFile } : {});
  try {
    const error = await expectFailure(() => bare.listProducts({}, { timeoutMs: TIMEOUT_MS }),
      Code.Unauthenticated, "a call without the bearer token");
    check(errorReason(error) === ErrorReason.CALLER_UNAUTHENTICATED,
      `without a token: reason ${errorInfo(error)?.reason ?? "(no ErrorInfo)"}`);
  } finally {
    bare.close();
  }
}

async function checkListProducts(client: ConnectorClient): Promise<number> {
  const { products } = await client.listProducts({}, { timeoutMs: TIMEOUT_MS });
  check(products.length > 80, `ListProducts returned ${products.length}`);
  const positive = products.find((p) => p.code === KNOWN_PRODUCT);
  check(positive !== undefined, `${KNOWN_PRODUCT} not listed`);
  check(positive.vendor !== "" && positive.validityMonths.includes(12),
    `${KNOWN_PRODUCT} lacks vendor or 12 months`);
  return products.length;
}

// A CSR that is not one: INVALID_ARGUMENT, ErrorInfo REQUEST_INVALID and a
// BadRequest naming the csr field.
async function checkInvalidEnrollIsRejected(client: ConnectorClient): Promise<void> {
  const error = await expectFailure(
    () => client.enroll({ productCode: KNOWN_PRODUCT, csr: "not a CSR" }, { timeoutMs: TIMEOUT_MS }),
    Code.InvalidArgument, "an Enroll without a valid CSR");
  check(errorReason(error) === ErrorReason.REQUEST_INVALID,
    `bad Enroll: reason ${errorInfo(error)?.reason ?? "(no ErrorInfo)"}`);
  const violations = badRequest(error)?.fieldViolations ?? [];
  check(violations.some((v) => v.field === "csr"),
    `bad Enroll: BadRequest fields [${violations.map((v) => v.field).join(", ")}]`);
}

async function enroll(client: ConnectorClient, csrPem: string): Promise<EnrollResponse> {
  const response = await client.enroll({
    productCode: KNOWN_PRODUCT,
    csr: csrPem,
    requestId: "polyglot-typescript-1",
    sans: { dns: { values: [COMMON_NAME] } },
    parameters: {
      "Admin Contact - Email": "pki@example.com",
      "Approver Email": "admin@example.com",
      "Validity Period (In Days)": "365",
    },
  }, { timeoutMs: TIMEOUT_MS });
  check(response.caRequestId !== "", "Enroll returned no caRequestId");
  check(response.action === EnrollmentAction.NEW_ORDER,
    `action ${EnrollmentAction[response.action]}`);
  check(response.validityMonths === 12, `validityMonths ${response.validityMonths}`);
  return response;
}

async function checkRecord(client: ConnectorClient, caRequestId: string, publicKeyPem: string): Promise<void> {
  const { record } = await client.getCertificate({ caRequestId }, { timeoutMs: TIMEOUT_MS });
  check(record !== undefined, "GetCertificate returned no record");
  check(record.status === CertificateStatus.ISSUED, `status ${CertificateStatus[record.status]}`);
  check(record.caRequestId === caRequestId, `id ${record.caRequestId}`);
  check(record.commonName === COMMON_NAME, `CN ${record.commonName}`);
  // Node's own X.509 parser, on both encodings the record carries.
  const fromPem = new X509Certificate(record.certificatePem);
  const fromDer = new X509Certificate(Buffer.from(record.certificateDer));
  check(fromPem.fingerprint256 === fromDer.fingerprint256, "certificatePem and certificateDer differ");
  const certificateKey = fromPem.publicKey.export({ type: "spki", format: "pem" }).toString();
  check(certificateKey.trim() === publicKeyPem.trim(), "certificate key differs from the CSR's key");
  // Some certificate of the chain issued and signed the leaf.
  const issuers = record.chain
    .map((c) => new X509Certificate(c.pem))
    .filter((c) => fromPem.checkIssued(c) && fromPem.verify(c.publicKey));
  check(issuers.length >= 1, "no chain certificate signed the leaf");
}

async function checkSync(client: ConnectorClient, caRequestId: string): Promise<number> {
  const records: CertificateRecord[] = [];
  const skipped: SkippedOrder[] = [];
  const summaries: SyncSummary[] = [];
  for await (const message of client.syncCertificates(
    { fullSync: true, emitProgress: true }, { timeoutMs: TIMEOUT_MS })) {
    const event = message.event;
    check(summaries.length === 0, `${event.case ?? "empty"} after the summary`);
    switch (event.case) {
      case "record": records.push(event.value); break;
      case "skipped": skipped.push(event.value); break;
      case "summary": summaries.push(event.value); break;
      case "progress": break;
      case undefined: throw new CheckFailed("a message without an event");
    }
  }
  const summary = summaries[0];
  check(summaries.length === 1 && summary !== undefined, "the stream did not end with a summary");
  const ids = records.map((record) => record.caRequestId);
  check(ids.includes(caRequestId), `${caRequestId} not synced`);
  check(new Set(ids).size === ids.length, "a record was streamed twice");
  // Orders with a certificate (Active, Cancelled) come as records; those
  // without one (Pending) as SkippedOrder messages; nothing fails.
  const truth = await groundTruth();
  const withCertificate = new Set([...truth].filter(([, major]) => major !== "Pending").map(([id]) => id));
  const pending = new Set([...truth.keys()].filter((id) => !withCertificate.has(id)));
  // int64 fields are bigints.
  const synced = new Set(records.map((r) => r.sslstoreOrderId.toString()));
  check(sameSet(synced, withCertificate), "records differ from the simulator's orders with a certificate");
  check(sameSet(new Set(skipped.map((o) => o.sslstoreOrderId.toString())), pending),
    "skipped orders are not the pending ones");
  check(summary.recordsEmitted === BigInt(records.length),
    `summary says ${summary.recordsEmitted}, got ${records.length}`);
  check(summary.ordersSkipped === BigInt(skipped.length),
    `summary says ${summary.ordersSkipped} skipped, got ${skipped.length}`);
  check(summary.ordersFailed === 0n && summary.ordersUnchanged === 0n,
    `failed ${summary.ordersFailed}, unchanged ${summary.ordersUnchanged}`);
  check(summary.ordersProcessed === BigInt(truth.size),
    `processed ${summary.ordersProcessed} of ${truth.size}`);
  check(summary.pagesFetched === BigInt(Math.floor(truth.size / 10) + 1),
    `pagesFetched ${summary.pagesFetched} for ${truth.size} orders`);
  return records.length;
}

async function main(): Promise<void> {
  const { csrPem, publicKeyPem } = makeCsr(COMMON_NAME);
  const target = env("CONNECTOR_TARGET");
  const caFile = process.env["CONNECTOR_CA_FILE"];
  const tokenFile = process.env["CONNECTOR_BEARER_TOKEN_FILE"];
  const client = connect(target, {
    ...(caFile !== undefined ? { caFile } : {}),
    ...(tokenFile !== undefined ? { token: readTokenFile(tokenFile) } : {}),
  });
  try {
    if (tokenFile !== undefined) await checkTokenRequired(target, caFile);
    const productCount = await checkListProducts(client);
    await checkInvalidEnrollIsRejected(client);
    const response = await enroll(client, csrPem);
    await checkRecord(client, response.caRequestId, publicKeyPem);
    const synced = await checkSync(client, response.caRequestId);
    const mode = (caFile !== undefined ? "TLS" : "plaintext") +
      (tokenFile !== undefined ? " + bearer token" : "");
    console.log(`PASS: typescript client (${mode}): ${productCount} products, ` +
      `enrolled ${response.caRequestId} (issued, key matches), synced ${synced} records`);
  } finally {
    client.close();
  }
}

main().catch((error: unknown) => {
  console.error(`FAIL: ${error instanceof CheckFailed ? error.message
    : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
