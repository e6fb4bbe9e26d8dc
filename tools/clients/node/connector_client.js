'use strict';
// Thin Node.js client of the SSL Store connector (sslstore.connector.v1).
//
// The service definition is loaded from the .proto files at run time with
// @grpc/proto-loader (no generated code); calls go through @grpc/grpc-js.
//
//   const ssc = require('./connector_client');
//   const client = ssc.connect('127.0.0.1:50051', {
//     caFile: 'ca.pem', bearerToken: ssc.readTokenFile('token')});
//   const {products} = await ssc.unary(client, 'ListProducts', {});
//   for await (const message of client.SyncCertificates({full_sync: true})) {}
//
// Field names stay as in the protos (snake_case); enums are strings
// ('CERTIFICATE_STATUS_ISSUED'); int64 values are strings; bytes are Buffers.

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

// The repository's proto root (proto/) seen from tools/clients/node.
const DEFAULT_PROTO_DIR = path.resolve(__dirname, '..', '..', '..', 'proto');
const SERVICE_PROTO = 'sslstore/connector/v1/connector_service.proto';

// Loads sslstore.connector.v1 from `protoDir` (default: the repo's proto/)
// and returns the package object (ConnectorService constructor, types).
function loadConnectorPackage(protoDir = DEFAULT_PROTO_DIR) {
  const definition = protoLoader.loadSync(SERVICE_PROTO, {
    includeDirs: [protoDir],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).sslstore.connector.v1;
}

// Returns the bearer token stored in `file` (surrounding whitespace removed).
function readTokenFile(file) {
  return fs.readFileSync(file, 'utf8').trim();
}

// Opens a ConnectorService client for `target` ("host:port").
// options.caFile: PEM CA bundle to verify the server; enables TLS.
// options.clientCertFile, options.clientKeyFile: PEM pair for mutual TLS.
// options.bearerToken: sent as `authorization: Bearer <token>` on each call.
// options.serverName: host name expected in the server certificate.
// options.protoDir: proto root (default: the repository's proto/).
// options.channelOptions: extra grpc-js channel options.
// The channel connects on the first call; close it with client.close().
function connect(target, options = {}) {
  const v1 = loadConnectorPackage(options.protoDir);
  let credentials;
  if (options.caFile || options.clientCertFile) {
    credentials = grpc.credentials.createSsl(
        options.caFile ? fs.readFileSync(options.caFile) : null,
        options.clientKeyFile ? fs.readFileSync(options.clientKeyFile) : null,
        options.clientCertFile ? fs.readFileSync(options.clientCertFile) :
                                 null);
  } else {
    credentials = grpc.credentials.createInsecure();
  }
  const clientOptions = {...(options.channelOptions || {})};
  if (options.serverName) {
    clientOptions['grpc.ssl_target_name_override'] = options.serverName;
  }
  if (options.bearerToken) {
    const header = `Bearer ${options.bearerToken}`;
    // An interceptor (not call credentials) so that it also works on
    // plaintext loopback channels.
    clientOptions.interceptors = [(callOptions, nextCall) =>
      new grpc.InterceptingCall(nextCall(callOptions), {
        start(metadata, listener, next) {
          metadata.set('authorization', header);
          next(metadata, listener);
        },
      })];
  }
  return new v1.ConnectorService(target, credentials, clientOptions);
}

// Calls unary method `method` of `client` with `request`; resolves with the
// response, rejects with the grpc-js ServiceError. `timeoutMs` sets the
// deadline (default 60 s).
function unary(client, method, request, timeoutMs = 60000) {
  return new Promise((resolve, reject) => {
    const deadline = new Date(Date.now() + timeoutMs);
    client[method](request, new grpc.Metadata(), {deadline},
        (error, response) => error ? reject(error) : resolve(response));
  });
}

module.exports = {
  DEFAULT_PROTO_DIR,
  connect,
  grpc,
  loadConnectorPackage,
  readTokenFile,
  unary,
};
