using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;

namespace DasOps.Engine.Remote.SshNet;

/// <summary>
/// One command as an exec channel on the node's connection. The remote shell first reports its pid (the sshd
/// session makes it a process group leader) and then execs the command, so a kill can end the whole group: the
/// channel asks sshd to signal it, and a second channel kills the group in case sshd does not forward the signal.
/// Connection failures become exit 255 with the failure kept for <see cref="Classify"/>.
/// </summary>
internal sealed class SshNetCommand : ICommandProcess
{
    internal const string PidMarker = "DASOPS-PID ";

    // `exec` keeps the pid, so the pid printed is the command's own and its process group's.
    private const string Wrapper = "printf '" + PidMarker + "%s\\n' \"$$\" >&2 && exec ";

    private readonly SshNetShell _shell;
    private readonly RemoteCommand _command;
    private readonly bool _keepInputOpen;
    private readonly TaskCompletionSource<Stream> _output = new TaskCompletionSource<Stream>();
    private readonly TaskCompletionSource<string> _error = new TaskCompletionSource<string>();
    private readonly TaskCompletionSource<bool> _inputReady = new TaskCompletionSource<bool>();
    private readonly CancellationTokenSource _killed = new CancellationTokenSource();
    private SshClient? _client;
    private SshCommand? _channel;
    private Stream? _input;
    private SshNetFailure? _failure;
    private int _pid;
    private int _killRequested;
    private int _inputClosed;
    private readonly object _errorLock = new object();
    private StreamReader? _errorReader;
    private string _errorFirstLine = "";
    private int _written;
    private volatile bool _peerLost;

    private SshNetCommand(SshNetShell shell, RemoteCommand command, bool keepInputOpen)
    {
        _shell = shell;
        _command = command;
        _keepInputOpen = keepInputOpen;
        StandardOutput = new StreamReader(new DeferredStream(_output.Task), new UTF8Encoding(false));
        StandardError = _error.Task;
        Exited = Task.Run(RunAsync);
    }

    public static SshNetCommand Start(SshNetShell shell, RemoteCommand command, bool keepInputOpen) => new SshNetCommand(shell, command, keepInputOpen);

    public StreamReader StandardOutput { get; }
    public Task<string> StandardError { get; }
    public Task Exited { get; }
    public int ExitCode { get; private set; } = 255;

    /// <summary>Copies the raw stdout bytes (RunAsync reads binary output this way, not through the text reader).</summary>
    public async Task CopyOutputAsync(Stream destination)
    {
        if (_peerLost) return;
        var output = await _output.Task.ConfigureAwait(false);
        await output.CopyToAsync(destination).ConfigureAwait(false);
    }

    public CommandResult Classify(CommandResult result)
    {
        if (_failure == null) return result;
        if (_failure.HostKeyRejected) return new CommandResult(255, result.StandardOutput, _failure.Message, hostKeyRejected: true);
        return new CommandResult(255, result.StandardOutput, _failure.Message, unreachable: true, authenticationFailed: _failure.AuthenticationFailed);
    }

