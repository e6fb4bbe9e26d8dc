using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Keyfactor.AnyGateway.Extensions;
using SslStoreConnector.AnyCAPlugin.Tests.Support;
using Xunit;

namespace SslStoreConnector.AnyCAPlugin.Tests;

/// <summary>The plugin driven through the gateway's call sequence against the
/// real connector and simulator.</summary>
public sealed class GatewayFlowTests : PluginTestBase
{
    internal static Dictionary<string, string> DvParameters() => new()
    {
        ["Admin Contact - Email"] = "pki@example.com",
        ["Approver Email"] = "admin@example.com",
        ["Validity Period (In Days)"] = "365",
    };

    internal static EnrollmentProductInfo Positivessl(Dictionary<string, string>? parameters = null) =>
        new() { ProductID = "positivessl", ProductParameters = parameters ?? DvParameters() };

    [Fact]
    public async Task TheGatewayCallSequence()
    {
        ConnectorStack stack = await StartStackAsync();
        var reader = new FakeCertificateDataReader();
        SslStoreConnectorCaPlugin plugin = NewPlugin(stack.GatewaySettings(), reader);
        // Initialize may run again on the same instance.
        plugin.Initialize(new FakeConfigProvider(stack.GatewaySettings()), reader);

        await plugin.ValidateCAConnectionInfo(stack.GatewaySettings());
        await plugin.Ping();
        Assert.True(await stack.Admin.CallCountAsync("health/validate") >= 2);
        List<string> products = plugin.GetProductIds();
        Assert.Contains("positivessl", products);
        Assert.Contains("digi_securesite_flex-EO", products);
        Assert.True(products.Count >= 80);
        Assert.Contains("Validity Period (In Days)", plugin.GetTemplateParameterAnnotations().Keys);
        await plugin.ValidateProductInfo(Positivessl(), stack.GatewaySettings());

        // A new order: base64 DER CSR, SANs under the gateway's key.
        var san = new Dictionary<string, string[]> { ["dnsname"] = new[] { "flow.example.com" } };
        EnrollmentResult issued = await plugin.Enroll(CsrFactory.Make("flow.example.com"), "CN=flow.example.com", san,
            Positivessl(), RequestFormat.PKCS10, EnrollmentType.New);
        Shown(issued.StatusMessage + string.Join(",", issued.EnrollmentContext));
        Assert.Equal(EndEntityStatus.Generated, issued.Status);
        var leaf = CertificateChecks.AssertIssuedBySimulator(issued.Certificate, stack, "flow.example.com");
        Assert.Matches(@"^\d+-\S+$", issued.CARequestID);
        Assert.Equal("new_order", issued.EnrollmentContext["action"]);

        AnyCAPluginCertificate record = await plugin.GetSingleRecord(issued.CARequestID);
        Assert.Equal(EndEntityStatus.Generated, record.Status);
        Assert.Equal("positivessl", record.ProductID);
        Assert.Equal(leaf.Thumbprint, CertificateChecks.Parse(record.Certificate).Thumbprint);

        // The gateway renews: PriorCertSN is the serial it holds (typed in
        // lower case with colons); the reader turns it into the request id.
        reader.Store(leaf.SerialNumber, issued.CARequestID);
        var renewal = DvParameters();
        renewal["PriorCertSN"] = string.Join(":", leaf.SerialNumber.Chunk(2).Select(c => new string(c))).ToLowerInvariant();
        EnrollmentResult reissued = await plugin.Enroll(CsrFactory.Make("flow.example.com", pem: true),
            "CN=flow.example.com", san, Positivessl(renewal), RequestFormat.PKCS10, EnrollmentType.RenewOrReissue);
        Assert.Equal(EndEntityStatus.Generated, reissued.Status);
        Assert.Equal("reissue", reissued.EnrollmentContext["action"]);
        Assert.Contains(leaf.SerialNumber, reader.Lookups);
        X509Checks.AssertDifferent(leaf, CertificateChecks.Parse(reissued.Certificate));

        // An explicit renewal is a new (renewal) order.
        EnrollmentResult renewed = await plugin.Enroll(CsrFactory.Make("flow.example.com"), "CN=flow.example.com", san,
            Positivessl(renewal), RequestFormat.PKCS10, EnrollmentType.Renew);
        Assert.Equal(EndEntityStatus.Generated, renewed.Status);
        Assert.Equal("renewal_order", renewed.EnrollmentContext["action"]);
        Assert.NotEqual(issued.CARequestID.Split('-')[0], renewed.CARequestID.Split('-')[0]);

        // Refund carried out at once: REVOKED once; a second refund of the same order is refused.
        await stack.Admin.SetRealismAsync(new { refund_pending_polls = 0 });
        Assert.Equal(EndEntityStatus.Revoked, await plugin.Revoke(renewed.CARequestID, "", 1));
        Assert.Equal(EndEntityStatus.Failed, await plugin.Revoke(renewed.CARequestID, "", 1));
        AnyCAPluginCertificate refunded = await plugin.GetSingleRecord(renewed.CARequestID);
        Assert.Equal(EndEntityStatus.Revoked, refunded.Status);
        Assert.False(string.IsNullOrEmpty(refunded.Certificate));
    }

