using Microsoft.Extensions.Logging;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>Every log line the plugin writes. Arguments are ids, counts and
/// texts already scrubbed of secrets.</summary>
internal static partial class PluginLog
{
    [LoggerMessage(1, LogLevel.Information, "Initialized: connector {Address}, {Connection}")]
    public static partial void Initialized(ILogger logger, string address, string connection);

    [LoggerMessage(2, LogLevel.Warning, "Ping: the CA is disabled (Enabled is false); SSL Store was not contacted")]
    public static partial void PingSkipped(ILogger logger);

    [LoggerMessage(3, LogLevel.Information, "Ping: {Message} ({LatencyMs} ms)")]
    public static partial void PingDone(ILogger logger, string message, double latencyMs);

    [LoggerMessage(4, LogLevel.Warning, "Enroll: rejected: {Message}")]
    public static partial void EnrollRejected(ILogger logger, string message);

    [LoggerMessage(5, LogLevel.Information, "Enroll: {RequestId} {Action} {Status}")]
    public static partial void Enrolled(ILogger logger, string requestId, string action, string status);

    [LoggerMessage(6, LogLevel.Information,
        "Synchronize: {Added} records added, {Skipped} skipped, {Failed} failed, {Unchanged} unchanged, {Resumes} resumes")]
    public static partial void SyncDone(ILogger logger, long added, long skipped, long failed, long unchanged, int resumes);

    [LoggerMessage(7, LogLevel.Warning, "Synchronize: the stream stopped ({Reason}); resuming ({Attempt} of {Attempts})")]
    public static partial void SyncResuming(ILogger logger, string reason, int attempt, int attempts);

    [LoggerMessage(8, LogLevel.Information, "Synchronize: order {RequestId} skipped: {Reason}")]
    public static partial void SyncSkipped(ILogger logger, string requestId, string reason);

    [LoggerMessage(9, LogLevel.Warning,
        "Synchronize: order {RequestId} is {Status} without a certificate; not passed to the gateway")]
    public static partial void SyncWithoutCertificate(ILogger logger, string requestId, string status);

    [LoggerMessage(10, LogLevel.Warning, "Revoke: SSL Store refused to revoke {RequestId}: {Message}")]
    public static partial void RevokeRefused(ILogger logger, string requestId, string message);

    [LoggerMessage(11, LogLevel.Information, "Revoke: {RequestId} accepted by SSL Store ({Method}): {Message}")]
    public static partial void Revoked(ILogger logger, string requestId, string method, string message);

    [LoggerMessage(12, LogLevel.Information, "DCV: published {Name} for {Domain}")]
    public static partial void DcvStaged(ILogger logger, string name, string domain);

    [LoggerMessage(13, LogLevel.Warning, "DCV: removing {Name} failed: {Error}")]
    public static partial void DcvCleanupFailed(ILogger logger, string name, string error);

    [LoggerMessage(14, LogLevel.Information,
        "Revoke: {RequestId} accepted by SSL Store ({Method}) and pending; not revoked yet: {Message}")]
    public static partial void RevokePending(ILogger logger, string requestId, string method, string message);

    [LoggerMessage(15, LogLevel.Warning, "Synchronize: {Warning}")]
    public static partial void SyncWarning(ILogger logger, string warning);
}
