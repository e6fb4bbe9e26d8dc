// Readers of the connector's error details: the google.rpc.Status details a
// failed call carries (grpc-status-details-bin), decoded with
// ConnectError.findDetails.
import { ConnectError } from "@connectrpc/connect";
import type { DescMessage, MessageShape } from "@bufbuild/protobuf";

import {
  BadRequestSchema,
  ErrorInfoSchema,
  RetryInfoSchema,
  type BadRequest,
  type ErrorInfo,
  type RetryInfo,
} from "./gen/google/rpc/error_details_pb.js";
import { ErrorReason } from "./gen/sslstore/connector/v1/errors_pb.js";
import { SyncResumeInfoSchema, type SyncResumeInfo } from "./gen/sslstore/connector/v1/sync_pb.js";

/** The google.rpc.ErrorInfo domain of the connector's errors. */
export const ERROR_DOMAIN = "sslstore-connector.v1";

/** The first detail of type `schema` that `error` carries, if any. */
export function findDetail<Desc extends DescMessage>(
  error: unknown,
  schema: Desc,
): MessageShape<Desc> | undefined {
  return ConnectError.from(error).findDetails(schema)[0];
}

/** The ErrorInfo (reason, domain, metadata) of a failed call, if any. */
export function errorInfo(error: unknown): ErrorInfo | undefined {
  return findDetail(error, ErrorInfoSchema);
}

/**
 * The connector's ErrorReason of a failed call: ErrorInfo.reason of the
 * connector's domain as the enum; undefined without one or for an unknown reason.
 */
export function errorReason(error: unknown): ErrorReason | undefined {
  const info = errorInfo(error);
  if (info === undefined || info.domain !== ERROR_DOMAIN) return undefined;
  const value: unknown = (ErrorReason as Record<string, unknown>)[info.reason];
  return typeof value === "number" ? (value as ErrorReason) : undefined;
}

/** The BadRequest (field violations) of a rejected request, if any. */
export function badRequest(error: unknown): BadRequest | undefined {
  return findDetail(error, BadRequestSchema);
}

/** The RetryInfo (how long to wait) of a failed call, if any. */
export function retryInfo(error: unknown): RetryInfo | undefined {
  return findDetail(error, RetryInfoSchema);
}

/** The SyncResumeInfo (resume token) of a SyncCertificates stream that stopped, if any. */
export function syncResumeInfo(error: unknown): SyncResumeInfo | undefined {
  return findDetail(error, SyncResumeInfoSchema);
}
