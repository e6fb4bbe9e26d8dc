using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace SslStoreConnector.AnyCAPlugin.Tests.Support;

/// <summary>A child process whose output is drained continuously; start-up
/// waits for a line of its standard output (no polling, no sleeps).</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly TaskCompletionSource<Match> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Regex _readyLine;

    private ChildProcess(string file, IEnumerable<string> arguments, Regex readyLine)
    {
        _readyLine = readyLine;
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, fromStdout: true);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, fromStdout: false);
        _process.Exited += (_, _) => _ready.TrySetException(
            new InvalidOperationException($"{file} exited before it was ready:\n{Tail}"));
    }

    /// <summary>The last lines the process wrote (both streams).</summary>
    public string Tail => string.Join("\n", _tail.ToArray());

    /// <summary>Whether the process is still running.</summary>
    public bool Running => !_process.HasExited;

    /// <summary>Starts <paramref name="file"/> and waits (30 s at most) for a
    /// stdout line matching <paramref name="readyLine"/>; returns the process
    /// and the match.</summary>
    public static async Task<(ChildProcess Process, Match Ready)> StartAsync(string file, IEnumerable<string> arguments,
        Regex readyLine)
    {
        var child = new ChildProcess(file, arguments, readyLine);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        try
        {
            Match match = await child._ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return (child, match);
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    /// <summary>Kills the process at once (SIGKILL) and waits for it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit();
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
    }

    private void OnLine(string? line, bool fromStdout)
    {
        if (line is null)
        {
            return;
        }
        _tail.Enqueue(line);
        while (_tail.Count > 200 && _tail.TryDequeue(out _))
        {
        }
        if (fromStdout && !_ready.Task.IsCompleted)
        {
            Match match = _readyLine.Match(line);
            if (match.Success)
            {
                _ready.TrySetResult(match);
            }
        }
    }
}
