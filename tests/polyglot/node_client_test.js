'use strict';
// The Node client (tools/clients/node) against a running connector: lists
// products, enrolls a fresh CSR on the simulator, reads the record back and
// streams a full sync. Run under run_with_stack.sh with NODE_PATH pointing at
// the node_modules that `npm ci` installed from tools/clients/node.

const {execFileSync} = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ssc = require(path.resolve(
    __dirname, '..', '..', 'tools', 'clients', 'node', 'connector_client.js'));

const KNOWN_PRODUCT = 'positivessl';
const COMMON_NAME = 'node.polyglot.example.com';
const TIMEOUT_MS = 60000;

class CheckFailed extends Error {}

function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

function env(name) {
  const value = process.env[name];
  check(value, `${name} is not set: run under run_with_stack.sh`);
  return value;
}

// An RSA-2048 key and CSR made by openssl; returns {csrPem, publicKeyPem}.
function makeCsr(commonName) {
  const work = env('POLYGLOT_WORK_DIR');
  const key = path.join(work, `${commonName}.key`);
  const csr = path.join(work, `${commonName}.csr`);
  execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes',
    '-subj', `/C=US/O=Polyglot Test/CN=${commonName}`,
    '-addext', `subjectAltName=DNS:${commonName}`, '-keyout', key,
    '-out', csr], {stdio: ['ignore', 'ignore', 'pipe']});
  const publicKeyPem = execFileSync(
      'openssl', ['req', '-in', csr, '-pubkey', '-noout'], {encoding: 'utf8'});
  return {csrPem: fs.readFileSync(csr, 'utf8'), publicKeyPem};
}

// Map of order id (a string) -> major status, from the simulator's admin API.
async function groundTruth() {
  const reply = await fetch(
      `${env('SIM_ADMIN_URL')}/admin/ground-truth?certificates=0`);
  check(reply.ok, `ground truth: HTTP ${reply.status}`);
  const document = await reply.json();
  return new Map(document.orders.map(
      (order) => [String(order.id), order.major_status]));
}

