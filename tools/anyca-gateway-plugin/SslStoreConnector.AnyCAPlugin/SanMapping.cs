using System;
using System.Collections.Generic;
using System.Linq;
using Sslstore.Connector.V1;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>The gateway's SAN dictionary as the connector's, with every
/// alias of a type matched case-insensitively and merged.</summary>
internal static class SanMapping
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dns"] = "dns",
        ["dnsname"] = "dns",
        ["ip"] = "ip",
        ["ipaddress"] = "ip",
        ["email"] = "email",
        ["rfc822name"] = "email",
        ["uri"] = "uri",
    };

    /// <summary>Adds <paramref name="san"/> to <paramref name="target"/>:
    /// "DNS", "dnsname" and "Dns" all become "dns"; blank names are dropped
    /// and repeats removed. An unknown type keeps its key, so the connector
    /// names it in its error.</summary>
    public static void AddTo(Google.Protobuf.Collections.MapField<string, SanList> target,
        IDictionary<string, string[]>? san)
    {
        if (san is null)
        {
            return;
        }
        foreach (KeyValuePair<string, string[]> entry in san)
        {
            string key = Aliases.TryGetValue(entry.Key.Trim(), out string? canonical) ? canonical : entry.Key;
            if (!target.TryGetValue(key, out SanList? list))
            {
                list = new SanList();
                target[key] = list;
            }
            foreach (string name in entry.Value ?? Array.Empty<string>())
            {
                string trimmed = name?.Trim() ?? "";
                if (trimmed.Length > 0 && !list.Values.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
                {
                    list.Values.Add(trimmed);
                }
            }
        }
    }
}
