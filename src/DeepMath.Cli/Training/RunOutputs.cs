using System.Globalization;
using System.Text;
using System.Text.Json;
using DeepMath.Data;
using DeepMath.Neural.Training;
using DeepMath.Plotting;

namespace DeepMath.Cli.Training;

/// <summary>The files a training run leaves in its output folder: metrics.json, metrics.csv and SVG charts.</summary>
public static class RunOutputs
{
    /// <summary>Everything about a finished run that the outputs report.</summary>
    /// <param name="Dataset">Data set name.</param>
    /// <param name="Model">Model specification (JSON).</param>
    /// <param name="Optimizer">Optimizer name.</param>
    /// <param name="Settings">Command-line settings.</param>
    /// <param name="History">Per-epoch records.</param>
    /// <param name="Final">Final evaluation on the test data (a <see cref="ClassificationEvaluation"/> for classifiers).</param>
    /// <param name="ClassNames">Class names (classification; empty for regression).</param>
    /// <param name="StopReason">Why training ended.</param>
    public sealed record Summary(string Dataset, string Model, string Optimizer, IReadOnlyDictionary<string, string> Settings,
        IReadOnlyList<EpochRecord> History, Evaluation Final, IReadOnlyList<string> ClassNames, string StopReason)
    {
        /// <summary>Regression: test targets and predictions in the target's units, for the predicted-against-actual chart.</summary>
        public (double[] Actual, double[] Predicted)? Regression { get; init; }
    }

    /// <summary>Writes all outputs (each file atomically) and returns their paths.</summary>
    public static IReadOnlyList<string> Write(string folder, Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        string Path(string name)
        {
            var p = System.IO.Path.Combine(folder, name);
            files.Add(p);
            return p;
        }
        AtomicFile.WriteAllText(Path("metrics.json"), Json(summary));
        AtomicFile.WriteAllText(Path("metrics.csv"), Csv(summary));
        var epochs = summary.History.Select(r => (double)r.Epoch).ToArray();
        new LineChart { Title = $"Loss per epoch ({summary.Dataset})", XLabel = "epoch", YLabel = "loss" }
            .AddSeries("train loss", epochs, summary.History.Select(r => r.TrainLoss).ToArray())
            .AddSeries("test loss", epochs, summary.History.Select(r => r.TestLoss).ToArray())
            .Save(Path("loss.svg"));
        if (summary.Final is ClassificationEvaluation classification)
        {
            new LineChart { Title = $"Accuracy per epoch ({summary.Dataset})", XLabel = "epoch", YLabel = "accuracy" }
                .AddSeries("train accuracy", epochs, summary.History.Select(r => r.TrainAccuracy).ToArray())
                .AddSeries("test accuracy", epochs, summary.History.Select(r => r.TestAccuracy).ToArray())
                .Save(Path("accuracy.svg"));
            var confusion = classification.Details.Confusion;
            var counts = new int[confusion.GetLength(0), confusion.GetLength(1)];
            for (int i = 0; i < counts.GetLength(0); i++)
                for (int j = 0; j < counts.GetLength(1); j++) counts[i, j] = (int)confusion[i, j];
            var heat = HeatMap.ConfusionMatrix(counts, summary.ClassNames);
            heat.Title = string.Create(CultureInfo.InvariantCulture, $"Confusion matrix ({summary.Dataset}, test accuracy {classification.Details.Accuracy:P2})");
            heat.Save(Path("confusion.svg"));
        }
        else
        {
            new LineChart { Title = $"R² per epoch ({summary.Dataset})", XLabel = "epoch", YLabel = "R²" }
                .AddSeries("train R²", epochs, summary.History.Select(r => r.TrainMetrics.GetValueOrDefault("r2", double.NaN)).ToArray())
                .AddSeries("test R²", epochs, summary.History.Select(r => r.TestMetrics.GetValueOrDefault("r2", double.NaN)).ToArray())
                .Save(Path("r2.svg"));
            if (summary.Regression is var (actual, predicted))
            {
                double low = Math.Min(actual.Min(), predicted.Min()), high = Math.Max(actual.Max(), predicted.Max());
                new ScatterChart
                {
                    Title = string.Create(CultureInfo.InvariantCulture, $"Predicted against actual ({summary.Dataset} test part, R² {summary.Final.Metrics.GetValueOrDefault("r2"):F3})"),
                    XLabel = "actual", YLabel = "predicted",
                }
                    .AddPoints("test samples", actual, predicted)
                    .AddPath("perfect prediction", [low, high], [low, high])
                    .Save(Path("predictions.svg"));
            }
        }
        return files;
    }

