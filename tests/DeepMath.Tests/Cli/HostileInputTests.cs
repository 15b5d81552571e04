using System.CommandLine;
using DeepMath.Cli;
using DeepMath.Cli.Commands;
using DeepMath.Data.SafeTensors;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Cli;

/// <summary>Issue 14's defects in the command line: each mistake or malformed file gets a message in the user's terms, never a crash.</summary>
[Collection(SerialCollection.Name)]
public class HostileInputTests
{
    private static (int Code, string Output, string Error) Run(params string[] args) => CliHarness.Run(args);

    private static string TrainIris(TempFolder folder)
    {
        var (code, _, error) = Run("train", "--dataset", "iris", "--epochs", "2", "--threads", "1", "--out", folder.Path);
        Assert.True(code == 0, error);
        return folder.File("model.safetensors");
    }

    /// <summary>The checkpoint with one metadata entry replaced, and optionally one tensor.</summary>
    private static string Tampered(TempFolder folder, string source, string key, string value, (string Name, ITensor Tensor)? tensor = null)
    {
        var content = SafeTensorsFile.Read(source);
        var metadata = content.Metadata.ToDictionary(kv => kv.Key, kv => kv.Value);
        metadata[key] = value;
        var tensors = content.Tensors.ToDictionary(kv => kv.Key, kv => kv.Value);
        if (tensor is { } t) tensors[t.Name] = t.Tensor;
        var path = folder.File($"tampered-{Guid.NewGuid():N}.safetensors");
        SafeTensorsFile.Write(path, tensors, metadata);
        return path;
    }

