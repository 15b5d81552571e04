using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Optimization;

/// <summary>Parameters optimized with their own settings (learning rate, weight decay), as in PyTorch's param_groups.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ParameterGroup<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A group of parameters; null settings take the optimizer's defaults.</summary>
    public ParameterGroup(IEnumerable<Tensor<T>> parameters, double? learningRate = null, double? weightDecay = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = [.. parameters];
        foreach (var p in Parameters)
        {
            ArgumentNullException.ThrowIfNull(p);
            if (!p.IsLeaf) throw new ArgumentException($"Only leaf tensors can be optimized; a tensor of shape {p.Shape} is the result of an operation.");
        }
        RequestedLearningRate = learningRate;
        RequestedWeightDecay = weightDecay;
    }

    /// <summary>The parameters.</summary>
    public IReadOnlyList<Tensor<T>> Parameters { get; }

    /// <summary>The learning rate schedules scale (set by the optimizer from the group's or its default).</summary>
    public double BaseLearningRate { get; internal set; }

    /// <summary>The learning rate used by the next step.</summary>
    public double LearningRate { get; set; }

    /// <summary>Weight decay for this group.</summary>
    public double WeightDecay { get; set; }

    internal double? RequestedLearningRate { get; }

    internal double? RequestedWeightDecay { get; }
}
