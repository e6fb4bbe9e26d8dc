namespace SslStoreConnector.AnyCAPlugin;

/// <summary>Keys of the gateway's CA connection dictionary: the SSL Store
/// connection fields (validated by the connector) and the plugin's own
/// Connector* keys (how to reach the connector).</summary>
public static class ConnectorKeys
{
    /// <summary>WBAPI base URL.</summary>
    public const string SslStoreUrl = "SSLStoreURL";

    /// <summary>SSL Store partner code.</summary>
    public const string PartnerCode = "PartnerCode";

    /// <summary>SSL Store auth token (a secret).</summary>
    public const string AuthToken = "AuthToken";

    /// <summary>Orders per sync page.</summary>
    public const string PageSize = "PageSize";

    /// <summary>Whether the CA may be used.</summary>
    public const string Enabled = "Enabled";

    /// <summary>Renewal window in days.</summary>
    public const string RenewalWindow = "RenewalWindow";

    /// <summary>host:port of the connector.</summary>
    public const string Address = "ConnectorAddress";

    /// <summary>PEM CA bundle verifying the connector; empty = plaintext.</summary>
    public const string TlsCaFile = "ConnectorTlsCaFile";

    /// <summary>PEM client certificate for mutual TLS.</summary>
    public const string TlsClientCertFile = "ConnectorTlsClientCertFile";

    /// <summary>PEM private key of the client certificate.</summary>
    public const string TlsClientKeyFile = "ConnectorTlsClientKeyFile";

    /// <summary>Name expected in the connector's certificate.</summary>
    public const string TlsServerName = "ConnectorTlsServerName";

    /// <summary>File holding the connector's bearer token.</summary>
    public const string TokenFile = "ConnectorTokenFile";

    /// <summary>Deadline of each unary call, in seconds.</summary>
    public const string TimeoutSeconds = "ConnectorTimeoutSeconds";

    /// <summary>A named connection of the connector instead of the SSL Store fields.</summary>
    public const string ConnectionName = "ConnectorConnectionName";

    /// <summary>How long Enroll waits for issuance, in seconds.</summary>
    public const string EnrollWaitSeconds = "ConnectorEnrollWaitSeconds";

    /// <summary>How long a CNAME-DCV enrollment waits for issuance after
    /// staging its records, in seconds (contract 3.3).</summary>
    public const string DcvWaitSeconds = "ConnectorDcvWaitSeconds";

    /// <summary>"refund" or "revoke".</summary>
    public const string RevocationMethod = "ConnectorRevocationMethod";

    /// <summary>How often an interrupted sync resumes.</summary>
    public const string SyncResumeAttempts = "ConnectorSyncResumeAttempts";

    /// <summary>The connector's default address.</summary>
    public const string DefaultAddress = "127.0.0.1:50051";
}
