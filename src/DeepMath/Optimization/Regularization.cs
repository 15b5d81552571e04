using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Optimization;

/// <summary>
/// Penalty terms to add to a loss (recorded, so their gradients flow): L2 = (lambda / 2) sum p^2
/// (whose gradient lambda p is what optimizers' coupled weight decay adds), L1 = lambda sum |p|
/// (subgradient 0 at 0), and the elastic net combining both.
/// </summary>
public static class Regularization
{
    /// <summary>(lambda / 2) times the sum of squares of all parameters.</summary>
    public static Tensor<T> L2<T>(IEnumerable<Tensor<T>> parameters, double lambda) where T : unmanaged, IFloatingPointIeee754<T>
        => Penalty(parameters, p => p.Square().Sum() * T.CreateTruncating(lambda / 2));

    /// <summary>lambda times the sum of absolute values of all parameters.</summary>
    public static Tensor<T> L1<T>(IEnumerable<Tensor<T>> parameters, double lambda) where T : unmanaged, IFloatingPointIeee754<T>
        => Penalty(parameters, p => p.Abs().Sum() * T.CreateTruncating(lambda));

    /// <summary>The elastic net: L1 with <paramref name="l1"/> plus L2 with <paramref name="l2"/>.</summary>
    public static Tensor<T> ElasticNet<T>(IEnumerable<Tensor<T>> parameters, double l1, double l2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var list = parameters.ToList();
        return L1(list, l1) + L2(list, l2);
    }

    private static Tensor<T> Penalty<T>(IEnumerable<Tensor<T>> parameters, Func<Tensor<T>, Tensor<T>> term) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Tensor<T>? total = null;
        foreach (var p in parameters) total = total is null ? term(p) : total + term(p);
        return total ?? Tensor.Scalar(T.Zero);
    }
}

/// <summary>Limits gradients before an optimizer step.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients by maxNorm / total norm when their joint 2-norm exceeds
    /// <paramref name="maxNorm"/> (PyTorch's clip_grad_norm_). Returns the norm before clipping
    /// (accumulated in double; infinite or NaN when a gradient is not finite, in which case nothing is changed).
    /// </summary>
    public static double ClipByGlobalNorm<T>(IEnumerable<Tensor<T>> parameters, double maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The maximum norm must be positive.");
        var withGradients = parameters.Where(p => p.Grad is not null).ToList();
        double sumOfSquares = 0;
        foreach (var p in withGradients)
            foreach (var g in p.Grad!.Contiguous().AsSpan()) sumOfSquares += double.CreateTruncating(g) * double.CreateTruncating(g);
        double norm = Math.Sqrt(sumOfSquares);
        if (!double.IsFinite(norm) || norm <= maxNorm) return norm;
        var scale = T.CreateTruncating(maxNorm / (norm + 1e-6));
        using var _ = GradMode.Disable();
        foreach (var p in withGradients) p.Grad = p.Grad!.Detach() * scale;
        return norm;
    }

    /// <summary>Clamps every gradient element to [-limit, limit].</summary>
    public static void ClipByValue<T>(IEnumerable<Tensor<T>> parameters, double limit) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(limit > 0)) throw new ArgumentOutOfRangeException(nameof(limit), limit, "The clipping limit must be positive.");
        var l = T.CreateTruncating(limit);
        using var _ = GradMode.Disable();
        foreach (var p in parameters)
            if (p.Grad is { } g) p.Grad = g.Detach().Clamp(-l, l);
    }
}

/// <summary>Whether a monitored metric should fall or rise.</summary>
public enum MetricGoal
{
    /// <summary>Lower is better (losses).</summary>
    Minimize,
    /// <summary>Higher is better (accuracy).</summary>
    Maximize,
}

/// <summary>Stops training when a metric has not improved by more than <see cref="MinDelta"/> for <see cref="Patience"/> epochs.</summary>
public sealed class EarlyStopping
{
    /// <summary>Creates the rule.</summary>
    public EarlyStopping(int patience, double minDelta = 0, MetricGoal goal = MetricGoal.Minimize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(minDelta);
        Patience = patience;
        MinDelta = minDelta;
        Goal = goal;
    }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Whether lower or higher is better.</summary>
    public MetricGoal Goal { get; }

    /// <summary>The best value seen (NaN before the first report).</summary>
    public double Best { get; private set; } = double.NaN;

    /// <summary>The 1-based epoch of the best value.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>Epochs since the last improvement.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>Records the metric of an epoch; true when training should stop.</summary>
    public bool Report(int epoch, double value)
    {
        bool improved = double.IsNaN(Best) || (Goal == MetricGoal.Minimize ? value < Best - MinDelta : value > Best + MinDelta);
        if (improved && !double.IsNaN(value))
        {
            Best = value;
            BestEpoch = epoch;
            EpochsWithoutImprovement = 0;
        }
        else EpochsWithoutImprovement++;
        return EpochsWithoutImprovement >= Patience;
    }

    /// <summary>Restores the state saved from <see cref="Best"/>, <see cref="BestEpoch"/> and <see cref="EpochsWithoutImprovement"/>.</summary>
    public void Restore(double best, int bestEpoch, int epochsWithoutImprovement)
    {
        Best = best;
        BestEpoch = bestEpoch;
        EpochsWithoutImprovement = epochsWithoutImprovement;
    }
}
