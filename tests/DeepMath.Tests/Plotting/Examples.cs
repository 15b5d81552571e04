using Xunit;
using DeepMath.Plotting;

namespace DeepMath.Tests.Plotting;

/// <summary>The example charts, shared by the well-formedness tests and the rendering check.</summary>
internal static class Examples
{
    public static readonly string[] FashionClasses =
    [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ];

    public static LineChart Loss()
    {
        var chart = new LineChart { Title = "Fashion-MNIST MLP: loss per epoch", XLabel = "epoch", YLabel = "cross-entropy loss" };
        chart.AddSeries("train loss", [0.90, 0.62, 0.52, 0.46, 0.42, 0.39, 0.36, 0.34, 0.32, 0.30]);
        chart.AddSeries("test loss", [0.72, 0.58, 0.51, 0.47, 0.45, 0.43, 0.42, 0.41, 0.41, 0.40]);
        return chart;
    }

    public static LineChart Accuracy()
    {
        var chart = new LineChart { Title = "Test accuracy", XLabel = "epoch", YLabel = "accuracy" };
        chart.AddSeries("test accuracy", [0.80, 0.83, 0.845, 0.855, 0.862, 0.868, 0.874, 0.879, 0.884, 0.89]);
        return chart;
    }

    public static LineChart GapAndConstant()
    {
        var chart = new LineChart { Title = "Gap (NaN) and a constant series", XLabel = "step", YLabel = "value" };
        chart.AddSeries("with gap", [1, 2, 3, 4, 5, 6, 7, 8], [2.0, 2.5, 3.1, double.NaN, 3.6, 3.2, 2.9, 3.4]);
        chart.AddSeries("constant", [1, 2, 3, 4, 5, 6, 7, 8], [1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5]);
        return chart;
    }

    public static LineChart Awkward()
    {
        var chart = new LineChart
        {
            Title = "Loss <train> & \"test\" — 'ünïcödé' ∑ 😀",
            XLabel = "x < y & z",
            YLabel = "f(x) → \"out\"",
        };
        chart.AddSeries("a&b <c>", [3.0, 1.0, 2.0]);
        chart.AddSeries("\"quoted\" 'name'", [1.0, 2.0, 3.0], "rgb(0, 158, 115)");
        return chart;
    }

    public static LineChart LongSeries()
    {
        var chart = new LineChart { Title = "Mini-batch loss", XLabel = "step", YLabel = "loss" };
        var y = new double[500];
        var rng = new Random(1);
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = (2.3 * Math.Exp(-i / 80.0)) + 0.25 + (0.08 * rng.NextDouble());
        }

        chart.AddSeries("batch loss", y);
        chart.AddSeries("smoothed", y.Select((_, i) => (2.3 * Math.Exp(-i / 80.0)) + 0.29).ToArray());
        return chart;
    }

    public static LineChart Crowded()
    {
        var chart = new LineChart { Title = "Learning-rate schedules", XLabel = "step", YLabel = "learning rate multiplier" };
        var x = Enumerable.Range(0, 200).Select(i => i * 0.1).ToArray();
        chart.AddSeries("cosine with warm restarts", x, [.. x.Select(v => 0.5 + (0.5 * Math.Cos(v * 1.6)))]);
        chart.AddSeries("triangular cyclic", x, [.. x.Select(v => Math.Abs(((v / 2.5) % 2) - 1))]);
        return chart;
    }

    public static LineChart Empty() => new() { Title = "Nothing yet", XLabel = "epoch", YLabel = "loss" };

    public static ScatterChart GradientDescent()
    {
        var chart = new ScatterChart { Title = "Gradient descent on f(x, y) = x² + 10y²", XLabel = "x", YLabel = "y" };
        foreach (var (rate, name) in new[] { (0.02, "lr = 0.02"), (0.09, "lr = 0.09") })
        {
            double x = -4, y = 1.5;
            var xs = new List<double> { x };
            var ys = new List<double> { y };
            for (var i = 0; i < 12; i++)
            {
                (x, y) = (x - (rate * 2 * x), y - (rate * 20 * y));
                xs.Add(x);
                ys.Add(y);
            }

            chart.AddPath(name, xs, ys);
        }

        chart.AddPoints("minimum", [0.0], [0.0], "#000000");
        return chart;
    }

    public static int[,] FashionCounts()
    {
        int[] diagonal = [860, 975, 842, 905, 851, 962, 688, 955, 973, 958];
        var counts = new int[10, 10];
        var rng = new Random(7);
        for (var i = 0; i < 10; i++)
        {
            counts[i, i] = diagonal[i];
            var rest = 1000 - diagonal[i];
            // Spread the errors unevenly over the other classes, like a real classifier.
            var weights = Enumerable.Range(0, 10).Select(j => j == i ? 0 : Math.Pow(rng.NextDouble(), 3)).ToArray();
            var total = weights.Sum();
            var assigned = 0;
            for (var j = 0; j < 10; j++)
            {
                if (j != i)
                {
                    counts[i, j] = (int)(rest * weights[j] / total);
                    assigned += counts[i, j];
                }
            }

            counts[i, (i + 1) % 10] += rest - assigned;
        }

        return counts;
    }

    public static HeatMap Confusion() => HeatMap.ConfusionMatrix(FashionCounts(), FashionClasses);

    public static HeatMap ConfusionNormalized()
    {
        var map = Confusion();
        map.Normalize = true;
        map.Title = "Confusion matrix (row-normalized: recall per class)";
        return map;
    }

    public static IEnumerable<(string Name, Func<string> Svg)> All() =>
    [
        ("loss", () => Loss().ToSvg()),
        ("accuracy", () => Accuracy().ToSvg()),
        ("gap-constant", () => GapAndConstant().ToSvg()),
        ("awkward", () => Awkward().ToSvg()),
        ("long-series", () => LongSeries().ToSvg()),
        ("empty", () => Empty().ToSvg()),
        ("crowded", () => Crowded().ToSvg()),
        ("small-loss", () => Loss().ToSvg(320, 220)),
        ("gradient-descent", () => GradientDescent().ToSvg()),
        ("confusion", () => Confusion().ToSvg()),
        ("confusion-normalized", () => ConfusionNormalized().ToSvg()),
        ("confusion-small", () => Confusion().ToSvg(360, 320)),
    ];
}
