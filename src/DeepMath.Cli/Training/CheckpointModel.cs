using System.Globalization;
using System.Text.Json;
using DeepMath.Data.Datasets;
using DeepMath.Neural;
using DeepMath.Neural.Layers;
using DeepMath.Neural.Training;
using DeepMath.Tensors;

namespace DeepMath.Cli.Training;

/// <summary>A model rebuilt from a checkpoint with everything needed to use it on raw data.</summary>
/// <param name="Model">The network, weights loaded, in evaluation mode.</param>
/// <param name="Preparation">How raw features become inputs.</param>
/// <param name="Classes">Class names (classification; empty for regression).</param>
/// <param name="TargetScaler">How targets were standardized (regression; null for classification).</param>
public sealed record SavedModel(Sequential<float> Model, FeaturePreparation<float> Preparation, IReadOnlyList<string> Classes, Standardizer<float>? TargetScaler)
{
    /// <summary>Raw features per sample the model takes before preparation (784 for 2x2 block means of 28x28 images).</summary>
    public int RawFeatures { get; init; }

    /// <summary>True for a regression model.</summary>
    public bool IsRegression => TargetScaler is not null;
}

/// <summary>
/// What a checkpoint written by <c>deepmath train</c> carries beyond weights: the model specification,
/// the data set and task, how its features (and, for regression, targets) were prepared, so
/// <c>evaluate</c> and <c>predict</c> can rebuild everything from the file alone.
/// </summary>
public static class CheckpointModel
{
    /// <summary>Metadata and tensors describing the run, stored in every checkpoint.</summary>
    /// <param name="spec">The model specification.</param>
    /// <param name="dataset">The data set's name.</param>
    /// <param name="classes">Class names for classification, null for regression.</param>
    /// <param name="preparation">The feature preparation.</param>
    /// <param name="targetScaler">The target standardization for regression, null for classification.</param>
    /// <param name="seed">The split seed.</param>
    /// <param name="imageSize">Fashion-MNIST's image size.</param>
    /// <param name="loss">The loss's name.</param>
    public static (Dictionary<string, ITensor> Tensors, Dictionary<string, string> Metadata) Describe(ModelSpec spec, string dataset,
        IReadOnlyList<string>? classes, FeaturePreparation<float> preparation, Standardizer<float>? targetScaler, ulong seed, int imageSize, string loss)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(preparation);
        var tensors = new Dictionary<string, ITensor>(StringComparer.Ordinal);
        if (preparation.Standardizer is { } s)
        {
            tensors["prep/mean"] = s.Mean;
            tensors["prep/std"] = s.Std;
        }
        if (targetScaler is not null)
        {
            tensors["prep/target_mean"] = targetScaler.Mean;
            tensors["prep/target_std"] = targetScaler.Std;
        }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model.spec"] = spec.ToJson(),
            ["task"] = classes is null ? "regression" : "classification",
            ["dataset"] = dataset,
            ["dataset.seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["dataset.image_size"] = imageSize.ToString(CultureInfo.InvariantCulture),
            ["classes"] = JsonSerializer.Serialize(classes?.ToArray() ?? [], CliJson.Default.StringArray),
            ["loss"] = loss,
            ["prep.divisor"] = preparation.Divisor.ToString("R", CultureInfo.InvariantCulture),
            ["prep.block_mean"] = preparation.BlockMean ? "true" : "false",
            ["prep.description"] = preparation.Description,
        };
        return (tensors, metadata);
    }

    /// <summary>
    /// Rebuilds the trained model (weights loaded, evaluation mode) and its preparation. The
    /// specification is checked against the stored tensors' shapes before anything is allocated, so a
    /// small file cannot make it build a huge network.
    /// </summary>
    /// <exception cref="FormatException">The checkpoint was not written by deepmath train, or its parts disagree (named in the message).</exception>
    public static SavedModel Load(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!checkpoint.Metadata.TryGetValue("model.spec", out var specText))
            throw new FormatException("The checkpoint has no model specification ('model.spec'); was it written by deepmath train?");
        ModelSpec spec;
        try
        {
            spec = ModelSpec.Parse(specText);
        }
        catch (FormatException e)
        {
            throw new FormatException($"The checkpoint's model specification is invalid: {e.Message}", e);
        }
        CheckShapes(spec, checkpoint);
        var model = spec.Build<float>(new RandomGenerator(0));
        model.LoadStateDictionary(checkpoint.Section<float>("model/"));
        foreach (var (name, parameter) in model.NamedParameters())
            if (!parameter.Detach().IsFinite().All())
                throw new FormatException($"The checkpoint's weights are not all finite ('model/{name}' holds NaN or infinity): the training that wrote it diverged, or the file is damaged.");
        model.Eval();
        var preparation = new FeaturePreparation<float>(
            double.Parse(checkpoint.Metadata.GetValueOrDefault("prep.divisor", "1"), CultureInfo.InvariantCulture),
            checkpoint.Metadata.GetValueOrDefault("prep.block_mean", "false") == "true", Scaler(checkpoint, "prep/mean", "prep/std"),
            checkpoint.Metadata.GetValueOrDefault("prep.description", ""));
        var targetScaler = checkpoint.Metadata.GetValueOrDefault("task") == "regression"
            ? Scaler(checkpoint, "prep/target_mean", "prep/target_std") ?? throw new FormatException("The regression checkpoint lacks its target scaling ('prep/target_mean', 'prep/target_std').")
            : null;
        return new SavedModel(model, preparation, Classes(checkpoint.Metadata.GetValueOrDefault("classes", "")), targetScaler)
        {
            RawFeatures = preparation.BlockMean ? 784 : spec.Inputs,
        };
    }

    /// <summary>Every linear layer of the specification must find its weight (and bias) stored with the same shape.</summary>
    private static void CheckShapes(ModelSpec spec, Checkpoint checkpoint)
    {
        int index = 0;
        foreach (var layer in spec.Layers)
        {
            if (layer.Type == "linear")
            {
                CheckShape(checkpoint, $"model/{index}.weight", [layer.Inputs, layer.Outputs]);
                if (layer.Bias) CheckShape(checkpoint, $"model/{index}.bias", [layer.Outputs]);
            }
            index++;
        }
        var classes = checkpoint.Metadata.GetValueOrDefault("task") == "regression" ? [] : Classes(checkpoint.Metadata.GetValueOrDefault("classes", ""));
        if (classes.Length > 0 && classes.Length != spec.Outputs)
            throw new FormatException($"The checkpoint names {classes.Length} classes but its model has {spec.Outputs} outputs.");
    }

    private static void CheckShape(Checkpoint checkpoint, string name, int[] expected)
    {
        if (!checkpoint.Tensors.TryGetValue(name, out var stored))
            throw new FormatException($"The checkpoint's model specification needs '{name}' of shape {Shape.Format(expected)}, which is not stored.");
        if (!stored.Shape.AsSpan().SequenceEqual(expected))
            throw new FormatException($"The checkpoint's model specification needs '{name}' of shape {Shape.Format(expected)}, but the stored tensor has shape {stored.Shape}.");
    }

    /// <summary>A whole number from the checkpoint's metadata, or an error naming the key and the value.</summary>
    /// <exception cref="FormatException">The key is missing or its value is not a whole number in range.</exception>
    public static T Number<T>(Checkpoint checkpoint, string key, T min, T max) where T : System.Numerics.IBinaryInteger<T>
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!checkpoint.Metadata.TryGetValue(key, out var text))
            throw new FormatException($"The checkpoint has no metadata '{key}'; was it written by deepmath train?");
        if (!T.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new FormatException($"The checkpoint's metadata '{key}' is '{text}', not a whole number from {min} to {max}.");
        return value;
    }

    private static Standardizer<float>? Scaler(Checkpoint checkpoint, string mean, string std)
    {
        if (!checkpoint.Tensors.TryGetValue(mean, out var m) || !checkpoint.Tensors.TryGetValue(std, out var s)) return null;
        var means = m.Cast<float>();
        var deviations = s.Cast<float>();
        if (means.ToArray().Any(v => !float.IsFinite(v)) || deviations.ToArray().Any(v => !(v > 0) || !float.IsFinite(v)))
            throw new FormatException($"The checkpoint's feature scaling ('{mean}', '{std}') must hold finite means and positive, finite standard deviations.");
        return new Standardizer<float>(means, deviations);
    }

    /// <summary>A JSON array of names, or the earlier unit-separator-joined form.</summary>
    private static string[] Classes(string text)
    {
        if (!text.StartsWith('[')) return text.Length == 0 ? [] : text.Split('\u001f');
        try
        {
            return JsonSerializer.Deserialize(text, CliJson.Default.StringArray) ?? [];
        }
        catch (JsonException e)
        {
            throw new FormatException($"The checkpoint's class list is not a JSON array of names ({e.Message}).", e);
        }
    }
}
