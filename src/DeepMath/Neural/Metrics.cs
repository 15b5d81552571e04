using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Neural;

/// <summary>
/// A quality measure accumulated over batches (the trainer resets it, feeds it every batch of an
/// evaluation, then reads the values). Values are named (e.g. "accuracy", "r2") and shown, saved
/// in metrics.json and drawn by name.
/// </summary>
/// <typeparam name="T">Output element type.</typeparam>
/// <typeparam name="TTarget">Target element type.</typeparam>
public interface IMetric<T, TTarget> where T : unmanaged, IFloatingPointIeee754<T> where TTarget : unmanaged
{
    /// <summary>Forgets everything accumulated.</summary>
    void Reset();

    /// <summary>Adds a batch of outputs (detached) and their targets.</summary>
    void Update(Tensor<T> output, Tensor<TTarget> target);

    /// <summary>The values over every batch since the last reset (NaN where undefined, e.g. with no samples).</summary>
    IReadOnlyDictionary<string, double> Values();
}

/// <summary>
/// Classification from logits [N, C] (the predicted class is the argmax, first of ties): accuracy,
/// macro F1 and the Matthews correlation; <see cref="Details"/> holds the confusion matrix and per-class values.
/// The class count is the outputs' width unless given.
/// </summary>
public sealed class ClassificationMetric<T>(int? classes = null) : IMetric<T, long> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<long> _predicted = [];
    private readonly List<long> _actual = [];
    private int _classes = classes ?? 0;

    /// <summary>The predicted classes seen since the last reset, in order.</summary>
    public IReadOnlyList<long> Predictions => _predicted;

    /// <summary>The full metrics (confusion matrix, per-class precision, recall and F1) since the last reset.</summary>
    public ClassificationMetrics Details => ClassificationMetrics.Compute([.. _predicted], [.. _actual], _classes);

    /// <inheritdoc/>
    public void Reset()
    {
        _predicted.Clear();
        _actual.Clear();
    }

    /// <inheritdoc/>
    public void Update(Tensor<T> output, Tensor<long> target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        if (output.Rank != 2 || target.Rank != 1 || output.Shape[0] != target.Length)
            throw new ArgumentException($"classification metrics: outputs of shape {output.Shape} do not match labels of shape {target.Shape} (expected [N, classes] and [N]).");
        if (classes is null) _classes = Math.Max(_classes, output.Shape[1]);
        foreach (var p in output.Detach().ArgMax(1).AsSpan()) _predicted.Add(p);
        foreach (var y in target.Contiguous().AsSpan()) _actual.Add(y);
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Values()
    {
        if (_actual.Count == 0) return new Dictionary<string, double> { ["accuracy"] = double.NaN, ["macro_f1"] = double.NaN, ["matthews_correlation"] = double.NaN };
        var m = Details;
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["accuracy"] = m.Accuracy, ["macro_f1"] = m.MacroF1, ["matthews_correlation"] = m.MatthewsCorrelation,
        };
    }
}

/// <summary>
/// Regression quality over every output element: mean squared error, its root, mean absolute error
/// and the coefficient of determination R² = 1 - SSE / SST (SST about the targets' mean, pooled over
/// outputs as scikit-learn's r2_score does for one output). Sums are kept in double and the targets'
/// spread by Welford's update, so targets far from zero keep their digits. <paramref name="targetScale"/> reports MSE, RMSE and MAE in the
/// original units when the targets were standardized (R² does not depend on it).
/// </summary>
public sealed class RegressionMetric<T>(double targetScale = 1) : IMetric<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private long _count;
    private double _sumSquaredError, _sumAbsoluteError, _targetMean, _targetSpread;

    /// <inheritdoc/>
    public void Reset()
    {
        _count = 0;
        _sumSquaredError = _sumAbsoluteError = _targetMean = _targetSpread = 0;
    }

    /// <inheritdoc/>
    public void Update(Tensor<T> output, Tensor<T> target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        if (!output.Shape.Equals(target.Shape))
            throw new ArgumentException($"regression metrics: outputs of shape {output.Shape} and targets of shape {target.Shape} differ.");
        var o = output.Detach().Contiguous().AsSpan();
        var t = target.Detach().Contiguous().AsSpan();
        for (int i = 0; i < o.Length; i++)
        {
            double y = double.CreateTruncating(t[i]), e = double.CreateTruncating(o[i]) - y;
            _sumSquaredError += e * e;
            _sumAbsoluteError += Math.Abs(e);
            _count++;
            double delta = y - _targetMean;
            _targetMean += delta / _count;
            _targetSpread += delta * (y - _targetMean);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, double> Values()
    {
        double n = _count;
        double mse = _count == 0 ? double.NaN : _sumSquaredError / n;
        double total = _targetSpread;
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["mse"] = mse * targetScale * targetScale,
            ["rmse"] = Math.Sqrt(mse) * targetScale,
            ["mae"] = _count == 0 ? double.NaN : _sumAbsoluteError / n * targetScale,
            ["r2"] = _count == 0 || !(total > 0) ? double.NaN : 1 - _sumSquaredError / total,
        };
    }
}
