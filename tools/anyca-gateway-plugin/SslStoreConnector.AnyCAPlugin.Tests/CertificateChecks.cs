using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using SslStoreConnector.AnyCAPlugin.Tests.Support;
using Xunit;

namespace SslStoreConnector.AnyCAPlugin.Tests;

/// <summary>Checks on the certificates the plugin hands to the gateway.</summary>
internal static class CertificateChecks
{
    /// <summary>Parses a PEM or base64 DER certificate.</summary>
    public static X509Certificate2 Parse(string text)
    {
        Assert.False(string.IsNullOrWhiteSpace(text), "no certificate");
        return text.Contains("-----BEGIN", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(text)
            : X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text));
    }

    /// <summary>Asserts the certificate verifies up to the simulator's root
    /// through its intermediate, and covers <paramref name="dnsName"/>.</summary>
    public static X509Certificate2 AssertIssuedBySimulator(string text, ConnectorStack stack, string dnsName)
    {
        X509Certificate2 leaf = Parse(text);
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(stack.SimCaFile);
        var intermediates = new X509Certificate2Collection();
        intermediates.ImportFromPemFile(Path.Combine(Path.GetDirectoryName(stack.SimCaFile)!, "intermediate.pem"));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(leaf), $"{leaf.Subject} does not verify: {string.Join(", ", chain.ChainStatus)}");
        Assert.Equal(3, chain.ChainElements.Count);
        Assert.True(leaf.MatchesHostname(dnsName), $"{leaf.Subject} does not cover {dnsName}");
        return leaf;
    }
}
