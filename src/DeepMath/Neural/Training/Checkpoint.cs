using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using DeepMath.Data;
using DeepMath.Data.SafeTensors;
using DeepMath.Tensors;

namespace DeepMath.Neural.Training;

/// <summary>
/// A training checkpoint in the safetensors format: parameters under "model/", optimizer state under
/// "optimizer/", any extra tensors the caller adds (e.g. "data/mean"), and metadata strings: the
/// epoch, step counts, random-generator positions, schedule and early-stopping state and the history,
/// which together let training resume exactly where it stopped.
/// </summary>
public sealed class Checkpoint
{
    /// <summary>The format tag in the metadata.</summary>
    public const string Format = "deepmath-checkpoint-1";

    /// <summary>Creates a checkpoint from its parts.</summary>
    public Checkpoint(IReadOnlyDictionary<string, ITensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Tensors = tensors ?? throw new ArgumentNullException(nameof(tensors));
        Metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
    }

    /// <summary>All tensors by name.</summary>
    public IReadOnlyDictionary<string, ITensor> Tensors { get; }

    /// <summary>All metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The last completed epoch.</summary>
    public int Epoch => Int("epoch");

    /// <summary>Optimizer steps taken.</summary>
    public long Steps => long.Parse(Require("steps"), CultureInfo.InvariantCulture);

    /// <summary>Reads a checkpoint, checking its metadata so that a resume cannot fail half-way.</summary>
    /// <exception cref="FileFormatException">The file is malformed or not a DeepMath checkpoint (names the file and the problem).</exception>
    public static Checkpoint Load(string path) => Validate(SafeTensorsFile.Read(path), path);

    /// <summary>Reads a checkpoint from a stream; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="FileFormatException">The content is malformed or not a DeepMath checkpoint.</exception>
    public static Checkpoint Load(Stream stream, string name) => Validate(SafeTensorsFile.Read(stream, name), name);

    private static Checkpoint Validate(SafeTensorsContent content, string path)
    {
        if (!content.Metadata.TryGetValue("format", out var format) || format != Format)
            throw new FileFormatException(path, $"not a DeepMath checkpoint (metadata 'format' is '{format ?? "missing"}', expected '{Format}')");
        foreach (var key in new[] { "epoch", "steps", "loader.position", "optimizer.steps" })
        {
            if (!content.Metadata.TryGetValue(key, out var text)) throw new FileFormatException(path, $"the checkpoint lacks the metadata '{key}'");
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || (key == "epoch" && value > int.MaxValue))
                throw new FileFormatException(path, $"the metadata '{key}' is '{text}', not a non-negative integer");
        }
        var checkpoint = new Checkpoint(content.Tensors, content.Metadata);
        try
        {
            _ = checkpoint.History();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new FileFormatException(path, $"the metadata 'history' is not a valid training history ({e.Message})", inner: e);
        }
        return checkpoint;
    }

    /// <summary>Writes the checkpoint atomically.</summary>
    public void Save(string path) => SafeTensorsFile.Write(path, Tensors, Metadata);

    /// <summary>Tensors whose names start with <paramref name="prefix"/>, the prefix removed, converted to T.</summary>
    public Dictionary<string, Tensor<T>> Section<T>(string prefix) where T : unmanaged
        => Tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                  .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value.Cast<T>(), StringComparer.Ordinal);

    /// <summary>A metadata value or an exception naming the missing key.</summary>
    public string Require(string key)
        => Metadata.TryGetValue(key, out var v) ? v : throw new InvalidOperationException($"The checkpoint has no metadata '{key}'.");

    /// <summary>The training history.</summary>
    public IReadOnlyList<EpochRecord> History() => EpochRecordJson.Parse(Require("history"));

    private int Int(string key) => int.Parse(Require(key), CultureInfo.InvariantCulture);
}

/// <summary>Epoch records to and from JSON (written by hand: the library is trimming- and AOT-safe).</summary>
public static class EpochRecordJson
{
    /// <summary>A JSON array of the records (the checkpoint's "history" metadata).</summary>
    public static string Write(IEnumerable<EpochRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            foreach (var r in records) WriteRecord(w, r);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>One record as a JSON object.</summary>
    public static void WriteRecord(Utf8JsonWriter writer, EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(record);
        writer.WriteStartObject();
        writer.WriteNumber("epoch", record.Epoch);
        writer.WriteNumber("steps", record.Steps);
        WriteNumber(writer, "train_loss", record.TrainLoss);
        WriteNumber(writer, "train_accuracy", record.TrainAccuracy);
        WriteNumber(writer, "test_loss", record.TestLoss);
        WriteNumber(writer, "test_accuracy", record.TestAccuracy);
        WriteNumber(writer, "learning_rate", record.LearningRate);
        WriteNumber(writer, "seconds", record.Seconds);
        WriteNumber(writer, "samples_per_second", record.SamplesPerSecond);
        WriteMetrics(writer, "train_metrics", record.TrainMetrics);
        WriteMetrics(writer, "test_metrics", record.TestMetrics);
        writer.WriteEndObject();
    }

    /// <summary>Records written by <see cref="Write"/>.</summary>
    public static IReadOnlyList<EpochRecord> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => new EpochRecord(
            e.GetProperty("epoch").GetInt32(), e.GetProperty("steps").GetInt64(), Read(e, "train_loss"), Read(e, "train_accuracy"),
            Read(e, "test_loss"), Read(e, "test_accuracy"), Read(e, "learning_rate"), Read(e, "seconds"), Read(e, "samples_per_second"))
            {
                TrainMetrics = ReadMetrics(e, "train_metrics"),
                TestMetrics = ReadMetrics(e, "test_metrics"),
            })];
    }

    /// <summary>A named object of metric values (non-finite values as null).</summary>
    public static void WriteMetrics(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(metrics);
        writer.WriteStartObject(name);
        foreach (var (key, value) in metrics) WriteNumber(writer, key, value);
        writer.WriteEndObject();
    }

    private static Dictionary<string, double> ReadMetrics(JsonElement e, string name)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!e.TryGetProperty(name, out var metrics)) return result; // histories written before metrics were named
        foreach (var property in metrics.EnumerateObject())
            result[property.Name] = property.Value.ValueKind == JsonValueKind.Null ? double.NaN : property.Value.GetDouble();
        return result;
    }

    /// <summary>A named number; JSON has no NaN or infinity, so non-finite values are written as null.</summary>
    public static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsFinite(value)) writer.WriteNumber(name, value);
        else writer.WriteNull(name);
    }

    private static double Read(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? double.NaN : e.GetProperty(name).GetDouble();
}