function sameSet(a, b) {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

// Without the bearer token the same call is refused (the wrapper's token is
// what lets the other calls through).
async function checkTokenRequired() {
  const bare = ssc.connect(env('CONNECTOR_TARGET'),
      {caFile: process.env.CONNECTOR_CA_FILE});
  try {
    await ssc.unary(bare, 'ListProducts', {}, TIMEOUT_MS);
  } catch (error) {
    check(error.code === ssc.grpc.status.UNAUTHENTICATED,
        `without a token: code ${error.code}`);
    return;
  } finally {
    bare.close();
  }
  throw new CheckFailed('a call without the bearer token was accepted');
}

async function checkListProducts(client) {
  const {products} =
      await ssc.unary(client, 'ListProducts', {}, TIMEOUT_MS);
  check(products.length > 80, `ListProducts returned ${products.length}`);
  const positive = products.find((p) => p.code === KNOWN_PRODUCT);
  check(positive, `${KNOWN_PRODUCT} not listed`);
  check(positive.vendor && positive.validity_months.includes(12),
      `${KNOWN_PRODUCT} lacks vendor or 12 months`);
  return products.length;
}

async function checkInvalidEnrollIsRejected(client) {
  try {
    await ssc.unary(client, 'Enroll',
        {product_code: KNOWN_PRODUCT, csr: 'not a CSR'}, TIMEOUT_MS);
  } catch (error) {
    check(error.code === ssc.grpc.status.INVALID_ARGUMENT,
        `bad Enroll: code ${error.code} ${error.details}`);
    return;
  }
  throw new CheckFailed('an Enroll without a valid CSR was accepted');
}

async function enroll(client, csrPem) {
  const response = await ssc.unary(client, 'Enroll', {
    product_code: KNOWN_PRODUCT,
    csr: csrPem,
    request_id: 'polyglot-node-1',
    sans: {dns: {values: [COMMON_NAME]}},
    parameters: {
      'Admin Contact - Email': 'pki@example.com',
      'Approver Email': 'admin@example.com',
      'Validity Period (In Days)': '365',
    },
  }, TIMEOUT_MS);
  check(response.ca_request_id, 'Enroll returned no ca_request_id');
  check(response.action === 'ENROLLMENT_ACTION_NEW_ORDER',
      `action ${response.action}`);
  check(response.validity_months === 12,
      `validity_months ${response.validity_months}`);
  return response;
}

async function checkRecord(client, caRequestId, publicKeyPem) {
  const {record} = await ssc.unary(client, 'GetCertificate',
      {ca_request_id: caRequestId}, TIMEOUT_MS);
  check(record.status === 'CERTIFICATE_STATUS_ISSUED',
      `status ${record.status}`);
  check(record.ca_request_id === caRequestId, `id ${record.ca_request_id}`);
  check(record.common_name === COMMON_NAME, `CN ${record.common_name}`);
  // Node's own X.509 parser, on both encodings the record carries.
  const fromPem = new crypto.X509Certificate(record.certificate_pem);
  const fromDer = new crypto.X509Certificate(record.certificate_der);
  check(fromPem.fingerprint256 === fromDer.fingerprint256,
      'certificate_pem and certificate_der differ');
  const certificateKey =
      fromPem.publicKey.export({type: 'spki', format: 'pem'});
  check(certificateKey.trim() === publicKeyPem.trim(),
      'certificate key differs from the CSR\'s key');
  // Some certificate of the chain issued and signed the leaf.
  const issuers = record.chain.map((c) => new crypto.X509Certificate(c.pem))
      .filter((c) => fromPem.checkIssued(c) && fromPem.verify(c.publicKey));
  check(issuers.length >= 1, 'no chain certificate signed the leaf');
}

async function checkSync(client, caRequestId) {
  const records = [];
  const skipped = [];
  const summaries = [];
  const deadline = new Date(Date.now() + TIMEOUT_MS);
  const stream = client.SyncCertificates(
      {full_sync: true, emit_progress: true}, {deadline});
  for await (const message of stream) {
    check(summaries.length === 0, `${message.event} after the summary`);
    if (message.event === 'record') records.push(message.record);
    if (message.event === 'skipped') skipped.push(message.skipped);
    if (message.event === 'summary') summaries.push(message.summary);
  }
  check(summaries.length === 1, 'the stream did not end with a summary');
  const summary = summaries[0];
  const ids = records.map((record) => record.ca_request_id);
  check(ids.includes(caRequestId), `${caRequestId} not synced`);
  check(new Set(ids).size === ids.length, 'a record was streamed twice');
  // Orders with a certificate (Active, Cancelled) come as records; those
  // without one (Pending) as SkippedOrder messages; nothing fails.
  const truth = await groundTruth();
  const withCertificate = new Set(
      [...truth].filter(([, major]) => major !== 'Pending').map(([id]) => id));
  const pending = new Set(
      [...truth.keys()].filter((id) => !withCertificate.has(id)));
  // int64 fields arrive as strings (longs: String).
  const synced = new Set(records.map((r) => r.sslstore_order_id));
  check(sameSet(synced, withCertificate),
      'records differ from the simulator\'s orders with a certificate');
  check(sameSet(new Set(skipped.map((o) => o.sslstore_order_id)), pending),
      'skipped orders are not the pending ones');
  check(Number(summary.records_emitted) === records.length,
      `summary says ${summary.records_emitted}, got ${records.length}`);
  check(Number(summary.orders_skipped) === skipped.length,
      `summary says ${summary.orders_skipped} skipped, got ${skipped.length}`);
  check(Number(summary.orders_failed) === 0 &&
        Number(summary.orders_unchanged) === 0,
  `failed ${summary.orders_failed}, unchanged ${summary.orders_unchanged}`);
  check(Number(summary.orders_processed) === truth.size,
      `processed ${summary.orders_processed} of ${truth.size}`);
  check(Number(summary.pages_fetched) === Math.floor(truth.size / 10) + 1,
      `pages_fetched ${summary.pages_fetched} for ${truth.size} orders`);
  return records.length;
}

async function main() {
  const {csrPem, publicKeyPem} = makeCsr(COMMON_NAME);
  const tokenFile = process.env.CONNECTOR_BEARER_TOKEN_FILE;
  const client = ssc.connect(env('CONNECTOR_TARGET'), {
    caFile: process.env.CONNECTOR_CA_FILE,
    bearerToken: tokenFile ? ssc.readTokenFile(tokenFile) : undefined,
  });
  try {
    if (tokenFile) await checkTokenRequired();
    const productCount = await checkListProducts(client);
    await checkInvalidEnrollIsRejected(client);
    const response = await enroll(client, csrPem);
    await checkRecord(client, response.ca_request_id, publicKeyPem);
    const synced = await checkSync(client, response.ca_request_id);
    const mode = (process.env.CONNECTOR_CA_FILE ? 'TLS' : 'plaintext') +
        (tokenFile ? ' + bearer token' : '');
    console.log(`PASS: node client (${mode}): ${productCount} products, ` +
        `enrolled ${response.ca_request_id} (issued, key matches), ` +
        `synced ${synced} records`);
  } finally {
    client.close();
  }
}

main().catch((error) => {
  console.error(`FAIL: ${error instanceof CheckFailed ? error.message :
      (error.stack || error)}`);
  process.exit(1);
});
