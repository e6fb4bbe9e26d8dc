using System.Collections.Generic;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>The plugin's own Connector* keys as CA connection form entries
/// (the SSL Store fields come from the connector).</summary>
internal static class PluginAnnotations
{
    /// <summary>One entry per Connector* key, with its default.</summary>
    public static Dictionary<string, Keyfactor.AnyGateway.Extensions.PropertyConfigInfo> ConnectorKeyAnnotations()
    {
        return new()
        {
            [ConnectorKeys.Address] = Text("host:port of the SSL Store connector", ConnectorKeys.DefaultAddress),
            [ConnectorKeys.TlsCaFile] = Text(
                "PEM CA bundle that verifies the connector's TLS certificate; empty means plaintext (loopback only)", ""),
            [ConnectorKeys.TlsClientCertFile] = Text("PEM client certificate for mutual TLS with the connector", ""),
            [ConnectorKeys.TlsClientKeyFile] = Text("PEM private key of the client certificate", ""),
            [ConnectorKeys.TlsServerName] = Text(
                "Name expected in the connector's certificate, when it differs from the host of ConnectorAddress", ""),
            [ConnectorKeys.TokenFile] = Text(
                "File holding the bearer token the connector requires (sent as 'authorization: Bearer <token>')", ""),
            [ConnectorKeys.TimeoutSeconds] = Number("Deadline of each call to the connector, in seconds", 60),
            [ConnectorKeys.ConnectionName] = Text(
                "Use this connection of the connector's own configuration instead of the SSL Store fields; " +
                "empty means the SSL Store fields", ""),
            [ConnectorKeys.EnrollWaitSeconds] = Number(
                "How long an enrollment waits for issuance before returning EXTERNALVALIDATION, in seconds", 10),
            [ConnectorKeys.DcvWaitSeconds] = Number(
                "CNAME validation through the gateway's domain validators (gateway 26.x): how long an enrollment " +
                "waits for issuance after publishing the records, in seconds; the records are removed afterwards", 300),
            [ConnectorKeys.RevocationMethod] = Text(
                "refund (refund request, the default) or revoke (certificate revoke request)", "refund"),
            [ConnectorKeys.SyncResumeAttempts] = Number(
                "How many times an interrupted synchronization continues where it stopped", 3),
        };
    }

    private static Keyfactor.AnyGateway.Extensions.PropertyConfigInfo Text(string comments, string defaultValue) =>
        new() { Comments = comments, Type = "String", DefaultValue = defaultValue };

    private static Keyfactor.AnyGateway.Extensions.PropertyConfigInfo Number(string comments, long defaultValue) =>
        new() { Comments = comments, Type = "Number", DefaultValue = defaultValue };
}
