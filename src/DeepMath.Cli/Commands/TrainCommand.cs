using System.CommandLine;
using System.Globalization;
using DeepMath.Cli.Training;
using DeepMath.Data.Datasets;
using DeepMath.Kernels;
using DeepMath.Neural;
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
        public Option<string> Dataset { get; } = new("--dataset") { Description = "digits, iris, breast-cancer, wine or fashion-mnist.", DefaultValueFactory = _ => "digits" };
        public Option<string?> Data { get; } = new("--data") { Description = "Folder with the Fashion-MNIST IDX files (default: /usr/share/datasets/fashion-mnist)." };
        public Option<string?> Model { get; } = new("--model") { Description = "Network, e.g. 784-128-10:relu or a JSON layer list (default: one hidden layer sized for the data set)." };
        public Option<string> Optimizer { get; } = new("--optimizer") { Description = "sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adam or adamw.", DefaultValueFactory = _ => "adam" };
        public Option<double?> LearningRate { get; } = new("--lr") { Description = "Learning rate (default: the optimizer's usual one)." };
        public Option<double?> Momentum { get; } = new("--momentum") { Description = "Momentum (default 0.9 for momentum and nesterov)." };
        public Option<int?> Epochs { get; } = new("--epochs") { Description = "Epochs (default 10 for fashion-mnist, 20 for digits, 100 for the small tables)." };
        public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Mini-batch size (default 64 for images, 16 for the small tables)." };
        public Option<double?> WeightDecay { get; } = new("--weight-decay") { Description = "Weight decay: L2 in the gradient, decoupled for adamw (default 0, 0.01 for adamw)." };
        public Option<string?> Schedule { get; } = new("--schedule") { Description = "none, step:N[:G], multistep:A,B[:G], exponential:G, cosine[:MIN], restarts:T0[:M], onecycle[:F], plateau[:P[:F]], or warmup:N+<schedule>." };
        public Option<string> SchedulePer { get; } = new("--schedule-per") { Description = "Advance the schedule per 'epoch' or per 'batch'.", DefaultValueFactory = _ => "epoch" };
        public Option<string> Loss { get; } = new("--loss") { Description = "cross-entropy (from logits), mse (mean over one-hot elements) or half-sse (half the squared error summed over outputs, batch mean: Kneusel's form).", DefaultValueFactory = _ => "cross-entropy" };
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
        o.Dataset.AcceptOnlyFromAmong([.. BuiltInDatasets.Names]);
        o.Optimizer.AcceptOnlyFromAmong([.. OptimizerFactory.Names]);
        o.Loss.AcceptOnlyFromAmong(LossChoice.Names);
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

    private static int Run(ParseResult r, Options o)
    {
        var output = r.InvocationConfiguration.Output;
        var error = r.InvocationConfiguration.Error;
        string datasetName = r.GetValue(o.Dataset)!, optimizerName = r.GetValue(o.Optimizer)!, lossName = r.GetValue(o.Loss)!;
        bool images = datasetName is "fashion-mnist" or "digits";
        int batchSize = r.GetValue(o.BatchSize) ?? (images ? 64 : 16), threads = r.GetValue(o.Threads), imageSize = r.GetValue(o.ImageSize);
        int epochs = r.GetValue(o.Epochs) ?? datasetName switch { "fashion-mnist" => 10, "digits" => 20, _ => 100 };
        double lr = r.GetValue(o.LearningRate) ?? OptimizerFactory.DefaultLearningRate(optimizerName);
        ulong seed = r.GetValue(o.Seed);
        bool json = r.GetValue(o.Json);
        Require(batchSize >= 1, $"--batch-size must be positive, got {batchSize}.");
        Require(epochs >= 1, $"--epochs must be positive, got {epochs}.");
        Require(threads >= 1, $"--threads must be at least 1, got {threads}.");
        Require(lr > 0 && double.IsFinite(lr), $"--lr must be a positive number, got {lr}.");
        Require(imageSize is 28 or 14, $"--image-size must be 28 or 14, got {imageSize}.");
        Require(imageSize == 28 || datasetName == "fashion-mnist", "--image-size applies to fashion-mnist only.");
        Require(r.GetValue(o.WeightDecay) is null or >= 0, "--weight-decay must be non-negative.");
        Require(r.GetValue(o.LabelSmoothing) is >= 0 and < 1, "--label-smoothing must be in [0, 1).");
        Require(r.GetValue(o.Steps) is null or > 0, "--steps must be positive.");
        Require(r.GetValue(o.EarlyStopping) is null or > 0, "--early-stopping must be positive.");
        Require(r.GetValue(o.ClipNorm) is null or > 0, "--clip-norm must be positive.");
        Compute.DefaultThreads = threads;

        var data = BuiltInDatasets.Load<float>(datasetName, r.GetValue(o.Data), seed, imageSize: imageSize);
        if (r.GetValue(o.TrainSubset) is int trainCount) data = data with { Train = data.Train.Take(trainCount) };
        if (r.GetValue(o.TestSubset) is int testCount) data = data with { Test = data.Test.Take(testCount) };
        // Loading leaves large temporaries behind (raw bytes, file buffers): release them before training.
        GC.Collect();

        int features = data.Train.SampleShape.Aggregate(1, (a, b) => a * b), classes = data.Train.ClassCount;
        string specText = r.GetValue(o.Model) ?? $"{features}-{(features >= 256 ? 128 : 64)}-{classes}:relu";
        ModelSpec spec;
        try
        {
            spec = ModelSpec.Parse(specText);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--model: {e.Message}");
        }
        Require(spec.Inputs == features, $"--model takes {spec.Inputs} inputs but {datasetName} has {features} features.");
        Require(spec.Outputs == classes, $"--model gives {spec.Outputs} outputs but {datasetName} has {classes} classes.");
        var model = spec.Build<float>(new RandomGenerator(seed));
        Optimizer<float> optimizer;
        try
        {
            optimizer = OptimizerFactory.Create(optimizerName, model.Parameters(), lr, r.GetValue(o.Momentum), r.GetValue(o.WeightDecay));
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--optimizer {optimizerName}: {e.Message}");
        }
        bool perBatch = r.GetValue(o.SchedulePer) == "batch" || (r.GetValue(o.Schedule)?.StartsWith("onecycle", StringComparison.Ordinal) ?? false);
        long scheduleLength = perBatch ? (long)epochs * ((data.Train.Count + batchSize - 1) / batchSize) : epochs;
        var schedule = ScheduleParser.Parse(r.GetValue(o.Schedule), scheduleLength);
        double smoothing = r.GetValue(o.LabelSmoothing);
        var loss = LossChoice.Create(lossName, classes, r.GetValue(o.LabelSmoothing));
        string? outFolder = r.GetValue(o.Out);
        string? checkpointPath = outFolder is null ? null : Path.Combine(outFolder, "model.safetensors");
        var settings = new TrainerSettings
        {
            Epochs = epochs, BatchSize = batchSize, Seed = seed, MaxSteps = r.GetValue(o.Steps), Schedule = schedule,
            SchedulePerBatch = perBatch, ClipGradientNorm = r.GetValue(o.ClipNorm), CheckpointPath = checkpointPath,
            EarlyStopping = r.GetValue(o.EarlyStopping) is int patience ? new EarlyStopping(patience) : null,
        };
        var trainer = new Trainer<float>(model, optimizer, loss, settings);
        var (extraTensors, extraMetadata) = CheckpointModel.Describe(spec, data, seed, imageSize, lossName);
        Checkpoint? resume = r.GetValue(o.Resume) is { } resumePath ? Checkpoint.Load(resumePath) : null;

        if (!json)
        {
            output.WriteLine($"DeepMath {InfoCommand.Collect()["version"]}: training on {data.Name} ({data.Train.Count:N0} training, {data.Test.Count:N0} test samples; {data.Preparation.Description})");
            output.WriteLine($"model: {spec}, {model.ParameterCount:N0} parameters; optimizer: {optimizer.Name}, lr {lr.ToString(CultureInfo.InvariantCulture)}; batch {batchSize}; {epochs} epochs; {threads} thread(s); seed {seed}");
        }
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        TrainingResult result;
        try
        {
            bool interactive = !json && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            if (interactive)
            {
                TrainingResult? captured = null;
                AnsiConsole.Progress().AutoClear(false).HideCompleted(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(context => captured = trainer.Fit(data.Train, data.Test, new ConsoleProgress(output, context), resume, extraTensors, extraMetadata, cancellation.Token));
                result = captured!;
            }
            else result = trainer.Fit(data.Train, data.Test, new ConsoleProgress(output, json), resume, extraTensors, extraMetadata, cancellation.Token);
        }
        catch (TrainingDivergedException e)
        {
            error.WriteLine($"error: {e.Message}");
            if (checkpointPath is not null && File.Exists(checkpointPath)) error.WriteLine($"The last good checkpoint is kept at {checkpointPath}.");
            return CommandRunner.Failure;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        var final = Trainer<float>.Evaluate(model, data.Test, loss);
        double seconds = result.History.Sum(h => h.Seconds);
        var files = outFolder is null ? [] : RunOutputs.Write(outFolder, new RunOutputs.Summary(data.Name, spec.ToJson(), optimizer.Name,
            new Dictionary<string, string>
            {
                ["lr"] = lr.ToString("R", CultureInfo.InvariantCulture), ["batch_size"] = batchSize.ToString(CultureInfo.InvariantCulture),
                ["epochs"] = epochs.ToString(CultureInfo.InvariantCulture), ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
                ["threads"] = threads.ToString(CultureInfo.InvariantCulture), ["loss"] = lossName, ["schedule"] = r.GetValue(o.Schedule) ?? "none",
            }, result.History, final, data.Train.ClassNames, result.StopReason));
        if (json)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"summary\":true,\"dataset\":\"{data.Name}\",\"test_accuracy\":{final.Metrics.Accuracy:R},\"test_loss\":{Finite(final.Loss)},\"matthews_correlation\":{final.Metrics.MatthewsCorrelation:R},\"training_seconds\":{seconds:R},\"epochs\":{result.History.Count},\"steps\":{result.History.LastOrDefault()?.Steps ?? 0}}}"));
            return 0;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"final: test accuracy {final.Metrics.Accuracy:P2}, test loss {final.Loss:F4}, Matthews correlation {final.Metrics.MatthewsCorrelation:F4}, macro F1 {final.Metrics.MacroF1:F4}; {seconds:F1} s of training ({result.StopReason})"));
        foreach (var f in files) output.WriteLine($"wrote {f}");
        if (checkpointPath is not null) output.WriteLine($"wrote {checkpointPath}");
        return 0;
    }

    private static string Finite(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "null";

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new UsageException(message);
    }
}
