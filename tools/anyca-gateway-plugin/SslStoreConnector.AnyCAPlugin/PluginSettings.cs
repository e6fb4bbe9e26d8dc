using System;
using System.Collections.Generic;
using Sslstore.Connector.V1;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>How to reach the connector. Equal options share a channel.</summary>
internal sealed record ConnectorOptions(
    string Address,
    string TlsCaFile,
    string TlsClientCertFile,
    string TlsClientKeyFile,
    string TlsServerName,
    string TokenFile,
    TimeSpan Timeout)
{
    /// <summary>The defaults: plaintext to 127.0.0.1:50051, 60 s deadline.</summary>
    public static ConnectorOptions Default { get; } =
        new(ConnectorKeys.DefaultAddress, "", "", "", "", "", TimeSpan.FromSeconds(60));
}

/// <summary>Everything the plugin takes from the CA connection dictionary.</summary>
internal sealed class PluginSettings
{
    /// <summary>The connection every CA-facing call names (inline or by name).</summary>
    public ConnectionRef Connection { get; private init; } = new();

    /// <summary>The Enabled key (absent means true).</summary>
    public bool Enabled { get; private init; } = true;

    /// <summary>How to reach the connector.</summary>
    public ConnectorOptions Connector { get; private init; } = ConnectorOptions.Default;

    /// <summary>How long Enroll lets the connector wait for issuance.</summary>
    public TimeSpan EnrollWait { get; private init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a CNAME-DCV enrollment waits after staging.</summary>
    public TimeSpan DcvWait { get; private init; } = TimeSpan.FromSeconds(300);

    /// <summary>Refund request (default) or revoke request.</summary>
    public RevocationMethod RevocationMethod { get; private init; } = RevocationMethod.RefundRequest;

    /// <summary>How often an interrupted sync resumes.</summary>
    public int SyncResumeAttempts { get; private init; } = 3;

    /// <summary>The SSL Store auth token ("" when none), for redaction only.</summary>
    public string AuthToken { get; private init; } = "";

    /// <summary>Reads <paramref name="values"/>. Unknown keys are ignored (the
    /// gateway adds its own). Returns the settings and every problem
    /// ("Key: problem"); the SSL Store fields themselves are checked by the
    /// connector.</summary>
    public static (PluginSettings Settings, List<string> Problems) Parse(IDictionary<string, object>? values)
    {
        var reader = new ConfigValueReader(values);
        string authToken = reader.Text(ConnectorKeys.AuthToken) ?? "";
        var config = new ConnectionConfig
        {
            SslstoreUrl = reader.Text(ConnectorKeys.SslStoreUrl) ?? "",
            PartnerCode = reader.Text(ConnectorKeys.PartnerCode) ?? "",
            AuthToken = authToken,
            PageSize = (int)(reader.Integer(ConnectorKeys.PageSize, 0, int.MaxValue) ?? 0),
            RenewalWindowDays = (int)(reader.Integer(ConnectorKeys.RenewalWindow, 0, int.MaxValue) ?? 0),
        };
        bool enabled = reader.Boolean(ConnectorKeys.Enabled) ?? true;
        config.Enabled = enabled;
        string? name = reader.Text(ConnectorKeys.ConnectionName);
        var settings = new PluginSettings
        {
            Connection = name is null ? new ConnectionRef { Inline = config } : new ConnectionRef { Name = name },
            Enabled = enabled,
            Connector = ReadConnectorOptions(reader),
            EnrollWait = TimeSpan.FromSeconds(reader.Integer(ConnectorKeys.EnrollWaitSeconds, 0, 3600) ?? 10),
            DcvWait = TimeSpan.FromSeconds(reader.Integer(ConnectorKeys.DcvWaitSeconds, 0, 86400) ?? 300),
            RevocationMethod = ReadRevocationMethod(reader),
            SyncResumeAttempts = (int)(reader.Integer(ConnectorKeys.SyncResumeAttempts, 0, 100) ?? 3),
            AuthToken = authToken,
        };
        return (settings, reader.Problems);
    }

    private static ConnectorOptions ReadConnectorOptions(ConfigValueReader reader)
    {
        var options = new ConnectorOptions(
            reader.Text(ConnectorKeys.Address) ?? ConnectorKeys.DefaultAddress,
            reader.Text(ConnectorKeys.TlsCaFile) ?? "",
            reader.Text(ConnectorKeys.TlsClientCertFile) ?? "",
            reader.Text(ConnectorKeys.TlsClientKeyFile) ?? "",
            reader.Text(ConnectorKeys.TlsServerName) ?? "",
            reader.Text(ConnectorKeys.TokenFile) ?? "",
            TimeSpan.FromSeconds(reader.Integer(ConnectorKeys.TimeoutSeconds, 1, 86400) ?? 60));
        if ((options.TlsClientCertFile.Length == 0) != (options.TlsClientKeyFile.Length == 0))
        {
            reader.AddProblem(ConnectorKeys.TlsClientCertFile,
                $"give both {ConnectorKeys.TlsClientCertFile} and {ConnectorKeys.TlsClientKeyFile}, or neither");
        }
        if (options.TlsClientCertFile.Length > 0 && options.TlsCaFile.Length == 0)
        {
            reader.AddProblem(ConnectorKeys.TlsClientCertFile, $"mutual TLS needs {ConnectorKeys.TlsCaFile}");
        }
        if (!ConnectorChannel.IsValidAddress(options.Address))
        {
            reader.AddProblem(ConnectorKeys.Address, "expected host:port, e.g. 127.0.0.1:50051");
        }
        return options;
    }

    private static RevocationMethod ReadRevocationMethod(ConfigValueReader reader)
    {
        switch (reader.Text(ConnectorKeys.RevocationMethod)?.ToLowerInvariant())
        {
            case null:
            case "refund":
                return RevocationMethod.RefundRequest;
            case "revoke":
                return RevocationMethod.RevokeRequest;
            default:
                reader.AddProblem(ConnectorKeys.RevocationMethod, "expected refund or revoke");
                return RevocationMethod.RefundRequest;
        }
    }
}
