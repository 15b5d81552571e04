using System.Numerics;
using DeepMath.Kernels;
using DeepMath.Tensors;

namespace DeepMath.Optimization;

/// <summary>
/// Adam (Kingma and Ba, 2015) with bias correction, optional AMSGrad, and either L2 weight decay
/// added to the gradient (Adam) or decoupled weight decay p = p (1 - lr wd) (AdamW, Loshchilov and
/// Hutter, 2019). Step t: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
/// p = p - lr / (1 - b1^t) m / (sqrt(v) / sqrt(1 - b2^t) + eps) (PyTorch's arrangement).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Adam with L2 weight decay added to the gradient.</summary>
    public Adam(IEnumerable<Tensor<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        double weightDecay = 0, bool amsgrad = false)
        : this([new ParameterGroup<T>(parameters)], learningRate, beta1, beta2, epsilon, weightDecay, amsgrad, decoupled: false)
    {
    }

    /// <summary>Adam over parameter groups; <paramref name="decoupled"/> selects AdamW's weight decay.</summary>
    public Adam(IEnumerable<ParameterGroup<T>> groups, double learningRate, double beta1, double beta2, double epsilon, double weightDecay, bool amsgrad, bool decoupled)
        : base(groups, learningRate, weightDecay)
    {
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1).");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1).");
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be positive.");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        AmsGrad = amsgrad;
        Decoupled = decoupled;
    }

    /// <summary>Decay of the first moment.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>Use the maximum of past second moments (AMSGrad).</summary>
    public bool AmsGrad { get; }

    /// <summary>Decoupled weight decay (AdamW) instead of L2 in the gradient.</summary>
    public bool Decoupled { get; }

    /// <inheritdoc/>
    public override string Name => Decoupled ? "adamw" : "adam";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>
    {
        ["lr"] = Groups[0].BaseLearningRate, ["beta1"] = Beta1, ["beta2"] = Beta2, ["eps"] = Epsilon,
        ["weight_decay"] = Groups[0].WeightDecay, ["amsgrad"] = AmsGrad ? 1 : 0,
    };

    /// <inheritdoc/>
    protected override void Update(UpdateContext context, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        var wd = T.CreateTruncating(context.Group.WeightDecay);
        OptimizerKernels.Adam(parameter, gradient, context.State("exp_avg"), context.State("exp_avg_sq"),
            AmsGrad ? context.State("max_exp_avg_sq") : Span<T>.Empty,
            T.CreateTruncating(context.Group.LearningRate), T.CreateTruncating(Beta1), T.CreateTruncating(Beta2), T.CreateTruncating(Epsilon),
            Decoupled ? T.Zero : wd, Decoupled ? wd : T.Zero, context.Step);
    }
}

/// <summary>AdamW: Adam with decoupled weight decay (default 0.01), as in PyTorch.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class AdamW<T> : Adam<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer.</summary>
    public AdamW(IEnumerable<Tensor<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        double weightDecay = 1e-2, bool amsgrad = false)
        : base([new ParameterGroup<T>(parameters)], learningRate, beta1, beta2, epsilon, weightDecay, amsgrad, decoupled: true)
    {
    }

    /// <summary>Creates the optimizer over parameter groups.</summary>
    public AdamW(IEnumerable<ParameterGroup<T>> groups, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8,
        double weightDecay = 1e-2, bool amsgrad = false)
        : base(groups, learningRate, beta1, beta2, epsilon, weightDecay, amsgrad, decoupled: true)
    {
    }
}
