using System;
using System.Threading;
using System.Threading.Tasks;
using Sslstore.Connector.V1;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>Polls the connector until an order is issued.</summary>
internal static class IssuanceWait
{
    /// <summary>The order's record once it is issued with a certificate, or
    /// null when <paramref name="wait"/> passes first. Polls every second at
    /// first, then less often (at most every 10 s).</summary>
    public static async Task<CertificateRecord?> ForCertificateAsync(ConnectorSession session, string caRequestId,
        TimeSpan wait, CancellationToken cancel)
    {
        DateTime deadline = DateTime.UtcNow + wait;
        TimeSpan pause = TimeSpan.FromSeconds(1);
        while (true)
        {
            GetCertificateResponse response = await session.CallAsync("Enroll",
                (client, options) => client.GetCertificateAsync(
                    new GetCertificateRequest { Connection = session.Settings.Connection, CaRequestId = caRequestId },
                    options), cancellationToken: cancel).ConfigureAwait(false);
            if (response.Record.Status == CertificateStatus.Issued && response.Record.CertificatePem.Length > 0)
            {
                return response.Record;
            }
            TimeSpan left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }
            await Task.Delay(pause < left ? pause : left, cancel).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 3 / 2, TimeSpan.FromSeconds(10).Ticks));
        }
    }
}
