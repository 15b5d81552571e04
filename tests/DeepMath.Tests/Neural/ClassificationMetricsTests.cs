using DeepMath.Neural;
using Xunit;

namespace DeepMath.Tests.Neural;

public class ClassificationMetricsTests
{
    private static ClassificationMetrics Compute(long[] predicted, long[] actual, int classes) => ClassificationMetrics.Compute(predicted, actual, classes);

    /// <summary>Gorodkin's R_K as the correlation of one-hot indicator matrices: sum_k cov(x_k, y_k) / sqrt(sum_k var(x_k) sum_k var(y_k)).</summary>
    internal static double OneHotCorrelation(long[] predicted, long[] actual, int classes)
    {
        int n = predicted.Length;
        double cxy = 0, cxx = 0, cyy = 0;
        for (int k = 0; k < classes; k++)
        {
            double mx = predicted.Count(p => p == k) / (double)n, my = actual.Count(a => a == k) / (double)n;
            for (int i = 0; i < n; i++)
            {
                double x = (predicted[i] == k ? 1 : 0) - mx, y = (actual[i] == k ? 1 : 0) - my;
                cxy += x * y;
                cxx += x * x;
                cyy += y * y;
            }
        }
        return cxy / Math.Sqrt(cxx * cyy);
    }

    [Fact]
    public void Three_class_example_by_hand()
    {
        long[] actual = [0, 0, 1, 1, 2, 2, 2];
        long[] predicted = [0, 1, 1, 1, 2, 0, 2];
        var m = Compute(predicted, actual, 3);
        Assert.Equal(new long[,] { { 1, 1, 0 }, { 0, 2, 0 }, { 1, 0, 2 } }, m.Confusion);
        Assert.Equal(7, m.Count);
        Assert.Equal(5.0 / 7, m.Accuracy, 1e-15);
        Assert.Equal([0.5, 2.0 / 3, 1], m.Precision);
        Assert.Equal([0.5, 1, 2.0 / 3], m.Recall);
        Assert.Equal(0.5, m.F1[0], 1e-15);
        Assert.Equal(0.8, m.F1[1], 1e-15);
        Assert.Equal(0.8, m.F1[2], 1e-15);
        Assert.Equal((0.5 + 2.0 / 3 + 1) / 3, m.MacroPrecision, 1e-15);
        Assert.Equal((0.5 + 1 + 2.0 / 3) / 3, m.MacroRecall, 1e-15);
        Assert.Equal(0.7, m.MacroF1, 1e-15);
        // Gorodkin: (c s - sum p_k t_k) / sqrt((s^2 - sum p_k^2)(s^2 - sum t_k^2)) = (5*7 - 16) / sqrt(32 * 32).
        Assert.Equal(19.0 / 32, m.MatthewsCorrelation, 1e-15);
        Assert.Equal(OneHotCorrelation(predicted, actual, 3), m.MatthewsCorrelation, 1e-14);
    }

    [Fact]
    public void Scikit_learn_documentation_example()
    {
        // sklearn's precision/recall/f1 docs: y_true [0,1,2,0,1,2], y_pred [0,2,1,0,0,1] give macro 0.22, 0.33, 0.26.
        long[] actual = [0, 1, 2, 0, 1, 2];
        long[] predicted = [0, 2, 1, 0, 0, 1];
        var m = Compute(predicted, actual, 3);
        Assert.Equal(2.0 / 9, m.MacroPrecision, 1e-15);
        Assert.Equal(1.0 / 3, m.MacroRecall, 1e-15);
        Assert.Equal(0.8 / 3, m.MacroF1, 1e-15);
        // c s = 2 * 6 equals sum p_k t_k = 3*2 + 2*2 + 1*2, so R_K is exactly 0 here.
        Assert.Equal(0.0, m.MatthewsCorrelation, 1e-15);
        Assert.Equal(OneHotCorrelation(predicted, actual, 3), m.MatthewsCorrelation, 1e-15);
    }

    [Fact]
    public void Binary_matches_the_closed_form()
    {
        long[] actual = [1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0];
        long[] predicted = [1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0];
        double tp = 0, tn = 0, fp = 0, fn = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            if (actual[i] == 1 && predicted[i] == 1) tp++;
            else if (actual[i] == 0 && predicted[i] == 0) tn++;
            else if (actual[i] == 0) fp++;
            else fn++;
        }
        double expected = (tp * tn - fp * fn) / Math.Sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
        var m = Compute(predicted, actual, 2);
        Assert.Equal(expected, m.MatthewsCorrelation, 1e-15);
        Assert.Equal(tp / (tp + fp), m.Precision[1], 1e-15);
        Assert.Equal(tp / (tp + fn), m.Recall[1], 1e-15);
    }

    [Fact]
    public void Scikit_learn_binary_mcc_example()
    {
        // sklearn.metrics.matthews_corrcoef docs: y_true [+1, +1, +1, -1], y_pred [+1, -1, +1, +1] gives -0.333...
        var m = Compute([1, 0, 1, 1], [1, 1, 1, 0], 2);
        Assert.Equal(-1.0 / 3, m.MatthewsCorrelation, 1e-15);
    }

    [Fact]
    public void Perfect_and_inverted_predictions()
    {
        Assert.Equal(1.0, Compute([0, 1, 2, 1], [0, 1, 2, 1], 3).MatthewsCorrelation, 1e-15);
        Assert.Equal(-1.0, Compute([1, 0, 1, 0], [0, 1, 0, 1], 2).MatthewsCorrelation, 1e-15);
    }

    [Fact]
    public void Degenerate_cases_report_zero_not_NaN()
    {
        // One class predicted throughout: the MCC denominator is 0 and precision of unpredicted classes is 0/0.
        var single = Compute([1, 1, 1, 1], [0, 1, 2, 1], 3);
        Assert.Equal(0.0, single.MatthewsCorrelation);
        Assert.Equal([0, 0.5, 0], single.Precision);
        Assert.Equal([0, 1, 0], single.Recall);
        Assert.Equal(0.0, single.F1[0]);
        Assert.Equal(0.5, single.Accuracy);
        var empty = Compute([], [], 2);
        Assert.Equal(0, empty.Count);
        Assert.Equal(0.0, empty.Accuracy);
        Assert.Equal(0.0, empty.MatthewsCorrelation);
        Assert.Equal(0.0, empty.MacroF1);
        // A class absent from both labels and predictions counts as 0 in the macro averages.
        Assert.Equal((1 + 1 + 0) / 3.0, Compute([0, 1], [0, 1], 3).MacroRecall, 1e-15);
    }

    [Fact]
    public void Bad_inputs_are_explained()
    {
        Assert.Contains("3 predictions but 2 labels", Assert.Throws<ArgumentException>(() => Compute([0, 1, 0], [0, 1], 2)).Message);
        Assert.Contains("Sample 1", Assert.Throws<ArgumentException>(() => Compute([0, 2], [0, 1], 2)).Message);
        Assert.Throws<ArgumentException>(() => Compute([0], [-1], 2));
        Assert.ThrowsAny<ArgumentException>(() => Compute([], [], 0));
    }
}
