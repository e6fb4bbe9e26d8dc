using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Keyfactor.AnyGateway.Extensions;
using SslStoreConnector.AnyCAPlugin.Tests.Support;
using Xunit;

namespace SslStoreConnector.AnyCAPlugin.Tests;

/// <summary>ValidateCAConnectionInfo, ValidateProductInfo and the annotations.</summary>
public sealed class ValidationTests : PluginTestBase
{
    [Fact]
    public async Task ConnectionValidationListsEveryProblemByGatewayKeyOnAFreshInstance()
    {
        ConnectorStack stack = await StartStackAsync();
        var plugin = new SslStoreConnectorCaPlugin(null, Logs); // never initialized
        await plugin.ValidateCAConnectionInfo(stack.GatewaySettings());

        Dictionary<string, object> settings = stack.GatewaySettings();
        settings["SSLStoreURL"] = "http://insecure.example.com";
        settings["PartnerCode"] = "";
        settings["PageSize"] = "many";
        settings["Enabled"] = "perhaps";
        settings["ConnectorTimeoutSeconds"] = 0L;
        settings["ConnectorRevocationMethod"] = "shred";
        CAConnectionInvalidException error = await ThrowsAsync<CAConnectionInvalidException>(
            () => plugin.ValidateCAConnectionInfo(settings));
        string[] keys = error.Problems.Select(p => p.Split(':')[0]).ToArray();
        Assert.Contains("SSLStoreURL", keys);
        Assert.Contains("PartnerCode", keys);
        Assert.Contains("PageSize", keys);
        Assert.Contains("Enabled", keys);
        Assert.Contains("ConnectorTimeoutSeconds", keys);
        Assert.Contains("ConnectorRevocationMethod", keys);
        foreach (string key in keys.Distinct())
        {
            Assert.Contains(key, error.Message, StringComparison.Ordinal);
        }

        // Credentials SSL Store does not accept: the token is never echoed.
        Dictionary<string, object> wrongToken = stack.GatewaySettings();
        wrongToken["AuthToken"] = stack.AuthToken + "-wrong";
        error = await ThrowsAsync<CAConnectionInvalidException>(() => plugin.ValidateCAConnectionInfo(wrongToken));
        Assert.Contains(error.Problems, p => p.StartsWith("AuthToken:", StringComparison.Ordinal) ||
                                             p.StartsWith("PartnerCode:", StringComparison.Ordinal));
        Assert.DoesNotContain(stack.AuthToken, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidationDoesNotChangeTheInitializedInstance()
    {
        ConnectorStack stack = await StartStackAsync();
        SslStoreConnectorCaPlugin plugin = NewPlugin(stack.GatewaySettings());
        Dictionary<string, object> broken = stack.GatewaySettings();
        broken["ConnectorAddress"] = "nowhere";
        await ThrowsAsync<CAConnectionInvalidException>(() => plugin.ValidateCAConnectionInfo(broken));
        await plugin.Ping();
    }

    [Fact]
    public async Task ProductValidationListsEveryProblem()
    {
        ConnectorStack stack = await StartStackAsync();
        SslStoreConnectorCaPlugin plugin = NewPlugin(stack.GatewaySettings());
        var parameters = new Dictionary<string, string>
        {
            ["Admin Contact - Email"] = "not-an-email",
            ["Validity Period (In Days)"] = "17",
            ["PriorCertSN"] = "0A",
        };
        ArgumentException error = await ThrowsAsync<ArgumentException>(() => plugin.ValidateProductInfo(
            new EnrollmentProductInfo { ProductID = "positivessl", ProductParameters = parameters },
            stack.GatewaySettings()));
        Assert.Contains("Admin Contact - Email", error.Message, StringComparison.Ordinal);
        Assert.Contains("Validity Period (In Days)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PriorCertSN", error.Message, StringComparison.Ordinal);

        error = await ThrowsAsync<ArgumentException>(() => plugin.ValidateProductInfo(
            new EnrollmentProductInfo { ProductID = "no_such_product" }, stack.GatewaySettings()));
        Assert.Contains("no_such_product", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectorAnnotationsCombineTheConnectorsFieldsAndThePluginsKeys()
    {
        ConnectorStack stack = await StartStackAsync();
        SslStoreConnectorCaPlugin plugin = NewPlugin(stack.GatewaySettings());
        Dictionary<string, PropertyConfigInfo> annotations = plugin.GetCAConnectorAnnotations();
        Assert.Equal("Secret", annotations["AuthToken"].Type);
        Assert.True(annotations["AuthToken"].Hidden);
        Assert.Equal("Boolean", annotations["Enabled"].Type);
        Assert.Equal(true, annotations["Enabled"].DefaultValue);
        Assert.Equal("Number", annotations["PageSize"].Type);
        Assert.Equal(100L, annotations["PageSize"].DefaultValue);
        foreach (string key in new[]
                 {
                     "ConnectorAddress", "ConnectorTlsCaFile", "ConnectorTlsClientCertFile", "ConnectorTlsClientKeyFile",
                     "ConnectorTlsServerName", "ConnectorTokenFile", "ConnectorTimeoutSeconds",
                     "ConnectorConnectionName", "ConnectorEnrollWaitSeconds", "ConnectorDcvWaitSeconds",
                     "ConnectorRevocationMethod", "ConnectorSyncResumeAttempts",
                 })
        {
            Assert.True(annotations.ContainsKey(key), key);
        }
        Dictionary<string, PropertyConfigInfo> template = plugin.GetTemplateParameterAnnotations();
        Assert.Equal("Boolean", template["CName Auth Domain Validation"].Type);
        Assert.Equal(false, template["CName Auth Domain Validation"].DefaultValue);
    }
}