    [Fact]
    public async Task RevokeByRevokeRequestRevokesTheCertificate()
    {
        ConnectorStack stack = await StartStackAsync();
        Dictionary<string, object> settings = stack.GatewaySettings();
        settings["ConnectorRevocationMethod"] = "revoke";
        SslStoreConnectorCaPlugin plugin = NewPlugin(settings);
        EnrollmentResult issued = await plugin.Enroll(CsrFactory.Make("revoke.example.com"), "", new(),
            Positivessl(), RequestFormat.PKCS10, EnrollmentType.New);
        Assert.Equal(EndEntityStatus.Generated, issued.Status);
        string serial = CertificateChecks.Parse(issued.Certificate).SerialNumber;

        Assert.Equal(EndEntityStatus.Revoked, await plugin.Revoke(issued.CARequestID, serial, 4));
        SimOrder order = (await stack.Admin.GroundTruthAsync()).Single(o => o.CaRequestId == issued.CARequestID);
        Assert.Equal("Cancelled", order.MajorStatus);
        AnyCAPluginCertificate record = await plugin.GetSingleRecord(issued.CARequestID);
        Assert.Equal(EndEntityStatus.Revoked, record.Status);
        await ThrowsAsync<ArgumentException>(() => plugin.Revoke(issued.CARequestID, serial, 7));
    }

    [Fact]
    public async Task RefundProcessedLaterIsNotReportedRevokedUntilSslStoreCancels()
    {
        ConnectorStack stack = await StartStackAsync();
        await stack.Admin.SetRealismAsync(new { refund_pending_polls = -1 });
        SslStoreConnectorCaPlugin plugin = NewPlugin(stack.GatewaySettings());
        EnrollmentResult issued = await plugin.Enroll(CsrFactory.Make("later.example.com"), "", new(),
            Positivessl(), RequestFormat.PKCS10, EnrollmentType.New);
        Assert.Equal(EndEntityStatus.Generated, issued.Status);

        // Accepted and pending: the certificate is still valid, so not REVOKED (and not FAILED).
        Assert.Equal(EndEntityStatus.Generated, await plugin.Revoke(issued.CARequestID, "", 5));
        Assert.Equal(EndEntityStatus.Generated, (await plugin.GetSingleRecord(issued.CARequestID)).Status);

        SimOrder order = (await stack.Admin.GroundTruthAsync()).Single(o => o.CaRequestId == issued.CARequestID);
        Assert.Equal("Active", order.MajorStatus);
        await stack.Admin.CompleteRefundAsync(order.Id);
        AnyCAPluginCertificate revoked = await plugin.GetSingleRecord(issued.CARequestID);
        Assert.Equal(EndEntityStatus.Revoked, revoked.Status);
        Assert.False(string.IsNullOrEmpty(revoked.Certificate));
    }

