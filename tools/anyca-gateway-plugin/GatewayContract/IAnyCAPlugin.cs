using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Keyfactor.AnyGateway.Extensions;

/// <summary>A CA plugin of the AnyCA Gateway REST: the eleven members every
/// 3.x plugin implements.</summary>
public interface IAnyCAPlugin
{
    /// <summary>Receives the CA connection settings and the gateway's
    /// certificate database reader. May be called more than once.</summary>
    void Initialize(IAnyCAPluginConfigProvider configProvider, ICertificateDataReader certificateDataReader);

    /// <summary>Checks that the CA can be reached.</summary>
    Task Ping();

    /// <summary>Throws when the CA connection settings are unusable; may run
    /// on an instance that was never initialized.</summary>
    Task ValidateCAConnectionInfo(Dictionary<string, object> connectionInfo);

    /// <summary>Throws when a template's product binding is unusable.</summary>
    Task ValidateProductInfo(EnrollmentProductInfo productInfo, Dictionary<string, object> connectionInfo);

    /// <summary>The product ids offered when binding templates.</summary>
    List<string> GetProductIds();

    /// <summary>The CA connection form.</summary>
    Dictionary<string, PropertyConfigInfo> GetCAConnectorAnnotations();

    /// <summary>The per-template parameters.</summary>
    Dictionary<string, PropertyConfigInfo> GetTemplateParameterAnnotations();

    /// <summary>Places a new, renewal or reissue enrollment.</summary>
    Task<EnrollmentResult> Enroll(string csr, string subject, Dictionary<string, string[]> san,
        EnrollmentProductInfo productInfo, RequestFormat requestFormat, EnrollmentType enrollmentType);

    /// <summary>Reads one request's current state.</summary>
    Task<AnyCAPluginCertificate> GetSingleRecord(string caRequestID);

    /// <summary>Adds a record per certificate of the CA to the buffer.</summary>
    Task Synchronize(BlockingCollection<AnyCAPluginCertificate> blockingBuffer, DateTime? lastSync, bool fullSync,
        CancellationToken cancelToken);

    /// <summary>Revokes a certificate; returns an EndEntityStatus.</summary>
    Task<int> Revoke(string caRequestID, string hexSerialNumber, uint revocationReason);
}
