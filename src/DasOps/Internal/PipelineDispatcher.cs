using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace DasOps.Internal;

/// <summary>
/// PowerShell lets a cmdlet write (WriteProgress, WriteVerbose, ShouldProcess...) only from the pipeline thread,
/// while the engine works on many nodes in parallel. Calls from other threads are queued here and run by
/// <see cref="Run{T}"/>, which the cmdlet calls on its own thread and which returns when the operation is done.
/// </summary>
internal sealed class PipelineDispatcher
{
    private readonly int _pipelineThread = Environment.CurrentManagedThreadId;
    private readonly BlockingCollection<Action> _queue = new BlockingCollection<Action>();

    public bool OnPipelineThread => Environment.CurrentManagedThreadId == _pipelineThread;

    /// <summary>Runs <paramref name="action"/> now on the pipeline thread, or queues it from any other thread.</summary>
    public void Post(Action action)
    {
        if (OnPipelineThread) action();
        else _queue.Add(action);
    }

    /// <summary>Runs <paramref name="function"/> on the pipeline thread and waits for its result (ShouldProcess from a worker).</summary>
    public T Invoke<T>(Func<T> function)
    {
        if (OnPipelineThread) return function();
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            try
            {
                result.SetResult(function());
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        });
        return result.Task.GetAwaiter().GetResult();
    }

    /// <summary>Pumps queued calls on the pipeline thread until <paramref name="operation"/> ends, then returns its result.</summary>
    public T Run<T>(Func<Task<T>> operation)
    {
        if (!OnPipelineThread) throw new InvalidOperationException("PipelineDispatcher.Run must be called on the pipeline thread.");
        var task = Task.Run(operation);
        task.ContinueWith(_ => _queue.Add(() => { }), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (!task.IsCompleted)
        {
            _queue.Take()();
        }
        while (_queue.TryTake(out var pending))
        {
            pending();
        }
        return task.GetAwaiter().GetResult();
    }
}
