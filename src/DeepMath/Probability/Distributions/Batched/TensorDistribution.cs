using System.Numerics;
using DeepMath.Autodiff;
using DeepMath.Probability.Sampling;
using DeepMath.Tensors;

namespace DeepMath.Probability.Distributions;

/// <summary>
/// A batch of distributions with tensor parameters, as torch.distributions: the parameters broadcast to
/// <see cref="BatchShape"/>; <see cref="LogProb"/> is built from recorded tensor operations, so it
/// differentiates with respect to the parameters and the value (and twice); <see cref="Sample"/> draws
/// without gradients and <see cref="RSample"/> by reparameterisation, with them.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public abstract class TensorDistribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private protected TensorDistribution(Shape batchShape) => BatchShape = batchShape;

    /// <summary>The shape the parameters broadcast to.</summary>
    public Shape BatchShape { get; }

    /// <summary>The shape of one draw (empty for univariate distributions; [d] for a d-dimensional one).</summary>
    public virtual Shape EventShape => new Shape();

    /// <summary>The log-density (or log-mass) of <paramref name="value"/>, broadcast against the batch: shape broadcast(value without the event dimensions, batch). -∞ outside the support.</summary>
    public abstract Tensor<T> LogProb(Tensor<T> value);

    /// <summary>exp(LogProb(value)).</summary>
    public Tensor<T> Prob(Tensor<T> value) => LogProb(value).Exp();

    /// <summary>The means, of the batch shape (plus the event shape).</summary>
    public abstract Tensor<T> Mean { get; }

    /// <summary>The variances, of the batch shape (plus the event shape).</summary>
    public abstract Tensor<T> Variance { get; }

    /// <summary>The entropies, of the batch shape, recorded for autodiff.</summary>
    public abstract Tensor<T> Entropy();

    /// <summary>Whether <see cref="RSample"/> is available (the draw is a differentiable function of the parameters and parameter-free noise).</summary>
    public virtual bool HasRSample => false;

    /// <summary>Draws of shape sampleShape + batch shape + event shape, without gradients.</summary>
    public Tensor<T> Sample(Shape sampleShape, RandomGenerator? generator = null)
    {
        using var _ = Autograd.NoGrad();
        return Draw(Concat(sampleShape), generator ?? RandomGenerator.Default).Detach();
    }

    /// <summary>
    /// Reparameterised draws of shape sampleShape + batch shape + event shape: a recorded function of the
    /// parameters, so a loss of the draws differentiates into the parameters (the pathwise gradient).
    /// </summary>
    /// <exception cref="InvalidOperationException">The distribution has no reparameterisation (<see cref="HasRSample"/> is false): use <see cref="Sample"/>, or a score-function estimator with <see cref="LogProb"/>.</exception>
    public Tensor<T> RSample(Shape sampleShape, RandomGenerator? generator = null)
    {
        if (!HasRSample)
            throw new InvalidOperationException($"{GetType().Name.Split('`')[0]} has no reparameterised sampler: its draws are not differentiable in the parameters. Use Sample, or a score-function estimator with LogProb.");
        return Draw(Concat(sampleShape), generator ?? RandomGenerator.Default);
    }

    /// <summary>Draws of the full shape (recorded when reparameterised).</summary>
    private protected abstract Tensor<T> Draw(int[] shape, RandomGenerator generator);

    private int[] Concat(Shape sampleShape) => [.. sampleShape.AsSpan(), .. BatchShape.AsSpan(), .. EventShape.AsSpan()];

    /// <summary>The broadcast shape of the parameters, with a message in the user's terms.</summary>
    private protected static Shape BroadcastShapes(string distribution, params Tensor<T>[] parameters)
    {
        int[] shape = [];
        foreach (var p in parameters)
        {
            ArgumentNullException.ThrowIfNull(p);
            shape = Broadcasting.Shapes(shape, p.Shape.ToArray(), $"{distribution} parameters");
        }
        return new Shape(shape);
    }

    /// <summary>Checks that every element of a parameter is finite and positive (or merely finite).</summary>
    private protected static Tensor<T> Check(Tensor<T> parameter, string name, string distribution, bool positive)
    {
        ArgumentNullException.ThrowIfNull(parameter, name);
        var values = parameter.Detach().Contiguous().ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            double v = double.CreateTruncating(values[i]);
            if (!double.IsFinite(v) || (positive && !(v > 0)))
                throw new ArgumentOutOfRangeException(name, v, $"{distribution}: {name} must be {(positive ? "finite and > 0" : "finite")} everywhere; element {i} is {v}.");
        }
        return parameter;
    }

    /// <summary>A tensor of standard draws from a scalar distribution, of the given shape (the parameter-free noise of a reparameterisation).</summary>
    private protected static Tensor<T> Noise(UnivariateDistribution standard, int[] shape, RandomGenerator generator)
    {
        long count = 1;
        foreach (int d in shape) count *= d;
        var draws = new double[count];
        standard.SampleInto(draws, generator);
        return Tensor.FromArray(Array.ConvertAll(draws, T.CreateTruncating), shape);
    }

    /// <summary>Draws elementwise with per-element parameters (broadcast to the shape), in fixed chunks with their own streams.</summary>
    private protected static Tensor<T> Elementwise(int[] shape, RandomGenerator generator, Func<double[], SampleStream, double> draw, params Tensor<T>[] parameters)
    {
        var columns = parameters.Select(p => Array.ConvertAll(p.Detach().BroadcastTo(new Shape(shape)).Contiguous().ToArray(), v => double.CreateTruncating(v))).ToArray();
        long count = 1;
        foreach (int d in shape) count *= d;
        var output = new double[count];
        ChunkedSampling.Fill(output, 0, output.Length, generator, (destination, offset, n, stream) =>
        {
            var args = new double[columns.Length];
            for (int i = offset; i < offset + n; i++)
            {
                for (int j = 0; j < columns.Length; j++) args[j] = columns[j][i];
                destination[i] = draw(args, stream);
            }
        });
        return Tensor.FromArray(Array.ConvertAll(output, T.CreateTruncating), shape);
    }

    /// <summary>Refuses an operand that would need a gradient this operation does not give (nothing detaches silently).</summary>
    private protected static void RefuseGradient(Tensor<T> operand, string operation, string name)
    {
        if (operand.RequiresGrad && GradMode.IsEnabled)
            throw new InvalidOperationException($"{operation} does not differentiate with respect to {name}; pass {name}.Detach() or compute it under Autograd.NoGrad().");
    }

    /// <summary>-∞ where <paramref name="inSupport"/> is false, the log-density elsewhere.</summary>
    private protected static Tensor<T> Masked(Tensor<bool> inSupport, Tensor<T> logDensity)
        => Tensor.Where(inSupport, logDensity, Tensor.Scalar(T.NegativeInfinity));

    /// <summary>A scalar of the element type.</summary>
    private protected static Tensor<T> S(double value) => Tensor.Scalar(T.CreateTruncating(value));
}
