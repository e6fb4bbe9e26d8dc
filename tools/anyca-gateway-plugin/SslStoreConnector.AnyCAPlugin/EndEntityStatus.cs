namespace SslStoreConnector.AnyCAPlugin;

/// <summary>The gateway's EndEntityStatus numbers (EJBCA's), as the plugin's
/// own constants so Keyfactor.PKI is not needed.</summary>
public static class EndEntityStatus
{
    /// <summary>NEW (10): the order exists but its state is not recognised.</summary>
    public const int New = 10;

    /// <summary>FAILED (11): the request was rejected.</summary>
    public const int Failed = 11;

    /// <summary>GENERATED (40): issued; always comes with a certificate.</summary>
    public const int Generated = 40;

    /// <summary>REVOKED (50).</summary>
    public const int Revoked = 50;

    /// <summary>EXTERNALVALIDATION (90): awaiting domain or organization validation.</summary>
    public const int ExternalValidation = 90;
}
