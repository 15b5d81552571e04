namespace DeepMath.Neural;

/// <summary>
/// Classification quality from predicted and true labels: accuracy, the confusion matrix (rows: true
/// class, columns: predicted), per-class precision, recall and F1 with their macro averages, and the
/// Matthews correlation coefficient (Gorodkin's multiclass R_K; equal to the usual MCC for two
/// classes). Ratios with a zero denominator are reported as 0.
/// </summary>
public sealed class ClassificationMetrics
{
    private ClassificationMetrics(long[,] confusion)
    {
        Confusion = confusion;
        int k = confusion.GetLength(0);
        var truth = new long[k];
        var predicted = new long[k];
        long correct = 0, total = 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                truth[i] += confusion[i, j];
                predicted[j] += confusion[i, j];
                total += confusion[i, j];
                if (i == j) correct += confusion[i, j];
            }
        Count = total;
        Accuracy = total == 0 ? 0 : (double)correct / total;
        Precision = new double[k];
        Recall = new double[k];
        F1 = new double[k];
        for (int c = 0; c < k; c++)
        {
            Precision[c] = predicted[c] == 0 ? 0 : (double)confusion[c, c] / predicted[c];
            Recall[c] = truth[c] == 0 ? 0 : (double)confusion[c, c] / truth[c];
            F1[c] = Precision[c] + Recall[c] == 0 ? 0 : 2 * Precision[c] * Recall[c] / (Precision[c] + Recall[c]);
        }
        MacroPrecision = Precision.Average();
        MacroRecall = Recall.Average();
        MacroF1 = F1.Average();
        double s = total, cov = correct * s, predictedSquares = 0, truthSquares = 0;
        for (int c = 0; c < k; c++)
        {
            cov -= (double)predicted[c] * truth[c];
            predictedSquares += (double)predicted[c] * predicted[c];
            truthSquares += (double)truth[c] * truth[c];
        }
        double denominator = Math.Sqrt((s * s - predictedSquares) * (s * s - truthSquares));
        MatthewsCorrelation = denominator == 0 ? 0 : cov / denominator;
    }

    /// <summary>Computes the metrics for <paramref name="classes"/> classes.</summary>
    /// <exception cref="ArgumentException">Lengths differ or a label is outside [0, classes).</exception>
    public static ClassificationMetrics Compute(ReadOnlySpan<long> predicted, ReadOnlySpan<long> actual, int classes)
    {
        if (predicted.Length != actual.Length) throw new ArgumentException($"{predicted.Length} predictions but {actual.Length} labels.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        var confusion = new long[classes, classes];
        for (int i = 0; i < predicted.Length; i++)
        {
            long a = actual[i], p = predicted[i];
            if (a < 0 || a >= classes || p < 0 || p >= classes)
                throw new ArgumentException($"Sample {i}: label {a} or prediction {p} is outside [0, {classes}).");
            confusion[a, p]++;
        }
        return new ClassificationMetrics(confusion);
    }

    /// <summary>Counts [true class, predicted class].</summary>
    public long[,] Confusion { get; }

    /// <summary>Number of samples.</summary>
    public long Count { get; }

    /// <summary>Fraction predicted correctly.</summary>
    public double Accuracy { get; }

    /// <summary>Per class: correct predictions of the class over predictions of it.</summary>
    public double[] Precision { get; }

    /// <summary>Per class: correct predictions of the class over samples of it.</summary>
    public double[] Recall { get; }

    /// <summary>Per class: harmonic mean of precision and recall.</summary>
    public double[] F1 { get; }

    /// <summary>Unweighted mean of the per-class precisions.</summary>
    public double MacroPrecision { get; }

    /// <summary>Unweighted mean of the per-class recalls.</summary>
    public double MacroRecall { get; }

    /// <summary>Unweighted mean of the per-class F1 scores.</summary>
    public double MacroF1 { get; }

    /// <summary>The Matthews correlation coefficient in [-1, 1].</summary>
    public double MatthewsCorrelation { get; }
}
