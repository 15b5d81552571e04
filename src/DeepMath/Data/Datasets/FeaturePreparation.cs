using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Data.Datasets;

/// <summary>
/// How raw features become model inputs, so that new data (for prediction) gets exactly the
/// treatment the training data got: optional 2x2 block means of 28x28 images, then a division
/// (pixels / 255, giving the same correctly rounded values as the training data), then optional standardization with training statistics.
/// </summary>
/// <param name="Divisor">Divides every raw value (1 for none).</param>
/// <param name="BlockMean">Average 2x2 blocks of 28x28 images (784 values become 196).</param>
/// <param name="Standardizer">Z-score scaling fitted on the training part, or null.</param>
/// <param name="Description">What is done, in words.</param>
public sealed record FeaturePreparation<T>(double Divisor, bool BlockMean, Standardizer<T>? Standardizer, string Description)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Applies the preparation to raw features [N, features].</summary>
    /// <exception cref="ArgumentException">The feature count does not fit.</exception>
    public Tensor<T> Apply(Tensor<T> raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        using var _ = GradMode.Disable();
        var x = raw.Detach();
        if (x.Rank != 2) throw new ArgumentException($"Features must be [samples, features], got shape {x.Shape}.");
        if (BlockMean)
        {
            if (x.Shape[1] != 784) throw new ArgumentException($"2x2 block means need 784 pixels per row (28x28), got {x.Shape[1]}.");
            x = x.Reshape(-1, 14, 2, 14, 2).Mean([2, 4]).Reshape(-1, 196);
        }
        if (Divisor != 1) x = x / T.CreateTruncating(Divisor);
        return Standardizer is null ? x : Standardizer.Transform(x);
    }
}
