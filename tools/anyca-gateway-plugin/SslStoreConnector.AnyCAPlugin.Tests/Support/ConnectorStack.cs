using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace SslStoreConnector.AnyCAPlugin.Tests.Support;

/// <summary>How a test's connector and simulator are set up.</summary>
internal sealed record StackOptions
{
    /// <summary>Simulator approval: "immediate", "manual" or "after-polls".</summary>
    public string Approval { get; init; } = "immediate";

    /// <summary>Orders the simulator starts with.</summary>
    public int SeedOrders { get; init; }

    /// <summary>The connector serves TLS.</summary>
    public bool Tls { get; init; }

    /// <summary>The connector requires a client certificate (implies TLS).</summary>
    public bool MutualTls { get; init; }

    /// <summary>The connector requires a bearer token.</summary>
    public bool BearerToken { get; init; }

    /// <summary>Simulator server threads.</summary>
    public int SimThreads { get; init; } = 2;
}

/// <summary>The real sslstore-sim and sslstore-connector binaries on
/// 127.0.0.1 (port 0), each with a random secret: the simulator's auth token
/// and, when asked, the connector's bearer token.</summary>
internal sealed class ConnectorStack : IDisposable
{
    private static readonly Regex ConnectorReady = new(@"serving on 127\.0\.0\.1:(\d+)");
    private readonly StackOptions _options;
    private ChildProcess? _sim;
    private ChildProcess? _connector;
    private bool _disposed;

