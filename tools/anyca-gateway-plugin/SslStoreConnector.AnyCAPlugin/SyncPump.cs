using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Keyfactor.AnyGateway.Extensions;
using Microsoft.Extensions.Logging;
using Sslstore.Connector.V1;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>Counts of one Synchronize call.</summary>
internal sealed class SyncCounts
{
    /// <summary>Records added to the gateway's buffer.</summary>
    public long Added { get; set; }

    /// <summary>Orders without a record: skipped by the connector, or
    /// GENERATED/REVOKED without a certificate.</summary>
    public long Skipped { get; set; }

    /// <summary>Records already added before an interruption, not added again.</summary>
    public long Repeats { get; set; }

    /// <summary>Interrupted streams continued with a resume token.</summary>
    public int Resumes { get; set; }

    /// <summary>The last stream's summary, when it ended with one.</summary>
    public SyncSummary? Summary { get; set; }
}

/// <summary>Streams the connector's SyncCertificates into the gateway's
/// bounded buffer as records arrive. While the buffer is full, Add blocks and
/// gRPC flow control holds the connector back. An interrupted stream resumes
/// from the connector's resume token (or the last progress token) a bounded
/// number of times; records already added are not added again.</summary>
internal sealed class SyncPump
{
    private readonly ConnectorSession _session;
    private readonly BlockingCollection<AnyCAPluginCertificate> _buffer;
    private readonly ILogger _logger;
    private readonly HashSet<string> _added = new(StringComparer.Ordinal);
    private string _progressToken = "";

    /// <summary>A pump from <paramref name="session"/>'s connection into
    /// <paramref name="buffer"/>.</summary>
    public SyncPump(ConnectorSession session, BlockingCollection<AnyCAPluginCertificate> buffer, ILogger logger)
    {
        _session = session;
        _buffer = buffer;
        _logger = logger;
    }

    /// <summary>What the pump did so far.</summary>
    public SyncCounts Counts { get; } = new();

    /// <summary>Runs a full sync, or an incremental one since
    /// <paramref name="lastSync"/> (UTC when unspecified). Throws
    /// OperationCanceledException when <paramref name="cancel"/> fires.</summary>
    public async Task RunAsync(DateTime? lastSync, bool fullSync, CancellationToken cancel)
    {
        var request = new SyncCertificatesRequest
        {
            Connection = _session.Settings.Connection,
            FullSync = fullSync || lastSync is null,
            EmitProgress = true,
        };
        if (!request.FullSync)
        {
            request.LastSync = Timestamp.FromDateTime(AsUtc(lastSync!.Value));
        }
        for (int attempt = 0; ; ++attempt)
        {
            cancel.ThrowIfCancellationRequested();
            string? resumeToken;
            try
            {
                if (await StreamAsync(request, cancel).ConfigureAwait(false))
                {
                    return;
                }
                resumeToken = _progressToken;
                if (attempt >= _session.Settings.SyncResumeAttempts)
                {
                    throw new ConnectorCallException(StatusCode.Unavailable,
                        "Synchronize: the connector ended the stream without its summary; some orders may be missing",
                        Array.Empty<string>());
                }
            }
            catch (RpcException error) when (cancel.IsCancellationRequested)
            {
                throw new OperationCanceledException("Synchronize: cancelled", error, cancel);
            }
            catch (RpcException error)
            {
                resumeToken = ResumeTokenFor(error);
                if (resumeToken is null || attempt >= _session.Settings.SyncResumeAttempts)
                {
                    throw _session.Failure(error, "Synchronize");
                }
                PluginLog.SyncResuming(_logger, _session.Redactor.Redact(error.Status.Detail), attempt + 1,
                    _session.Settings.SyncResumeAttempts);
            }
            request.ResumeToken = resumeToken;
            ++Counts.Resumes;
            await Task.Delay(ResumeDelay(attempt), cancel).ConfigureAwait(false);
        }
    }

    // One stream; true when it ended with its summary.
    private async Task<bool> StreamAsync(SyncCertificatesRequest request, CancellationToken cancel)
    {
        using AsyncServerStreamingCall<SyncCertificatesResponse> call =
            _session.Client.SyncCertificates(request, _session.Channel.CallOptions(null, cancel));
        bool summarySeen = false;
        while (await call.ResponseStream.MoveNext(cancel).ConfigureAwait(false))
        {
            SyncCertificatesResponse message = call.ResponseStream.Current;
            switch (message.EventCase)
            {
                case SyncCertificatesResponse.EventOneofCase.Record:
                    Add(message.Record, cancel);
                    break;
                case SyncCertificatesResponse.EventOneofCase.Skipped:
                    ++Counts.Skipped;
                    PluginLog.SyncSkipped(_logger, message.Skipped.CaRequestId,
                        _session.Redactor.Redact(message.Skipped.Reason));
                    break;
                case SyncCertificatesResponse.EventOneofCase.Progress:
                    _progressToken = message.Progress.ResumeToken;
                    break;
                case SyncCertificatesResponse.EventOneofCase.Summary:
                    Counts.Summary = message.Summary;
                    summarySeen = true;
                    break;
            }
        }
        return summarySeen;
    }

    private void Add(CertificateRecord record, CancellationToken cancel)
    {
        AnyCAPluginCertificate certificate = RecordMapping.ToPluginCertificate(record);
        if (RecordMapping.LacksRequiredCertificate(certificate))
        {
            ++Counts.Skipped;
            PluginLog.SyncWithoutCertificate(_logger, record.CaRequestId, RecordMapping.CaStatusOf(record));
            return;
        }
        if (!_added.Add(certificate.CARequestID))
        {
            ++Counts.Repeats;
            return;
        }
        _buffer.Add(certificate, cancel);
        ++Counts.Added;
    }

    // The token to continue with, or null when the error is not an
    // interruption: the connector's SyncResumeInfo, else (the connection was
    // lost) the last progress token.
    private string? ResumeTokenFor(RpcException error)
    {
        SyncResumeInfo? info = ConnectorErrors.ResumeInfoOf(error);
        if (info is not null)
        {
            return info.ResumeToken;
        }
        bool lostConnection = error.StatusCode == StatusCode.Unavailable ||
            (error.StatusCode == StatusCode.Internal && error.Status.DebugException is System.IO.IOException or
                System.Net.Http.HttpRequestException);
        return lostConnection ? _progressToken : null;
    }

    private static TimeSpan ResumeDelay(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(250 * (1 << Math.Min(attempt, 5)), 5000));

    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
