using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf.WellKnownTypes;
using Keyfactor.AnyGateway.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sslstore.Connector.V1;
using GatewayEnrollmentType = Keyfactor.AnyGateway.Extensions.EnrollmentType;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>The SSL Store connector's AnyCA Gateway REST plugin. It only
/// translates: each gateway call becomes a call on the connector's gRPC API,
/// where every business rule (validation, renew or reissue, idempotency,
/// status mapping, sync paging) lives. Thread-safe.</summary>
public sealed class SslStoreConnectorCaPlugin : IAnyCAPlugin
{
    /// <summary>The ErrorReason of a request SSL Store refused.</summary>
    private const string UpstreamRefused = "UPSTREAM_REFUSED";

    private readonly ILogger _logger;
    private readonly object _lock = new();
    private ConnectorSession? _session;
    private ICertificateDataReader? _reader;
#if ANYCA_DCV
    private readonly IDomainValidatorFactory? _validators;

    /// <summary>A plugin without DCV automation or logging.</summary>
    public SslStoreConnectorCaPlugin()
        : this(null, null)
    {
    }

    /// <summary>A plugin that publishes CNAME DCV records through the gateway's
    /// domain validators.</summary>
    public SslStoreConnectorCaPlugin(IDomainValidatorFactory? validators)
        : this(validators, null)
    {
    }

    /// <summary>A plugin with DCV automation that logs through <paramref name="loggerFactory"/>.</summary>
    public SslStoreConnectorCaPlugin(IDomainValidatorFactory? validators, ILoggerFactory? loggerFactory)
    {
        _validators = validators;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SslStoreConnectorCaPlugin>();
    }
#else
    /// <summary>A plugin without logging.</summary>
    public SslStoreConnectorCaPlugin()
        : this(null)
    {
    }

    /// <summary>A plugin that logs through <paramref name="loggerFactory"/>.</summary>
    public SslStoreConnectorCaPlugin(ILoggerFactory? loggerFactory)
    {
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SslStoreConnectorCaPlugin>();
    }
#endif

    /// <inheritdoc/>
    public void Initialize(IAnyCAPluginConfigProvider configProvider, ICertificateDataReader certificateDataReader)
    {
        ConnectorSession session = SessionFor(configProvider?.CAConnectionData, "the CA connection settings are invalid");
        lock (_lock)
        {
            _session = session;
            _reader = certificateDataReader;
        }
        PluginLog.Initialized(_logger, session.Settings.Connector.Address,
            session.Settings.Connection.TargetCase == ConnectionRef.TargetOneofCase.Name
                ? "connection " + session.Settings.Connection.Name
                : "inline SSL Store connection");
    }

    /// <inheritdoc/>
    public async Task Ping()
    {
        ConnectorSession session = Current();
        if (!session.Settings.Enabled)
        {
            PluginLog.PingSkipped(_logger);
            return;
        }
        PingResponse response = await session.CallAsync("Ping", (client, options) =>
            client.PingAsync(new PingRequest { Connection = session.Settings.Connection }, options)).ConfigureAwait(false);
        if (response.RemoteChecked && !response.Reachable)
        {
            throw new ConnectorCallException(Grpc.Core.StatusCode.Unavailable,
                "Ping: SSL Store is not reachable: " + session.Redactor.Redact(response.Message), Array.Empty<string>());
        }
        PluginLog.PingDone(_logger, session.Redactor.Redact(response.Message),
            response.Latency?.ToTimeSpan().TotalMilliseconds ?? 0);
    }

    /// <inheritdoc/>
    public async Task ValidateCAConnectionInfo(Dictionary<string, object> connectionInfo)
    {
        (PluginSettings settings, List<string> problems) = PluginSettings.Parse(connectionInfo);
        ConnectorChannel? channel = TryCreateChannel(settings, problems);
        if (channel is not null)
        {
            using (channel)
            {
                var session = new ConnectorSession(settings, channel);
                problems.AddRange(await ConnectionProblemsAsync(session).ConfigureAwait(false));
            }
        }
        if (problems.Count > 0)
        {
            var redactor = new SecretRedactor(new[] { settings.AuthToken });
            throw new CAConnectionInvalidException("the CA connection is invalid",
                problems.Select(redactor.Redact).ToList());
        }
    }

