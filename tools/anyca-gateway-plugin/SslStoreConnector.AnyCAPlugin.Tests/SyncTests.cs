using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Keyfactor.AnyGateway.Extensions;
using SslStoreConnector.AnyCAPlugin.Tests.Support;
using Xunit;

namespace SslStoreConnector.AnyCAPlugin.Tests;

/// <summary>Synchronize into the gateway's bounded buffer.</summary>
public sealed class SyncTests : PluginTestBase
{
    [Fact]
    public async Task ASmallBufferWithASlowConsumerReceivesExactlyTheGroundTruth()
    {
        ConnectorStack stack = await StartStackAsync(new StackOptions { SeedOrders = 57 });
        SslStoreConnectorCaPlugin plugin = NewPlugin(stack.GatewaySettings());
        using var buffer = new BlockingCollection<AnyCAPluginCertificate>(5);
        Task<List<AnyCAPluginCertificate>> consumer = Consume(buffer, each: () => Thread.Sleep(3));

        await plugin.Synchronize(buffer, null, true, CancellationToken.None);
        buffer.CompleteAdding();
        AssertEqualsGroundTruth(await consumer, await stack.Admin.GroundTruthAsync());
    }

    [Fact]
    public async Task AnIncrementalSyncWithoutLastSyncIsAFullOne()
    {
        ConnectorStack stack = await StartStackAsync(new StackOptions { SeedOrders = 12 });
        SslStoreConnectorCaPlugin plugin = NewPlugin(stack.GatewaySettings());
        using var buffer = new BlockingCollection<AnyCAPluginCertificate>();
        await plugin.Synchronize(buffer, null, false, CancellationToken.None);
        buffer.CompleteAdding();
        AssertEqualsGroundTruth(buffer.ToList(), await stack.Admin.GroundTruthAsync());

        // Since a moment after every order: no issued certificate changed
        // since, so none comes again; revoked orders still do.
        using var incremental = new BlockingCollection<AnyCAPluginCertificate>();
        await plugin.Synchronize(incremental, DateTime.UtcNow.AddDays(1), false, CancellationToken.None);
        Assert.DoesNotContain(incremental, r => r.Status == EndEntityStatus.Generated);
        Assert.Contains(incremental, r => r.Status == EndEntityStatus.Revoked);
    }

    [Fact]
    public async Task CancellationTakesEffectWithinOneSecond()
    {
        ConnectorStack stack = await StartStackAsync(new StackOptions { SeedOrders = 200 });
        await stack.Admin.SetFaultsAsync(new
        {
            rules = new[] { new { endpoint = "*", type = "latency", rate = 1.0, latency_ms = 30 } },
        });
        SslStoreConnectorCaPlugin plugin = NewPlugin(stack.GatewaySettings());

        // The consumer stops taking records: the plugin blocks in Add.
        using var full = new BlockingCollection<AnyCAPluginCertificate>(5);
        using var cancel = new CancellationTokenSource();
        Task sync = plugin.Synchronize(full, null, true, cancel.Token);
        Assert.True(SpinWait.SpinUntil(() => full.Count == 5 || sync.IsCompleted, TimeSpan.FromSeconds(30)));
        Assert.False(sync.IsCompleted, "the sync ended before the buffer filled");
        await AssertCancelledWithinOneSecond(sync, cancel);

        // The consumer keeps taking records: the plugin waits on the stream.
        using var open = new BlockingCollection<AnyCAPluginCertificate>();
        using var cancelOpen = new CancellationTokenSource();
        Task streaming = plugin.Synchronize(open, null, true, cancelOpen.Token);
        Assert.True(open.TryTake(out _, TimeSpan.FromSeconds(30)), "no record arrived");
        await AssertCancelledWithinOneSecond(streaming, cancelOpen);
    }