    /// <summary>One epoch as a JSON line.</summary>
    public static string EpochJson(EpochRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return WriteJson(w => EpochRecordJson.WriteRecord(w, r));
    }

    private static string Csv(Summary s)
    {
        var names = s.History.SelectMany(r => r.TestMetrics.Keys.Concat(r.TrainMetrics.Keys)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var sb = new StringBuilder("epoch,steps,train_loss,train_accuracy,test_loss,test_accuracy,learning_rate,seconds,samples_per_second");
        foreach (var n in names) sb.Append(",train_").Append(n).Append(",test_").Append(n);
        sb.Append('\n');
        foreach (var r in s.History)
        {
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"{r.Epoch},{r.Steps},{r.TrainLoss:R},{r.TrainAccuracy:R},{r.TestLoss:R},{r.TestAccuracy:R},{r.LearningRate:R},{r.Seconds:R},{r.SamplesPerSecond:R}"));
            foreach (var n in names)
                sb.Append(string.Create(CultureInfo.InvariantCulture, $",{r.TrainMetrics.GetValueOrDefault(n, double.NaN):R},{r.TestMetrics.GetValueOrDefault(n, double.NaN):R}"));
            sb.Append('\n');
        }
        sb.Append(string.Create(CultureInfo.InvariantCulture,
            $"final,{s.History.LastOrDefault()?.Steps ?? 0},,,{s.Final.Loss:R},{s.Final.Metrics.GetValueOrDefault("accuracy", double.NaN):R},,{s.History.Sum(r => r.Seconds):R},"));
        foreach (var n in names) sb.Append(string.Create(CultureInfo.InvariantCulture, $",,{s.Final.Metrics.GetValueOrDefault(n, double.NaN):R}"));
        sb.Append('\n');
        return sb.ToString();
    }

    private static string Json(Summary s) => WriteJson(w =>
    {
        w.WriteStartObject();
        w.WriteString("dataset", s.Dataset);
        w.WriteString("task", s.Final is ClassificationEvaluation ? "classification" : "regression");
        w.WriteString("optimizer", s.Optimizer);
        w.WritePropertyName("model");
        using (var spec = JsonDocument.Parse(s.Model)) spec.RootElement.WriteTo(w);
        w.WriteStartObject("settings");
        // Numbers and booleans as JSON numbers and booleans (the settings are kept as command-line text).
        foreach (var (k, v) in s.Settings)
        {
            if (ulong.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var whole)) w.WriteNumber(k, whole);
            else if (long.TryParse(v, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var signed)) w.WriteNumber(k, signed);
            else if (double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)) w.WriteNumber(k, number);
            else if (bool.TryParse(v, out var flag)) w.WriteBoolean(k, flag);
            else w.WriteString(k, v);
        }
        w.WriteEndObject();
        w.WriteString("stop_reason", s.StopReason);
        Number(w, "training_seconds", s.History.Sum(r => r.Seconds));
        w.WriteStartArray("epochs");
        foreach (var r in s.History) EpochRecordJson.WriteRecord(w, r);
        w.WriteEndArray();
        w.WriteStartObject("final");
        Number(w, "test_loss", s.Final.Loss);
        if (s.Final is ClassificationEvaluation c) WriteClassification(w, c, s.ClassNames);
        else
            foreach (var (name, value) in s.Final.Metrics) Number(w, "test_" + name, value);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static void WriteClassification(Utf8JsonWriter w, ClassificationEvaluation c, IReadOnlyList<string> classNames)
    {
        var m = c.Details;
        Number(w, "test_accuracy", m.Accuracy);
        Number(w, "matthews_correlation", m.MatthewsCorrelation);
        Number(w, "macro_precision", m.MacroPrecision);
        Number(w, "macro_recall", m.MacroRecall);
        Number(w, "macro_f1", m.MacroF1);
        w.WriteStartArray("per_class");
        for (int k = 0; k < classNames.Count; k++)
        {
            long support = 0;
            for (int j = 0; j < classNames.Count; j++) support += m.Confusion[k, j];
            w.WriteStartObject();
            w.WriteString("class", classNames[k]);
            Number(w, "precision", m.Precision[k]);
            Number(w, "recall", m.Recall[k]);
            Number(w, "f1", m.F1[k]);
            w.WriteNumber("support", support);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("confusion_matrix");
        for (int i = 0; i < classNames.Count; i++)
        {
            w.WriteStartArray();
            for (int j = 0; j < classNames.Count; j++) w.WriteNumberValue(m.Confusion[i, j]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    /// <summary>JSON has no NaN or infinity: such values are written as null.</summary>
    private static void Number(Utf8JsonWriter w, string name, double value) => EpochRecordJson.WriteNumber(w, name, value);

    private static string WriteJson(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
