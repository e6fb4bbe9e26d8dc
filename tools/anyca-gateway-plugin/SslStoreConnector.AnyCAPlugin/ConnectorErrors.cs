using System.Collections.Generic;
using System.Linq;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Sslstore.Connector.V1;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>Turns the connector's gRPC errors into clear, scrubbed
/// exceptions: the BadRequest field violations one per line under the
/// gateway's key names, transport failures naming the connector's
/// address.</summary>
internal static class ConnectorErrors
{
    /// <summary>The exception for a failed call <paramref name="call"/> (e.g.
    /// "Enroll") to the connector at <paramref name="address"/>.</summary>
    public static ConnectorCallException ToException(RpcException error, string call, string address,
        SecretRedactor redactor)
    {
        List<string> problems = ViolationsOf(error);
        string detail = error.Status.Detail;
        string text = error.StatusCode switch
        {
            StatusCode.Unavailable =>
                $"{call}: the SSL Store connector at {address} is unavailable: {detail}",
            StatusCode.DeadlineExceeded =>
                $"{call}: no answer from the SSL Store connector at {address} before the deadline: {detail}",
            StatusCode.Unauthenticated =>
                $"{call}: the SSL Store connector at {address} refused this client's credentials " +
                $"(check {ConnectorKeys.TokenFile}): {detail}",
            StatusCode.PermissionDenied =>
                $"{call}: the SSL Store connector at {address} denied the call: {detail}",
            StatusCode.Cancelled => $"{call}: cancelled",
            _ when problems.Count > 0 =>
                $"{call}: the request is invalid:" + string.Concat(problems.Select(p => "\n  " + p)),
            _ => $"{call}: {detail}",
        };
        return new ConnectorCallException(error.StatusCode, redactor.Redact(text),
            problems.Select(redactor.Redact).ToList(), ReasonOf(error));
    }

    /// <summary>The BadRequest field violations of <paramref name="error"/> as
    /// "field: problem", connection fields under the gateway's keys.</summary>
    public static List<string> ViolationsOf(RpcException error)
    {
        var problems = new List<string>();
        foreach (Any detail in DetailsOf(error))
        {
            if (detail.TryUnpack(out BadRequest badRequest))
            {
                problems.AddRange(badRequest.FieldViolations.Select(
                    v => $"{GatewayKeyForField(v.Field)}: {v.Description}"));
            }
        }
        return problems;
    }

    /// <summary>The reason of the google.rpc.ErrorInfo detail of <paramref name="error"/>
    /// (an ErrorReason name, e.g. "UPSTREAM_REFUSED"); empty when there is none.</summary>
    public static string ReasonOf(RpcException error)
    {
        foreach (Any detail in DetailsOf(error))
        {
            if (detail.TryUnpack(out ErrorInfo info))
            {
                return info.Reason;
            }
        }
        return "";
    }

    /// <summary>The SyncResumeInfo detail of an interrupted sync, if any.</summary>
    public static SyncResumeInfo? ResumeInfoOf(RpcException error)
    {
        foreach (Any detail in DetailsOf(error))
        {
            if (detail.TryUnpack(out SyncResumeInfo info) && info.ResumeToken.Length > 0)
            {
                return info;
            }
        }
        return null;
    }

    /// <summary>True for codes meaning the connector or SSL Store rejected the
    /// request (a FAILED enrollment), as opposed to no answer.</summary>
    public static bool IsRejection(StatusCode code) => code is StatusCode.InvalidArgument
        or StatusCode.FailedPrecondition or StatusCode.NotFound or StatusCode.AlreadyExists
        or StatusCode.OutOfRange or StatusCode.Aborted or StatusCode.PermissionDenied;

    /// <summary>The gateway key of a connector field name ("sslstore_url",
    /// "connection.inline.page_size" -> "SSLStoreURL", "PageSize");
    /// <paramref name="field"/> unchanged when it is no connection field.</summary>
    public static string GatewayKeyForField(string field)
    {
        string bare = field;
        foreach (string prefix in new[] { "connection.inline.", "config." })
        {
            if (bare.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                bare = bare[prefix.Length..];
            }
        }
        return bare switch
        {
            "sslstore_url" => ConnectorKeys.SslStoreUrl,
            "partner_code" => ConnectorKeys.PartnerCode,
            "auth_token" => ConnectorKeys.AuthToken,
            "page_size" => ConnectorKeys.PageSize,
            "enabled" => ConnectorKeys.Enabled,
            "renewal_window_days" => ConnectorKeys.RenewalWindow,
            _ => field,
        };
    }

    private static IEnumerable<Any> DetailsOf(RpcException error)
    {
        Google.Rpc.Status? status;
        try
        {
            status = error.GetRpcStatus();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            status = null;
        }
        return status?.Details ?? Enumerable.Empty<Any>();
    }
}
