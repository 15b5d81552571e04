using System.Numerics;
using DeepMath.Autodiff;
using DeepMath.Data.Datasets;
using DeepMath.Tensors;

namespace DeepMath.Neural.Training;

/// <summary>
/// A model's mean loss and metrics on a data set, in evaluation mode with nothing recorded (the
/// model's mode is restored afterwards). The metrics keep the last data's accumulations until the
/// next evaluation, so their details (a confusion matrix, predictions) can be read.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <typeparam name="TTarget">The targets' element type.</typeparam>
public class Evaluator<T, TTarget> where T : unmanaged, IFloatingPointIeee754<T> where TTarget : unmanaged
{
    /// <summary>Creates an evaluator.</summary>
    /// <param name="model">The network.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="metrics">The metrics.</param>
    /// <param name="batchSize">Samples per forward pass (results do not depend on it).</param>
    public Evaluator(Module<T> model, ILoss<T, TTarget> loss, IEnumerable<IMetric<T, TTarget>>? metrics = null, int batchSize = 1000)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Loss = loss ?? throw new ArgumentNullException(nameof(loss));
        Metrics = [.. metrics ?? []];
        BatchSize = batchSize >= 1 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be positive.");
    }

    /// <summary>The network.</summary>
    public Module<T> Model { get; }

    /// <summary>The loss.</summary>
    public ILoss<T, TTarget> Loss { get; }

    /// <summary>The metrics.</summary>
    public IReadOnlyList<IMetric<T, TTarget>> Metrics { get; }

    /// <summary>Samples per forward pass.</summary>
    public int BatchSize { get; }

    /// <summary>Mean loss per sample and every metric's values on <paramref name="data"/>.</summary>
    public Evaluation Evaluate(TensorDataset<T, TTarget> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        bool wasTraining = Model.IsTraining;
        Model.Eval();
        try
        {
            using var _ = Autograd.NoGrad();
            foreach (var metric in Metrics) metric.Reset();
            double total = 0;
            foreach (var (x, y) in new DataLoader<T, TTarget>(data, BatchSize, shuffle: false).Epoch())
            {
                var output = Model.Forward(x);
                total += double.CreateTruncating(Loss.Compute(output, y).ToScalar()) * x.Shape[0];
                foreach (var metric in Metrics) metric.Update(output, y);
            }
            return new Evaluation(total / Math.Max(1, data.Count), Values(Metrics));
        }
        finally
        {
            Model.Train(wasTraining);
        }
    }

    /// <summary>Every metric's values in one dictionary.</summary>
    internal static Dictionary<string, double> Values(IEnumerable<IMetric<T, TTarget>> metrics)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var metric in metrics)
            foreach (var (name, value) in metric.Values()) values[name] = value;
        return values;
    }
}

/// <summary>Evaluates a classifier: loss, predictions and the full classification metrics.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ClassificationEvaluator<T> : Evaluator<T, long> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ClassificationMetric<T> _metric;

    /// <summary>Creates the evaluator.</summary>
    public ClassificationEvaluator(Module<T> model, ILoss<T, long> loss, int batchSize = 1000) : this(model, loss, new ClassificationMetric<T>(), batchSize)
    {
    }

    private ClassificationEvaluator(Module<T> model, ILoss<T, long> loss, ClassificationMetric<T> metric, int batchSize)
        : base(model, loss, [metric], batchSize) => _metric = metric;

    /// <summary>The classification metric (its predictions and details describe the last evaluation).</summary>
    public ClassificationMetric<T> Metric => _metric;

    /// <summary>Mean loss, predictions and metrics on labelled data.</summary>
    public ClassificationEvaluation Evaluate(TensorDataset<T> data)
    {
        var evaluation = base.Evaluate(data);
        var predictions = _metric.Predictions.ToArray();
        return new ClassificationEvaluation(evaluation.Loss, predictions,
            ClassificationMetrics.Compute(predictions, data.Labels.Contiguous().AsSpan(), data.ClassCount), evaluation.Metrics);
    }
}