    [Fact]
    public async Task SanKeysMatchEveryAliasInAnyCase()
    {
        ConnectorStack stack = await StartStackAsync();
        SslStoreConnectorCaPlugin plugin = NewPlugin(stack.GatewaySettings());
        var san = new Dictionary<string, string[]>
        {
            ["DNS"] = new[] { "alias.example.com" },
            ["DnsName"] = new[] { "alias.example.com", "www.alias.example.com" },
        };
        EnrollmentResult issued = await plugin.Enroll(CsrFactory.Make("alias.example.com"), "", san,
            Positivessl(), RequestFormat.PKCS10, EnrollmentType.New);
        Assert.Equal(EndEntityStatus.Generated, issued.Status);
        var leaf = CertificateChecks.AssertIssuedBySimulator(issued.Certificate, stack, "www.alias.example.com");
        Assert.True(leaf.MatchesHostname("alias.example.com"));
    }

    [Fact]
    public async Task PendingDcvComesBackAsExternalValidationWithTheRecords()
    {
        ConnectorStack stack = await StartStackAsync(new StackOptions { Approval = "manual" });
        SslStoreConnectorCaPlugin plugin = NewPlugin(stack.GatewaySettings());
        var parameters = DvParameters();
        parameters.Remove("Approver Email");
        parameters["CName Auth Domain Validation"] = "True";
        EnrollmentResult pending = await plugin.Enroll(CsrFactory.Make("dcv.example.com"), "", new(),
            Positivessl(parameters), RequestFormat.PKCS10, EnrollmentType.New);
        Shown(string.Join(",", pending.EnrollmentContext));
        Assert.Equal(EndEntityStatus.ExternalValidation, pending.Status);
        Assert.Equal("", pending.Certificate);
        Assert.Equal("cname", pending.EnrollmentContext["dcv.dcv.example.com.method"]);
        Assert.StartsWith("_", pending.EnrollmentContext["dcv.dcv.example.com.cname_name"]);
        Assert.False(string.IsNullOrEmpty(pending.EnrollmentContext["dcv.dcv.example.com.cname_value"]));

        // The same enrollment again finds the order instead of buying another.
        EnrollmentResult again = await plugin.Enroll(CsrFactory.Make("dcv.example.com"), "", new(),
            Positivessl(parameters), RequestFormat.PKCS10, EnrollmentType.New);
        Assert.Equal(EndEntityStatus.ExternalValidation, again.Status);

        AnyCAPluginCertificate waiting = await plugin.GetSingleRecord(pending.CARequestID);
        Assert.Equal(EndEntityStatus.ExternalValidation, waiting.Status);
        SimOrder order = (await stack.Admin.GroundTruthAsync()).Single(o => o.CaRequestId == pending.CARequestID);
        await stack.Admin.ApproveAsync(order.Id);
        AnyCAPluginCertificate issued = await plugin.GetSingleRecord(pending.CARequestID);
        Assert.Equal(EndEntityStatus.Generated, issued.Status);
        CertificateChecks.AssertIssuedBySimulator(issued.Certificate, stack, "dcv.example.com");
    }

