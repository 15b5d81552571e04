using System.Numerics;
using DeepMath.Autodiff;
using DeepMath.Tensors;

namespace DeepMath.Neural;

/// <summary>
/// Loss functions (PyTorch's definitions), all numerically stable: cross-entropy and binary
/// cross-entropy take logits through log-sum-exp and softplus forms, so logits of ±1000 give exact
/// losses and gradients.
/// </summary>
public static class Losses
{
    /// <summary>
    /// Cross-entropy of logits [N, C] against integer labels [N] in [0, C), with optional per-class
    /// weights and label smoothing (see PyTorch's CrossEntropyLoss).
    /// </summary>
    /// <exception cref="ArgumentException">Shapes disagree or a label is out of range (named in the message).</exception>
    public static Tensor<T> CrossEntropy<T>(Tensor<T> logits, Tensor<long> labels, Tensor<T>? classWeights = null,
        double labelSmoothing = 0, LossReduction reduction = LossReduction.Mean) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckClassification(logits, labels, "cross-entropy");
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "Label smoothing must be in [0, 1].");
        T[]? weights = null;
        if (classWeights is not null)
        {
            if (classWeights.Rank != 1 || classWeights.Length != logits.Shape[1])
                throw new ArgumentException($"cross-entropy: class weights of shape {classWeights.Shape} do not match {logits.Shape[1]} classes.");
            weights = classWeights.Detach().ToArray();
        }
        return new CrossEntropyFunction<T>(labels, weights, labelSmoothing, reduction).Apply(logits);
    }

    /// <summary>Negative log-likelihood of log-probabilities [N, C] (e.g. from LogSoftmax) at integer labels, optionally weighted per class.</summary>
    public static Tensor<T> NegativeLogLikelihood<T>(Tensor<T> logProbabilities, Tensor<long> labels, Tensor<T>? classWeights = null,
        LossReduction reduction = LossReduction.Mean) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckClassification(logProbabilities, labels, "nll");
        int n = logProbabilities.Shape[0];
        var picked = -logProbabilities.Gather(1, labels.Reshape(n, 1)).Reshape(n);
        if (classWeights is null) return Reduce(picked, reduction);
        var w = classWeights.Detach().IndexSelect(0, labels);
        return reduction == LossReduction.Mean ? (picked * w).Sum() / w.Sum() : Reduce(picked * w, reduction);
    }

    /// <summary>Mean squared error (prediction - target)^2.</summary>
    public static Tensor<T> MeanSquaredError<T>(Tensor<T> prediction, Tensor<T> target, LossReduction reduction = LossReduction.Mean)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Reduce((prediction - Same(prediction, target, "mse")).Square(), reduction);

    /// <summary>Mean absolute error |prediction - target| (subgradient 0 at 0).</summary>
    public static Tensor<T> L1<T>(Tensor<T> prediction, Tensor<T> target, LossReduction reduction = LossReduction.Mean)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Reduce((prediction - Same(prediction, target, "l1")).Abs(), reduction);

    /// <summary>Huber loss: r^2 / 2 for |r| &lt; delta, delta (|r| - delta / 2) beyond (quadratic near 0, linear in the tails).</summary>
    public static Tensor<T> Huber<T>(Tensor<T> prediction, Tensor<T> target, double delta = 1, LossReduction reduction = LossReduction.Mean)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(delta > 0)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber delta must be positive.");
        var r = prediction - Same(prediction, target, "huber");
        var d = T.CreateTruncating(delta);
        var abs = r.Abs();
        var quadratic = r.Square() * T.CreateTruncating(0.5);
        var linear = (abs - d * T.CreateTruncating(0.5)) * d;
        return Reduce(Tensor.Where(abs.Detach() < d, quadratic, linear), reduction);
    }

    /// <summary>
    /// Binary cross-entropy of probabilities in [0, 1]: -(t log p + (1 - t) log(1 - p)), with each log
    /// clamped at -100 as PyTorch does (so p = 0 or 1 gives a finite loss), and PyTorch's gradient
    /// (p - t) / max(p (1 - p), 1e-12), finite at p = 0 and 1. The target is differentiable too.
    /// </summary>
    public static Tensor<T> BinaryCrossEntropy<T>(Tensor<T> probability, Tensor<T> target, LossReduction reduction = LossReduction.Mean)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = Same(probability, target, "binary cross-entropy");
        return Reduce(new ProbabilityLossFunction<T>().Apply(probability, t), reduction);
    }

    /// <summary>
    /// Binary cross-entropy from logits, max(x, 0) - x t + log(1 + e^(-|x|)), with the exact gradient
    /// sigmoid(x) - t (stable for any x; the sigmoid is never formed in the forward pass); the target's gradient is -x.
    /// </summary>
    public static Tensor<T> BinaryCrossEntropyWithLogits<T>(Tensor<T> logits, Tensor<T> target, LossReduction reduction = LossReduction.Mean)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Reduce(new LogisticLossFunction<T>().Apply(logits, Same(logits, target, "binary cross-entropy with logits")), reduction);

    /// <summary>One-hot rows [N, classes] for integer labels (for squared-error training on classes).</summary>
    public static Tensor<T> OneHot<T>(Tensor<long> labels, int classes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(labels);
        int n = labels.Length;
        var flat = labels.Reshape(n, 1);
        CheckLabels(flat.Reshape(n), classes, "one-hot");
        return Tensor.Zeros<T>(n, classes).ScatterAdd(1, flat, Tensor.Ones<T>(n, 1));
    }

    private static Tensor<T> Reduce<T>(Tensor<T> values, LossReduction reduction) where T : unmanaged, IFloatingPointIeee754<T> => reduction switch
    {
        LossReduction.None => values,
        LossReduction.Sum => values.Sum(),
        _ => values.Mean(),
    };

    private static Tensor<T> Same<T>(Tensor<T> prediction, Tensor<T> target, string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (!prediction.Shape.Equals(target.Shape))
            throw new ArgumentException($"{name}: prediction of shape {prediction.Shape} and target of shape {target.Shape} differ.");
        return target;
    }

    private static void CheckClassification<T>(Tensor<T> scores, Tensor<long> labels, string name) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Rank != 2 || labels.Rank != 1 || labels.Length != scores.Shape[0])
            throw new ArgumentException($"{name}: expected scores [N, C] and labels [N], got {scores.Shape} and {labels.Shape}.");
        CheckLabels(labels, scores.Shape[1], name);
    }

    private static void CheckLabels(Tensor<long> labels, int classes, string name)
    {
        foreach (var y in labels.Contiguous().AsSpan())
            if (y < 0 || y >= classes) throw new ArgumentException($"{name}: label {y} is outside [0, {classes}).");
    }
}
