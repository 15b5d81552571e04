using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using DeepMath.Data;
using DeepMath.Optimization;
using DeepMath.Tensors;

namespace DeepMath.Neural.Training;

/// <summary>
/// Everything a resumed run needs, to and from a <see cref="Checkpoint"/>: the model's parameters and
/// buffers ("model/"), the optimizer's buffers ("optimizer/"), and metadata: counters, the positions
/// of every random generator (the loader's and each <see cref="IStochasticModule"/>'s), the schedule
/// and early-stopping state and the history. Structured entries are JSON objects. Checkpoints of the
/// earlier "key=value;..." form are still read.
/// </summary>
internal sealed class TrainingState<T>(Module<T> model, Optimizer<T> optimizer, TrainerSettings settings, RandomGenerator loaderGenerator)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public Checkpoint Capture(int epoch, long steps, IReadOnlyList<EpochRecord> history,
        IReadOnlyDictionary<string, ITensor>? extraTensors, IReadOnlyDictionary<string, string>? extraMetadata)
    {
        var tensors = new Dictionary<string, ITensor>(StringComparer.Ordinal);
        foreach (var (name, p) in model.StateDictionary()) tensors["model/" + name] = p.Detach();
        var optimizerState = optimizer.GetState();
        foreach (var (key, value) in optimizerState.Buffers) tensors["optimizer/" + key] = value;
        if (extraTensors is not null)
            foreach (var (key, value) in extraTensors) tensors[key] = value;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = Checkpoint.Format,
            ["dtype"] = DTypes.NumPyName(DTypes.Of<T>()),
            ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
            ["steps"] = steps.ToString(CultureInfo.InvariantCulture),
            ["optimizer"] = optimizer.Name,
            ["optimizer.steps"] = optimizerState.Step.ToString(CultureInfo.InvariantCulture),
            ["optimizer.parameter_steps"] = JsonObject(optimizerState.ParameterSteps.Select(kv => (kv.Key, (double)kv.Value))),
            ["optimizer.settings"] = JsonObject(optimizer.Settings.Select(kv => (kv.Key, kv.Value))),
            ["loader.position"] = loaderGenerator.Position.ToString(CultureInfo.InvariantCulture),
            ["random.positions"] = JsonObject(StochasticModules().Select(m => (m.Name, (double)m.Module.Generator.Position))),
            ["schedule.state"] = JsonObject((settings.Schedule?.GetState() ?? new Dictionary<string, double>()).Select(kv => (kv.Key, kv.Value))),
            ["history"] = EpochRecordJson.Write(history),
        };
        if (settings.EarlyStopping is { } es)
            metadata["early_stopping"] = JsonObject([("best", es.Best), ("best_epoch", es.BestEpoch), ("epochs_without_improvement", es.EpochsWithoutImprovement)]);
        if (extraMetadata is not null)
            foreach (var (key, value) in extraMetadata) metadata[key] = value;
        return new Checkpoint(tensors, metadata);
    }

    public void Restore(Checkpoint checkpoint)
    {
        string dtype = DTypes.NumPyName(DTypes.Of<T>());
        if (checkpoint.Metadata.GetValueOrDefault("dtype") is { } saved && saved != dtype)
            throw new InvalidOperationException($"The checkpoint holds {saved} parameters; this trainer uses {dtype}.");
        if (checkpoint.Metadata.GetValueOrDefault("optimizer") is { } savedOptimizer && savedOptimizer != optimizer.Name)
            throw new InvalidOperationException($"The checkpoint was written with the optimizer '{savedOptimizer}'; this run uses '{optimizer.Name}'.");
        model.LoadStateDictionary(checkpoint.Section<T>("model/"));
        long optimizerSteps = long.Parse(checkpoint.Require("optimizer.steps"), CultureInfo.InvariantCulture);
        if (checkpoint.Metadata.TryGetValue("optimizer.parameter_steps", out var counts))
            optimizer.SetState(new OptimizerState<T>(checkpoint.Section<T>("optimizer/"), optimizerSteps,
                Numbers(counts, "optimizer.parameter_steps").ToDictionary(kv => kv.Key, kv => (long)kv.Value, StringComparer.Ordinal)));
        else optimizer.SetState(checkpoint.Section<T>("optimizer/"), optimizerSteps);
        loaderGenerator.Position = long.Parse(checkpoint.Require("loader.position"), CultureInfo.InvariantCulture);
        var positions = checkpoint.Metadata.TryGetValue("random.positions", out var random) ? Numbers(random, "random.positions")
            : Numbers(checkpoint.Metadata.GetValueOrDefault("dropout.positions", ""), "dropout.positions");
        foreach (var (name, module) in StochasticModules())
            if (positions.TryGetValue(name, out var position)) module.Generator.Position = (long)position;
        if (settings.Schedule is { } schedule && Numbers(checkpoint.Metadata.GetValueOrDefault("schedule.state", ""), "schedule.state") is { Count: > 0 } state)
            schedule.SetState(state);
        if (settings.EarlyStopping is { } es && checkpoint.Metadata.GetValueOrDefault("early_stopping", "") is { Length: > 0 } text)
            RestoreEarlyStopping(es, text);
    }

    private IEnumerable<(string Name, IStochasticModule Module)> StochasticModules()
        => model.NamedModules().Where(m => m.Module is IStochasticModule).Select(m => (m.Name, (IStochasticModule)m.Module));

    private static void RestoreEarlyStopping(EarlyStopping es, string text)
    {
        if (text.StartsWith('{'))
        {
            var values = Numbers(text, "early_stopping");
            if (values.TryGetValue("best", out var best) && values.TryGetValue("best_epoch", out var bestEpoch)
                && values.TryGetValue("epochs_without_improvement", out var waited))
            {
                es.Restore(best, (int)bestEpoch, (int)waited);
                return;
            }
        }
        else
        {
            var parts = text.Split(';');
            if (parts.Length == 3 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var best)
                && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var bestEpoch) && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var waited))
            {
                es.Restore(best, bestEpoch, waited);
                return;
            }
        }
        throw new InvalidOperationException($"The checkpoint's early-stopping state '{text}' is malformed.");
    }

    /// <summary>A JSON object of named numbers (non-finite values as strings "NaN", "Infinity", "-Infinity").</summary>
    internal static string JsonObject(IEnumerable<(string Name, double Value)> entries)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            foreach (var (name, value) in entries)
            {
                if (double.IsFinite(value)) w.WriteNumber(name, value);
                else w.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Named numbers from a JSON object, or from the earlier "name=value;..." form.</summary>
    /// <exception cref="InvalidOperationException">The text is neither (names the metadata key).</exception>
    internal static Dictionary<string, double> Numbers(string text, string key)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (text.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                foreach (var property in document.RootElement.EnumerateObject())
                    result[property.Name] = property.Value.ValueKind == JsonValueKind.String
                        ? double.Parse(property.Value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
                        : property.Value.GetDouble();
                return result;
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw new InvalidOperationException($"The checkpoint's metadata '{key}' is not a JSON object of numbers ({e.Message}).", e);
            }
        }
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2 && double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) result[kv[0]] = v;
            else throw new InvalidOperationException($"The checkpoint's metadata '{key}' has a malformed entry '{pair}'.");
        }
        return result;
    }
}
