using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using DeepMath.Cli;
using DeepMath.Cli.Commands;
using DeepMath.Data.SafeTensors;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Cli;

/// <summary>deepmath train, evaluate and predict end to end (they set the process-wide thread count, so they run alone).</summary>
[Collection(SerialCollection.Name)]
public class TrainCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand("DeepMath test root");
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandRunner.Run(root, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Metrics_settings_are_typed_and_more_threads_than_cores_is_explained()
    {
        using var folder = new TempFolder();
        int threads = Environment.ProcessorCount + 2;
        var (code, output, error) = Run("train", "--dataset", "iris", "--epochs", "1", "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", folder.Path);
        Assert.True(code == 0, error);
        Assert.Contains($"--threads {threads} is more than the {Environment.ProcessorCount} cores", output, StringComparison.Ordinal);
        using var metrics = JsonDocument.Parse(File.ReadAllText(folder.File("metrics.json")));
        var settings = metrics.RootElement.GetProperty("settings");
        Assert.Equal(JsonValueKind.Number, settings.GetProperty("epochs").ValueKind);
        Assert.Equal(JsonValueKind.Number, settings.GetProperty("lr").ValueKind);
        Assert.Equal(threads, settings.GetProperty("threads").GetInt32());
        Assert.Equal(Environment.ProcessorCount, settings.GetProperty("cores").GetInt32());
        Assert.Equal(JsonValueKind.String, settings.GetProperty("loss").ValueKind);
    }

    [Fact]
    public void Divergence_keeps_the_metrics_and_charts_of_the_good_epochs()
    {
        // The learning rate jumps by 1e40 after epoch 2: epoch 3 diverges; epochs 1-2 are reported from the last good checkpoint.
        using var folder = new TempFolder();
        var (code, _, error) = Run("train", "--dataset", "iris", "--optimizer", "sgd", "--lr", "0.01", "--epochs", "4", "--schedule", "multistep:2:1e40",
            "--threads", "1", "--out", folder.Path);
        Assert.Equal(1, code);
        Assert.Contains("diverged at epoch 3", error, StringComparison.Ordinal);
        using var metrics = JsonDocument.Parse(File.ReadAllText(folder.File("metrics.json")));
        Assert.Equal(2, metrics.RootElement.GetProperty("epochs").GetArrayLength());
        Assert.StartsWith("diverged after epoch 2", metrics.RootElement.GetProperty("stop_reason").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(folder.File("loss.svg")));
    }

    [Fact]
    public void Lbfgs_trains_full_batch_by_default_and_refuses_weight_decay()
    {
        var (code, output, error) = Run("train", "--dataset", "iris", "--optimizer", "lbfgs", "--epochs", "3", "--seed", "1", "--threads", "1");
        Assert.True(code == 0, error);
        Assert.Contains("optimizer: lbfgs, lr 1; batch 120;", output, StringComparison.Ordinal);
        Assert.Contains("epoch 3:", output, StringComparison.Ordinal);
        (code, _, error) = Run("train", "--dataset", "iris", "--optimizer", "lbfgs", "--weight-decay", "0.1");
        Assert.Equal(2, code);
        Assert.Contains("--weight-decay", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_writes_the_model_metrics_and_charts_and_evaluate_agrees()
    {
        using var folder = new TempFolder();
        var (code, output, error) = Run("train", "--dataset", "iris", "--epochs", "12", "--lr", "0.01", "--seed", "1", "--threads", "1", "--out", folder.Path);
        Assert.True(code == 0, error);
        Assert.Contains("epoch 12:", output);
        foreach (var name in new[] { "model.safetensors", "metrics.json", "metrics.csv", "loss.svg", "accuracy.svg", "confusion.svg" })
            Assert.True(File.Exists(folder.File(name)), name);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp*"));

        using var metrics = JsonDocument.Parse(File.ReadAllText(folder.File("metrics.json")));
        var root = metrics.RootElement;
        var epochs = root.GetProperty("epochs").EnumerateArray().ToList();
        Assert.Equal(12, epochs.Count);
        foreach (var key in new[] { "train_loss", "test_loss", "test_accuracy", "seconds" })
            Assert.True(epochs[^1].TryGetProperty(key, out _), key);
        double finalAccuracy = root.GetProperty("final").GetProperty("test_accuracy").GetDouble();
        Assert.Equal(epochs[^1].GetProperty("test_accuracy").GetDouble(), finalAccuracy, 12);
        Assert.Equal(3, root.GetProperty("final").GetProperty("confusion_matrix").GetArrayLength());

        var csv = File.ReadAllLines(folder.File("metrics.csv"));
        Assert.StartsWith("epoch,steps,train_loss,train_accuracy,test_loss,test_accuracy", csv[0], StringComparison.Ordinal);
        Assert.Equal(12, csv.Skip(1).Count(l => char.IsDigit(l[0])));
        foreach (var svg in new[] { "loss.svg", "accuracy.svg", "confusion.svg" })
            Assert.Equal("svg", XDocument.Load(folder.File(svg)).Root!.Name.LocalName);

        var (evalCode, evalOutput, evalError) = Run("evaluate", "--checkpoint", folder.File("model.safetensors"), "--json");
        Assert.True(evalCode == 0, evalError);
        using var evaluation = JsonDocument.Parse(evalOutput);
        Assert.Equal(finalAccuracy, evaluation.RootElement.GetProperty("test_accuracy").GetDouble(), 12);
        Assert.Equal(30, evaluation.RootElement.GetProperty("samples").GetInt32());
    }

    [Fact]
    public void Squared_error_losses_are_stored_and_used_again_by_evaluate()
    {
        using var folder = new TempFolder();
        var losses = new Dictionary<string, double>();
        foreach (var loss in new[] { "mse", "half-sse" })
        {
            string run = Path.Combine(folder.Path, loss);
            var (code, _, error) = Run("train", "--dataset", "iris", "--model", "4-8-3:sigmoid,output=sigmoid", "--loss", loss, "--optimizer", "sgd",
                "--lr", "0.1", "--epochs", "2", "--seed", "3", "--threads", "1", "--out", run);
            Assert.True(code == 0, error);
            using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
            double trained = metrics.RootElement.GetProperty("epochs").EnumerateArray().Last().GetProperty("test_loss").GetDouble();
            var (evalCode, evalOutput, evalError) = Run("evaluate", "--checkpoint", Path.Combine(run, "model.safetensors"), "--json");
            Assert.True(evalCode == 0, evalError);
            using var evaluation = JsonDocument.Parse(evalOutput);
            Assert.Equal(trained, evaluation.RootElement.GetProperty("test_loss").GetDouble(), 5);
            losses[loss] = trained;
        }
        // Half the sum over three outputs is 1.5x the mean over them; the models differ after training
        // (half-sse takes 1.5x larger steps), so only the scale is checked.
        Assert.InRange(losses["half-sse"] / losses["mse"], 1.2, 1.8);
    }

    [Fact]
    public void Predict_applies_the_training_preparation_to_raw_samples()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, Run("train", "--dataset", "iris", "--epochs", "40", "--lr", "0.01", "--threads", "1", "--out", folder.Path).Code);
        // Raw measurements (cm) of a typical setosa, versicolor and virginica from Fisher's table: the model saw them standardized.
        File.WriteAllText(folder.File("raw.csv"), "sepal_length,sepal_width,petal_length,petal_width\n5.0,3.4,1.5,0.2\n5.9,2.8,4.3,1.3\n6.9,3.1,5.8,2.2\n");
        var (code, output, error) = Run("predict", "--checkpoint", folder.File("model.safetensors"), "--input", folder.File("raw.csv"));
        Assert.True(code == 0, error);
        var rows = output.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(["\"setosa\"", "\"versicolor\"", "\"virginica\""], rows.Select(r => r[2]));
        Assert.All(rows, r => Assert.InRange(double.Parse(r[3], CultureInfo.InvariantCulture), 0.34, 1.0));

        var (fileCode, fileOutput, _) = Run("predict", "--checkpoint", folder.File("model.safetensors"), "--input", folder.File("raw.csv"), "--output", folder.File("p.csv"));
        Assert.Equal(0, fileCode);
        Assert.Contains("3 predictions", fileOutput);
        Assert.Equal(output.Trim(), File.ReadAllText(folder.File("p.csv")).Trim());
    }

    [Fact]
    public void Resume_continues_exactly_where_the_first_run_stopped()
    {
        using var folder = new TempFolder();
        string[] common = ["train", "--dataset", "digits", "--model", "64-24-10:relu,dropout=0.1", "--optimizer", "adam", "--threads", "2", "--seed", "4", "--schedule", "warmup:1+cosine"];
        Assert.Equal(0, Run([.. common, "--epochs", "3", "--out", Path.Combine(folder.Path, "straight")]).Code);
        Assert.Equal(0, Run([.. common, "--epochs", "3", "--steps", "46", "--out", Path.Combine(folder.Path, "first")]).Code);
        var (code, output, error) = Run([.. common, "--epochs", "3", "--resume", Path.Combine(folder.Path, "first", "model.safetensors"), "--out", Path.Combine(folder.Path, "resumed")]);
        Assert.True(code == 0, error);
        Assert.Contains("Resumed after epoch 2", output);
        var straight = SafeTensorsFile.Read(Path.Combine(folder.Path, "straight", "model.safetensors")).Tensors;
        var resumed = SafeTensorsFile.Read(Path.Combine(folder.Path, "resumed", "model.safetensors")).Tensors;
        foreach (var name in straight.Keys.Where(k => k.StartsWith("model/", StringComparison.Ordinal)))
            Assert.Equal(straight[name].Cast<float>().ToArray(), resumed[name].Cast<float>().ToArray());
    }

    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--dataset", "mnist")]
    [InlineData("--optimizer", "newton")]
    [InlineData("--model", "64-x-10")]
    [InlineData("--model", "65-32-10:relu")]
    [InlineData("--model", "64-32-9:relu")]
    [InlineData("--lr", "-1")]
    [InlineData("--schedule", "zigzag")]
    [InlineData("--schedule", "onecycle:1.5")]
    [InlineData("--optimizer", "adam", "--momentum", "0.9")]
    [InlineData("--label-smoothing", "1")]
    [InlineData("--image-size", "14")]
    [InlineData("--batch-size", "many")]
    public void Bad_options_print_usage_and_exit_with_2(params string[] args)
    {
        var (code, _, error) = Run(["train", .. args]);
        Assert.Equal(2, code);
        Assert.Contains("error:", error);
        Assert.Contains("Usage:", error);
        Assert.Contains("deepmath train [options]", error);
    }

    [Fact]
    public void Divergence_names_epoch_batch_and_parameter_and_keeps_the_last_good_checkpoint()
    {
        using var folder = new TempFolder();
        // From the second epoch the learning rate is 0.1 x 1e40, beyond float's range: the weights become infinite.
        var (code, _, error) = Run("train", "--dataset", "digits", "--optimizer", "sgd", "--lr", "0.1", "--epochs", "3", "--schedule", "multistep:1:1e40", "--threads", "1", "--out", folder.Path);
        Assert.Equal(1, code);
        Assert.Contains("Training diverged at epoch 2, batch 2", error);
        Assert.Contains("'0.weight'", error);
        Assert.Contains("last good checkpoint", error);
        var kept = SafeTensorsFile.Read(folder.File("model.safetensors"));
        Assert.Equal("1", kept.Metadata["epoch"]);
    }

    [Fact]
    public void Missing_data_and_corrupt_checkpoints_fail_with_a_clear_message()
    {
        using var folder = new TempFolder();
        var (code, _, error) = Run("train", "--dataset", "fashion-mnist", "--data", folder.Path);
        Assert.Equal(1, code);
        Assert.Contains("apt-get install dataset-fashion-mnist", error);

        File.WriteAllBytes(folder.File("broken.safetensors"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        var (evalCode, _, evalError) = Run("evaluate", "--checkpoint", folder.File("broken.safetensors"));
        Assert.Equal(1, evalCode);
        Assert.Contains(folder.File("broken.safetensors"), evalError);

        var (missingCode, _, missingError) = Run("predict", "--checkpoint", folder.File("absent.safetensors"), "--input", folder.File("x.npy"));
        Assert.Equal(1, missingCode);
        Assert.Contains("absent.safetensors", missingError);
    }

    [Fact]
    public void Diabetes_trains_a_regression_with_r2_rmse_charts_and_evaluate_and_predict_agree()
    {
        using var folder = new TempFolder();
        var (code, output, error) = Run("train", "--dataset", "diabetes", "--epochs", "30", "--threads", "1", "--out", folder.Path, "--json");
        Assert.True(code == 0, error);
        using var summary = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        double r2 = summary.RootElement.GetProperty("test_r2").GetDouble(), rmse = summary.RootElement.GetProperty("test_rmse").GetDouble();
        Assert.InRange(r2, 0.35, 0.7);
        Assert.InRange(rmse, 40, 70); // in the target's units (disease progression, 25-346)
        foreach (var svg in new[] { "loss.svg", "r2.svg", "predictions.svg" })
            Assert.Equal("svg", XDocument.Load(folder.File(svg)).Root!.Name.LocalName);
        Assert.False(File.Exists(folder.File("confusion.svg")));
        using (var metrics = JsonDocument.Parse(File.ReadAllText(folder.File("metrics.json"))))
        {
            Assert.Equal("regression", metrics.RootElement.GetProperty("task").GetString());
            Assert.Equal(r2, metrics.RootElement.GetProperty("final").GetProperty("test_r2").GetDouble(), 12);
            Assert.True(metrics.RootElement.GetProperty("epochs")[0].GetProperty("test_metrics").TryGetProperty("rmse", out _));
        }

        var (evalCode, evalOutput, evalError) = Run("evaluate", "--checkpoint", folder.File("model.safetensors"), "--json");
        Assert.True(evalCode == 0, evalError);
        using (var evaluation = JsonDocument.Parse(evalOutput))
            Assert.Equal(r2, evaluation.RootElement.GetProperty("test_r2").GetDouble(), 6);

        File.WriteAllText(folder.File("raw.csv"), "59,2,32.1,101,157,93.2,38,4,4.8598,87\n48,1,21.6,87,183,103.2,70,3,3.8918,69\n");
        var (predictCode, predictOutput, predictError) = Run("predict", "--checkpoint", folder.File("model.safetensors"), "--input", folder.File("raw.csv"));
        Assert.True(predictCode == 0, predictError);
        var lines = predictOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("index,prediction", lines[0]);
        // The first patient (target 151) is predicted above the second (target 75), in the target's units.
        double first = double.Parse(lines[1].Split(',')[1], CultureInfo.InvariantCulture), second = double.Parse(lines[2].Split(',')[1], CultureInfo.InvariantCulture);
        Assert.InRange(first, 25, 346);
        Assert.True(first > second, $"{first} vs {second}");
    }

    [Fact]
    public void A_classification_loss_for_a_regression_set_is_a_usage_error()
    {
        var (code, _, error) = Run("train", "--dataset", "diabetes", "--loss", "cross-entropy");
        Assert.Equal(2, code);
        Assert.Contains("does not apply to diabetes", error, StringComparison.Ordinal);
        var (labelCode, _, labelError) = Run("train", "--dataset", "diabetes", "--label-smoothing", "0.1", "--epochs", "1");
        Assert.Equal(2, labelCode);
        Assert.Contains("classification only", labelError, StringComparison.Ordinal);
    }
}

public class EpochLineWrapTests
{
    [Theory]
    [InlineData(80)]
    [InlineData(40)]
    [InlineData(200)]
    public void Epoch_lines_under_live_progress_bars_fit_the_terminal_and_keep_every_piece(int width)
    {
        const string line = "epoch 12: train loss 0.1234, train accuracy 97.50 %, test loss 0.2345, test accuracy 95.00 %, lr 0.001, 0.53 s (2,271 samples/s)";
        var lines = DeepMath.Cli.Training.ConsoleProgress.Wrap(line, width);
        Assert.All(lines, l => Assert.True(l.Length < width, $"'{l}' is {l.Length} wide"));
        Assert.Equal(line, string.Join(" ", lines.Select(l => l.Trim())));
        Assert.Equal(width >= line.Length + 1 ? 1 : lines.Count, lines.Count);
    }
}
