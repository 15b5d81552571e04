using System.CommandLine;
using System.Globalization;
using DeepMath.Cli.Training;
using DeepMath.Data.Datasets;
using DeepMath.Neural;
using DeepMath.Neural.Training;
using DeepMath.Tensors;

namespace DeepMath.Cli.Commands;

/// <summary><c>deepmath evaluate</c>: a saved model's metrics on its data set's test part.</summary>
public static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A model.safetensors written by deepmath train.", Required = true };
        var data = new Option<string?>("--data") { Description = "Folder with the Fashion-MNIST IDX files, if the model was trained on it." };
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON." };
        var command = new Command("evaluate", "Evaluate a saved model on the test part of the data set it was trained on.") { checkpoint, data, json };
        command.SetAction(r =>
        {
            var output = r.InvocationConfiguration.Output;
            var saved = CommandRunner.LoadCheckpoint(r.GetValue(checkpoint)!);
            var restored = CheckpointModel.Load(saved);
            string name = saved.Require("dataset");
            ulong seed = CheckpointModel.Number(saved, "dataset.seed", ulong.MinValue, ulong.MaxValue);
            string lossName = saved.Metadata.GetValueOrDefault("loss") ?? (restored.IsRegression ? "mse" : "cross-entropy");
            if (restored.IsRegression)
            {
                if (!LossChoice.RegressionNames.Contains(lossName)) throw new FormatException($"{r.GetValue(checkpoint)}: unknown loss '{lossName}' in the metadata.");
                var split = BuiltInDatasets.LoadRegression<float>(name, seed);
                double scale = double.CreateTruncating(restored.TargetScaler!.Std.Reshape(-1)[0]);
                var evaluation = new Evaluator<float, float>(restored.Model, LossChoice.CreateRegression(lossName), [new RegressionMetric<float>(scale)]).Evaluate(split.Test);
                var v = evaluation.Metrics;
                output.WriteLine(r.GetValue(json)
                    ? string.Create(CultureInfo.InvariantCulture,
                        $"{{\"dataset\":\"{split.Name}\",\"samples\":{split.Test.Count},\"test_r2\":{v["r2"]:R},\"test_rmse\":{v["rmse"]:R},\"test_mae\":{v["mae"]:R},\"test_loss\":{evaluation.Loss:R}}}")
                    : string.Create(CultureInfo.InvariantCulture,
                        $"{split.Name} test part ({split.Test.Count:N0} samples): R² {v["r2"]:F4}, RMSE {v["rmse"]:G5}, MAE {v["mae"]:G5} (in the target's units), loss {evaluation.Loss:F4}"));
                return 0;
            }
            var dataset = BuiltInDatasets.Load<float>(name, r.GetValue(data), seed,
                imageSize: CheckpointModel.Number(saved, "dataset.image_size", 14, 28));
            var classes = restored.Classes;
            if (!LossChoice.Names.Contains(lossName)) throw new FormatException($"{r.GetValue(checkpoint)}: unknown loss '{lossName}' in the metadata.");
            var loss = new DelegateLoss<float, long>(lossName, LossChoice.Create(lossName, classes.Count));
            var result = new ClassificationEvaluator<float>(restored.Model, loss).Evaluate(dataset.Test);
            var m = result.Details;
            if (r.GetValue(json))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"dataset\":\"{dataset.Name}\",\"samples\":{m.Count},\"test_accuracy\":{m.Accuracy:R},\"test_loss\":{result.Loss:R},\"matthews_correlation\":{m.MatthewsCorrelation:R},\"macro_f1\":{m.MacroF1:R}}}"));
                return 0;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{dataset.Name} test part ({m.Count:N0} samples): accuracy {m.Accuracy:P2}, loss {result.Loss:F4}, Matthews correlation {m.MatthewsCorrelation:F4}, macro F1 {m.MacroF1:F4}"));
            for (int c = 0; c < classes.Count; c++)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {classes[c],-12} precision {m.Precision[c]:F3}  recall {m.Recall[c]:F3}  F1 {m.F1[c]:F3}"));
            return 0;
        });
        return command;
    }
}
