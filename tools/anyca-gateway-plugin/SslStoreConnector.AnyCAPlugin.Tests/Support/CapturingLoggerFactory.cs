using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SslStoreConnector.AnyCAPlugin.Tests.Support;

/// <summary>A logger factory that keeps every formatted line (with its
/// exception) so tests can check what the plugin logs.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        private readonly CapturingLoggerFactory _owner;

        public Logger(CapturingLoggerFactory owner) => _owner = owner;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            _owner.Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
