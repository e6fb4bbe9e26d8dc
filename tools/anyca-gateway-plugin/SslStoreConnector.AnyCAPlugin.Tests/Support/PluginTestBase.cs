using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Keyfactor.AnyGateway.Extensions;
using Xunit;

namespace SslStoreConnector.AnyCAPlugin.Tests.Support;

/// <summary>Base of the tests that drive a plugin: it captures the plugin's
/// log lines and the exceptions the tests observe, and after each test
/// checks that no secret of the stack reached any of them and that the
/// connector sent SSL Store no member the WBAPI does not have.</summary>
public abstract class PluginTestBase : IDisposable
{
    private readonly List<ConnectorStack> _stacks = new();
    private readonly ConcurrentQueue<string> _exceptionTexts = new();

    internal CapturingLoggerFactory Logs { get; } = new();

    /// <summary>Starts a stack owned by this test.</summary>
    internal async Task<ConnectorStack> StartStackAsync(StackOptions? options = null)
    {
        ConnectorStack stack = await ConnectorStack.StartAsync(options);
        _stacks.Add(stack);
        return stack;
    }

    /// <summary>A plugin logging into <see cref="Logs"/>, initialized with
    /// <paramref name="settings"/> when given.</summary>
    internal SslStoreConnectorCaPlugin NewPlugin(Dictionary<string, object>? settings = null,
        ICertificateDataReader? reader = null, IDomainValidatorFactory? validators = null)
    {
        var plugin = new SslStoreConnectorCaPlugin(validators, Logs);
        if (settings is not null)
        {
            plugin.Initialize(new FakeConfigProvider(settings), reader ?? new FakeCertificateDataReader());
        }
        return plugin;
    }

    /// <summary>The exception <paramref name="action"/> throws, remembered for
    /// the secret check.</summary>
    internal async Task<T> ThrowsAsync<T>(Func<Task> action) where T : Exception
    {
        T error = await Assert.ThrowsAsync<T>(action);
        _exceptionTexts.Enqueue(error.ToString());
        return error;
    }

    /// <summary>Remembers a text shown to the gateway (a status message, an
    /// enrollment context) for the secret check.</summary>
    internal void Shown(string text) => _exceptionTexts.Enqueue(text);

    public void Dispose()
    {
        try
        {
            string[] texts = Logs.Lines.Concat(_exceptionTexts).ToArray();
            foreach (string secret in _stacks.SelectMany(s => s.Secrets))
            {
                Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
            }
            foreach (ConnectorStack stack in _stacks.Where(s => !s.Disposed))
            {
                Assert.Empty(stack.Admin.UnknownMembersAsync().GetAwaiter().GetResult());
            }
        }
        finally
        {
            foreach (ConnectorStack stack in _stacks)
            {
                stack.Dispose();
            }
        }
        GC.SuppressFinalize(this);
    }
}
