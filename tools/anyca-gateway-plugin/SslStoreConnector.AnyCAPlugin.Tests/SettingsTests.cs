using System.Collections.Generic;
using System.Text.Json;
using Sslstore.Connector.V1;
using Xunit;

namespace SslStoreConnector.AnyCAPlugin.Tests;

/// <summary>Reading the CA connection dictionary (no connector needed).</summary>
public sealed class SettingsTests
{
    [Fact]
    public void ValuesArriveAsBoolLongOrStringAndAllAreAccepted()
    {
        foreach (object[] values in new[]
                 {
                     new object[] { true, 50L, 30L, 20L },
                     new object[] { "True", "50", "30", "20" },
                     new object[] { 1L, "50", 30, 20.0 },
                 })
        {
            (PluginSettings settings, List<string> problems) = PluginSettings.Parse(new Dictionary<string, object>
            {
                ["Enabled"] = values[0],
                ["PageSize"] = values[1],
                ["RenewalWindow"] = values[2],
                ["ConnectorTimeoutSeconds"] = values[3],
                ["SSLStoreURL"] = "https://sandbox-wbapi.thesslstore.com",
                ["AuthToken"] = "secret-token",
            });
            Assert.Empty(problems);
            Assert.True(settings.Enabled);
            Assert.Equal(50, settings.Connection.Inline.PageSize);
            Assert.Equal(30, settings.Connection.Inline.RenewalWindowDays);
            Assert.Equal(20, settings.Connector.Timeout.TotalSeconds);
            Assert.Equal("secret-token", settings.Connection.Inline.AuthToken);
        }
    }

    [Fact]
    public void JsonElementsAndKeyCaseAreAccepted()
    {
        using JsonDocument document = JsonDocument.Parse(
            "{\"enabled\": false, \"pagesize\": 25, \"connectorRevocationMethod\": \"Revoke\"}");
        var values = new Dictionary<string, object>();
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = property.Value.Clone();
        }
        (PluginSettings settings, List<string> problems) = PluginSettings.Parse(values);
        Assert.Empty(problems);
        Assert.False(settings.Enabled);
        Assert.False(settings.Connection.Inline.Enabled);
        Assert.Equal(25, settings.Connection.Inline.PageSize);
        Assert.Equal(RevocationMethod.RevokeRequest, settings.RevocationMethod);
    }

    [Fact]
    public void DefaultsAndEveryProblemAtOnceWithoutEchoingTheToken()
    {
        (PluginSettings defaults, List<string> none) = PluginSettings.Parse(null);
        Assert.Empty(none);
        Assert.True(defaults.Enabled);
        Assert.Equal("127.0.0.1:50051", defaults.Connector.Address);
        Assert.Equal(3, defaults.SyncResumeAttempts);
        Assert.Equal(RevocationMethod.RefundRequest, defaults.RevocationMethod);

        (_, List<string> problems) = PluginSettings.Parse(new Dictionary<string, object>
        {
            ["AuthToken"] = new[] { "token-in-an-array" },
            ["PageSize"] = -1L,
            ["Enabled"] = 2L,
            ["ConnectorAddress"] = "no port",
            ["ConnectorSyncResumeAttempts"] = 1.5,
            ["ConnectorEnrollWaitSeconds"] = "soon",
        });
        Assert.Equal(6, problems.Count);
        Assert.Contains("AuthToken: expected text", problems);
        Assert.DoesNotContain(problems, p => p.Contains("token-in-an-array", System.StringComparison.Ordinal));
    }

    [Fact]
    public void ConnectorFieldNamesBecomeGatewayKeys()
    {
        Assert.Equal("SSLStoreURL", ConnectorErrors.GatewayKeyForField("connection.inline.sslstore_url"));
        Assert.Equal("PageSize", ConnectorErrors.GatewayKeyForField("config.page_size"));
        Assert.Equal("RenewalWindow", ConnectorErrors.GatewayKeyForField("renewal_window_days"));
        Assert.Equal("csr", ConnectorErrors.GatewayKeyForField("csr"));
    }
}