    [Theory]
    [InlineData("dataset.seed", "-1", "'dataset.seed' is '-1'")]
    [InlineData("dataset.seed", "99999999999999999999999", "'dataset.seed'")]
    [InlineData("dataset.image_size", "100000000000", "'dataset.image_size'")]
    [InlineData("classes", "[\"a\",\"b\",\"c\",\"d\"]", "4 classes but its model has 3 outputs")]
    public void Bad_checkpoint_metadata_is_an_error_naming_the_key_not_a_crash(string key, string value, string expected)
    {
        using var folder = new TempFolder();
        var path = Tampered(folder, TrainIris(folder), key, value);
        var (code, output, error) = Run("evaluate", "--checkpoint", path);
        Assert.Equal(1, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public void A_specification_larger_than_the_stored_weights_is_refused_before_anything_is_built()
    {
        using var folder = new TempFolder();
        var path = Tampered(folder, TrainIris(folder), "model.spec", "4-20000-20000-3:relu");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var (code, _, error) = Run("evaluate", "--checkpoint", path);
        Assert.Equal(1, code);
        Assert.Contains("'model/0.weight' of shape (4, 20000)", error, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000_000, "nothing of the 1.6 GB network was allocated");
    }

    [Fact]
    public void Command_line_mistakes_speak_of_options_and_files()
    {
        var (code, _, error) = Run("train", "--epochs", "abc");
        Assert.Equal(2, code);
        Assert.Contains("'--epochs' as a whole number", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);

        foreach (var subset in new[] { "--train-subset", "--test-subset" })
            foreach (var bad in new[] { "0", "-5" })
            {
                var (c, _, e) = Run("train", "--dataset", "iris", subset, bad);
                Assert.Equal(2, c);
                Assert.Contains($"{subset} must be at least 1", e, StringComparison.Ordinal);
            }

        using var folder = new TempFolder();
        var (folderCode, _, folderError) = Run("evaluate", "--checkpoint", folder.Path);
        Assert.Equal(2, folderCode);
        Assert.Contains("is a folder", folderError, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_folder_problems_are_found_before_training()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("taken"), "x");
        var (code, output, error) = Run("train", "--dataset", "iris", "--epochs", "1", "--out", folder.File("taken"));
        Assert.Equal(2, code);
        Assert.Contains("is a file", error, StringComparison.Ordinal);
        Assert.DoesNotContain("epoch 1", output, StringComparison.Ordinal);
        var (emptyCode, _, emptyError) = Run("train", "--dataset", "iris", "--epochs", "1", "--out", " ");
        Assert.Equal(2, emptyCode);
        Assert.Contains("--out needs a folder name", emptyError, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_names_the_feature_counts()
    {
        using var folder = new TempFolder();
        var model = TrainIris(folder);
        File.WriteAllText(folder.File("three.csv"), "5.1,3.5,1.4\n6.2,2.9,4.3\n");
        var (code, _, error) = Run("predict", "--checkpoint", model, "--input", folder.File("three.csv"));
        Assert.Equal(1, code);
        Assert.Contains("expects 4 features per sample", error, StringComparison.Ordinal);
        Assert.Contains("has 3", error, StringComparison.Ordinal);
    }
}

[Collection(SerialCollection.Name)]
public class ResumeSettingsTests
{
    private static (int Code, string Output, string Error) Run(params string[] args) => CliHarness.Run(args);

    [Fact]
    public void Resuming_with_a_changed_setting_or_no_more_epochs_is_refused_naming_it()
    {
        using var folder = new TempFolder();
        string[] common = ["train", "--dataset", "iris", "--threads", "1", "--seed", "3", "--lr", "0.01"];
        var (code, _, error) = Run([.. common, "--epochs", "2", "--out", folder.Path]);
        Assert.True(code == 0, error);
        var checkpoint = folder.File("model.safetensors");

        var (lrCode, _, lrError) = Run(["train", "--dataset", "iris", "--threads", "1", "--seed", "3", "--lr", "0.02", "--epochs", "4", "--resume", checkpoint]);
        Assert.Equal(2, lrCode);
        Assert.Contains("--lr 0.02 (the checkpoint's run used 0.01)", lrError, StringComparison.Ordinal);

        var (batchCode, _, batchError) = Run([.. common, "--batch-size", "8", "--epochs", "4", "--resume", checkpoint]);
        Assert.Equal(2, batchCode);
        Assert.Contains("--batch-size 8", batchError, StringComparison.Ordinal);

        var (fewerCode, _, fewerError) = Run([.. common, "--epochs", "2", "--resume", checkpoint]);
        Assert.Equal(2, fewerCode);
        Assert.Contains("already completed 2 epoch(s)", fewerError, StringComparison.Ordinal);

        var (okCode, okOutput, okError) = Run([.. common, "--epochs", "3", "--resume", checkpoint, "--out", folder.Path]);
        Assert.True(okCode == 0, okError);
        Assert.Contains("epoch 3:", okOutput, StringComparison.Ordinal);
    }
}

[Collection(SerialCollection.Name)]
public class NonFiniteInputTests
{
    private static (int Code, string Output, string Error) Run(params string[] args) => CliHarness.Run(args);

    [Fact]
    public void Predict_refuses_non_finite_inputs_weights_and_scaling()
    {
        using var folder = new TempFolder();
        var (code, _, error) = Run("train", "--dataset", "iris", "--epochs", "1", "--threads", "1", "--out", folder.Path);
        Assert.True(code == 0, error);
        var model = folder.File("model.safetensors");
        File.WriteAllText(folder.File("nan.csv"), "5.1,3.5,1.4,0.2\n6.2,nan,4.3,1.3\n");
        var (nanCode, nanOutput, nanError) = Run("predict", "--checkpoint", model, "--input", folder.File("nan.csv"));
        Assert.Equal(1, nanCode);
        Assert.Contains("sample 2, feature 2 is NaN", nanError, StringComparison.Ordinal);
        Assert.Empty(nanOutput);

        var content = SafeTensorsFile.Read(model);
        var tensors = content.Tensors.ToDictionary(kv => kv.Key, kv => kv.Value);
        var weight = tensors["model/0.weight"].Cast<float>().Clone();
        weight[0, 0] = float.NaN;
        tensors["model/0.weight"] = weight;
        SafeTensorsFile.Write(folder.File("nan-weights.safetensors"), tensors, content.Metadata);
        File.WriteAllText(folder.File("ok.csv"), "5.1,3.5,1.4,0.2\n");
        var (weightCode, _, weightError) = Run("predict", "--checkpoint", folder.File("nan-weights.safetensors"), "--input", folder.File("ok.csv"));
        Assert.Equal(1, weightCode);
        Assert.Contains("'model/0.weight' holds NaN", weightError, StringComparison.Ordinal);

        tensors = content.Tensors.ToDictionary(kv => kv.Key, kv => kv.Value);
        tensors["prep/std"] = Tensor.Zeros<float>(4);
        SafeTensorsFile.Write(folder.File("zero-std.safetensors"), tensors, content.Metadata);
        var (stdCode, _, stdError) = Run("predict", "--checkpoint", folder.File("zero-std.safetensors"), "--input", folder.File("ok.csv"));
        Assert.Equal(1, stdCode);
        Assert.Contains("positive, finite standard deviations", stdError, StringComparison.Ordinal);
    }
}

[Collection(SerialCollection.Name)]
public class PlainOutputTests
{
    [Fact]
    public void Info_is_plain_text_when_redirected_and_typed_json()
    {
        var (code, output, _) = CliHarness.Run("info");
        Assert.Equal(0, code);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
        var (jsonCode, json, _) = CliHarness.Run("info", "--json");
        Assert.Equal(0, jsonCode);
        using var facts = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, facts.RootElement.GetProperty("cores").ValueKind);
        Assert.True(facts.RootElement.GetProperty("fma").ValueKind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False);
    }

    [Fact]
    public void A_loss_that_grows_by_orders_of_magnitude_is_warned_about()
    {
        var (code, output, _) = TrainIris("1000000");
        Assert.Equal(0, code);
        Assert.Contains("warning: the training loss grew", output, StringComparison.Ordinal);
        var (calmCode, calmOutput, _) = TrainIris("0.01");
        Assert.Equal(0, calmCode);
        Assert.DoesNotContain("warning", calmOutput, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) TrainIris(string lr)
        => CliHarness.Run("train", "--dataset", "iris", "--lr", lr, "--epochs", "3", "--threads", "1");
}