    [Fact]
    public async Task AConnectorRestartedMidSyncIsResumedToExactlyTheGroundTruth()
    {
        ConnectorStack stack = await StartStackAsync(new StackOptions { SeedOrders = 120 });
        // Slow WBAPI calls: the sync is still running when the connector dies.
        await stack.Admin.SetFaultsAsync(new
        {
            rules = new[] { new { endpoint = "*", type = "latency", rate = 1.0, latency_ms = 25 } },
        });
        Dictionary<string, object> settings = stack.GatewaySettings();
        settings["ConnectorSyncResumeAttempts"] = 10L;
        SslStoreConnectorCaPlugin plugin = NewPlugin(settings);
        using var buffer = new BlockingCollection<AnyCAPluginCertificate>(5);
        int taken = 0;
        Task<List<AnyCAPluginCertificate>> consumer = Consume(buffer, each: () =>
        {
            if (++taken == 3)
            {
                stack.RestartConnectorAsync().GetAwaiter().GetResult();
            }
        });

        await plugin.Synchronize(buffer, null, true, CancellationToken.None);
        buffer.CompleteAdding();
        List<AnyCAPluginCertificate> records = await consumer;
        Assert.Contains(Logs.Lines, l => l.Contains("resuming", StringComparison.Ordinal));
        AssertEqualsGroundTruth(records, await stack.Admin.GroundTruthAsync());
    }

    [Fact]
    public async Task APageThatKeepsFailingIsResumedFromTheConnectorsToken()
    {
        ConnectorStack stack = await StartStackAsync(new StackOptions { SeedOrders = 35 });
        var faults = new
        {
            rules = new[] { new { endpoint = "order/query", type = "http_503", nth = 2, times = 8 } },
        };
        await stack.Admin.SetFaultsAsync(faults);
        SslStoreConnectorCaPlugin plugin = NewPlugin(stack.GatewaySettings());
        using var buffer = new BlockingCollection<AnyCAPluginCertificate>();
        await plugin.Synchronize(buffer, null, true, CancellationToken.None);
        buffer.CompleteAdding();
        Assert.Contains(Logs.Lines, l => l.Contains("resuming (1 of 3)", StringComparison.Ordinal));
        AssertEqualsGroundTruth(buffer.ToList(), await stack.Admin.GroundTruthAsync());

        // With no resume allowed the failure reaches the gateway.
        await stack.Admin.SetFaultsAsync(faults);
        Dictionary<string, object> strict = stack.GatewaySettings();
        strict["ConnectorSyncResumeAttempts"] = 0L;
        using var partial = new BlockingCollection<AnyCAPluginCertificate>();
        ConnectorCallException error = await ThrowsAsync<ConnectorCallException>(
            () => NewPlugin(strict).Synchronize(partial, null, true, CancellationToken.None));
        Assert.Equal(Grpc.Core.StatusCode.Unavailable, error.Code);
        Assert.StartsWith("Synchronize:", error.Message, StringComparison.Ordinal);
    }

    private static Task<List<AnyCAPluginCertificate>> Consume(BlockingCollection<AnyCAPluginCertificate> buffer,
        Action each) => Task.Run(() =>
    {
        var records = new List<AnyCAPluginCertificate>();
        foreach (AnyCAPluginCertificate record in buffer.GetConsumingEnumerable())
        {
            records.Add(record);
            each();
        }
        return records;
    });

    private static async Task AssertCancelledWithinOneSecond(Task sync, CancellationTokenSource cancel)
    {
        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"cancellation took {clock.Elapsed}");
    }

    // Every order with a certificate once, with the simulator's certificate;
    // orders without one (pending) are skipped by the connector.
    private static void AssertEqualsGroundTruth(List<AnyCAPluginCertificate> records, List<SimOrder> truth)
    {
        List<SimOrder> expected = truth.Where(o => o.CertificatePem.Length > 0).ToList();
        Assert.True(expected.Count < truth.Count, "the seed should include pending orders");
        Assert.Equal(records.Count, records.Select(r => r.CARequestID).Distinct().Count());
        Assert.Equal(expected.Select(o => o.CaRequestId).OrderBy(id => id),
            records.Select(r => r.CARequestID).OrderBy(id => id));
        Dictionary<string, AnyCAPluginCertificate> byId = records.ToDictionary(r => r.CARequestID);
        foreach (SimOrder order in expected)
        {
            AnyCAPluginCertificate record = byId[order.CaRequestId];
            Assert.Equal(order.MajorStatus == "Active" ? EndEntityStatus.Generated : EndEntityStatus.Revoked,
                record.Status);
            Assert.Equal(order.Serial.ToUpperInvariant(),
                CertificateChecks.Parse(record.Certificate).SerialNumber.ToUpperInvariant());
        }
    }
}
