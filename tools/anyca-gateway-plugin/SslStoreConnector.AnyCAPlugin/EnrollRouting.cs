using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Sslstore.Connector.V1;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>The metadata that lets a load balancer in front of several
/// connector replicas route every call of one enrollment to the same
/// replica (README, "Running several replicas").</summary>
internal static class EnrollRouting
{
    /// <summary>The metadata key the balancer hashes on.</summary>
    public const string MetadataKey = "x-sslstore-request-id";

    /// <summary>The routing key of <paramref name="request"/>: its
    /// RequestId when set and printable ASCII, else "sha256:" and the hex
    /// SHA-256 of what the connector derives the CustomOrderID from without
    /// a RequestId (product, enrollment type, prior request id, CSR), so
    /// that a retried enrollment goes to the same replica.</summary>
    public static string KeyFor(EnrollRequest request)
    {
        if (request.RequestId.Length > 0 && request.RequestId.All(c => c >= ' ' && c <= '~'))
        {
            return request.RequestId;
        }
        string material = string.Join("\n", request.ProductCode, (int)request.EnrollmentType,
            request.PriorCaRequestId, request.Csr);
        byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(material));
        return "sha256:" + Convert.ToHexString(digest).ToLowerInvariant();
    }

    /// <summary><paramref name="options"/> with the routing key of
    /// <paramref name="request"/> added to a copy of its headers.</summary>
    public static CallOptions WithRoutingKey(CallOptions options, EnrollRequest request)
    {
        var headers = new Metadata();
        foreach (Metadata.Entry entry in options.Headers ?? new Metadata())
        {
            headers.Add(entry);
        }
        headers.Add(MetadataKey, KeyFor(request));
        return options.WithHeaders(headers);
    }
}
