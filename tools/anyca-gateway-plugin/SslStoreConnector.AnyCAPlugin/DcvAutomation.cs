#if ANYCA_DCV
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Keyfactor.AnyGateway.Extensions;
using Microsoft.Extensions.Logging;
using Sslstore.Connector.V1;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>CNAME domain control validation through the gateway's domain
/// validators (contract 3.3): publishes each record SSL Store asks for with
/// the validator the gateway resolves for its domain, waits (bounded) for
/// issuance, and removes every published record afterwards, whatever the
/// outcome.</summary>
internal sealed class DcvAutomation
{
    /// <summary>The validation type SSL Store's DCV records need.</summary>
    public const string ValidationType = "cname";

    private readonly IDomainValidatorFactory _factory;
    private readonly ILogger _logger;

    /// <summary>Automation through <paramref name="factory"/>.</summary>
    public DcvAutomation(IDomainValidatorFactory factory, ILogger logger)
    {
        _factory = factory;
        _logger = logger;
    }

    /// <summary>True when <paramref name="response"/> awaits CNAME records.</summary>
    public static bool Applies(EnrollResponse response) =>
        response.Status == CertificateStatus.PendingValidation && CnameRecords(response).Any();

    /// <summary>Publishes the records of <paramref name="response"/>, waits up
    /// to <paramref name="wait"/> for issuance and cleans up. GENERATED with
    /// the certificate, or EXTERNALVALIDATION saying what went wrong.</summary>
    public async Task<EnrollmentResult> CompleteAsync(ConnectorSession session, EnrollResponse response, TimeSpan wait,
        CancellationToken cancel)
    {
        EnrollmentResult result = RecordMapping.ToEnrollmentResult(response);
        var staged = new List<(IDomainValidator Validator, string Key)>();
        try
        {
            List<string> problems = await StageAllAsync(response, staged, cancel).ConfigureAwait(false);
            if (problems.Count > 0)
            {
                result.StatusMessage = "The DCV records could not all be published, so SSL Store cannot validate " +
                    "the order yet; publish them by hand (EnrollmentContext lists them) and the next " +
                    "synchronization brings the certificate:" + Lines(problems);
                return result;
            }
            CertificateRecord? issued = await IssuanceWait.ForCertificateAsync(session, response.CaRequestId, wait,
                cancel).ConfigureAwait(false);
            if (issued is null)
            {
                result.StatusMessage = $"The DCV records were published but SSL Store did not issue within " +
                    $"{wait.TotalSeconds:0} s ({ConnectorKeys.DcvWaitSeconds}); they were removed again. The order " +
                    "stays pending: publish the records in EnrollmentContext by hand, or enroll again.";
                return result;
            }
            result.Status = EndEntityStatus.Generated;
            result.Certificate = issued.CertificatePem;
            result.StatusMessage = "Issued after CNAME validation through the gateway's domain validators";
            return result;
        }
        finally
        {
            await CleanUpAsync(staged).ConfigureAwait(false);
        }
    }

    private static IEnumerable<DcvRecord> CnameRecords(EnrollResponse response) => response.DcvRecords.Where(r =>
        r.Method == DcvMethod.Cname && r.CnameName.Length > 0 && r.CnameValue.Length > 0);

    // Stages every record; returns one problem per record that could not be
    // published (the others stay staged and are cleaned up).
    private async Task<List<string>> StageAllAsync(EnrollResponse response,
        List<(IDomainValidator Validator, string Key)> staged, CancellationToken cancel)
    {
        var problems = new List<string>();
        foreach (DcvRecord record in CnameRecords(response))
        {
            try
            {
                IDomainValidator? validator = _factory.ResolveDomainValidator(record.Domain, ValidationType);
                if (validator is null)
                {
                    problems.Add($"{record.Domain}: no domain validator of type {ValidationType} is configured");
                    continue;
                }
                DomainValidationResult? outcome =
                    await validator.StageValidation(record.CnameName, record.CnameValue, cancel).ConfigureAwait(false);
                if (outcome is null || !outcome.Success)
                {
                    problems.Add($"{record.Domain}: the domain validator failed: {outcome?.ErrorMessage ?? "no result"}");
                    continue;
                }
                staged.Add((validator, record.CnameName));
                PluginLog.DcvStaged(_logger, record.CnameName, record.Domain);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                problems.Add($"{record.Domain}: the domain validator failed: {error.Message}");
            }
        }
        return problems;
    }

    private async Task CleanUpAsync(List<(IDomainValidator Validator, string Key)> staged)
    {
        foreach ((IDomainValidator validator, string key) in staged)
        {
            try
            {
                DomainValidationResult? outcome =
                    await validator.CleanupValidation(key, CancellationToken.None).ConfigureAwait(false);
                if (outcome is null || !outcome.Success)
                {
                    PluginLog.DcvCleanupFailed(_logger, key, outcome?.ErrorMessage ?? "no result");
                }
            }
            catch (Exception error)
            {
                PluginLog.DcvCleanupFailed(_logger, key, error.Message);
            }
        }
    }

    private static string Lines(IEnumerable<string> problems) =>
        string.Concat(problems.Select(p => Environment.NewLine + "  " + p));
}
#endif
