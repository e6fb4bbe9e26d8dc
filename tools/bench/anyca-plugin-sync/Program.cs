// anyca-plugin-sync-bench: wall time of a full Synchronize through the AnyCA
// Gateway plugin (into a bounded BlockingCollection drained by a consumer
// thread, as the gateway does) against the real sslstore-connector and
// sslstore-sim binaries, beside the connector's own sync-bench on the same
// data (orders, status mix, page size, latency, calls in flight), measured
// in the same run, rounds alternating. Also the plugin's CPU (this process:
// the plugin, its gRPC client and the consumer; the connector and the
// simulator are other processes) per 1,000 records.
//
//   anyca-plugin-sync-bench [--orders=1000] [--latency_ms=20] [--rounds=3]
//                           [--buffer=100] [--sync_bench=PATH]
// Binaries: SSLSTORE_CONNECTOR, SSLSTORE_SIM (default: build/...), and
// sync-bench (default build/tools/bench/sync-bench).
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Keyfactor.AnyGateway.Extensions;
using SslStoreConnector.AnyCAPlugin;
using SslStoreConnector.AnyCAPlugin.Tests.Support;

Dictionary<string, string> flags = args.Select(a => a.TrimStart('-').Split('=', 2))
    .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "true");
int Flag(string name, int fallback) =>
    flags.TryGetValue(name, out string? v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
int orders = Flag("orders", 1000);
int latencyMs = Flag("latency_ms", 20);
int rounds = Flag("rounds", 3);
int bufferSize = Flag("buffer", 100);
string syncBench = flags.GetValueOrDefault("sync_bench") ??
    Path.Combine(ConnectorStack.RepositoryRoot(), "build", "tools", "bench", "sync-bench");

// The same data as sync-bench: positivessl orders weighted 3 active :
// 1 pending : 1 cancelled, page size 100, 16 calls in flight, 8 simulator
// threads, the latency on every WBAPI call.
using ConnectorStack stack = await ConnectorStack.StartAsync(new StackOptions { SimThreads = 8 });
await stack.Admin.SeedAsync(orders, 3, 1, 1);
await stack.Admin.SetFaultsAsync(new
{
    rules = new[] { new { endpoint = "*", type = "latency", rate = 1.0, latency_ms = latencyMs } },
});
Dictionary<string, object> settings = stack.GatewaySettings();
settings["PageSize"] = 100L;
var plugin = new SslStoreConnectorCaPlugin();
plugin.Initialize(new FakeConfigProvider(settings), new FakeCertificateDataReader());

Console.WriteLine($"orders={orders} latency={latencyMs}ms buffer={bufferSize} rounds={rounds}");
(double warmMs, _, int warmRecords) = await PluginSync(plugin, bufferSize);
Console.WriteLine($"warm-up: plugin wall={warmMs:0}ms records={warmRecords}");
var ratios = new List<double>();
var cpuPer1000 = new List<double>();
for (int round = 1; round <= rounds; ++round)
{
    (double connectorMs, int connectorRecords) = RunSyncBench(syncBench, orders, latencyMs);
    (double pluginMs, double cpuMs, int records) = await PluginSync(plugin, bufferSize);
    ratios.Add(pluginMs / connectorMs);
    cpuPer1000.Add(cpuMs * 1000.0 / Math.Max(1, records));
    Console.WriteLine(
        $"round {round}: (a) sync-bench connector wall={connectorMs:0}ms records={connectorRecords}  " +
        $"(b) plugin wall={pluginMs:0}ms records={records} cpu={cpuMs:0}ms ({cpuPer1000[^1]:0}ms per 1000 records)  " +
        $"(b)/(a)={ratios[^1]:0.00}");
}
ratios.Sort();
cpuPer1000.Sort();
Console.WriteLine($"median (b)/(a) = {ratios[ratios.Count / 2]:0.00} (target <= 1.15); " +
                  $"median plugin CPU = {cpuPer1000[cpuPer1000.Count / 2]:0}ms per 1000 records");
return ratios[ratios.Count / 2] <= 1.15 ? 0 : 1;

// One full Synchronize into a bounded buffer drained by a consumer thread:
// wall ms, this process's CPU ms, records received.
static async Task<(double WallMs, double CpuMs, int Records)> PluginSync(SslStoreConnectorCaPlugin plugin,
    int bufferSize)
{
    using var buffer = new BlockingCollection<AnyCAPluginCertificate>(bufferSize);
    int records = 0;
    Thread consumer = new(() =>
    {
        foreach (AnyCAPluginCertificate record in buffer.GetConsumingEnumerable())
        {
            if (record.Certificate.Length > 0)
            {
                ++records;
            }
        }
    });
    TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    consumer.Start();
    await plugin.Synchronize(buffer, null, true, CancellationToken.None);
    buffer.CompleteAdding();
    consumer.Join();
    double wallMs = clock.Elapsed.TotalMilliseconds;
    double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
    return (wallMs, cpuMs, records);
}

// The connector's own benchmark: its "(a) connector" wall time and records.
static (double WallMs, int Records) RunSyncBench(string path, int orders, int latencyMs)
{
    var info = new ProcessStartInfo(Path.GetFullPath(path))
    {
        RedirectStandardOutput = true,
        UseShellExecute = false,
    };
    info.ArgumentList.Add($"--orders={orders}");
    info.ArgumentList.Add($"--latency_ms={latencyMs}");
    info.ArgumentList.Add("--skip_sequential");
    using Process process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {path}");
    string output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    Match match = Regex.Match(output, @"\(a\) connector : status=0 records=(\d+) wall=(\d+)ms");
    if (process.ExitCode != 0 || !match.Success)
    {
        throw new InvalidOperationException($"sync-bench failed ({process.ExitCode}):\n{output}");
    }
    return (double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
        int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
}
