using Xunit;

namespace DeepMath.Tests.Support;

/// <summary>
/// Tests that change process-wide state (Console.Out, Compute.CurrentThreads) run in this collection,
/// alone, so that no other test runs while the setting is changed.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}
