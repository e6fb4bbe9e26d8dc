using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;

namespace SslStoreConnector.AnyCAPlugin.Tests.Support;

/// <summary>One order of the simulator's ground truth.</summary>
internal sealed record SimOrder(long Id, string PartnerOrderId, string MajorStatus, string Serial,
    string CertificatePem, string ProductCode, string CommonName)
{
    /// <summary>The connector's ca_request_id of the order.</summary>
    public string CaRequestId => $"{Id}-{PartnerOrderId}";
}

/// <summary>The simulator's admin API (plain HTTP on 127.0.0.1).</summary>
internal sealed class SimAdmin : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>A client of the admin API at <paramref name="url"/>.</summary>
    public SimAdmin(string url)
    {
        _http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Every order the simulator holds.</summary>
    public async Task<List<SimOrder>> GroundTruthAsync()
    {
        using JsonDocument document = JsonDocument.Parse(await _http.GetStringAsync("/admin/ground-truth"));
        return document.RootElement.GetProperty("orders").EnumerateArray().Select(o => new SimOrder(
            o.GetProperty("id").GetInt64(),
            o.GetProperty("partner_order_id").GetString() ?? "",
            o.GetProperty("major_status").GetString() ?? "",
            o.GetProperty("serial").GetString() ?? "",
            o.GetProperty("certificate_pem").GetString() ?? "",
            o.GetProperty("product_code").GetString() ?? "",
            o.GetProperty("common_name").GetString() ?? "")).ToList();
    }

    /// <summary>Approves a pending order.</summary>
    public Task ApproveAsync(long id) => PostAsync("/admin/approve", new { id });

    /// <summary>Changes the approval mode ("immediate", "manual", "after-polls").</summary>
    public Task SetApprovalAsync(string mode) => PostAsync("/admin/settings", new { approval = mode });

    /// <summary>Changes realism knobs at run time, e.g. <c>new { refund_pending_polls = -1 }</c>.</summary>
    public Task SetRealismAsync(object knobs) => PostAsync("/admin/settings", knobs);

    /// <summary>Carries out a pending refund now (the order becomes Cancelled).</summary>
    public Task CompleteRefundAsync(long id) => PostAsync("/admin/complete-refund", new { id });

    /// <summary>Seeds <paramref name="count"/> orders, statuses weighted
    /// active:pending:cancelled.</summary>
    public Task SeedAsync(int count, int active, int pending, int cancelled) =>
        PostAsync("/admin/seed", new { count, active, pending, cancelled });

    /// <summary>Replaces the fault rules with <paramref name="rules"/>.</summary>
    public Task SetFaultsAsync(object rules) => PostAsync("/admin/faults", rules);

    /// <summary>How often an endpoint ("health/validate", ...) was called.</summary>
    public async Task<long> CallCountAsync(string endpoint)
    {
        using JsonDocument document = JsonDocument.Parse(await _http.GetStringAsync("/admin/counters"));
        return document.RootElement.GetProperty("calls").TryGetProperty(endpoint, out JsonElement count)
            ? count.GetInt64()
            : 0;
    }

    /// <summary>"endpoint path" of each request member the simulator did not
    /// take under exact member names (a member the WBAPI does not have).</summary>
    public async Task<List<string>> UnknownMembersAsync()
    {
        using JsonDocument document = JsonDocument.Parse(await _http.GetStringAsync("/admin/unknown-members"));
        return document.RootElement.GetProperty("members").EnumerateArray()
            .Select(m => $"{m.GetProperty("endpoint").GetString()} {m.GetProperty("path").GetString()}").ToList();
    }

    /// <summary>Closes the client.</summary>
    public void Dispose() => _http.Dispose();

    private async Task PostAsync(string path, object body)
    {
        using HttpResponseMessage response = await _http.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"simulator admin {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
