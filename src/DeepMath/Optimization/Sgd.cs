using System.Numerics;
using DeepMath.Kernels;
using DeepMath.Tensors;

namespace DeepMath.Optimization;

/// <summary>
/// Stochastic gradient descent, with optional momentum (heavy ball), Nesterov momentum and weight
/// decay, in PyTorch's form: d = g + wd p; b = mu b + (1 - dampening) d (b = d on the first step);
/// d = b, or d + mu b with Nesterov; p = p - lr d. With constant lr this is the textbook heavy ball
/// v = mu v - lr g, p = p + v (v = -lr b).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the optimizer.</summary>
    public Sgd(IEnumerable<Tensor<T>> parameters, double learningRate, double momentum = 0, bool nesterov = false, double weightDecay = 0, double dampening = 0)
        : this([new ParameterGroup<T>(parameters)], learningRate, momentum, nesterov, weightDecay, dampening)
    {
    }

    /// <summary>Creates the optimizer over parameter groups.</summary>
    public Sgd(IEnumerable<ParameterGroup<T>> groups, double learningRate, double momentum = 0, bool nesterov = false, double weightDecay = 0, double dampening = 0)
        : base(groups, learningRate, weightDecay)
    {
        if (!(momentum >= 0 && momentum < 1)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be in [0, 1).");
        if (nesterov && (momentum == 0 || dampening != 0)) throw new ArgumentException("Nesterov momentum needs a positive momentum and zero dampening.");
        Momentum = momentum;
        Nesterov = nesterov;
        Dampening = dampening;
    }

    /// <summary>The momentum coefficient mu.</summary>
    public double Momentum { get; }

    /// <summary>Whether the Nesterov form is used.</summary>
    public bool Nesterov { get; }

    /// <summary>The dampening of the momentum buffer.</summary>
    public double Dampening { get; }

    /// <inheritdoc/>
    public override string Name => Nesterov ? "nesterov" : Momentum > 0 ? "momentum" : "sgd";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> Settings => new Dictionary<string, double>
    {
        ["lr"] = Groups[0].BaseLearningRate, ["momentum"] = Momentum, ["nesterov"] = Nesterov ? 1 : 0,
        ["weight_decay"] = Groups[0].WeightDecay, ["dampening"] = Dampening,
    };

    /// <inheritdoc/>
    protected override void Update(UpdateContext context, Span<T> parameter, ReadOnlySpan<T> gradient)
    {
        bool first = false;
        var buffer = Momentum > 0 ? context.State("momentum_buffer", out first) : Span<T>.Empty;
        OptimizerKernels.Sgd(parameter, gradient, buffer, T.CreateTruncating(context.Group.LearningRate), T.CreateTruncating(context.Group.WeightDecay),
            T.CreateTruncating(Momentum), T.CreateTruncating(Dampening), Nesterov, first);
    }
}