    /// <inheritdoc/>
    public async Task ValidateProductInfo(EnrollmentProductInfo productInfo, Dictionary<string, object> connectionInfo)
    {
        using ConnectorChannel channel = CreateChannelOrThrow(connectionInfo, out PluginSettings settings);
        var session = new ConnectorSession(settings, channel);
        var request = new ValidateProductRequest { ProductCode = productInfo?.ProductID ?? "" };
        foreach (KeyValuePair<string, string> parameter in TemplateParameters(productInfo))
        {
            request.Parameters[parameter.Key] = parameter.Value;
        }
        ValidateProductResponse response = await session.CallAsync("ValidateProductInfo",
            (client, options) => client.ValidateProductAsync(request, options)).ConfigureAwait(false);
        if (!response.Valid)
        {
            throw new ArgumentException($"product \"{request.ProductCode}\" is invalid:" +
                string.Concat(response.Violations.Select(v => $"{Environment.NewLine}  {v.Field}: {v.Description}")));
        }
    }

    /// <inheritdoc/>
    public List<string> GetProductIds()
    {
        ConnectorSession session = Current();
        ListProductsResponse response = session.CallAsync("GetProductIds",
            (client, options) => client.ListProductsAsync(new ListProductsRequest(), options)).GetAwaiter().GetResult();
        return response.Products.Select(p => p.Code).ToList();
    }

    /// <inheritdoc/>
    public Dictionary<string, PropertyConfigInfo> GetCAConnectorAnnotations()
    {
        ConnectorSession session = Current();
        GetConnectorAnnotationsResponse response = session.CallAsync("GetCAConnectorAnnotations",
            (client, options) => client.GetConnectorAnnotationsAsync(new GetConnectorAnnotationsRequest(), options))
            .GetAwaiter().GetResult();
        Dictionary<string, PropertyConfigInfo> annotations = PluginAnnotations.ConnectorKeyAnnotations();
        foreach (KeyValuePair<string, Annotation> entry in response.Annotations)
        {
            annotations[entry.Key] = RecordMapping.ToPropertyConfigInfo(entry.Value);
        }
        return annotations;
    }

    /// <inheritdoc/>
    public Dictionary<string, PropertyConfigInfo> GetTemplateParameterAnnotations()
    {
        ConnectorSession session = Current();
        GetTemplateParameterAnnotationsResponse response = session.CallAsync("GetTemplateParameterAnnotations",
            (client, options) => client.GetTemplateParameterAnnotationsAsync(
                new GetTemplateParameterAnnotationsRequest(), options)).GetAwaiter().GetResult();
        return response.Annotations.ToDictionary(e => e.Key, e => RecordMapping.ToPropertyConfigInfo(e.Value));
    }

