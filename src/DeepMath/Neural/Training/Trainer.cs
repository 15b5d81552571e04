using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using DeepMath.Autodiff;
using DeepMath.Data.Datasets;
using DeepMath.Neural.Layers;
using DeepMath.Optimization;
using DeepMath.Tensors;

namespace DeepMath.Neural.Training;

/// <summary>The outcome of <see cref="Trainer{T}.Fit"/>.</summary>
/// <param name="History">One record per completed epoch (including epochs before a resume).</param>
/// <param name="StopReason">Why training ended.</param>
public sealed record TrainingResult(IReadOnlyList<EpochRecord> History, string StopReason);

/// <summary>The model's quality on a data set.</summary>
/// <param name="Loss">Mean loss.</param>
/// <param name="Predictions">Predicted class per sample.</param>
/// <param name="Metrics">Accuracy, confusion matrix, precision, recall, F1, Matthews correlation.</param>
public sealed record Evaluation(double Loss, long[] Predictions, ClassificationMetrics Metrics);

/// <summary>
/// Trains a classifier: epochs of shuffled mini-batches (forward, loss, backward, optional gradient
/// clipping, optimizer step), evaluation on held-out data after each epoch, a learning-rate
/// schedule, early stopping, and a checkpoint after each epoch. A non-finite loss stops training at
/// once, naming the epoch, the batch and the first non-finite parameter; the last checkpoint (of the
/// last good epoch) is left in place. Given the same seed and thread count, resuming from a
/// checkpoint produces bit-identical weights to training without interruption.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Trainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Func<Tensor<T>, Tensor<long>, Tensor<T>> _loss;

    /// <summary>Creates a trainer.</summary>
    /// <param name="model">The network.</param>
    /// <param name="optimizer">The optimizer over the model's parameters.</param>
    /// <param name="loss">Mean loss of a batch's outputs against its labels.</param>
    /// <param name="settings">Epochs, batch size, schedule and the rest.</param>
    public Trainer(Module<T> model, Optimizer<T> optimizer, Func<Tensor<T>, Tensor<long>, Tensor<T>> loss, TrainerSettings settings)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        _loss = loss ?? throw new ArgumentNullException(nameof(loss));
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        if (settings.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(settings), settings.Epochs, "Train for at least one epoch.");
        if (settings.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(settings), settings.BatchSize, "The batch size must be positive.");
    }

    /// <summary>The network.</summary>
    public Module<T> Model { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>The settings.</summary>
    public TrainerSettings Settings { get; }

    /// <summary>Trains, optionally continuing from a checkpoint of the same model, optimizer and settings.</summary>
    /// <param name="train">Training data.</param>
    /// <param name="test">Held-out data evaluated after each epoch (optional).</param>
    /// <param name="observer">Receives progress (optional).</param>
    /// <param name="resumeFrom">A checkpoint written by this trainer to continue from (optional).</param>
    /// <param name="extraTensors">Tensors to store in every checkpoint (e.g. normalization statistics).</param>
    /// <param name="extraMetadata">Metadata to store in every checkpoint (e.g. the model specification).</param>
    /// <param name="cancellation">Stops after the current batch.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public TrainingResult Fit(TensorDataset<T> train, TensorDataset<T>? test = null, ITrainingObserver? observer = null, Checkpoint? resumeFrom = null,
        IReadOnlyDictionary<string, ITensor>? extraTensors = null, IReadOnlyDictionary<string, string>? extraMetadata = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        var loader = new DataLoader<T>(train, Settings.BatchSize, shuffle: true, Settings.Seed, Settings.DropLast);
        var history = new List<EpochRecord>();
        long steps = 0;
        int firstEpoch = 1;
        if (resumeFrom is not null)
        {
            Restore(resumeFrom, loader, history);
            steps = resumeFrom.Steps;
            firstEpoch = resumeFrom.Epoch + 1;
            observer?.Message($"Resumed after epoch {resumeFrom.Epoch} ({steps} steps).");
        }
        ApplySchedule(Settings.SchedulePerBatch ? steps : firstEpoch - 1);
        string reason = $"completed {Settings.Epochs} epochs";
        for (int epoch = firstEpoch; epoch <= Settings.Epochs; epoch++)
        {
            if (Settings.MaxSteps is long max && steps >= max)
            {
                reason = $"reached {max} steps";
                break;
            }
            var record = RunEpoch(epoch, loader, test, observer, ref steps, cancellation);
            history.Add(record);
            observer?.EpochFinished(record);
            if (Settings.Schedule is { } schedule && !Settings.SchedulePerBatch)
            {
                schedule.ReportMetric(double.IsNaN(record.TestLoss) ? record.TrainLoss : record.TestLoss);
                ApplySchedule(epoch);
            }
            bool stop = Settings.EarlyStopping?.Report(epoch, double.IsNaN(record.TestLoss) ? record.TrainLoss : record.TestLoss) ?? false;
            if (Settings.CheckpointPath is { } path)
            {
                CreateCheckpoint(epoch, steps, loader, history, extraTensors, extraMetadata).Save(path);
                if (epoch == firstEpoch) observer?.Message($"A checkpoint is written to {path} after every epoch.");
            }
            if (cancellation.IsCancellationRequested)
            {
                reason = "cancelled";
                break;
            }
            if (stop)
            {
                reason = $"early stopping: no improvement for {Settings.EarlyStopping!.Patience} epochs (best at epoch {Settings.EarlyStopping.BestEpoch})";
                observer?.Message(reason);
                break;
            }
            if (Settings.MaxSteps is long cap && steps >= cap)
            {
                reason = $"reached {cap} steps";
                break;
            }
        }
        return new TrainingResult(history, reason);
    }

    private EpochRecord RunEpoch(int epoch, DataLoader<T> loader, TensorDataset<T>? test, ITrainingObserver? observer, ref long steps, CancellationToken cancellation)
    {
        Model.Train();
        int batches = loader.BatchCount;
        if (Settings.MaxSteps is long max) batches = (int)Math.Min(batches, max - steps);
        observer?.EpochStarted(epoch, Settings.Epochs, batches);
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        long correct = 0, seen = 0;
        int batch = 0;
        foreach (var (x, y) in loader.Epoch())
        {
            batch++;
            var output = Model.Forward(x);
            var loss = _loss(output, y);
            double value = double.CreateTruncating(loss.ToScalar());
            if (!double.IsFinite(value)) throw new TrainingDivergedException(epoch, batch, value, FirstNonFiniteParameter());
            loss.Backward();
            if (Settings.ClipGradientNorm is double clip) GradientClipping.ClipByGlobalNorm(Model.Parameters(), clip);
            Optimizer.Step();
            Optimizer.ZeroGrad();
            steps++;
            if (Settings.SchedulePerBatch) ApplySchedule(steps);
            int n = y.Length;
            lossSum += value * n;
            seen += n;
            correct += CountCorrect(output, y);
            observer?.BatchFinished(epoch, batch, batches, value, seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9));
            if (batch >= batches || cancellation.IsCancellationRequested) break;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        double testLoss = double.NaN, testAccuracy = double.NaN;
        if (test is not null)
        {
            var evaluation = Evaluate(Model, test, _loss, Settings.EvaluationBatchSize);
            testLoss = evaluation.Loss;
            testAccuracy = evaluation.Metrics.Accuracy;
        }
        return new EpochRecord(epoch, steps, lossSum / Math.Max(seen, 1), (double)correct / Math.Max(seen, 1), testLoss, testAccuracy,
            Optimizer.Groups[0].LearningRate, seconds, seen / Math.Max(seconds, 1e-9));
    }

    /// <summary>Mean loss, predictions and metrics of <paramref name="model"/> on <paramref name="data"/> (evaluation mode, nothing recorded).</summary>
    public static Evaluation Evaluate(Module<T> model, TensorDataset<T> data, Func<Tensor<T>, Tensor<long>, Tensor<T>> loss, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(loss);
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = Autograd.NoGrad();
            var predictions = new long[data.Count];
            double total = 0;
            int position = 0;
            foreach (var (x, y) in new DataLoader<T>(data, batchSize, shuffle: false).Epoch())
            {
                var output = model.Forward(x);
                total += double.CreateTruncating(loss(output, y).ToScalar()) * y.Length;
                output.ArgMax(1).AsSpan().CopyTo(predictions.AsSpan(position));
                position += y.Length;
            }
            var metrics = ClassificationMetrics.Compute(predictions, data.Labels.Contiguous().AsSpan(), data.ClassCount);
            return new Evaluation(total / Math.Max(1, data.Count), predictions, metrics);
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    private static long CountCorrect(Tensor<T> output, Tensor<long> labels)
    {
        var predicted = output.Detach().ArgMax(1).AsSpan();
        var actual = labels.Contiguous().AsSpan();
        long correct = 0;
        for (int i = 0; i < predicted.Length; i++)
            if (predicted[i] == actual[i]) correct++;
        return correct;
    }

    private string? FirstNonFiniteParameter()
    {
        foreach (var (name, p) in Model.NamedParameters())
            foreach (var v in p.Detach().Contiguous().AsSpan())
                if (!T.IsFinite(v)) return name;
        return null;
    }

    private void ApplySchedule(long step)
    {
        if (Settings.Schedule is { } schedule) Optimizer.ScaleLearningRates(schedule.FactorAt(step));
    }

    private IEnumerable<(string Name, Dropout<T> Layer)> DropoutLayers()
        => Model.NamedModules().Where(m => m.Module is Dropout<T>).Select(m => (m.Name, (Dropout<T>)m.Module));

    private Checkpoint CreateCheckpoint(int epoch, long steps, DataLoader<T> loader, List<EpochRecord> history,
        IReadOnlyDictionary<string, ITensor>? extraTensors, IReadOnlyDictionary<string, string>? extraMetadata)
    {
        var tensors = new Dictionary<string, ITensor>(StringComparer.Ordinal);
        foreach (var (name, p) in Model.NamedParameters()) tensors["model/" + name] = p.Detach();
        var optimizerState = Optimizer.GetState();
        foreach (var (key, value) in optimizerState.Buffers) tensors["optimizer/" + key] = value;
        if (extraTensors is not null)
            foreach (var (key, value) in extraTensors) tensors[key] = value;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = Checkpoint.Format,
            ["dtype"] = DTypes.NumPyName(DTypes.Of<T>()),
            ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
            ["steps"] = steps.ToString(CultureInfo.InvariantCulture),
            ["optimizer"] = Optimizer.Name,
            ["optimizer.steps"] = optimizerState.Step.ToString(CultureInfo.InvariantCulture),
            ["optimizer.parameter_steps"] = string.Join(";", optimizerState.ParameterSteps.Select(kv => FormattableString.Invariant($"{kv.Key}={kv.Value}"))),
            ["optimizer.settings"] = string.Join(";", Optimizer.Settings.Select(kv => $"{kv.Key}={kv.Value.ToString("R", CultureInfo.InvariantCulture)}")),
            ["loader.position"] = loader.Generator.Position.ToString(CultureInfo.InvariantCulture),
            ["dropout.positions"] = string.Join(";", DropoutLayers().Select(d => $"{d.Name}={d.Layer.Generator.Position.ToString(CultureInfo.InvariantCulture)}")),
            ["schedule.state"] = string.Join(";", (Settings.Schedule?.GetState() ?? new Dictionary<string, double>()).Select(kv => $"{kv.Key}={kv.Value.ToString("R", CultureInfo.InvariantCulture)}")),
            ["early_stopping"] = Settings.EarlyStopping is { } es
                ? FormattableString.Invariant($"{es.Best:R};{es.BestEpoch};{es.EpochsWithoutImprovement}") : "",
            ["history"] = EpochRecordJson.Write(history),
        };
        if (extraMetadata is not null)
            foreach (var (key, value) in extraMetadata) metadata[key] = value;
        return new Checkpoint(tensors, metadata);
    }

    private void Restore(Checkpoint checkpoint, DataLoader<T> loader, List<EpochRecord> history)
    {
        string dtype = DTypes.NumPyName(DTypes.Of<T>());
        if (checkpoint.Metadata.GetValueOrDefault("dtype") is { } saved && saved != dtype)
            throw new InvalidOperationException($"The checkpoint holds {saved} parameters; this trainer uses {dtype}.");
        if (checkpoint.Metadata.GetValueOrDefault("optimizer") is { } savedOptimizer && savedOptimizer != Optimizer.Name)
            throw new InvalidOperationException($"The checkpoint was written with the optimizer '{savedOptimizer}'; this run uses '{Optimizer.Name}'.");
        Model.LoadStateDictionary(checkpoint.Section<T>("model/"));
        long optimizerSteps = long.Parse(checkpoint.Require("optimizer.steps"), CultureInfo.InvariantCulture);
        if (checkpoint.Metadata.TryGetValue("optimizer.parameter_steps", out var counts))
            Optimizer.SetState(new OptimizerState<T>(checkpoint.Section<T>("optimizer/"), optimizerSteps,
                Pairs(counts).ToDictionary(kv => kv.Key, kv => (long)kv.Value, StringComparer.Ordinal)));
        else Optimizer.SetState(checkpoint.Section<T>("optimizer/"), optimizerSteps);
        loader.Generator.Position = long.Parse(checkpoint.Require("loader.position"), CultureInfo.InvariantCulture);
        var positions = Pairs(checkpoint.Metadata.GetValueOrDefault("dropout.positions", ""));
        foreach (var (name, layer) in DropoutLayers())
            if (positions.TryGetValue(name, out var position)) layer.Generator.Position = (long)position;
        if (Settings.Schedule is { } schedule && Pairs(checkpoint.Metadata.GetValueOrDefault("schedule.state", "")) is { Count: > 0 } state)
            schedule.SetState(state);
        if (Settings.EarlyStopping is { } es && checkpoint.Metadata.GetValueOrDefault("early_stopping", "") is { Length: > 0 } text)
        {
            var parts = text.Split(';');
            if (parts.Length != 3 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var best)
                || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var bestEpoch) || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var waited))
                throw new InvalidOperationException($"The checkpoint's early-stopping state '{text}' is malformed.");
            es.Restore(best, bestEpoch, waited);
        }
        history.AddRange(checkpoint.History());
    }

    private static Dictionary<string, double> Pairs(string text)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2 && double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) result[kv[0]] = v;
        }
        return result;
    }
}
