using System.CommandLine;
using System.Globalization;
using System.Text;
using DeepMath.Autodiff;
using DeepMath.Cli.Training;
using DeepMath.Data;
using DeepMath.Data.Csv;
using DeepMath.Data.Idx;
using DeepMath.Data.Npy;
using DeepMath.Neural.Training;
using DeepMath.Tensors;

namespace DeepMath.Cli.Commands;

/// <summary>
/// <c>deepmath predict</c>: classifies raw samples from a .npy, .csv or IDX file with a saved model,
/// applying the same feature preparation as in training (scaling, standardization, downscaling).
/// </summary>
public static class PredictCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A model.safetensors written by deepmath train.", Required = true };
        var input = new Option<string>("--input") { Description = "Raw samples: .npy ([N, features] or images [N, 28, 28]), .csv (one sample per row) or IDX images.", Required = true };
        var outputFile = new Option<string?>("--output") { Description = "Write the predictions to this CSV file (index, class, name, probability)." };
        var command = new Command("predict", "Predict classes (or, for a regression model, values) for raw samples with a saved model.") { checkpoint, input, outputFile };
        command.SetAction(r =>
        {
            var output = r.InvocationConfiguration.Output;
            var saved = CheckpointModel.Load(CommandRunner.LoadCheckpoint(r.GetValue(checkpoint)!));
            string path = r.GetValue(input)!;
            var raw = Read(path);
            var features = raw.Rank > 2 ? raw.Reshape(raw.Shape[0], -1) : raw.Rank == 1 ? raw.Reshape(1, -1) : raw;
            if (features.Shape[1] != saved.RawFeatures)
                throw new FormatException($"The model expects {saved.RawFeatures} features per sample, but {path} has {features.Shape[1]}.");
            var values = features.Contiguous().AsSpan();
            for (int i = 0; i < values.Length; i++)
                if (!float.IsFinite(values[i]))
                    throw new FormatException($"{path}: sample {i / features.Shape[1] + 1}, feature {i % features.Shape[1] + 1} is {values[i]}; the model predicts from finite values only.");
            var text = saved.IsRegression ? Values(saved, features) : Classes(saved, features);
            int predicted = features.Shape[0];
            if (r.GetValue(outputFile) is { } target)
            {
                AtomicFile.WriteAllText(target, text.ToString());
                output.WriteLine($"wrote {predicted:N0} predictions to {target}");
            }
            else output.Write(text.ToString());
            return 0;
        });
        return command;
    }

    /// <summary>index,class,name,probability per sample.</summary>
    private static StringBuilder Classes(SavedModel saved, Tensor<float> features)
    {
        Tensor<float> probabilities;
        using (Autograd.NoGrad()) probabilities = saved.Model.Forward(saved.Preparation.Apply(features)).Softmax(1);
        var predicted = probabilities.ArgMax(1).AsSpan().ToArray();
        var text = new StringBuilder("index,class,name,probability\n");
        for (int i = 0; i < predicted.Length; i++)
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{i},{predicted[i]},\"{saved.Classes[(int)predicted[i]].Replace("\"", "\"\"", StringComparison.Ordinal)}\",{probabilities[i, (int)predicted[i]]:R}\n"));
        return text;
    }

    /// <summary>index,prediction (in the target's units; one column per output) per sample.</summary>
    private static StringBuilder Values(SavedModel saved, Tensor<float> features)
    {
        Tensor<float> predictions;
        using (Autograd.NoGrad()) predictions = saved.TargetScaler!.InverseTransform(saved.Model.Forward(saved.Preparation.Apply(features)));
        int outputs = predictions.Shape[1];
        var text = new StringBuilder("index");
        for (int j = 0; j < outputs; j++) text.Append(outputs == 1 ? ",prediction" : $",prediction_{j}");
        text.Append('\n');
        for (int i = 0; i < predictions.Shape[0]; i++)
        {
            text.Append(i.ToString(CultureInfo.InvariantCulture));
            for (int j = 0; j < outputs; j++) text.Append(',').Append(predictions[i, j].ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        return text;
    }

    private static Tensor<float> Read(string path)
    {
        string lower = path.ToLowerInvariant();
        if (lower.EndsWith(".npy", StringComparison.Ordinal)) return NpyFile.Read<float>(path);
        if (lower.EndsWith(".csv", StringComparison.Ordinal) || lower.EndsWith(".csv.gz", StringComparison.Ordinal)) return CsvFile.Read(path).Values.Cast<float>();
        if (lower.Contains("idx", StringComparison.Ordinal)) return IdxFile.Read<float>(path);
        throw new UsageException($"--input '{path}': use a .npy, .csv or IDX file.");
    }
}
