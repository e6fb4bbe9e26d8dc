using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Keyfactor.AnyGateway.Extensions;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>Finds the request a renewal or reissue replaces: the gateway's
/// PriorCertSN product parameter, turned into a request id by the gateway's
/// certificate database.</summary>
internal static class PriorRequestLookup
{
    /// <summary>The product parameter holding the prior certificate's hex serial.</summary>
    public const string PriorCertSnParameter = "PriorCertSN";

    /// <summary>The prior request id, or a rejection message (a FAILED
    /// result). A failure of the reader itself propagates.</summary>
    public static async Task<(string? RequestId, string? Rejection)> FindAsync(
        EnrollmentProductInfo productInfo, ICertificateDataReader? reader)
    {
        string serial = "";
        foreach (KeyValuePair<string, string> entry in productInfo.ProductParameters ?? new Dictionary<string, string>())
        {
            if (string.Equals(entry.Key, PriorCertSnParameter, StringComparison.OrdinalIgnoreCase))
            {
                serial = entry.Value?.Trim() ?? "";
            }
        }
        if (serial.Length == 0)
        {
            return (null, $"Enroll: {PriorCertSnParameter} is missing: a renewal or reissue needs the serial " +
                          "number of the certificate it replaces");
        }
        if (reader is null)
        {
            return (null, "Enroll: no certificate data reader was supplied to Initialize, so the prior request " +
                          "of a renewal or reissue cannot be found");
        }
        foreach (string candidate in new[] { serial, Normalize(serial) }.Distinct(StringComparer.Ordinal))
        {
            string? id = (await reader.GetRequestIDBySerialNumber(candidate).ConfigureAwait(false))?.Trim();
            if (!string.IsNullOrEmpty(id))
            {
                return (id, null);
            }
        }
        return (null, $"Enroll: the gateway holds no certificate with serial number {serial} " +
                      $"({PriorCertSnParameter}), so there is no prior request to renew or reissue");
    }

    // "0a:1B 2c" -> "0A1B2C".
    private static string Normalize(string serial) =>
        new(serial.Where(c => c is not (':' or ' ' or '-')).Select(char.ToUpperInvariant).ToArray());
}
