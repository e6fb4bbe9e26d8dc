using System;
using System.Collections.Generic;
using System.Linq;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>Replaces every known secret (the SSL Store auth token, the
/// connector's bearer token) in a text before it reaches an exception, a log
/// line or an enrollment context.</summary>
internal sealed class SecretRedactor
{
    /// <summary>What a secret is replaced with: the same text as the
    /// connector's C++ redaction (sslstore_client/redact.h, kRedacted), so a
    /// secret reads the same in the plugin's and the connector's logs. C#
    /// cannot link the C++ code, so this class is a copy of that idea; keep
    /// the two placeholders identical.</summary>
    public const string Placeholder = "[REDACTED]";

    private readonly string[] _secrets;

    /// <summary>A redactor for the non-empty <paramref name="secrets"/>.</summary>
    public SecretRedactor(IEnumerable<string?> secrets)
    {
        _secrets = secrets.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!)
            .Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
    }

    /// <summary>A redactor that knows no secret.</summary>
    public static SecretRedactor None { get; } = new(Array.Empty<string>());

    /// <summary><paramref name="text"/> with every secret replaced.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        foreach (string secret in _secrets)
        {
            text = text.Replace(secret, Placeholder, StringComparison.Ordinal);
        }
        return text;
    }
}