    [Fact]
    public async Task RejectedEnrollmentsAreFailedResultsAndNothingIsOrdered()
    {
        ConnectorStack stack = await StartStackAsync();
        SslStoreConnectorCaPlugin plugin = NewPlugin(stack.GatewaySettings());
        string csr = CsrFactory.Make("reject.example.com");

        EnrollmentResult badCsr = await plugin.Enroll("not a csr", "", new(), Positivessl(), RequestFormat.PKCS10,
            EnrollmentType.New);
        Assert.Equal(EndEntityStatus.Failed, badCsr.Status);
        Assert.Contains("csr", badCsr.StatusMessage, StringComparison.OrdinalIgnoreCase);

        EnrollmentResult unknown = await plugin.Enroll(csr, "", new(),
            new EnrollmentProductInfo { ProductID = "no_such_product", ProductParameters = DvParameters() },
            RequestFormat.PKCS10, EnrollmentType.New);
        Assert.Equal(EndEntityStatus.Failed, unknown.Status);
        Assert.Contains("no_such_product", unknown.StatusMessage, StringComparison.Ordinal);

        var missing = DvParameters();
        missing.Remove("Admin Contact - Email");
        EnrollmentResult incomplete = await plugin.Enroll(csr, "", new(), Positivessl(missing), RequestFormat.PKCS10,
            EnrollmentType.New);
        Assert.Equal(EndEntityStatus.Failed, incomplete.Status);
        Assert.Contains("Admin Contact - Email", incomplete.StatusMessage, StringComparison.Ordinal);

        EnrollmentResult noPrior = await plugin.Enroll(csr, "", new(), Positivessl(), RequestFormat.PKCS10,
            EnrollmentType.RenewOrReissue);
        Assert.Equal(EndEntityStatus.Failed, noPrior.Status);
        Assert.Contains("PriorCertSN is missing", noPrior.StatusMessage, StringComparison.Ordinal);

        var unknownSerial = DvParameters();
        unknownSerial["PriorCertSN"] = "0A1B2C";
        EnrollmentResult notHeld = await plugin.Enroll(csr, "", new(), Positivessl(unknownSerial),
            RequestFormat.PKCS10, EnrollmentType.Reissue);
        Assert.Equal(EndEntityStatus.Failed, notHeld.Status);
        Assert.Contains("no certificate with serial number 0A1B2C", notHeld.StatusMessage, StringComparison.Ordinal);

        var noReader = new SslStoreConnectorCaPlugin(null, Logs);
        noReader.Initialize(new FakeConfigProvider(stack.GatewaySettings()), null!);
        EnrollmentResult readerless = await noReader.Enroll(csr, "", new(), Positivessl(unknownSerial),
            RequestFormat.PKCS10, EnrollmentType.Renew);
        Assert.Equal(EndEntityStatus.Failed, readerless.Status);
        Assert.Contains("no certificate data reader", readerless.StatusMessage, StringComparison.Ordinal);

        EnrollmentResult pfx = await plugin.Enroll(csr, "", new(), Positivessl(), RequestFormat.PFX, EnrollmentType.New);
        Assert.Equal(EndEntityStatus.Failed, pfx.Status);

        Assert.Empty(await stack.Admin.GroundTruthAsync());
        Assert.Equal(0, await stack.Admin.CallCountAsync("order/neworder"));
    }

    [Fact]
    public async Task ADisabledConnectionIsNotContacted()
    {
        ConnectorStack stack = await StartStackAsync();
        Dictionary<string, object> settings = stack.GatewaySettings();
        settings["Enabled"] = "false";
        SslStoreConnectorCaPlugin plugin = NewPlugin(settings);
        await plugin.Ping();
        await plugin.ValidateCAConnectionInfo(settings);
        Assert.Equal(0, await stack.Admin.CallCountAsync("health/validate"));

        EnrollmentResult refused = await plugin.Enroll(CsrFactory.Make("off.example.com"), "", new(), Positivessl(),
            RequestFormat.PKCS10, EnrollmentType.New);
        Assert.Equal(EndEntityStatus.Failed, refused.Status);
        Assert.Contains("disabled", refused.StatusMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await stack.Admin.CallCountAsync("order/neworder"));
    }

    [Fact]
    public async Task ANamedConnectionOfTheConnectorWorks()
    {
        ConnectorStack stack = await StartStackAsync();
        var settings = new Dictionary<string, object>
        {
            ["ConnectorAddress"] = stack.ConnectorAddress,
            ["ConnectorConnectionName"] = "default",
        };
        SslStoreConnectorCaPlugin plugin = NewPlugin(settings);
        await plugin.ValidateCAConnectionInfo(settings);
        await plugin.Ping();
        EnrollmentResult issued = await plugin.Enroll(CsrFactory.Make("named.example.com"), "", new(), Positivessl(),
            RequestFormat.PKCS10, EnrollmentType.New);
        Assert.Equal(EndEntityStatus.Generated, issued.Status);

        settings["ConnectorConnectionName"] = "nonexistent";
        ConnectorCallException error = await ThrowsAsync<ConnectorCallException>(
            () => plugin.ValidateCAConnectionInfo(settings));
        Assert.Contains("nonexistent", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>Certificate comparisons.</summary>
internal static class X509Checks
{
    public static void AssertDifferent(System.Security.Cryptography.X509Certificates.X509Certificate2 a,
        System.Security.Cryptography.X509Certificates.X509Certificate2 b)
    {
        Assert.NotEqual(a.SerialNumber, b.SerialNumber);
        Assert.NotEqual(a.Thumbprint, b.Thumbprint);
    }
}
