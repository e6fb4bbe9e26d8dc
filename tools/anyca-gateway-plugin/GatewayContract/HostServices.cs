using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Keyfactor.AnyGateway.Extensions;

/// <summary>The CA connection settings the gateway hands to Initialize.</summary>
public interface IAnyCAPluginConfigProvider
{
    /// <summary>The values of the CA connection form (bool, long or string).</summary>
    Dictionary<string, object> CAConnectionData { get; }
}

/// <summary>Read access to the gateway's certificate database.</summary>
public interface ICertificateDataReader
{
    /// <summary>Whether a certificate is stored for the request.</summary>
    Task<bool> DoesCertExistForRequestID(string caRequestID);

    /// <summary>Expiry of the stored certificate of the request.</summary>
    DateTime? GetExpirationDateByRequestId(string caRequestID);

    /// <summary>The request id of the certificate with this serial; empty or
    /// null when none.</summary>
    Task<string> GetRequestIDBySerialNumber(string serialNumber);

    /// <summary>The EndEntityStatus of the stored row.</summary>
    Task<int> GetStatusByRequestID(string caRequestID);
}
