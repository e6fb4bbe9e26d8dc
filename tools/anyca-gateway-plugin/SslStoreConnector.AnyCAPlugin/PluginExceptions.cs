using System;
using System.Collections.Generic;
using Grpc.Core;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>The CA connection settings are unusable. The message lists every
/// problem, one per line, by the gateway's key name; it never contains a
/// secret.</summary>
public sealed class CAConnectionInvalidException : ArgumentException
{
    /// <summary>An exception listing <paramref name="problems"/>.</summary>
    public CAConnectionInvalidException(string heading, IReadOnlyList<string> problems)
        : base(heading + ":" + string.Concat(ProblemLines(problems)))
    {
        Problems = problems;
    }

    /// <summary>Each problem as "Key: what is wrong".</summary>
    public IReadOnlyList<string> Problems { get; }

    private static IEnumerable<string> ProblemLines(IReadOnlyList<string> problems)
    {
        foreach (string problem in problems)
        {
            yield return Environment.NewLine + "  " + problem;
        }
    }
}

/// <summary>A call to the SSL Store connector failed. The message names the
/// gateway call and, for transport failures, the connector's address; it
/// never contains a secret.</summary>
public sealed class ConnectorCallException : Exception
{
    /// <summary>An exception for a failed call.</summary>
    public ConnectorCallException(StatusCode code, string message, IReadOnlyList<string> problems,
        string reason = "")
        : base(message)
    {
        Code = code;
        Problems = problems;
        Reason = reason;
    }

    /// <summary>The connector's gRPC status code.</summary>
    public StatusCode Code { get; }

    /// <summary>The field problems the connector listed ("field: problem").</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The reason of the connector's google.rpc.ErrorInfo (an
    /// sslstore.connector.v1.ErrorReason name such as "UPSTREAM_REFUSED");
    /// empty when the status carried none.</summary>
    public string Reason { get; }
}