    /// <inheritdoc/>
    public async Task<EnrollmentResult> Enroll(string csr, string subject, Dictionary<string, string[]> san,
        EnrollmentProductInfo productInfo, RequestFormat requestFormat, GatewayEnrollmentType enrollmentType)
    {
        ConnectorSession session = Current();
        if (requestFormat != RequestFormat.PKCS10)
        {
            return RecordMapping.FailedResult("Enroll: only PKCS#10 certificate requests are supported");
        }
        var request = new EnrollRequest
        {
            Connection = session.Settings.Connection,
            Csr = csr?.Trim() ?? "",
            Subject = subject ?? "",
            ProductCode = productInfo?.ProductID ?? "",
            EnrollmentType = RecordMapping.ToConnectorType(enrollmentType),
        };
        SanMapping.AddTo(request.Sans, san);
        foreach (KeyValuePair<string, string> parameter in TemplateParameters(productInfo))
        {
            request.Parameters[parameter.Key] = parameter.Value;
        }
        if (enrollmentType != GatewayEnrollmentType.New)
        {
            (string? prior, string? rejection) =
                await PriorRequestLookup.FindAsync(productInfo ?? new EnrollmentProductInfo(), Reader()).ConfigureAwait(false);
            if (prior is null)
            {
                return RecordMapping.FailedResult(rejection!);
            }
            request.PriorCaRequestId = prior;
        }
        bool automateDcv = DcvAutomationAvailable && AsksForCname(productInfo);
        TimeSpan wait = automateDcv ? TimeSpan.Zero : session.Settings.EnrollWait;
        if (wait > TimeSpan.Zero)
        {
            request.WaitForIssuance = Duration.FromTimeSpan(wait);
        }
        EnrollResponse response;
        try
        {
            response = await session.CallAsync("Enroll",
                    (client, options) => client.EnrollAsync(request, EnrollRouting.WithRoutingKey(options, request)), wait)
                .ConfigureAwait(false);
        }
        catch (ConnectorCallException error) when (ConnectorErrors.IsRejection(error.Code))
        {
            PluginLog.EnrollRejected(_logger, error.Message);
            return RecordMapping.FailedResult(error.Message);
        }
        PluginLog.Enrolled(_logger, response.CaRequestId, response.Action.ToString(), response.Status.ToString());
        return await CompleteDcvAsync(session, response, automateDcv).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<AnyCAPluginCertificate> GetSingleRecord(string caRequestID)
    {
        ConnectorSession session = Current();
        GetCertificateResponse response = await session.CallAsync("GetSingleRecord", (client, options) =>
            client.GetCertificateAsync(new GetCertificateRequest
            {
                Connection = session.Settings.Connection,
                CaRequestId = caRequestID ?? "",
            }, options)).ConfigureAwait(false);
        AnyCAPluginCertificate certificate = RecordMapping.ToPluginCertificate(response.Record);
        if (RecordMapping.LacksRequiredCertificate(certificate))
        {
            throw new ConnectorCallException(Grpc.Core.StatusCode.FailedPrecondition,
                $"GetSingleRecord: request {caRequestID} is {RecordMapping.CaStatusOf(response.Record)} at SSL Store " +
                "but SSL Store holds no certificate for it", Array.Empty<string>());
        }
        return certificate;
    }

    /// <inheritdoc/>
    public async Task Synchronize(BlockingCollection<AnyCAPluginCertificate> blockingBuffer, DateTime? lastSync,
        bool fullSync, CancellationToken cancelToken)
    {
        ConnectorSession session = Current();
        var pump = new SyncPump(session, blockingBuffer, _logger);
        try
        {
            await pump.RunAsync(lastSync, fullSync, cancelToken).ConfigureAwait(false);
        }
        finally
        {
            SyncCounts counts = pump.Counts;
            PluginLog.SyncDone(_logger, counts.Added, counts.Skipped, counts.Summary?.OrdersFailed ?? 0,
                counts.Summary?.OrdersUnchanged ?? 0, counts.Resumes);
            foreach (string warning in counts.Summary?.Warnings ?? Enumerable.Empty<string>())
            {
                PluginLog.SyncWarning(_logger, warning);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<int> Revoke(string caRequestID, string hexSerialNumber, uint revocationReason)
    {
        ConnectorSession session = Current();
        RevocationReason reason = RecordMapping.ToRevocationReason(revocationReason) ??
            throw new ArgumentException(
                $"Revoke: revocation reason {revocationReason} is not an RFC 5280 CRLReason (0-6 or 8-10)",
                nameof(revocationReason));
        var request = new RevokeCertificateRequest
        {
            Connection = session.Settings.Connection,
            CaRequestId = caRequestID ?? "",
            Method = session.Settings.RevocationMethod,
            SerialNumber = hexSerialNumber ?? "",
            Reason = reason,
        };
        RevokeCertificateResponse response;
        try
        {
            response = await session.CallAsync("Revoke",
                (client, options) => client.RevokeCertificateAsync(request, options)).ConfigureAwait(false);
        }
        catch (ConnectorCallException refused) when (refused.Reason == UpstreamRefused)
        {
            // SSL Store refused the request (refund window passed, already cancelled, ...).
            PluginLog.RevokeRefused(_logger, caRequestID ?? "", refused.Message);
            return EndEntityStatus.Failed;
        }
        string message = session.Redactor.Redact(response.Message);
        if (response.Pending)
        {
            // Accepted but not carried out yet (a refund SSL Store processes later): the
            // certificate is still valid, so its current status is returned, not REVOKED.
            // Synchronize and GetSingleRecord report REVOKED once SSL Store cancels the order.
            PluginLog.RevokePending(_logger, caRequestID ?? "", response.Method.ToString(), message);
            return RecordMapping.ToEndEntityStatus(response.Status);
        }
        PluginLog.Revoked(_logger, caRequestID ?? "", response.Method.ToString(), message);
        return RecordMapping.ToEndEntityStatus(response.Status);
    }

#if ANYCA_DCV
    private bool DcvAutomationAvailable => _validators is not null;

    private async Task<EnrollmentResult> CompleteDcvAsync(ConnectorSession session, EnrollResponse response,
        bool automate)
    {
        if (!automate || !DcvAutomation.Applies(response))
        {
            return RecordMapping.ToEnrollmentResult(response);
        }
        var automation = new DcvAutomation(_validators!, _logger);
        return await automation.CompleteAsync(session, response, session.Settings.DcvWait, CancellationToken.None)
            .ConfigureAwait(false);
    }
#else
    private static bool DcvAutomationAvailable => false;

    private static Task<EnrollmentResult> CompleteDcvAsync(ConnectorSession session, EnrollResponse response,
        bool automate) => Task.FromResult(RecordMapping.ToEnrollmentResult(response));
#endif

    // "CName Auth Domain Validation" = true among the template parameters.
    private static bool AsksForCname(EnrollmentProductInfo? productInfo) =>
        productInfo?.ProductParameters?.Any(p =>
            string.Equals(p.Key, "CName Auth Domain Validation", StringComparison.OrdinalIgnoreCase) &&
            bool.TryParse(p.Value?.Trim(), out bool on) && on) ?? false;

    // The template parameters without the gateway's own keys.
    private static IEnumerable<KeyValuePair<string, string>> TemplateParameters(EnrollmentProductInfo? productInfo) =>
        (productInfo?.ProductParameters ?? new Dictionary<string, string>())
        .Where(p => !string.Equals(p.Key, PriorRequestLookup.PriorCertSnParameter, StringComparison.OrdinalIgnoreCase))
        .Select(p => new KeyValuePair<string, string>(p.Key, p.Value ?? ""));

    private ConnectorSession Current()
    {
        lock (_lock)
        {
            _session ??= new ConnectorSession(PluginSettings.Parse(null).Settings,
                ConnectorChannel.Create(ConnectorOptions.Default));
            return _session;
        }
    }

    private ICertificateDataReader? Reader()
    {
        lock (_lock)
        {
            return _reader;
        }
    }

    // A session for `values`, reusing the current channel when the connector
    // options and bearer token are unchanged. A replaced channel is left to
    // the calls still using it (a running sync) and closes when collected.
    private ConnectorSession SessionFor(IDictionary<string, object>? values, string heading)
    {
        ConnectorChannel channel = CreateChannelOrThrow(values, out PluginSettings settings, heading);
        lock (_lock)
        {
            if (_session is not null && _session.Channel.Options == channel.Options &&
                _session.Channel.BearerToken == channel.BearerToken)
            {
                channel.Dispose();
                channel = _session.Channel;
            }
        }
        return new ConnectorSession(settings, channel);
    }

    private static ConnectorChannel CreateChannelOrThrow(IDictionary<string, object>? values,
        out PluginSettings settings, string heading = "the CA connection settings are invalid")
    {
        (settings, List<string> problems) = PluginSettings.Parse(values);
        ConnectorChannel? channel = TryCreateChannel(settings, problems);
        if (problems.Count > 0)
        {
            channel?.Dispose();
            throw new CAConnectionInvalidException(heading, problems);
        }
        return channel!;
    }

    private static ConnectorChannel? TryCreateChannel(PluginSettings settings, List<string> problems)
    {
        if (problems.Any(p => p.StartsWith(ConnectorKeys.Address + ":", StringComparison.Ordinal)))
        {
            return null;
        }
        try
        {
            return ConnectorChannel.Create(settings.Connector);
        }
        catch (CAConnectionInvalidException error)
        {
            problems.AddRange(error.Problems);
            return null;
        }
    }

    // Every problem of the SSL Store connection, by gateway key: the
    // connector's validation of the inline fields (with a credential check),
    // or a ping of the named connection.
    private static async Task<List<string>> ConnectionProblemsAsync(ConnectorSession session)
    {
        ConnectionRef connection = session.Settings.Connection;
        if (connection.TargetCase == ConnectionRef.TargetOneofCase.Name)
        {
            PingResponse ping = await session.CallAsync("ValidateCAConnectionInfo", (client, options) =>
                client.PingAsync(new PingRequest { Connection = connection }, options)).ConfigureAwait(false);
            return ping.RemoteChecked && !ping.Reachable
                ? new List<string> { $"{ConnectorKeys.ConnectionName}: {session.Redactor.Redact(ping.Message)}" }
                : new List<string>();
        }
        ValidateConnectionResponse response = await session.CallAsync("ValidateCAConnectionInfo", (client, options) =>
            client.ValidateConnectionAsync(new ValidateConnectionRequest { Config = connection.Inline }, options))
            .ConfigureAwait(false);
        if (response.Valid)
        {
            return new List<string>();
        }
        var problems = response.Violations
            .Select(p => $"{ConnectorErrors.GatewayKeyForField(p.Field)}: {session.Redactor.Redact(p.Description)}")
            .ToList();
        if (problems.Count == 0)
        {
            problems.Add(session.Redactor.Redact(response.Message));
        }
        return problems;
    }
}
