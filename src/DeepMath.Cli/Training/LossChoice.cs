using DeepMath.Neural;
using DeepMath.Tensors;

namespace DeepMath.Cli.Training;

/// <summary>The losses the command line offers, by name (the name is stored in checkpoints).</summary>
internal static class LossChoice
{
    /// <summary>Accepted --loss values for classification.</summary>
    public static readonly string[] Names = ["cross-entropy", "mse", "half-sse"];

    /// <summary>Accepted --loss values for regression.</summary>
    public static readonly string[] RegressionNames = ["mse", "l1", "huber"];

    /// <summary>The regression loss of a batch of outputs against real-valued targets.</summary>
    public static ILoss<float, float> CreateRegression(string name) => name switch
    {
        "mse" => new MeanSquaredErrorLoss<float>(),
        "l1" => new L1Loss<float>(),
        "huber" => new HuberLoss<float>(),
        _ => throw new ArgumentException($"Unknown regression loss '{name}'; expected one of {string.Join(", ", RegressionNames)}."),
    };

    /// <summary>
    /// The loss of a batch of outputs against class labels. cross-entropy: from logits, with optional
    /// label smoothing. mse: mean over every element of (output - one-hot)^2, as PyTorch's MSELoss.
    /// half-sse: half the squared error summed over the outputs and averaged over the batch, the form
    /// of Kneusel's Math for Deep Learning (its gradient per sample is output - one-hot, 5x that of mse
    /// for ten classes, which matters for his learning rate of 0.2).
    /// </summary>
    public static Func<Tensor<float>, Tensor<long>, Tensor<float>> Create(string name, int classes, double labelSmoothing = 0) => name switch
    {
        "mse" => (output, labels) => Losses.MeanSquaredError(output, Losses.OneHot<float>(labels, classes)),
        "half-sse" => (output, labels) => Losses.MeanSquaredError(output, Losses.OneHot<float>(labels, classes), LossReduction.Sum)
            * (0.5f / output.Shape[0]),
        "cross-entropy" => (output, labels) => Losses.CrossEntropy(output, labels, labelSmoothing: labelSmoothing),
        _ => throw new ArgumentException($"Unknown loss '{name}'; expected one of {string.Join(", ", Names)}."),
    };
}