    private ConnectorStack(StackOptions options)
    {
        _options = options;
        WorkDir = Directory.CreateTempSubdirectory("anyca-plugin-test-").FullName;
        AuthToken = "simtok-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        BearerToken = options.BearerToken ? "bearer-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)) : "";
    }

    public string WorkDir { get; }
    public string PartnerCode { get; } = "PLUGINTEST";
    public string AuthToken { get; }
    public string BearerToken { get; }
    public string BearerTokenFile => Path.Combine(WorkDir, "bearer-token");
    public string SimUrl { get; private set; } = "";
    public string SimCaFile { get; private set; } = "";
    public int ConnectorPort { get; private set; }
    public string ConnectorAddress => $"127.0.0.1:{ConnectorPort}";
    public TestPki? Pki { get; private set; }
    public SimAdmin Admin { get; private set; } = null!;

    /// <summary>The secrets no log line or exception may contain.</summary>
    public IEnumerable<string> Secrets => BearerToken.Length > 0 ? new[] { AuthToken, BearerToken } : new[] { AuthToken };

    /// <summary>Starts the simulator, then the connector.</summary>
    public static async Task<ConnectorStack> StartAsync(StackOptions? options = null)
    {
        var stack = new ConnectorStack(options ?? new StackOptions());
        try
        {
            await stack.StartSimulatorAsync();
            stack.WriteConnectorConfig();
            await stack.StartConnectorAsync(0);
            return stack;
        }
        catch
        {
            stack.Dispose();
            throw;
        }
    }

    /// <summary>The CA connection dictionary the gateway would pass: typed and
    /// text values mixed, as the gateway does.</summary>
    public Dictionary<string, object> GatewaySettings()
    {
        var settings = new Dictionary<string, object>
        {
            ["SSLStoreURL"] = SimUrl,
            ["PartnerCode"] = PartnerCode,
            ["AuthToken"] = AuthToken,
            ["PageSize"] = 10L,
            ["Enabled"] = true,
            ["RenewalWindow"] = "30",
            ["ConnectorAddress"] = ConnectorAddress,
            ["ConnectorTimeoutSeconds"] = "30",
            ["ConnectorEnrollWaitSeconds"] = 5L,
        };
        if (_options.Tls || _options.MutualTls)
        {
            settings["ConnectorTlsCaFile"] = Pki!.ServerCaFile;
        }
        if (_options.MutualTls)
        {
            settings["ConnectorTlsClientCertFile"] = Pki!.ClientCertFile;
            settings["ConnectorTlsClientKeyFile"] = Pki!.ClientKeyFile;
        }
        if (_options.BearerToken)
        {
            settings["ConnectorTokenFile"] = BearerTokenFile;
        }
        return settings;
    }

    /// <summary>Kills the connector (SIGKILL) and starts it again on the same port.</summary>
    public async Task RestartConnectorAsync()
    {
        _connector?.Kill();
        _connector?.Dispose();
        await StartConnectorAsync(ConnectorPort);
    }

    /// <summary>The last lines of the connector's output, for diagnostics.</summary>
    public string ConnectorLog => _connector?.Tail ?? "";

    /// <summary>True once <see cref="Dispose"/> ran.</summary>
    public bool Disposed => _disposed;

    /// <summary>Stops both processes and removes the work directory; safe to call twice.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _connector?.Dispose();
        _sim?.Dispose();
        Admin?.Dispose();
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Binary(string variable, string buildPath)
    {
        string? path = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(path))
        {
            path = Path.Combine(RepositoryRoot(), "build", buildPath);
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{path} does not exist: build the C++ project first (cmake --build build) or set {variable}");
        }
        return path;
    }

    /// <summary>The checkout this binary was built in (the directory holding proto/sslstore).</summary>
    public static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "proto", "sslstore")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("the repository root (with proto/sslstore) is not above the test binary");
    }

    private async Task StartSimulatorAsync()
    {
        string tokenFile = Path.Combine(WorkDir, "sim-token");
        File.WriteAllText(tokenFile, AuthToken);
        string readyFile = Path.Combine(WorkDir, "sim-ready.json");
        (_sim, _) = await ChildProcess.StartAsync(Binary("SSLSTORE_SIM", "tools/sslstore-sim/sslstore-sim"), new[]
        {
            "--port", "0", "--admin-port", "0", "--state-dir", Path.Combine(WorkDir, "sim"), "--profile", "realistic",
            "--partner-code", PartnerCode, "--auth-token-file", tokenFile, "--approval", _options.Approval,
            "--approve-after-polls", "2", "--threads", _options.SimThreads.ToString(CultureInfo.InvariantCulture),
            "--seed-orders", _options.SeedOrders.ToString(CultureInfo.InvariantCulture), "--ready-file", readyFile,
        }, new Regex("^sslstore-sim listening"));
        using JsonDocument ready = JsonDocument.Parse(File.ReadAllText(readyFile));
        SimUrl = ready.RootElement.GetProperty("url").GetString()!;
        SimCaFile = ready.RootElement.GetProperty("ca_file").GetString()!;
        Admin = new SimAdmin(ready.RootElement.GetProperty("admin_url").GetString()!);
    }

    private void WriteConnectorConfig()
    {
        var config = new Dictionary<string, object>
        {
            ["upstream_ca_file"] = SimCaFile,
            ["connections"] = new Dictionary<string, object>
            {
                ["default"] = new Dictionary<string, object>
                {
                    ["sslstore_url"] = SimUrl,
                    ["partner_code"] = PartnerCode,
                    ["auth_token_file"] = Path.Combine(WorkDir, "sim-token"),
                    ["ca_file"] = SimCaFile,
                    ["page_size"] = 10,
                },
            },
        };
        if (_options.Tls || _options.MutualTls)
        {
            Pki = new TestPki(Path.Combine(WorkDir, "pki"));
            var tls = new Dictionary<string, object> { ["cert_file"] = Pki.ServerCertFile, ["key_file"] = Pki.ServerKeyFile };
            if (_options.MutualTls)
            {
                tls["client_ca_file"] = Pki.ClientCaFile;
            }
            config["tls"] = tls;
        }
        if (_options.BearerToken)
        {
            File.WriteAllText(BearerTokenFile, BearerToken + "\n");
            config["auth"] = new Dictionary<string, object> { ["bearer_tokens_file"] = BearerTokenFile };
        }
        File.WriteAllText(Path.Combine(WorkDir, "connector.json"), JsonSerializer.Serialize(config));
    }

    private async Task StartConnectorAsync(int port)
    {
        (ChildProcess connector, Match ready) = await ChildProcess.StartAsync(
            Binary("SSLSTORE_CONNECTOR", "service/sslstore-connector"), new[]
            {
                "--config", Path.Combine(WorkDir, "connector.json"),
                "--listen", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            }, ConnectorReady);
        _connector = connector;
        ConnectorPort = int.Parse(ready.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
