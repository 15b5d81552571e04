
namespace DeepMath.Neural.Training;

/// <summary>The outcome of <see cref="Trainer{T, TTarget}.Fit"/>.</summary>
/// <param name="History">One record per completed epoch (including epochs before a resume).</param>
/// <param name="StopReason">Why training ended.</param>
public sealed record TrainingResult(IReadOnlyList<EpochRecord> History, string StopReason);

/// <summary>A model's quality on a data set: the mean loss and every metric's values by name.</summary>
/// <param name="Loss">Mean loss per sample.</param>
/// <param name="Metrics">Named values ("accuracy", "rmse", "r2", ...).</param>
public record Evaluation(double Loss, IReadOnlyDictionary<string, double> Metrics);

/// <summary>A classifier's quality on a data set.</summary>
/// <param name="Loss">Mean loss.</param>
/// <param name="Predictions">Predicted class per sample.</param>
/// <param name="Details">Accuracy, confusion matrix, precision, recall, F1, Matthews correlation.</param>
/// <param name="Metrics">Every metric's values by name.</param>
public sealed record ClassificationEvaluation(double Loss, long[] Predictions, ClassificationMetrics Details, IReadOnlyDictionary<string, double> Metrics)
    : Evaluation(Loss, Metrics);
