using System.Globalization;
using DeepMath.Data.Datasets;
using DeepMath.Neural;
using DeepMath.Neural.Layers;
using DeepMath.Neural.Training;
using DeepMath.Tensors;

namespace DeepMath.Cli.Training;

/// <summary>
/// What a checkpoint written by <c>deepmath train</c> carries beyond weights: the model specification,
/// the data set and how its features were prepared, so <c>evaluate</c> and <c>predict</c> can rebuild
/// everything from the file alone.
/// </summary>
public static class CheckpointModel
{
    /// <summary>Metadata and tensors describing the run, stored in every checkpoint.</summary>
    public static (Dictionary<string, ITensor> Tensors, Dictionary<string, string> Metadata) Describe(
        ModelSpec spec, DatasetSplit<float> data, ulong seed, int imageSize, string loss)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        var tensors = new Dictionary<string, ITensor>(StringComparer.Ordinal);
        var p = data.Preparation;
        if (p.Standardizer is { } s)
        {
            tensors["prep/mean"] = s.Mean;
            tensors["prep/std"] = s.Std;
        }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model.spec"] = spec.ToJson(),
            ["dataset"] = data.Name,
            ["dataset.seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["dataset.image_size"] = imageSize.ToString(CultureInfo.InvariantCulture),
            ["classes"] = string.Join("\u001f", data.Train.ClassNames),
            ["loss"] = loss,
            ["prep.divisor"] = p.Divisor.ToString("R", CultureInfo.InvariantCulture),
            ["prep.block_mean"] = p.BlockMean ? "true" : "false",
            ["prep.description"] = p.Description,
        };
        return (tensors, metadata);
    }

    /// <summary>Rebuilds the trained model (weights loaded, evaluation mode) and its feature preparation.</summary>
    /// <exception cref="FormatException">The checkpoint was not written by deepmath train.</exception>
    public static (Sequential<float> Model, FeaturePreparation<float> Preparation, IReadOnlyList<string> Classes) Load(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!checkpoint.Metadata.TryGetValue("model.spec", out var specText))
            throw new FormatException("The checkpoint has no model specification ('model.spec'); was it written by deepmath train?");
        var model = ModelSpec.Parse(specText).Build<float>(new RandomGenerator(0));
        model.LoadStateDictionary(checkpoint.Section<float>("model/"));
        model.Eval();
        var standardizer = checkpoint.Tensors.TryGetValue("prep/mean", out var mean) && checkpoint.Tensors.TryGetValue("prep/std", out var std)
            ? new Standardizer<float>(mean.Cast<float>(), std.Cast<float>()) : null;
        var preparation = new FeaturePreparation<float>(
            double.Parse(checkpoint.Metadata.GetValueOrDefault("prep.divisor", "1"), CultureInfo.InvariantCulture),
            checkpoint.Metadata.GetValueOrDefault("prep.block_mean", "false") == "true", standardizer,
            checkpoint.Metadata.GetValueOrDefault("prep.description", ""));
        var classes = checkpoint.Metadata.GetValueOrDefault("classes", "").Split('\u001f');
        return (model, preparation, classes);
    }
}
