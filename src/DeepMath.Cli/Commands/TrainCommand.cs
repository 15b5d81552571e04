using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DeepMath.Autodiff;
using DeepMath.Cli.Training;
using DeepMath.Data.Datasets;
using DeepMath.Kernels;
using DeepMath.Neural;
using DeepMath.Neural.Layers;
using DeepMath.Neural.Training;
using DeepMath.Optimization;
using DeepMath.Tensors;
using Spectre.Console;

namespace DeepMath.Cli.Commands;

/// <summary>
/// <c>deepmath train</c>: trains a network on a built-in data set and writes the model, metrics and
/// charts. With no options it trains a small network on the embedded 8x8 Digits in seconds.
/// </summary>
public static class TrainCommand
{
    private sealed class Options
    {
        public Option<string> Dataset { get; } = new("--dataset") { Description = "digits, iris, breast-cancer, wine or fashion-mnist (classification), or diabetes (regression).", DefaultValueFactory = _ => "digits" };
        public Option<string?> Data { get; } = new("--data") { Description = "Folder with the Fashion-MNIST IDX files (default: /usr/share/datasets/fashion-mnist)." };
        public Option<string?> Model { get; } = new("--model") { Description = "Network, e.g. 784-128-10:relu or a JSON layer list (default: one hidden layer sized for the data set; 10-32-1:tanh for diabetes)." };
        public Option<string?> Optimizer { get; } = new("--optimizer") { Description = "sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adam, adamw or lbfgs (full-batch by default) (default adam; adamw with weight decay 0.3 for diabetes)." };
        public Option<double?> LearningRate { get; } = new("--lr") { Description = "Learning rate (default: the optimizer's usual one)." };
        public Option<double?> Momentum { get; } = new("--momentum") { Description = "Momentum (default 0.9 for momentum and nesterov)." };
        public Option<int?> Epochs { get; } = new("--epochs") { Description = "Epochs (default 10 for fashion-mnist, 20 for digits, 100 for the small tables)." };
        public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Mini-batch size (default 64 for images, 16 for the small tables)." };
        public Option<double?> WeightDecay { get; } = new("--weight-decay") { Description = "Weight decay: L2 in the gradient, decoupled for adamw (default 0, 0.01 for adamw)." };
        public Option<string?> Schedule { get; } = new("--schedule") { Description = "none, step:N[:G], multistep:A,B[:G], exponential:G, cosine[:MIN], restarts:T0[:M], onecycle[:F], plateau[:P[:F]], or warmup:N+<schedule>." };
        public Option<string> SchedulePer { get; } = new("--schedule-per") { Description = "Advance the schedule per 'epoch' or per 'batch'.", DefaultValueFactory = _ => "epoch" };
        public Option<string?> Loss { get; } = new("--loss") { Description = "Classification: cross-entropy (from logits, the default), mse (mean over one-hot elements) or half-sse (half the squared error summed over outputs, batch mean: Kneusel's form). Regression: mse (the default), l1 or huber." };
        public Option<double> LabelSmoothing { get; } = new("--label-smoothing") { Description = "Label smoothing for cross-entropy.", DefaultValueFactory = _ => 0 };
        public Option<double?> ClipNorm { get; } = new("--clip-norm") { Description = "Clip the gradients' global norm to this value." };
        public Option<int?> EarlyStopping { get; } = new("--early-stopping") { Description = "Stop when the test loss has not improved for this many epochs." };
        public Option<long?> Steps { get; } = new("--steps") { Description = "Stop after this many mini-batches in all." };
        public Option<int> ImageSize { get; } = new("--image-size") { Description = "Fashion-MNIST image size: 28, or 14 (2x2 block means).", DefaultValueFactory = _ => 28 };
        public Option<int?> TrainSubset { get; } = new("--train-subset") { Description = "Use only the first N training samples (quick runs)." };
        public Option<int?> TestSubset { get; } = new("--test-subset") { Description = "Use only the first N test samples." };
        public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed for weights, shuffling, dropout and splits.", DefaultValueFactory = _ => 0 };
        public Option<int> Threads { get; } = new("--threads") { Description = "Threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        public Option<string?> Out { get; } = new("--out") { Description = "Folder for model.safetensors, metrics.json, metrics.csv and the SVG charts." };
        public Option<string?> Resume { get; } = new("--resume") { Description = "Continue from a checkpoint written by an earlier run with the same settings." };
        public Option<bool> Json { get; } = new("--json") { Description = "Print JSON lines (one per epoch, then a summary)." };
    }

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var o = new Options();
        o.Dataset.AcceptOnlyFromAmong([.. BuiltInDatasets.Names, .. BuiltInDatasets.RegressionNames]);
        o.Optimizer.AcceptOnlyFromAmong([.. OptimizerFactory.Names]);
        o.Loss.AcceptOnlyFromAmong([.. LossChoice.Names.Union(LossChoice.RegressionNames)]);
        o.SchedulePer.AcceptOnlyFromAmong("epoch", "batch");
        var command = new Command("train", "Train a network on a built-in data set; writes the model, metrics and charts with --out.")
        {
            o.Dataset, o.Data, o.Model, o.Optimizer, o.LearningRate, o.Momentum, o.Epochs, o.BatchSize, o.WeightDecay, o.Schedule,
            o.SchedulePer, o.Loss, o.LabelSmoothing, o.ClipNorm, o.EarlyStopping, o.Steps, o.ImageSize, o.TrainSubset, o.TestSubset,
            o.Seed, o.Threads, o.Out, o.Resume, o.Json,
        };
        command.SetAction(result => Run(result, o));
        return command;
    }

