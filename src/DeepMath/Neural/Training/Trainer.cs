using System.Diagnostics;
using System.Numerics;
using DeepMath.Autodiff;
using DeepMath.Data.Datasets;
using DeepMath.Optimization;
using DeepMath.Tensors;

namespace DeepMath.Neural.Training;

/// <summary>
/// Trains a model for any task: epochs of shuffled mini-batches of (inputs, targets) of any element
/// types and shapes (forward, loss, backward, optional gradient clipping, optimizer step),
/// evaluation on held-out data with pluggable metrics after each epoch, a learning-rate schedule,
/// early stopping, and a checkpoint after each epoch. A non-finite loss stops training at once,
/// naming the epoch, the batch and the first non-finite parameter; the last checkpoint (of the last
/// good epoch) is left in place. Given the same seed and thread count, resuming from a checkpoint
/// produces bit-identical weights to training without interruption: every source of randomness (the
/// loader and each <see cref="IStochasticModule"/>) is a counter-based generator whose position is saved.
/// </summary>
/// <typeparam name="T">float or double (the model's element type).</typeparam>
/// <typeparam name="TTarget">The targets' element type (long class labels, T for regression).</typeparam>
public class Trainer<T, TTarget> where T : unmanaged, IFloatingPointIeee754<T> where TTarget : unmanaged
{
    /// <summary>Creates a trainer.</summary>
    /// <param name="model">The network.</param>
    /// <param name="optimizer">The optimizer over the model's parameters.</param>
    /// <param name="loss">Mean loss of a batch's outputs against its targets.</param>
    /// <param name="settings">Epochs, batch size, schedule and the rest.</param>
    /// <param name="metrics">Quality measures reported each epoch on the training batches and the held-out data (none by default).</param>
    public Trainer(Module<T> model, Optimizer<T> optimizer, ILoss<T, TTarget> loss, TrainerSettings settings, IEnumerable<IMetric<T, TTarget>>? metrics = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        Loss = loss ?? throw new ArgumentNullException(nameof(loss));
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Metrics = [.. metrics ?? []];
        if (settings.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(settings), settings.Epochs, "Train for at least one epoch.");
        if (settings.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(settings), settings.BatchSize, "The batch size must be positive.");
    }

    /// <summary>The network.</summary>
    public Module<T> Model { get; }

    /// <summary>The optimizer.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>The loss.</summary>
    public ILoss<T, TTarget> Loss { get; }

    /// <summary>The settings.</summary>
    public TrainerSettings Settings { get; }

    /// <summary>The metrics reported each epoch.</summary>
    public IReadOnlyList<IMetric<T, TTarget>> Metrics { get; }

