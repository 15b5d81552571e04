using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Neural;

/// <summary>
/// A loss as an object (PyTorch's nn loss modules): the mean loss of a batch of model outputs against
/// their targets, recorded for autodiff. The trainer takes one; <see cref="Losses"/> holds the same
/// losses as functions.
/// </summary>
/// <typeparam name="T">Output element type.</typeparam>
/// <typeparam name="TTarget">Target element type (long class labels, or T for regression targets).</typeparam>
public interface ILoss<T, TTarget> where T : unmanaged, IFloatingPointIeee754<T> where TTarget : unmanaged
{
    /// <summary>A short name (stored in checkpoints and shown in progress).</summary>
    string Name { get; }

    /// <summary>The loss of <paramref name="output"/> against <paramref name="target"/>, a 0-d tensor.</summary>
    Tensor<T> Compute(Tensor<T> output, Tensor<TTarget> target);
}

/// <summary>Cross-entropy of logits [N, C] against class labels [N] (see <see cref="Losses.CrossEntropy"/>).</summary>
public sealed class CrossEntropyLoss<T>(Tensor<T>? classWeights = null, double labelSmoothing = 0) : ILoss<T, long>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Name => "cross-entropy";

    /// <inheritdoc/>
    public Tensor<T> Compute(Tensor<T> output, Tensor<long> target) => Losses.CrossEntropy(output, target, classWeights, labelSmoothing);
}

/// <summary>Negative log-likelihood of log-probabilities [N, C] at class labels [N].</summary>
public sealed class NegativeLogLikelihoodLoss<T>(Tensor<T>? classWeights = null) : ILoss<T, long> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Name => "nll";

    /// <inheritdoc/>
    public Tensor<T> Compute(Tensor<T> output, Tensor<long> target) => Losses.NegativeLogLikelihood(output, target, classWeights);
}

/// <summary>Mean squared error over every element (regression, autoencoders).</summary>
public sealed class MeanSquaredErrorLoss<T> : ILoss<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Name => "mse";

    /// <inheritdoc/>
    public Tensor<T> Compute(Tensor<T> output, Tensor<T> target) => Losses.MeanSquaredError(output, target);
}

/// <summary>Mean absolute error over every element.</summary>
public sealed class L1Loss<T> : ILoss<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Name => "l1";

    /// <inheritdoc/>
    public Tensor<T> Compute(Tensor<T> output, Tensor<T> target) => Losses.L1(output, target);
}

/// <summary>Huber loss with the given delta.</summary>
public sealed class HuberLoss<T>(double delta = 1) : ILoss<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Name => "huber";

    /// <inheritdoc/>
    public Tensor<T> Compute(Tensor<T> output, Tensor<T> target) => Losses.Huber(output, target, delta);
}

/// <summary>Binary cross-entropy from logits against targets in [0, 1] (multi-label classification).</summary>
public sealed class BinaryCrossEntropyWithLogitsLoss<T> : ILoss<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Name => "binary-cross-entropy-with-logits";

    /// <inheritdoc/>
    public Tensor<T> Compute(Tensor<T> output, Tensor<T> target) => Losses.BinaryCrossEntropyWithLogits(output, target);
}

/// <summary>Any loss function given as a delegate, with a name.</summary>
public sealed class DelegateLoss<T, TTarget>(string name, Func<Tensor<T>, Tensor<TTarget>, Tensor<T>> loss) : ILoss<T, TTarget>
    where T : unmanaged, IFloatingPointIeee754<T> where TTarget : unmanaged
{
    private readonly Func<Tensor<T>, Tensor<TTarget>, Tensor<T>> _loss = loss ?? throw new ArgumentNullException(nameof(loss));

    /// <inheritdoc/>
    public string Name { get; } = name ?? throw new ArgumentNullException(nameof(name));

    /// <inheritdoc/>
    public Tensor<T> Compute(Tensor<T> output, Tensor<TTarget> target) => _loss(output, target);
}