    private async Task RunAsync()
    {
        using var running = _shell.TrackCommand();
        try
        {
            _client = await _shell.ConnectAsync().ConfigureAwait(false);
            // A command given no input reads /dev/null on the node: it sees EOF there, and no EOF of ours can race the
            // channel's close (an EOF sshd gets after it freed the channel makes it drop the whole connection).
            var noInput = !_keepInputOpen && (_command.StandardInput?.Length ?? 0) == 0;
            _channel = _client.CreateCommand(Wrapper + ShellQuoting.Join(_command.Arguments) + (noInput ? " </dev/null" : ""));
            var executing = _channel.ExecuteAsync(CancellationToken.None);
            _output.TrySetResult(_channel.OutputStream);
            // A command reading /dev/null gets no input stream: it may well have ended already, and SSH.NET then
            // refuses one ("The input stream can be used only during execution"). A command that ends that fast
            // while we hold its input (the lock holder answering HELD) has no use for it either.
            if (!noInput)
            {
                try
                {
                    _input = _channel.CreateInputStream();
                }
                catch (InvalidOperationException)
                {
                    // ended before we could write: its exit code says how
                }
            }
            _inputReady.TrySetResult(true);
            var writing = WriteInputAsync();
            if (await Task.WhenAny(executing, _shell.Lost).ConfigureAwait(false) != executing)
            {
                // The channel will never end: its output so far is dropped, and readers of its stream are let go.
                _ = executing.ContinueWith(e => e.Exception, TaskScheduler.Default);
                _peerLost = true;
                try { _channel.OutputStream.Dispose(); }
                catch (Exception e) when (e is ObjectDisposedException || e is InvalidOperationException) { }
                Fail(new SshNetFailure($"ssh to {_shell.Target} failed: {_shell.LostReason}", false));
                return;
            }
            try
            {
                await executing.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_killRequested != 0)
            {
            }
            await Task.WhenAny(writing, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
            ExitCode = _channel.ExitStatus ?? (_channel.ExitSignal != null ? 128 + SignalNumber(_channel.ExitSignal) : 255);
            if (_channel.ExitStatus == null && _channel.ExitSignal == null && _killRequested == 0 && !_client.IsConnected)
                _failure = new SshNetFailure($"ssh to {_shell.Target} failed: " + (_shell.LostReason ?? $"Connection to {_shell.Target.Host} closed by remote host."), false);
            // SSH.NET buffers stderr while the command runs: it is read once the command ended, so no thread waits on it.
            _error.TrySetResult(ReadRestOfError());
        }
        catch (SshNetFailure e)
        {
            Fail(e);
        }
        catch (Exception e) when (!(e is OutOfMemoryException))
        {
            Fail(new SshNetFailure($"ssh to {_shell.Target} failed: {Describe(e)}", false, e));
        }
    }

    private string Describe(Exception e) =>
        _shell.LostReason is { } lost ? lost :
        e is Renci.SshNet.Common.SshConnectionException || e is System.Net.Sockets.SocketException || e is ObjectDisposedException
            ? $"Connection to {_shell.Target.Host} closed by remote host ({e.Message})"
            : e.Message;

    private void Fail(SshNetFailure failure)
    {
        _failure = failure;
        ExitCode = 255;
        _output.TrySetResult(Stream.Null);
        _inputReady.TrySetResult(false);
        _error.TrySetResult(failure.Message);
    }

    /// <summary>The wrapper's first stderr line (the pid) is for us, not for the operator: read it, once.</summary>
    private void ReadPidLine()
    {
        lock (_errorLock)
        {
            if (_errorReader != null) return;
            _errorReader = new StreamReader(_channel!.ExtendedOutputStream, new UTF8Encoding(false));
            var first = _errorReader.ReadLine();
            if (first != null && first.StartsWith(PidMarker, StringComparison.Ordinal)) int.TryParse(first.Substring(PidMarker.Length), out _pid);
            else if (first != null) _errorFirstLine = first + "\n";
        }
    }

    private string ReadRestOfError()
    {
        ReadPidLine();
        lock (_errorLock) return _errorFirstLine + _errorReader!.ReadToEnd();
    }

    private async Task WriteInputAsync()
    {
        try
        {
            var input = _command.StandardInput;
            if (input != null && input.Length > 0 && _input != null)
            {
                // SSH.NET sends what is written in channel-sized packets; chunks keep a stopped peer from pinning it all.
                Interlocked.Exchange(ref _written, 1);
                for (var offset = 0; offset < input.Length && !_killed.IsCancellationRequested; offset += 32 * 1024)
                    await _input!.WriteAsync(input, offset, Math.Min(32 * 1024, input.Length - offset)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException || e is Renci.SshNet.Common.SshException)
        {
            // the command ended (or was killed) without reading all of its input; its exit code tells the story
        }
        finally
        {
            if (!_keepInputOpen) CloseInput();
        }
    }

    public void CloseInput()
    {
        var input = _input;
        if (input == null || Interlocked.Exchange(ref _inputClosed, 1) != 0) return;
        try
        {
            // SSH.NET's input stream sends EOF on Dispose only when something was written (2026.0.1). A command that
            // waits for us to close its input (the node lock's holder) would wait forever: send it ourselves, to that
            // kind only (the others read /dev/null) and only while it runs, since an EOF that reaches sshd after the
            // channel closed is a protocol error to it ("ieof packet referred to nonexistent channel") and it drops
            // the whole connection. Such a command ends only after this EOF, so the race cannot arise there.
            if (_keepInputOpen && Volatile.Read(ref _written) == 0 && !Exited.IsCompleted) SendEof(input);
            input.Dispose();
        }
        catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is InvalidOperationException || e is Renci.SshNet.Common.SshException
                                  || e is System.Reflection.TargetInvocationException) { }
    }

    private static void SendEof(Stream input)
    {
        const System.Reflection.BindingFlags any = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance;
        var channel = input.GetType().GetField("_channel", any)?.GetValue(input);
        channel?.GetType().GetMethod("SendEof", any, null, Type.EmptyTypes, null)?.Invoke(channel, null);
    }

    /// <summary>Ends the remote command and its process group, and with them the channel.</summary>
    public void Kill()
    {
        if (Interlocked.Exchange(ref _killRequested, 1) != 0 || Exited.IsCompleted) return;
        _killed.Cancel();
        var channel = _channel;
        if (channel == null) return;
        try
        {
            // The session's process group: sshd sends the signal to it; and in case it does not, a second channel kills it.
            channel.CancelAsync(forceKill: true, millisecondsTimeout: 500);
        }
        catch (Exception e) when (e is InvalidOperationException || e is ObjectDisposedException || e is Renci.SshNet.Common.SshException) { }
        KillGroup();
        if (!Exited.Wait(TimeSpan.FromSeconds(5))) CloseInput();
    }

    private void KillGroup()
    {
        // The pid is the command's first stderr line, written at once; a channel that never started has none.
        if (_channel != null && !Task.Run(ReadPidLine).Wait(TimeSpan.FromSeconds(2))) return;
        var pid = Volatile.Read(ref _pid);
        var client = _client;
        if (pid <= 1 || client == null || !client.IsConnected) return;
        try
        {
            using var kill = client.CreateCommand($"kill -KILL -- -{pid} 2>/dev/null; kill -KILL {pid} 2>/dev/null; true");
            kill.CommandTimeout = TimeSpan.FromSeconds(5);
            kill.Execute();
        }
        catch (Exception e) when (e is Renci.SshNet.Common.SshException || e is InvalidOperationException || e is ObjectDisposedException
                                  || e is System.Net.Sockets.SocketException)
        {
        }
    }

    private static int SignalNumber(string name) => name switch
    {
        "HUP" => 1,
        "INT" => 2,
        "QUIT" => 3,
        "ABRT" => 6,
        "KILL" => 9,
        "SEGV" => 11,
        "PIPE" => 13,
        "ALRM" => 14,
        "TERM" => 15,
        _ => 0,
    };

    public void Dispose()
    {
        Kill();
        _channel?.Dispose();
        _killed.Dispose();
    }

    /// <summary>A read-only stream that waits for the channel's stdout to exist; an empty stream if the channel never opened.</summary>
    private sealed class DeferredStream : Stream
    {
        private readonly Task<Stream> _inner;

        public DeferredStream(Task<Stream> inner) => _inner = inner;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.GetAwaiter().GetResult().Read(buffer, offset, count);

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            var inner = await _inner.ConfigureAwait(false);
            return await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