    /// <summary>Trains, optionally continuing from a checkpoint of the same model, optimizer and settings.</summary>
    /// <param name="train">Training data.</param>
    /// <param name="test">Held-out data evaluated after each epoch (optional).</param>
    /// <param name="observer">Receives progress (optional).</param>
    /// <param name="resumeFrom">A checkpoint written by this trainer to continue from (optional).</param>
    /// <param name="extraTensors">Tensors to store in every checkpoint (e.g. normalization statistics).</param>
    /// <param name="extraMetadata">Metadata to store in every checkpoint (e.g. the model specification).</param>
    /// <param name="cancellation">Stops after the current batch.</param>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public TrainingResult Fit(TensorDataset<T, TTarget> train, TensorDataset<T, TTarget>? test = null, ITrainingObserver? observer = null,
        Checkpoint? resumeFrom = null, IReadOnlyDictionary<string, ITensor>? extraTensors = null, IReadOnlyDictionary<string, string>? extraMetadata = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        var loader = new DataLoader<T, TTarget>(train, Settings.BatchSize, shuffle: true, Settings.Seed, Settings.DropLast);
        var state = new TrainingState<T>(Model, Optimizer, Settings, loader.Generator);
        var history = new List<EpochRecord>();
        long steps = 0;
        int firstEpoch = 1;
        if (resumeFrom is not null)
        {
            state.Restore(resumeFrom);
            history.AddRange(resumeFrom.History());
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
            WarnIfLossGrows(record, observer);
            double monitored = double.IsNaN(record.TestLoss) ? record.TrainLoss : record.TestLoss;
            if (Settings.Schedule is { } schedule && !Settings.SchedulePerBatch)
            {
                schedule.ReportMetric(monitored);
                ApplySchedule(epoch);
            }
            bool stop = Settings.EarlyStopping?.Report(epoch, monitored) ?? false;
            if (Settings.CheckpointPath is { } path)
            {
                state.Capture(epoch, steps, history, extraTensors, extraMetadata).Save(path);
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

    private EpochRecord RunEpoch(int epoch, DataLoader<T, TTarget> loader, TensorDataset<T, TTarget>? test, ITrainingObserver? observer,
        ref long steps, CancellationToken cancellation)
    {
        Model.Train();
        int batches = loader.BatchCount;
        if (Settings.MaxSteps is long max) batches = (int)Math.Min(batches, max - steps);
        observer?.EpochStarted(epoch, Settings.Epochs, batches);
        foreach (var metric in Metrics) metric.Reset();
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        long seen = 0;
        int batch = 0;
        foreach (var (x, y) in loader.Epoch())
        {
            batch++;
            Tensor<T> output;
            double value;
            if (Optimizer.RequiresClosure)
            {
                // L-BFGS evaluates the loss at trial points of its line search: hand it the batch's loss as a closure.
                value = Optimizer.Step(() =>
                {
                    Optimizer.ZeroGrad();
                    var trial = Loss.Compute(Model.Forward(x), y);
                    trial.Backward();
                    if (Settings.ClipGradientNorm is double limit) GradientClipping.ClipByGlobalNorm(Model.Parameters(), limit);
                    return double.CreateTruncating(trial.ToScalar());
                });
                if (!double.IsFinite(value)) throw new TrainingDivergedException(epoch, batch, value, FirstNonFiniteParameter());
                using (GradMode.Disable()) output = Model.Forward(x);
            }
            else
            {
                output = Model.Forward(x);
                var loss = Loss.Compute(output, y);
                value = double.CreateTruncating(loss.ToScalar());
                if (!double.IsFinite(value)) throw new TrainingDivergedException(epoch, batch, value, FirstNonFiniteParameter());
                loss.Backward();
                if (Settings.ClipGradientNorm is double clip) GradientClipping.ClipByGlobalNorm(Model.Parameters(), clip);
                Optimizer.Step();
            }
            if (double.IsNaN(_firstBatchLoss)) _firstBatchLoss = value;
            Optimizer.ZeroGrad();
            steps++;
            if (Settings.SchedulePerBatch) ApplySchedule(steps);
            int n = x.Shape[0];
            lossSum += value * n;
            seen += n;
            foreach (var metric in Metrics) metric.Update(output.Detach(), y);
            observer?.BatchFinished(epoch, batch, batches, value, seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9));
            if (batch >= batches || cancellation.IsCancellationRequested) break;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        var trainMetrics = Collect();
        var evaluation = test is null ? null : Evaluate(test);
        var testMetrics = evaluation?.Metrics ?? new Dictionary<string, double>();
        return new EpochRecord(epoch, steps, lossSum / Math.Max(seen, 1), trainMetrics.GetValueOrDefault("accuracy", double.NaN),
            evaluation?.Loss ?? double.NaN, testMetrics.GetValueOrDefault("accuracy", double.NaN),
            Optimizer.Groups[0].LearningRate, seconds, seen / Math.Max(seconds, 1e-9))
        {
            TrainMetrics = trainMetrics,
            TestMetrics = testMetrics,
        };
    }

    /// <summary>
    /// Mean loss and every metric of the model on <paramref name="data"/>, in evaluation mode with
    /// nothing recorded (the model's mode is restored afterwards). The metrics keep this data's
    /// accumulations until the next reset, so their details (e.g. a confusion matrix) can be read.
    /// </summary>
    public Evaluation Evaluate(TensorDataset<T, TTarget> data)
        => new Evaluator<T, TTarget>(Model, Loss, Metrics, Settings.EvaluationBatchSize).Evaluate(data);

    private Dictionary<string, double> Collect() => Evaluator<T, TTarget>.Values(Metrics);

    /// <summary>
    /// An epoch's training loss 100 times the first batch's is not divergence to NaN, but almost always a
    /// learning rate far too high (Adam at 1e6 trains to a loss of 1e11): say so, once per run.
    /// </summary>
    private void WarnIfLossGrows(EpochRecord record, ITrainingObserver? observer)
    {
        if (observer is null || _warnedOfGrowth || !(_firstBatchLoss > 0) || !(record.TrainLoss > 100 * _firstBatchLoss)) return;
        _warnedOfGrowth = true;
        observer.Message(FormattableString.Invariant(
            $"warning: the training loss grew from {_firstBatchLoss:G4} (first batch) to {record.TrainLoss:G4} (epoch {record.Epoch}); the learning rate may be far too high."));
    }

    private double _firstBatchLoss = double.NaN;
    private bool _warnedOfGrowth;

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
}

/// <summary>
/// Trains a classifier on labelled data (<see cref="TensorDataset{T}"/>): the general trainer with
/// class labels as targets and classification metrics (accuracy, macro F1, Matthews correlation).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Trainer<T> : Trainer<T, long> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates a classification trainer with a loss object.</summary>
    public Trainer(Module<T> model, Optimizer<T> optimizer, ILoss<T, long> loss, TrainerSettings settings)
        : base(model, optimizer, loss, settings, [new ClassificationMetric<T>()])
    {
    }

    /// <summary>Creates a classification trainer with a loss function of (logits, labels).</summary>
    public Trainer(Module<T> model, Optimizer<T> optimizer, Func<Tensor<T>, Tensor<long>, Tensor<T>> loss, TrainerSettings settings)
        : this(model, optimizer, new DelegateLoss<T, long>("loss", loss ?? throw new ArgumentNullException(nameof(loss))), settings)
    {
    }

    /// <summary>Mean loss, predictions and the full classification metrics of the model on <paramref name="data"/>.</summary>
    public ClassificationEvaluation Evaluate(TensorDataset<T> data)
        => new ClassificationEvaluator<T>(Model, Loss, Settings.EvaluationBatchSize).Evaluate(data);
}
