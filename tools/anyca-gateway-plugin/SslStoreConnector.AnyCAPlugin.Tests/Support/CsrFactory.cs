using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SslStoreConnector.AnyCAPlugin.Tests.Support;

/// <summary>Real PKCS#10 requests as the gateway sends them.</summary>
internal static class CsrFactory
{
    /// <summary>A CSR for <paramref name="commonName"/> with DNS SANs, as base64
    /// DER (the gateway's form) or PEM.</summary>
    public static string Make(string commonName, IEnumerable<string>? dnsNames = null, bool pem = false)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(commonName);
        foreach (string name in dnsNames ?? Array.Empty<string>())
        {
            names.AddDnsName(name);
        }
        request.CertificateExtensions.Add(names.Build());
        return pem ? request.CreateSigningRequestPem() : Convert.ToBase64String(request.CreateSigningRequest());
    }
}
