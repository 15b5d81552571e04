using DeepMath.Kernels;

namespace DeepMath.Tests.Support;

/// <summary>
/// Switches the ambient thread count several times within one test (each switch is a
/// <see cref="Compute.Threads"/> scope); disposing it restores the count in force before. Scoped
/// settings are per async flow, so tests that use it need no serial collection.
/// </summary>
public sealed class ThreadSwitch : IDisposable
{
    private Compute.Scope _scope = Compute.Threads(Compute.CurrentThreads);

    /// <summary>The thread count for what follows.</summary>
    public int Threads
    {
        get => Compute.CurrentThreads;
        set
        {
            _scope.Dispose();
            _scope = Compute.Threads(value);
        }
    }

    public void Dispose() => _scope.Dispose();
}
