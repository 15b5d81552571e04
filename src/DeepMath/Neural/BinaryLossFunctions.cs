using System.Numerics;
using DeepMath.Autodiff;
using DeepMath.Tensors;

namespace DeepMath.Neural;

/// <summary>
/// The per-element logistic loss max(x, 0) - x t + log(1 + e^(-|x|)) with its exact gradients
/// (sigmoid(x) - t for the logits, -x for the target), written with tensor ops so they are
/// differentiable again.
/// </summary>
internal sealed class LogisticLossFunction<T> : CustomFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Tensor<T> Apply(Tensor<T> logits, Tensor<T> target)
    {
        Tensor<T> loss;
        using (GradMode.Disable())
        {
            var x = logits.Detach();
            loss = x.Relu() - x * target.Detach() + (-x.Abs()).Exp().Log1P();
        }
        return Record(loss, logits, target);
    }

    public override Tensor<T>?[] Backward(Tensor<T> output, Tensor<T> outputGradient, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<bool> needsGradient)
        => [needsGradient[0] ? (inputs[0].Sigmoid() - inputs[1]) * outputGradient : null,
            needsGradient[1] ? -inputs[0] * outputGradient : null];
}

/// <summary>
/// Binary cross-entropy of probabilities, -(t log p + (1 - t) log(1 - p)) with the logs clamped at
/// -100, and PyTorch's gradients: (p - t) / max(p (1 - p), 1e-12) for p, which stays finite where the
/// clamp holds (a plain chain rule would give 0 x infinity there), and log(1 - p) - log(p) for t.
/// </summary>
internal sealed class ProbabilityLossFunction<T> : CustomFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T LogFloor = T.CreateTruncating(-100);
    private static readonly T Epsilon = T.CreateTruncating(1e-12);

    public Tensor<T> Apply(Tensor<T> probability, Tensor<T> target)
    {
        Tensor<T> loss;
        using (GradMode.Disable())
        {
            var (logP, logQ) = Logs(probability.Detach());
            var t = target.Detach();
            loss = -(t * logP + (T.One - t) * logQ);
        }
        return Record(loss, probability, target);
    }

    public override Tensor<T>?[] Backward(Tensor<T> output, Tensor<T> outputGradient, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<bool> needsGradient)
    {
        var p = inputs[0];
        Tensor<T>? gradP = null, gradT = null;
        if (needsGradient[0]) gradP = (p - inputs[1]) / Tensor.Maximum(p * (T.One - p), Tensor.Scalar(Epsilon)) * outputGradient;
        if (needsGradient[1])
        {
            var (logP, logQ) = Logs(p);
            gradT = (logQ - logP) * outputGradient;
        }
        return [gradP, gradT];
    }

    private static (Tensor<T> LogP, Tensor<T> LogQ) Logs(Tensor<T> p)
        => (p.Log().Clamp(LogFloor, T.PositiveInfinity), (T.One - p).Log().Clamp(LogFloor, T.PositiveInfinity));
}
