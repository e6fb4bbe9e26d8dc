using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Grpc.Core;
using Keyfactor.AnyGateway.Extensions;
using SslStoreConnector.AnyCAPlugin.Tests.Support;
using Xunit;

namespace SslStoreConnector.AnyCAPlugin.Tests;

/// <summary>Plaintext, TLS, mutual TLS and bearer tokens to the connector.</summary>
public sealed class TransportTests : PluginTestBase
{
    [Fact]
    public async Task MutualTlsWithABearerTokenCarriesEveryCall()
    {
        ConnectorStack stack = await StartStackAsync(new StackOptions { MutualTls = true, BearerToken = true });
        SslStoreConnectorCaPlugin plugin = NewPlugin(stack.GatewaySettings());
        await plugin.Ping();
        EnrollmentResult issued = await plugin.Enroll(CsrFactory.Make("mtls.example.com"), "", new(),
            GatewayFlowTests.Positivessl(), RequestFormat.PKCS10, EnrollmentType.New);
        Assert.Equal(EndEntityStatus.Generated, issued.Status);

        // Without the client certificate the TLS handshake fails.
        Dictionary<string, object> noClientCertificate = stack.GatewaySettings();
        noClientCertificate.Remove("ConnectorTlsClientCertFile");
        noClientCertificate.Remove("ConnectorTlsClientKeyFile");
        ConnectorCallException handshake = await ThrowsAsync<ConnectorCallException>(
            () => NewPlugin(noClientCertificate).Ping());
        Assert.Equal(StatusCode.Unavailable, handshake.Code);
        Assert.Contains(stack.ConnectorAddress, handshake.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TlsVerifiesTheConnectorsCertificateAndName()
    {
        ConnectorStack stack = await StartStackAsync(new StackOptions { Tls = true });
        await NewPlugin(stack.GatewaySettings()).Ping();

        // The expected name given separately: the address is an IP, the
        // certificate also names localhost.
        Dictionary<string, object> byName = stack.GatewaySettings();
        byName["ConnectorTlsServerName"] = "localhost";
        await NewPlugin(byName).Ping();

        Dictionary<string, object> wrongName = stack.GatewaySettings();
        wrongName["ConnectorTlsServerName"] = "connector.example.com";
        await ThrowsAsync<ConnectorCallException>(() => NewPlugin(wrongName).Ping());

        // A CA that did not issue the connector's certificate.
        Dictionary<string, object> wrongCa = stack.GatewaySettings();
        wrongCa["ConnectorTlsCaFile"] = stack.SimCaFile;
        await ThrowsAsync<ConnectorCallException>(() => NewPlugin(wrongCa).Ping());

        // Plaintext to a TLS server fails too.
        Dictionary<string, object> plaintext = stack.GatewaySettings();
        plaintext.Remove("ConnectorTlsCaFile");
        await ThrowsAsync<ConnectorCallException>(() => NewPlugin(plaintext).Ping());
    }

    [Fact]
    public async Task AWrongBearerTokenIsUnauthenticatedAndNeverShown()
    {
        ConnectorStack stack = await StartStackAsync(new StackOptions { BearerToken = true });
        await NewPlugin(stack.GatewaySettings()).Ping();

        string wrongTokenFile = Path.Combine(stack.WorkDir, "wrong-token");
        await File.WriteAllTextAsync(wrongTokenFile, "wrong-" + stack.BearerToken);
        Dictionary<string, object> settings = stack.GatewaySettings();
        settings["ConnectorTokenFile"] = wrongTokenFile;
        ConnectorCallException error = await ThrowsAsync<ConnectorCallException>(() => NewPlugin(settings).Ping());
        Assert.Equal(StatusCode.Unauthenticated, error.Code);
        Assert.Contains("ConnectorTokenFile", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-", error.Message, StringComparison.Ordinal);

        settings.Remove("ConnectorTokenFile");
        error = await ThrowsAsync<ConnectorCallException>(() => NewPlugin(settings).Ping());
        Assert.Equal(StatusCode.Unauthenticated, error.Code);
    }

    [Fact]
    public async Task AnAbsentConnectorIsNamedInTheError()
    {
        ConnectorStack stack = await StartStackAsync();
        // The connector's address once the connector is gone: nobody listens.
        Dictionary<string, object> settings = stack.GatewaySettings();
        stack.Dispose();
        ConnectorCallException error = await ThrowsAsync<ConnectorCallException>(() => NewPlugin(settings).Ping());
        Assert.Equal(StatusCode.Unavailable, error.Code);
        Assert.Contains($"Ping: the SSL Store connector at {settings["ConnectorAddress"]} is unavailable",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadConnectorFilesAreReportedByKeyAndPath()
    {
        var settings = new Dictionary<string, object>
        {
            ["ConnectorTlsCaFile"] = "/nonexistent/ca.pem",
            ["ConnectorTokenFile"] = "/nonexistent/token",
            ["ConnectorTlsClientCertFile"] = "/nonexistent/client.pem",
        };
        var plugin = new SslStoreConnectorCaPlugin(null, Logs);
        CAConnectionInvalidException error = Assert.Throws<CAConnectionInvalidException>(
            () => plugin.Initialize(new FakeConfigProvider(settings), new FakeCertificateDataReader()));
        Assert.Contains(error.Problems, p => p.StartsWith("ConnectorTlsClientCertFile: give both", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("ConnectorTlsCaFile: cannot read a PEM certificate from /nonexistent/ca.pem", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("ConnectorTokenFile: cannot read /nonexistent/token", StringComparison.Ordinal));
    }
}
