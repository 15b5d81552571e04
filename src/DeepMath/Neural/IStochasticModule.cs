using DeepMath.Tensors;

namespace DeepMath.Neural;

/// <summary>
/// A module that draws random numbers in its forward pass (dropout, noise layers). Its generator's
/// position is saved in checkpoints and restored on resume, which keeps a resumed run bit-identical.
/// </summary>
public interface IStochasticModule
{
    /// <summary>The module's counter-based generator.</summary>
    RandomGenerator Generator { get; }
}
