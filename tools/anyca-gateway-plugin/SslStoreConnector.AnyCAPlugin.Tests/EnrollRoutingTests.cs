using System.Linq;
using Grpc.Core;
using Sslstore.Connector.V1;
using Xunit;

namespace SslStoreConnector.AnyCAPlugin.Tests;

/// <summary>The routing key Enroll sends for load balancers (no connector
/// needed; every Enroll of the other suites sends it too).</summary>
public sealed class EnrollRoutingTests
{
    private static EnrollRequest Request(string csr) => new()
    {
        Csr = csr,
        ProductCode = "positivessl",
        EnrollmentType = EnrollmentType.Renew,
        PriorCaRequestId = "9-TSS-1",
    };

    [Fact]
    public void TheSameEnrollmentGetsTheSameKey()
    {
        string key = EnrollRouting.KeyFor(Request("csr-a"));
        Assert.StartsWith("sha256:", key);
        Assert.Equal(7 + 64, key.Length);
        Assert.Equal(key, EnrollRouting.KeyFor(Request("csr-a")));
        Assert.NotEqual(key, EnrollRouting.KeyFor(Request("csr-b")));
        EnrollRequest otherPrior = Request("csr-a");
        otherPrior.PriorCaRequestId = "9-TSS-2";
        Assert.NotEqual(key, EnrollRouting.KeyFor(otherPrior));
    }

    [Fact]
    public void ARequestIdIsTheKeyWhenItCanBeAHeader()
    {
        EnrollRequest request = Request("csr-a");
        request.RequestId = "gateway-42";
        Assert.Equal("gateway-42", EnrollRouting.KeyFor(request));
        request.RequestId = "line\nbreak";
        Assert.StartsWith("sha256:", EnrollRouting.KeyFor(request));
    }

    [Fact]
    public void TheHeaderIsAddedToACopyOfTheCallHeaders()
    {
        var shared = new Metadata { { "authorization", "Bearer t" } };
        CallOptions options = EnrollRouting.WithRoutingKey(new CallOptions(shared), Request("csr-a"));
        Assert.Single(shared);
        Assert.Equal(new[] { "authorization", EnrollRouting.MetadataKey },
            options.Headers!.Select(e => e.Key).ToArray());
        Assert.Equal(EnrollRouting.KeyFor(Request("csr-a")), RoutingKeyOf(options));
        Assert.Equal(EnrollRouting.KeyFor(Request("csr-a")),
            RoutingKeyOf(EnrollRouting.WithRoutingKey(new CallOptions(), Request("csr-a"))));
    }

    private static string RoutingKeyOf(CallOptions options) =>
        options.Headers!.Single(e => e.Key == EnrollRouting.MetadataKey).Value;
}
