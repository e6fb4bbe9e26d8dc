using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>Reads values of the gateway's CA connection dictionary, which
/// arrive as bool, long, string (or a JSON element), and collects every
/// problem instead of stopping at the first. Keys match case-insensitively.
/// A problem names the key and the expected type, never the value.</summary>
internal sealed class ConfigValueReader
{
    private readonly Dictionary<string, object?> _values;
    private readonly List<string> _problems = new();

    /// <summary>A reader over <paramref name="values"/> (null means empty).</summary>
    public ConfigValueReader(IDictionary<string, object>? values)
    {
        _values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (values is null)
        {
            return;
        }
        foreach (KeyValuePair<string, object> entry in values)
        {
            _values[entry.Key] = Unwrap(entry.Value);
        }
    }

    /// <summary>Every problem found so far, "Key: problem".</summary>
    public List<string> Problems => _problems;

    /// <summary>The value as trimmed text; null when absent or blank.</summary>
    public string? Text(string key)
    {
        object? value = Find(key);
        string? text = value switch
        {
            null => null,
            string s => s.Trim(),
            bool b => b ? "true" : "false",
            long or int or double or decimal => Convert.ToString(value, CultureInfo.InvariantCulture),
            _ => Problem<string>(key, "expected text"),
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The value as a whole number in [min, max]; null when absent.</summary>
    public long? Integer(string key, long min, long max)
    {
        object? value = Find(key);
        if (value is null || (value is string blank && string.IsNullOrWhiteSpace(blank)))
        {
            return null;
        }
        if (!TryWholeNumber(value, out long number) || number < min || number > max)
        {
            return Problem<long?>(key, $"expected a whole number from {min} to {max}");
        }
        return number;
    }

    /// <summary>The value as a boolean ("true"/"false" in any case, 0/1
    /// accepted); null when absent.</summary>
    public bool? Boolean(string key)
    {
        return Find(key) switch
        {
            null => null,
            bool b => b,
            long l when l is 0 or 1 => l == 1,
            int i when i is 0 or 1 => i == 1,
            string s when string.IsNullOrWhiteSpace(s) => null,
            string s when bool.TryParse(s.Trim(), out bool p) => p,
            _ => Problem<bool?>(key, "expected true or false"),
        };
    }

    /// <summary>Records a problem about <paramref name="key"/>.</summary>
    public void AddProblem(string key, string problem) => _problems.Add($"{key}: {problem}");

    private T? Problem<T>(string key, string problem)
    {
        AddProblem(key, problem);
        return default;
    }

    private static bool TryWholeNumber(object value, out long number)
    {
        switch (value)
        {
            case long l:
                number = l;
                return true;
            case int i:
                number = i;
                return true;
            case double d when Math.Abs(d) < 1e15 && Math.Truncate(d) == d:
                number = (long)d;
                return true;
            case decimal m when Math.Abs(m) < 1e15m && Math.Truncate(m) == m:
                number = (long)m;
                return true;
            case string s:
                return long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number);
            default:
                number = 0;
                return false;
        }
    }

    private object? Find(string key) => _values.TryGetValue(key, out object? value) ? value : null;

    // A JsonElement (a dictionary deserialized from JSON) becomes the plain
    // value it holds.
    private static object? Unwrap(object? value)
    {
        if (value is not JsonElement element)
        {
            return value;
        }
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when element.TryGetInt64(out long l) => l,
            JsonValueKind.Number => element.GetDouble(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => element.GetRawText(),
        };
    }
}
