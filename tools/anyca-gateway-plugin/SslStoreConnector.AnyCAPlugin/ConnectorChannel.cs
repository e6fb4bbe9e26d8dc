using System;
using System.IO;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Grpc.Core;
using Grpc.Net.Client;
using Sslstore.Connector.V1;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>One gRPC channel to the connector (plaintext, TLS or mutual TLS)
/// with its bearer token and call deadline. Thread-safe; one per plugin
/// instance.</summary>
internal sealed class ConnectorChannel : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Metadata _headers = new();

    private ConnectorChannel(ConnectorOptions options, GrpcChannel channel, string bearerToken)
    {
        Options = options;
        _channel = channel;
        BearerToken = bearerToken;
        Client = new ConnectorService.ConnectorServiceClient(channel);
        if (bearerToken.Length > 0)
        {
            _headers.Add("authorization", "Bearer " + bearerToken);
        }
    }

    /// <summary>The options the channel was built from.</summary>
    public ConnectorOptions Options { get; }

    /// <summary>The generated client.</summary>
    public ConnectorService.ConnectorServiceClient Client { get; }

    /// <summary>The bearer token ("" when none), for redaction only.</summary>
    public string BearerToken { get; }

    /// <summary>Reads the TLS and token files and creates the channel (it
    /// connects on the first call). Problems name the key and the file,
    /// never a file's content.</summary>
    public static ConnectorChannel Create(ConnectorOptions options)
    {
        var problems = new System.Collections.Generic.List<string>();
        string token = ReadToken(options.TokenFile, problems);
        X509Certificate2Collection? trust = ReadTrust(options.TlsCaFile, problems);
        X509Certificate2? clientCertificate = ReadClientCertificate(options, problems);
        if (problems.Count > 0)
        {
            throw new CAConnectionInvalidException("cannot set up the connection to the SSL Store connector", problems);
        }
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // No HTTP/2 keep-alive pings: while the gateway's buffer is full a
            // sync stream carries no data, and gRPC servers answer pings
            // more frequent than every 5 minutes without data with GOAWAY.
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        (string host, int port) = SplitAddress(options.Address);
        string uriHost = host;
        if (trust is not null)
        {
            ConfigureTls(handler, trust, clientCertificate);
            if (options.TlsServerName.Length > 0)
            {
                // The URI carries the expected name (SNI and the name check);
                // the socket goes to the configured address.
                uriHost = options.TlsServerName;
                handler.ConnectCallback = (context, cancel) => ConnectAsync(host, port, cancel);
            }
        }
        string scheme = trust is null ? "http" : "https";
        var uri = new UriBuilder(scheme, uriHost, port).Uri;
        GrpcChannel channel = GrpcChannel.ForAddress(uri, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
        return new ConnectorChannel(options, channel, token);
    }

    /// <summary>True for "host:port" with a port from 1 to 65535.</summary>
    public static bool IsValidAddress(string address)
    {
        try
        {
            SplitAddress(address);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Call options carrying the bearer token, with a deadline
    /// <paramref name="timeout"/> from now (none when null).</summary>
    public CallOptions CallOptions(TimeSpan? timeout, CancellationToken cancellationToken = default)
    {
        DateTime? deadline = timeout is null ? null : DateTime.UtcNow + timeout.Value;
        return new CallOptions(_headers, deadline, cancellationToken);
    }

    /// <summary>Closes the channel.</summary>
    public void Dispose() => _channel.Dispose();

    private static (string Host, int Port) SplitAddress(string address)
    {
        int colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), out int port) || port is < 1 or > 65535)
        {
            throw new FormatException("expected host:port");
        }
        string host = address[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new FormatException("expected host:port");
        }
        return (host, port);
    }

    private static string ReadToken(string file, System.Collections.Generic.List<string> problems)
    {
        if (file.Length == 0)
        {
            return "";
        }
        try
        {
            string token = File.ReadAllText(file).Trim();
            if (token.Length == 0)
            {
                problems.Add($"{ConnectorKeys.TokenFile}: {file} is empty");
            }
            return token;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{ConnectorKeys.TokenFile}: cannot read {file}: {e.GetType().Name}");
            return "";
        }
    }

    private static X509Certificate2Collection? ReadTrust(string file, System.Collections.Generic.List<string> problems)
    {
        if (file.Length == 0)
        {
            return null;
        }
        var trust = new X509Certificate2Collection();
        try
        {
            trust.ImportFromPemFile(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            problems.Add($"{ConnectorKeys.TlsCaFile}: cannot read a PEM certificate from {file}: {e.GetType().Name}");
        }
        if (trust.Count == 0)
        {
            problems.Add($"{ConnectorKeys.TlsCaFile}: {file} holds no PEM certificate");
        }
        return trust;
    }

    private static X509Certificate2? ReadClientCertificate(ConnectorOptions options, System.Collections.Generic.List<string> problems)
    {
        if (options.TlsClientCertFile.Length == 0 || options.TlsClientKeyFile.Length == 0)
        {
            return null;
        }
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(options.TlsClientCertFile, options.TlsClientKeyFile);
            // An exportable copy: SslStream needs the key in a persisted form
            // on some platforms.
            return new X509Certificate2(pem.Export(X509ContentType.Pkcs12));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            problems.Add($"{ConnectorKeys.TlsClientCertFile}: cannot load the certificate {options.TlsClientCertFile} " +
                         $"with the key {options.TlsClientKeyFile}: {e.GetType().Name}");
            return null;
        }
    }

    private static void ConfigureTls(SocketsHttpHandler handler, X509Certificate2Collection trust, X509Certificate2? clientCertificate)
    {
        handler.SslOptions = new SslClientAuthenticationOptions
        {
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                VerifyServer(trust, certificate, chain, errors),
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = new X509CertificateCollection { clientCertificate };
        }
    }

    // The server's certificate must carry the expected name and chain to one
    // of the configured CA certificates.
    private static bool VerifyServer(X509Certificate2Collection trust, X509Certificate? certificate, X509Chain? presented,
        SslPolicyErrors errors)
    {
        if (certificate is null ||
            (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }
        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trust);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (X509ChainElement element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return chain.Build(leaf);
    }

    private static async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancel)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancel).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
