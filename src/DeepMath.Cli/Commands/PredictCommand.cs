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
        var command = new Command("predict", "Predict classes for raw samples with a saved model.") { checkpoint, input, outputFile };
        command.SetAction(r =>
        {
            var output = r.InvocationConfiguration.Output;
            var (model, preparation, classes) = CheckpointModel.Load(Checkpoint.Load(r.GetValue(checkpoint)!));
            string path = r.GetValue(input)!;
            var raw = Read(path);
            var features = raw.Rank > 2 ? raw.Reshape(raw.Shape[0], -1) : raw.Rank == 1 ? raw.Reshape(1, -1) : raw;
            Tensor<float> probabilities;
            using (Autograd.NoGrad()) probabilities = model.Forward(preparation.Apply(features)).Softmax(1);
            var predicted = probabilities.ArgMax(1).AsSpan().ToArray();
            var text = new StringBuilder("index,class,name,probability\n");
            for (int i = 0; i < predicted.Length; i++)
                text.Append(string.Create(CultureInfo.InvariantCulture, $"{i},{predicted[i]},\"{classes[(int)predicted[i]].Replace("\"", "\"\"", StringComparison.Ordinal)}\",{probabilities[i, (int)predicted[i]]:R}\n"));
            if (r.GetValue(outputFile) is { } target)
            {
                AtomicFile.WriteAllText(target, text.ToString());
                output.WriteLine($"wrote {predicted.Length:N0} predictions to {target}");
            }
            else output.Write(text.ToString());
            return 0;
        });
        return command;
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
