using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SslStoreConnector.AnyCAPlugin.Tests.Support;

/// <summary>PEM files for TLS tests, made in <paramref name="directory"/>: a
/// server CA with a certificate for 127.0.0.1 and localhost, and a client CA
/// with a client certificate.</summary>
internal sealed class TestPki
{
    public TestPki(string directory)
    {
        Directory.CreateDirectory(directory);
        using ECDsa serverCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 serverCa = MakeCa("connector test server CA", serverCaKey);
        ServerCaFile = Write(directory, "server-ca.pem", serverCa.ExportCertificatePem());
        (ServerCertFile, ServerKeyFile) = MakeLeaf(directory, "server", serverCa, serverCaKey, server: true);
        using ECDsa clientCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using X509Certificate2 clientCa = MakeCa("connector test client CA", clientCaKey);
        ClientCaFile = Write(directory, "client-ca.pem", clientCa.ExportCertificatePem());
        (ClientCertFile, ClientKeyFile) = MakeLeaf(directory, "client", clientCa, clientCaKey, server: false);
    }

    public string ServerCaFile { get; }
    public string ServerCertFile { get; }
    public string ServerKeyFile { get; }
    public string ClientCaFile { get; }
    public string ClientCertFile { get; }
    public string ClientKeyFile { get; }

    private static X509Certificate2 MakeCa(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
    }

    private static (string Cert, string Key) MakeLeaf(string directory, string name, X509Certificate2 ca, ECDsa caKey,
        bool server)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={(server ? "127.0.0.1" : "gateway")}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2") }, false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }
        using X509Certificate2 leaf = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey),
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(12));
        return (Write(directory, name + ".pem", leaf.ExportCertificatePem()),
            Write(directory, name + ".key", key.ExportPkcs8PrivateKeyPem()));
    }

    private static string Write(string directory, string name, string text)
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, text + "\n");
        return path;
    }
}
