// connect(): a typed ConnectorService client over the gRPC protocol (HTTP/2,
// Node's http2 module), with optional TLS, mutual TLS and a bearer token.
import { readFileSync } from "node:fs";
import type * as http2 from "node:http2";

import { createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { Http2SessionManager, createGrpcTransport } from "@connectrpc/connect-node";

import { ConnectorService } from "./gen/sslstore/connector/v1/connector_service_pb.js";

/** A PEM certificate and its private key, for mutual TLS. */
export interface ClientCertificate {
  /** PEM file of the client certificate (and its intermediates). */
  certFile: string;
  /** PEM file of the certificate's private key. */
  keyFile: string;
}

/** Options of connect(); without caFile, clientCert or tls the channel is plaintext. */
export interface ConnectOptions {
  /** PEM CA bundle that verifies the connector's certificate; implies TLS. */
  caFile?: string;
  /** Client certificate for mutual TLS; implies TLS. */
  clientCert?: ClientCertificate;
  /** TLS verified by Node's default CAs (when neither caFile nor clientCert is given). */
  tls?: boolean;
  /** Host name expected in the server certificate (default: the target's host). */
  serverName?: string;
  /** Bearer token sent as `authorization: Bearer <token>` on every call. */
  token?: string;
  /** Deadline of each call in milliseconds unless the call sets timeoutMs. */
  timeoutMs?: number;
}

/** A ConnectorService client; close() ends its HTTP/2 connection. */
export type ConnectorClient = Client<typeof ConnectorService> & {
  /** Closes the connection; calls in flight fail with Code.Canceled. */
  close(): void;
};

/** Reads a bearer token from `file` (surrounding whitespace removed). */
export function readTokenFile(file: string): string {
  return readFileSync(file, "utf8").trim();
}

function bearerInterceptor(token: string): Interceptor {
  const header = `Bearer ${token}`;
  return (next) => async (request) => {
    request.header.set("authorization", header);
    return next(request);
  };
}

/**
 * Opens a ConnectorService client for `target` ("host:port", or a URL with
 * http:// or https://). The connection opens on the first call.
 */
export function connect(target: string, options: ConnectOptions = {}): ConnectorClient {
  const secure =
    options.caFile !== undefined ||
    options.clientCert !== undefined ||
    options.tls === true ||
    target.startsWith("https://");
  const baseUrl = /^https?:\/\//.test(target)
    ? target
    : `${secure ? "https" : "http"}://${target}`;
  const nodeOptions: http2.SecureClientSessionOptions = {};
  if (secure) {
    if (options.caFile !== undefined) nodeOptions.ca = readFileSync(options.caFile);
    if (options.clientCert !== undefined) {
      nodeOptions.cert = readFileSync(options.clientCert.certFile);
      nodeOptions.key = readFileSync(options.clientCert.keyFile);
    }
    if (options.serverName !== undefined) nodeOptions.servername = options.serverName;
  }
  // An explicit session manager, so that close() can end the connection.
  const sessionManager = new Http2SessionManager(baseUrl, {}, nodeOptions);
  const interceptors: Interceptor[] = [];
  if (options.token !== undefined) interceptors.push(bearerInterceptor(options.token));
  const transport = createGrpcTransport({
    baseUrl,
    sessionManager,
    interceptors,
    ...(options.timeoutMs !== undefined ? { defaultTimeoutMs: options.timeoutMs } : {}),
  });
  const client = createClient(ConnectorService, transport);
  return Object.assign(client, { close: () => sessionManager.abort() });
}