    /// <summary>The settings every task shares, read and checked once.</summary>
    private sealed record Setup(string Dataset, string OptimizerName, string LossName, int BatchSize, int Epochs, double LearningRate,
        ulong Seed, int Threads, int ImageSize, bool Json, string? OutFolder)
    {
        /// <summary>Weight decay when --weight-decay is not given (null: the optimizer's own default).</summary>
        public double? DefaultWeightDecay { get; init; }

        public string? CheckpointPath => OutFolder is null ? null : Path.Combine(OutFolder, "model.safetensors");
    }

    private static int Run(ParseResult r, Options o)
    {
        string datasetName = r.GetValue(o.Dataset)!;
        bool regression = BuiltInDatasets.RegressionNames.Contains(datasetName);
        bool images = datasetName is "fashion-mnist" or "digits";
        string lossName = r.GetValue(o.Loss) ?? (regression ? "mse" : "cross-entropy");
        // Diabetes has 353 training samples: a small tanh layer with decoupled weight decay generalizes
        // as well as the linear model (measured over four split seeds; see the README).
        string optimizerName = r.GetValue(o.Optimizer) ?? (regression ? "adamw" : "adam");
        var setup = new Setup(datasetName, optimizerName, lossName,
            r.GetValue(o.BatchSize) ?? (optimizerName == "lbfgs" ? FullBatch : images ? 64 : 16),
            r.GetValue(o.Epochs) ?? datasetName switch { "fashion-mnist" => 10, "digits" => 20, _ => 100 },
            r.GetValue(o.LearningRate) ?? OptimizerFactory.DefaultLearningRate(optimizerName),
            r.GetValue(o.Seed), r.GetValue(o.Threads), r.GetValue(o.ImageSize), r.GetValue(o.Json), r.GetValue(o.Out))
        {
            DefaultWeightDecay = regression && r.GetValue(o.Optimizer) is null ? 0.3 : null,
        };
        Require(setup.BatchSize >= 1 || (setup.BatchSize == FullBatch && r.GetValue(o.BatchSize) is null), $"--batch-size must be positive, got {setup.BatchSize}.");
        Require(setup.Epochs >= 1, $"--epochs must be positive, got {setup.Epochs}.");
        Require(setup.Threads >= 1, $"--threads must be at least 1, got {setup.Threads}.");
        Require(setup.LearningRate > 0 && double.IsFinite(setup.LearningRate), $"--lr must be a positive number, got {setup.LearningRate}.");
        Require(setup.ImageSize is 28 or 14, $"--image-size must be 28 or 14, got {setup.ImageSize}.");
        Require(setup.ImageSize == 28 || datasetName == "fashion-mnist", "--image-size applies to fashion-mnist only.");
        Require(r.GetValue(o.WeightDecay) is null or >= 0, "--weight-decay must be non-negative.");
        Require(r.GetValue(o.LabelSmoothing) is >= 0 and < 1, "--label-smoothing must be in [0, 1).");
        Require(r.GetValue(o.Steps) is null or > 0, "--steps must be positive.");
        Require(r.GetValue(o.EarlyStopping) is null or > 0, "--early-stopping must be positive.");
        Require(r.GetValue(o.ClipNorm) is null or > 0, "--clip-norm must be positive.");
        Require(r.GetValue(o.TrainSubset) is null or > 0, $"--train-subset must be at least 1, got {r.GetValue(o.TrainSubset)}.");
        Require(r.GetValue(o.TestSubset) is null or > 0, $"--test-subset must be at least 1, got {r.GetValue(o.TestSubset)}.");
        if (setup.OutFolder is { } folder) PrepareOutFolder(folder);
        Require(regression ? LossChoice.RegressionNames.Contains(lossName) : LossChoice.Names.Contains(lossName),
            $"--loss {lossName} does not apply to {datasetName}; choose one of {string.Join(", ", regression ? LossChoice.RegressionNames : LossChoice.Names)}.");
        Compute.DefaultThreads = setup.Threads;
        if (setup.Threads > Environment.ProcessorCount && !setup.Json)
            r.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"note: --threads {setup.Threads} is more than the {Environment.ProcessorCount} cores: the work is split {setup.Threads} ways (results match any run with --threads {setup.Threads}), but only {Environment.ProcessorCount} parts run at once."));
        return regression ? RunRegression(r, o, setup) : RunClassification(r, o, setup);
    }

    /// <summary>The batch size that stands for the whole training set (L-BFGS's default: it is a full-batch method).</summary>
    private const int FullBatch = 0;

    private static int RunClassification(ParseResult r, Options o, Setup setup)
    {
        var output = r.InvocationConfiguration.Output;
        var data = BuiltInDatasets.Load<float>(setup.Dataset, r.GetValue(o.Data), setup.Seed, imageSize: setup.ImageSize);
        if (r.GetValue(o.TrainSubset) is int trainCount) data = data with { Train = data.Train.Take(trainCount) };
        if (r.GetValue(o.TestSubset) is int testCount) data = data with { Test = data.Test.Take(testCount) };
        if (setup.BatchSize == FullBatch) setup = setup with { BatchSize = data.Train.Count };
        // Loading leaves large temporaries behind (raw bytes, file buffers): release them before training.
        GC.Collect();
        int features = data.Train.SampleShape.Aggregate(1, (a, b) => a * b), classes = data.Train.ClassCount;
        var (spec, model) = BuildModel(r, o, setup, features, classes, "classes", $"{features}-{(features >= 256 ? 128 : 64)}-{classes}:relu");
        var optimizer = CreateOptimizer(r, o, setup, model);
        var loss = new DelegateLoss<float, long>(setup.LossName, LossChoice.Create(setup.LossName, classes, r.GetValue(o.LabelSmoothing)));
        var trainer = new Trainer<float>(model, optimizer, loss, Settings(r, o, setup, data.Train.Count));
        var (extraTensors, extraMetadata) = CheckpointModel.Describe(spec, data.Name, data.Train.ClassNames, data.Preparation, null, setup.Seed, setup.ImageSize, setup.LossName);
        Announce(output, setup, data.Name, data.Train.Count, data.Test.Count, data.Preparation.Description, spec, model, optimizer);
        if (Fit(r, o, setup, trainer, data.Train, data.Test, extraTensors, extraMetadata) is not { } result)
        {
            // Diverged: the metrics and charts of the good epochs, from the last good checkpoint, are still worth having.
            if (LastGoodCheckpoint(setup) is { } good)
            {
                var restored = CheckpointModel.Load(good);
                var goodFinal = new ClassificationEvaluator<float>(restored.Model, loss).Evaluate(data.Test);
                ListFiles(output, RunOutputs.Write(setup.OutFolder!, new RunOutputs.Summary(data.Name, spec.ToJson(), optimizer.Name, SettingsText(r, o, setup),
                    good.History(), goodFinal, data.Train.ClassNames, DivergedReason(good))), setup);
            }
            return CommandRunner.Failure;
        }

        var final = trainer.Evaluate(data.Test);
        double seconds = result.History.Sum(h => h.Seconds);
        var files = setup.OutFolder is null ? [] : RunOutputs.Write(setup.OutFolder, new RunOutputs.Summary(data.Name, spec.ToJson(), optimizer.Name,
            SettingsText(r, o, setup), result.History, final, data.Train.ClassNames, result.StopReason));
        var m = final.Details;
        if (setup.Json)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"summary\":true,\"dataset\":\"{data.Name}\",\"test_accuracy\":{m.Accuracy:R},\"test_loss\":{Finite(final.Loss)},\"matthews_correlation\":{m.MatthewsCorrelation:R},\"training_seconds\":{seconds:R},\"epochs\":{result.History.Count},\"steps\":{result.History.LastOrDefault()?.Steps ?? 0}}}"));
            return 0;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"final: test accuracy {m.Accuracy:P2}, test loss {final.Loss:F4}, Matthews correlation {m.MatthewsCorrelation:F4}, macro F1 {m.MacroF1:F4}; {seconds:F1} s of training ({result.StopReason})"));
        ListFiles(output, files, setup);
        return 0;
    }

    private static int RunRegression(ParseResult r, Options o, Setup setup)
    {
        var output = r.InvocationConfiguration.Output;
        Require(r.GetValue(o.LabelSmoothing) == 0, "--label-smoothing applies to classification only.");
        var data = BuiltInDatasets.LoadRegression<float>(setup.Dataset, setup.Seed);
        if (r.GetValue(o.TrainSubset) is int trainCount) data = data with { Train = data.Train.First(trainCount) };
        if (r.GetValue(o.TestSubset) is int testCount) data = data with { Test = data.Test.First(testCount) };
        if (setup.BatchSize == FullBatch) setup = setup with { BatchSize = data.Train.Count };
        int features = data.Train.SampleShape.Aggregate(1, (a, b) => a * b), outputs = data.Train.TargetShape.Aggregate(1, (a, b) => a * b);
        var (spec, model) = BuildModel(r, o, setup, features, outputs, "targets", $"{features}-32-{outputs}:tanh");
        var optimizer = CreateOptimizer(r, o, setup, model);
        var loss = LossChoice.CreateRegression(setup.LossName);
        double scale = double.CreateTruncating(data.TargetScaler.Std.Reshape(-1)[0]);
        var trainer = new Trainer<float, float>(model, optimizer, loss, Settings(r, o, setup, data.Train.Count), [new RegressionMetric<float>(scale)]);
        var (extraTensors, extraMetadata) = CheckpointModel.Describe(spec, data.Name, null, data.Preparation, data.TargetScaler, setup.Seed, setup.ImageSize, setup.LossName);
        Announce(output, setup, data.Name, data.Train.Count, data.Test.Count, data.Preparation.Description, spec, model, optimizer);
        if (Fit(r, o, setup, trainer, data.Train, data.Test, extraTensors, extraMetadata) is not { } result)
        {
            if (LastGoodCheckpoint(setup) is { } good)
            {
                var restored = CheckpointModel.Load(good);
                var goodFinal = new Evaluator<float, float>(restored.Model, loss, [new RegressionMetric<float>(scale)]).Evaluate(data.Test);
                ListFiles(output, RunOutputs.Write(setup.OutFolder!, new RunOutputs.Summary(data.Name, spec.ToJson(), optimizer.Name, SettingsText(r, o, setup),
                    good.History(), goodFinal, [], DivergedReason(good))), setup);
            }
            return CommandRunner.Failure;
        }

        var final = trainer.Evaluate(data.Test);
        double seconds = result.History.Sum(h => h.Seconds);
        double[] actual, predicted;
        using (Autograd.NoGrad())
        {
            model.Eval();
            actual = data.TargetScaler.InverseTransform(data.Test.Targets).Cast<double>().ToArray();
            predicted = data.TargetScaler.InverseTransform(model.Forward(data.Test.Inputs)).Cast<double>().ToArray();
        }
        var files = setup.OutFolder is null ? [] : RunOutputs.Write(setup.OutFolder, new RunOutputs.Summary(data.Name, spec.ToJson(), optimizer.Name,
            SettingsText(r, o, setup), result.History, final, [], result.StopReason) { Regression = (actual, predicted) });
        double rmse = final.Metrics["rmse"], r2 = final.Metrics["r2"], mae = final.Metrics["mae"];
        if (setup.Json)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"summary\":true,\"dataset\":\"{data.Name}\",\"test_r2\":{Finite(r2)},\"test_rmse\":{Finite(rmse)},\"test_mae\":{Finite(mae)},\"test_loss\":{Finite(final.Loss)},\"training_seconds\":{seconds:R},\"epochs\":{result.History.Count},\"steps\":{result.History.LastOrDefault()?.Steps ?? 0}}}"));
            return 0;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"final: test R² {r2:F4}, test RMSE {rmse:G5} and MAE {mae:G5} (in the target's units), test loss {final.Loss:F4}; {seconds:F1} s of training ({result.StopReason})"));
        ListFiles(output, files, setup);
        return 0;
    }

    private static (ModelSpec Spec, Sequential<float> Model) BuildModel(ParseResult r, Options o, Setup setup, int features, int outputs, string what, string defaultSpec)
    {
        string specText = r.GetValue(o.Model) ?? defaultSpec;
        ModelSpec spec;
        try
        {
            spec = ModelSpec.Parse(specText);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--model: {e.Message}");
        }
        Require(spec.Inputs == features, $"--model takes {spec.Inputs} inputs but {setup.Dataset} has {features} features.");
        Require(spec.Outputs == outputs, $"--model gives {spec.Outputs} outputs but {setup.Dataset} has {outputs} {what}.");
        return (spec, spec.Build<float>(new RandomGenerator(setup.Seed)));
    }

    private static Optimizer<float> CreateOptimizer(ParseResult r, Options o, Setup setup, Module<float> model)
    {
        try
        {
            return OptimizerFactory.Create(setup.OptimizerName, model.Parameters(), setup.LearningRate, r.GetValue(o.Momentum),
                r.GetValue(o.WeightDecay) ?? setup.DefaultWeightDecay);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--optimizer {setup.OptimizerName}: {e.Message}");
        }
    }

    private static TrainerSettings Settings(ParseResult r, Options o, Setup setup, int trainCount)
    {
        bool perBatch = r.GetValue(o.SchedulePer) == "batch" || (r.GetValue(o.Schedule)?.StartsWith("onecycle", StringComparison.Ordinal) ?? false);
        long scheduleLength = perBatch ? (long)setup.Epochs * ((trainCount + setup.BatchSize - 1) / setup.BatchSize) : setup.Epochs;
        return new TrainerSettings
        {
            Epochs = setup.Epochs, BatchSize = setup.BatchSize, Seed = setup.Seed, MaxSteps = r.GetValue(o.Steps),
            Schedule = ScheduleParser.Parse(r.GetValue(o.Schedule), scheduleLength), SchedulePerBatch = perBatch,
            ClipGradientNorm = r.GetValue(o.ClipNorm), CheckpointPath = setup.CheckpointPath,
            EarlyStopping = r.GetValue(o.EarlyStopping) is int patience ? new EarlyStopping(patience) : null,
        };
    }

    private static Dictionary<string, string> SettingsText(ParseResult r, Options o, Setup setup) => new()
    {
        ["lr"] = setup.LearningRate.ToString("R", CultureInfo.InvariantCulture), ["batch_size"] = setup.BatchSize.ToString(CultureInfo.InvariantCulture),
        ["epochs"] = setup.Epochs.ToString(CultureInfo.InvariantCulture), ["seed"] = setup.Seed.ToString(CultureInfo.InvariantCulture),
        ["threads"] = setup.Threads.ToString(CultureInfo.InvariantCulture), ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), ["loss"] = setup.LossName, ["schedule"] = r.GetValue(o.Schedule) ?? "none",
    };

    private static void Announce(TextWriter output, Setup setup, string name, int train, int test, string preparation, ModelSpec spec, Module<float> model, Optimizer<float> optimizer)
    {
        if (setup.Json) return;
        output.WriteLine($"DeepMath {InfoCommand.Collect()["version"]}: training on {name} ({train:N0} training, {test:N0} test samples; {preparation})");
        output.WriteLine($"model: {spec}, {model.ParameterCount:N0} parameters; optimizer: {optimizer.Name}, lr {setup.LearningRate.ToString(CultureInfo.InvariantCulture)}; batch {setup.BatchSize}; {setup.Epochs} epochs; {setup.Threads} thread(s); seed {setup.Seed}");
    }

    /// <summary>Runs the trainer with live progress (or plain/JSON lines) and Ctrl+C as a clean stop; null when training diverged (reported).</summary>
    private static TrainingResult? Fit<TTarget>(ParseResult r, Options o, Setup setup, Trainer<float, TTarget> trainer,
        TensorDataset<float, TTarget> train, TensorDataset<float, TTarget> test, Dictionary<string, ITensor> extraTensors, Dictionary<string, string> extraMetadata)
        where TTarget : unmanaged
    {
        var output = r.InvocationConfiguration.Output;
        var error = r.InvocationConfiguration.Error;
        var settings = ResumableSettings(r, o, setup);
        extraMetadata["run.settings"] = JsonSerializer.Serialize(settings, CliJson.Default.DictionaryStringString);
        Checkpoint? resume = r.GetValue(o.Resume) is { } resumePath ? CommandRunner.LoadCheckpoint(resumePath, "--resume") : null;
        if (resume is not null) CheckResume(resume, settings, setup);
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            bool interactive = !setup.Json && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            if (!interactive) return trainer.Fit(train, test, new ConsoleProgress(output, setup.Json), resume, extraTensors, extraMetadata, cancellation.Token);
            TrainingResult? captured = null;
            AnsiConsole.Progress().AutoClear(false).HideCompleted(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context => captured = trainer.Fit(train, test, new ConsoleProgress(output, context), resume, extraTensors, extraMetadata, cancellation.Token));
            return captured!;
        }
        catch (TrainingDivergedException e)
        {
            error.WriteLine($"error: {e.Message}");
            if (setup.CheckpointPath is { } path && File.Exists(path)) error.WriteLine($"The last good checkpoint is kept at {path}.");
            return null;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The checkpoint the run left before it diverged, when it wrote one with at least one epoch.</summary>
    private static Checkpoint? LastGoodCheckpoint(Setup setup)
        => setup.OutFolder is not null && setup.CheckpointPath is { } path && File.Exists(path) ? Checkpoint.Load(path) : null;

    private static string DivergedReason(Checkpoint good)
        => string.Create(CultureInfo.InvariantCulture, $"diverged after epoch {good.Epoch}: the outputs describe the last good epoch");

    /// <summary>The settings a resumed run must share with the run that wrote its checkpoint (epochs and --steps may grow).</summary>
    private static Dictionary<string, string> ResumableSettings(ParseResult r, Options o, Setup setup)
    {
        string Text(object? value) => value switch
        {
            null => "none",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "none",
        };
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--dataset"] = setup.Dataset, ["--model"] = r.GetValue(o.Model) ?? "default", ["--optimizer"] = setup.OptimizerName,
            ["--lr"] = Text(setup.LearningRate), ["--momentum"] = Text(r.GetValue(o.Momentum)), ["--weight-decay"] = Text(r.GetValue(o.WeightDecay)),
            ["--batch-size"] = Text(setup.BatchSize), ["--seed"] = Text(setup.Seed), ["--schedule"] = r.GetValue(o.Schedule) ?? "none",
            ["--schedule-per"] = r.GetValue(o.SchedulePer) ?? "epoch", ["--loss"] = setup.LossName, ["--label-smoothing"] = Text(r.GetValue(o.LabelSmoothing)),
            ["--clip-norm"] = Text(r.GetValue(o.ClipNorm)), ["--image-size"] = Text(setup.ImageSize), ["--train-subset"] = Text(r.GetValue(o.TrainSubset)),
            ["--test-subset"] = Text(r.GetValue(o.TestSubset)), ["--early-stopping"] = Text(r.GetValue(o.EarlyStopping)),
        };
    }

    /// <summary>
    /// A resumed run is bit-identical to an uninterrupted one only with the same settings: a changed one is
    /// refused, naming it; so is asking for no more epochs than the checkpoint already has.
    /// </summary>
    private static void CheckResume(Checkpoint checkpoint, Dictionary<string, string> settings, Setup setup)
    {
        if (checkpoint.Epoch >= setup.Epochs)
            throw new UsageException($"--resume: the checkpoint already completed {checkpoint.Epoch} epoch(s); pass --epochs larger than {checkpoint.Epoch} to train further.");
        if (!checkpoint.Metadata.TryGetValue("run.settings", out var text)) return; // written before settings were recorded
        Dictionary<string, string>? saved;
        try
        {
            saved = JsonSerializer.Deserialize(text, CliJson.Default.DictionaryStringString);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The checkpoint's metadata 'run.settings' is not a JSON object of settings ({e.Message}).", e);
        }
        var changed = settings.Where(kv => saved is not null && saved.TryGetValue(kv.Key, out var before) && before != kv.Value)
            .Select(kv => $"{kv.Key} {kv.Value} (the checkpoint's run used {saved![kv.Key]})").ToList();
        if (changed.Count > 0)
            throw new UsageException($"--resume needs the settings of the run that wrote the checkpoint; changed: {string.Join("; ", changed)}.");
    }

    /// <summary>
    /// Checks --out before any training: an empty name or an existing file is a usage mistake; a folder
    /// that cannot be created or written to fails now, naming it, not after the first epoch.
    /// </summary>
    private static void PrepareOutFolder(string folder)
    {
        Require(folder.Trim().Length > 0, "--out needs a folder name.");
        Require(!File.Exists(folder), $"--out {folder} is a file; name a folder (it is created if missing).");
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".deepmath-write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--out {folder}: the folder cannot be written ({e.Message})", e);
        }
    }

    private static void ListFiles(TextWriter output, IReadOnlyList<string> files, Setup setup)
    {
        foreach (var f in files) output.WriteLine($"wrote {f}");
        if (setup.CheckpointPath is not null) output.WriteLine($"wrote {setup.CheckpointPath}");
    }

    private static string Finite(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "null";

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new UsageException(message);
    }
}
