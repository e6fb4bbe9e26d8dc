// @sslstore/connector-client: typed client of the SSL Store connector's gRPC
// API (sslstore.connector.v1).
//
//   import { connect } from "@sslstore/connector-client";
//   const connector = connect("127.0.0.1:50051", { caFile: "ca.pem", token });
//   const { products } = await connector.listProducts({});
//   connector.close();
//
// Messages are protobuf-es v2 types (camelCase fields, enums as TypeScript
// enums, int64 as bigint, bytes as Uint8Array); create them with
// create(<Name>Schema, {...}) from @bufbuild/protobuf, or pass plain
// objects to the client's methods.
export * from "./connect.js";
export * from "./details.js";

export * from "./gen/sslstore/connector/v1/catalog_pb.js";
export * from "./gen/sslstore/connector/v1/certificate_pb.js";
export * from "./gen/sslstore/connector/v1/connection_pb.js";
export * from "./gen/sslstore/connector/v1/connector_service_pb.js";
export * from "./gen/sslstore/connector/v1/enrollment_pb.js";
export * from "./gen/sslstore/connector/v1/errors_pb.js";
export * from "./gen/sslstore/connector/v1/sync_pb.js";

// The google.rpc details the connector's errors carry.
export {
  BadRequestSchema,
  BadRequest_FieldViolationSchema,
  ErrorInfoSchema,
  RetryInfoSchema,
  type BadRequest,
  type BadRequest_FieldViolation,
  type ErrorInfo,
  type RetryInfo,
} from "./gen/google/rpc/error_details_pb.js";

export { Code, ConnectError } from "@connectrpc/connect";
