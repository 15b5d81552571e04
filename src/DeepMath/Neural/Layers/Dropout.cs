using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Neural.Layers;

/// <summary>
/// Inverted dropout: in training mode each element is zeroed with probability p and the rest scaled
/// by 1/(1 - p), so evaluation mode is the identity. The mask comes from a seeded generator whose
/// position is saved in checkpoints.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Dropout<T> : Module<T>, IStochasticModule where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer.</summary>
    public Dropout(double probability, RandomGenerator generator)
    {
        if (!(probability >= 0 && probability < 1)) throw new ArgumentOutOfRangeException(nameof(probability), probability, "Dropout probability must be in [0, 1).");
        Probability = probability;
        Generator = generator ?? throw new ArgumentNullException(nameof(generator));
    }

    /// <summary>The probability of zeroing an element.</summary>
    public double Probability { get; }

    /// <summary>The mask generator.</summary>
    public RandomGenerator Generator { get; }

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        if (!IsTraining || Probability == 0) return input;
        // One pass draws the kept elements already scaled by 1/(1 - p).
        var scale = Tensor.Bernoulli<T>(input.Shape, 1 - Probability, Generator, T.CreateTruncating(1 / (1 - Probability)));
        return input * scale;
    }

    /// <inheritdoc/>
    public override string Describe() => $"Dropout({Probability})";
}
