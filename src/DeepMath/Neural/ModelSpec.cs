using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using DeepMath.Neural.Layers;
using DeepMath.Tensors;

namespace DeepMath.Neural;

/// <summary>One layer of a <see cref="ModelSpec"/>.</summary>
/// <param name="Type">linear, relu, leaky_relu, sigmoid, tanh, gelu, softmax, log_softmax, dropout or flatten.</param>
/// <param name="Inputs">Linear: input features.</param>
/// <param name="Outputs">Linear: output features.</param>
/// <param name="Value">Dropout probability or leaky-ReLU slope.</param>
/// <param name="Init">Linear: weight initialization.</param>
/// <param name="Bias">Linear: whether it has a bias.</param>
/// <param name="InitScale">Linear: the bound or deviation of <see cref="WeightInit.Uniform"/> and <see cref="WeightInit.Normal"/>.</param>
public sealed record LayerSpec(string Type, int Inputs = 0, int Outputs = 0, double Value = 0, WeightInit Init = WeightInit.Default, bool Bias = true, double InitScale = 0);

/// <summary>
/// A network described without code, in one of two forms.
/// Compact: <c>784-128-10:relu</c> (dense layers with the activation between them), with options after
/// commas: <c>dropout=0.2</c> (after each hidden activation), <c>init=default|glorot|glorot_normal|he|he_normal|uniform:S|normal:S</c>
/// (the last two draw weights and biases from U(-S, S) or N(0, S^2)),
/// <c>output=none|sigmoid|softmax|log_softmax|relu|tanh</c> (after the last layer), <c>bias=false</c>;
/// e.g. <c>196-100-50-10:sigmoid,output=sigmoid</c>.
/// JSON: an array of layers (or <c>{"layers": [...]}</c>) such as
/// <c>[{"type": "linear", "in": 784, "out": 128, "init": "he"}, {"type": "relu"}, {"type": "dropout", "p": 0.2}, {"type": "linear", "in": 128, "out": 10}]</c>.
/// </summary>
public sealed class ModelSpec
{
    private static readonly string[] Activations = ["relu", "leaky_relu", "sigmoid", "tanh", "gelu", "softmax", "log_softmax"];

    private ModelSpec(IReadOnlyList<LayerSpec> layers)
    {
        Layers = layers;
        Validate();
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>Input features of the first dense layer.</summary>
    public int Inputs => Layers.First(l => l.Type == "linear").Inputs;

    /// <summary>Outputs of the last dense layer.</summary>
    public int Outputs => Layers.Last(l => l.Type == "linear").Outputs;

    /// <summary>Parses either form.</summary>
    /// <exception cref="FormatException">The text is not a valid specification (the message says why).</exception>
    public static ModelSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length == 0) throw new FormatException("The model specification is empty.");
        return text[0] is '[' or '{' ? ParseJson(text) : ParseCompact(text);
    }

    /// <summary>Builds the network with weights drawn from <paramref name="generator"/> (dropout layers get forks of it).</summary>
    public Sequential<T> Build<T>(RandomGenerator generator) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(generator);
        var modules = new List<Module<T>>();
        foreach (var layer in Layers)
        {
            modules.Add(layer.Type switch
            {
                "linear" => new Linear<T>(layer.Inputs, layer.Outputs, generator, layer.Bias, layer.Init, layer.InitScale),
                "relu" => new Relu<T>(),
                "leaky_relu" => new LeakyRelu<T>(layer.Value),
                "sigmoid" => new Sigmoid<T>(),
                "tanh" => new Tanh<T>(),
                "gelu" => new Gelu<T>(),
                "softmax" => new Softmax<T>(),
                "log_softmax" => new LogSoftmax<T>(),
                "flatten" => new Flatten<T>(),
                "dropout" => (Module<T>)new Dropout<T>(layer.Value, generator.Fork()),
                _ => throw new FormatException($"Unknown layer type '{layer.Type}'."),
            });
        }
        return new Sequential<T>(modules);
    }

    /// <summary>The canonical JSON form (used in checkpoints to rebuild the model).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var l in Layers)
            {
                writer.WriteStartObject();
                writer.WriteString("type", l.Type);
                if (l.Type == "linear")
                {
                    writer.WriteNumber("in", l.Inputs);
                    writer.WriteNumber("out", l.Outputs);
                    writer.WriteString("init", InitName(l.Init, l.InitScale));
                    if (!l.Bias) writer.WriteBoolean("bias", false);
                }
                else if (l.Type == "dropout") writer.WriteNumber("p", l.Value);
                else if (l.Type == "leaky_relu") writer.WriteNumber("slope", l.Value);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(" -> ", Layers.Select(l => l.Type == "linear" ? $"linear({l.Inputs}, {l.Outputs})" : l.Type == "dropout" ? $"dropout({l.Value})" : l.Type));

    private static ModelSpec ParseCompact(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var head = parts[0].Split(':', StringSplitOptions.TrimEntries);
        if (head.Length > 2) throw new FormatException($"Model '{text}': expected sizes[:activation][,option=value...].");
        var sizes = head[0].Split('-', StringSplitOptions.TrimEntries).Select(s =>
            int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v : throw new FormatException($"Model '{text}': layer size '{s}' is not a positive integer.")).ToArray();
        if (sizes.Length < 2) throw new FormatException($"Model '{text}': give at least an input and an output size, e.g. 784-10.");
        string activation = head.Length == 2 ? NormalizeName(head[1]) : "relu";
        if (!Activations.Contains(activation)) throw new FormatException($"Model '{text}': unknown activation '{head[1]}' (use {string.Join(", ", Activations)}).");
        double dropout = 0;
        var init = (Scheme: WeightInit.Default, Scale: 0.0);
        string output = "none";
        bool bias = true;
        foreach (var option in parts.Skip(1))
        {
            var kv = option.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2) throw new FormatException($"Model '{text}': option '{option}' is not name=value.");
            switch (kv[0])
            {
                case "dropout":
                    dropout = ParseDouble(kv[1], text, "dropout");
                    if (!(dropout >= 0 && dropout < 1)) throw new FormatException($"Model '{text}': the dropout probability {kv[1]} is outside [0, 1).");
                    break;
                case "init":
                    init = ParseInit(kv[1], text);
                    break;
                case "output":
                    output = NormalizeName(kv[1]);
                    if (output != "none" && !Activations.Contains(output)) throw new FormatException($"Model '{text}': unknown output activation '{kv[1]}'.");
                    break;
                case "bias":
                    bias = kv[1] switch { "true" => true, "false" => false, _ => throw new FormatException($"Model '{text}': bias must be true or false.") };
                    break;
                default:
                    throw new FormatException($"Model '{text}': unknown option '{kv[0]}' (use dropout, init, output, bias).");
            }
        }
        var layers = new List<LayerSpec>();
        for (int i = 0; i + 1 < sizes.Length; i++)
        {
            layers.Add(new LayerSpec("linear", sizes[i], sizes[i + 1], Init: init.Scheme, Bias: bias, InitScale: init.Scale));
            bool last = i + 2 == sizes.Length;
            if (!last)
            {
                layers.Add(new LayerSpec(activation, Value: activation == "leaky_relu" ? 0.01 : 0));
                if (dropout > 0) layers.Add(new LayerSpec("dropout", Value: dropout));
            }
            else if (output != "none") layers.Add(new LayerSpec(output, Value: output == "leaky_relu" ? 0.01 : 0));
        }
        return new ModelSpec(layers);
    }

    private static ModelSpec ParseJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The model JSON is malformed: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
                root = root.TryGetProperty("layers", out var l) ? l : throw new FormatException("A model JSON object needs a \"layers\" array.");
            if (root.ValueKind != JsonValueKind.Array) throw new FormatException("The model JSON must be an array of layers.");
            var layers = new List<LayerSpec>();
            int index = 0;
            foreach (var element in root.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
                    throw new FormatException($"Layer {index} needs a \"type\" string.");
                string type = NormalizeName(typeElement.GetString()!);
                layers.Add(type switch
                {
                    "linear" => LinearLayer(Int(element, "in", index), Int(element, "out", index),
                        OptionalString(element, "init", index) is { } init ? ParseInit(init, $"layer {index}") : (WeightInit.Default, 0),
                        OptionalBool(element, "bias", index, fallback: true)),
                    "dropout" => new LayerSpec("dropout", Value: Number(element, "p", index)),
                    "leaky_relu" => new LayerSpec("leaky_relu", Value: element.TryGetProperty("slope", out _) ? Number(element, "slope", index) : 0.01),
                    "flatten" => new LayerSpec("flatten"),
                    _ when Activations.Contains(type) => new LayerSpec(type),
                    _ => throw new FormatException($"Layer {index}: unknown type '{typeElement.GetString()}'."),
                });
                index++;
            }
            return new ModelSpec(layers);
        }
    }

    private void Validate()
    {
        var linear = Layers.Where(l => l.Type == "linear").ToList();
        if (linear.Count == 0) throw new FormatException("A model needs at least one linear layer.");
        for (int i = 0; i < linear.Count; i++)
        {
            if (linear[i].Inputs <= 0 || linear[i].Outputs <= 0) throw new FormatException($"Linear layer {i} has non-positive sizes {linear[i].Inputs} -> {linear[i].Outputs}.");
            if (i > 0 && linear[i].Inputs != linear[i - 1].Outputs)
                throw new FormatException($"Linear layer {i} takes {linear[i].Inputs} inputs but the previous one gives {linear[i - 1].Outputs}.");
        }
        foreach (var l in Layers.Where(l => l.Type == "dropout"))
            if (!(l.Value >= 0 && l.Value < 1)) throw new FormatException($"Dropout probability {l.Value} is outside [0, 1).");
    }

    private static string NormalizeName(string name) => name.Trim().ToLowerInvariant().Replace("-", "_", StringComparison.Ordinal) switch
    {
        "leakyrelu" => "leaky_relu",
        "logsoftmax" => "log_softmax",
        "dense" => "linear",
        var n => n,
    };

    private static LayerSpec LinearLayer(int inputs, int outputs, (WeightInit Scheme, double Scale) init, bool bias)
        => new("linear", inputs, outputs, Init: init.Scheme, Bias: bias, InitScale: init.Scale);

    /// <summary>An init name, with ":scale" for the explicitly scaled schemes (uniform:0.5, normal:0.01).</summary>
    private static (WeightInit Scheme, double Scale) ParseInit(string text, string context)
    {
        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        var scheme = parts[0].ToLowerInvariant() switch
        {
            "default" => WeightInit.Default,
            "glorot" or "xavier" or "glorot_uniform" => WeightInit.GlorotUniform,
            "glorot_normal" or "xavier_normal" => WeightInit.GlorotNormal,
            "he" or "kaiming" or "he_uniform" => WeightInit.HeUniform,
            "he_normal" or "kaiming_normal" => WeightInit.HeNormal,
            "uniform" => WeightInit.Uniform,
            "normal" => WeightInit.Normal,
            _ => throw new FormatException($"{context}: unknown init '{text}' (use default, glorot, glorot_normal, he, he_normal, uniform:S or normal:S)."),
        };
        if (!Initializers.NeedsScale(scheme))
            return parts.Length == 1 ? (scheme, 0) : throw new FormatException($"{context}: init '{parts[0]}' takes no scale.");
        if (parts.Length == 1 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || !(scale > 0) || !double.IsFinite(scale))
            throw new FormatException($"{context}: init '{text}' needs a positive scale, e.g. {parts[0]}:0.5.");
        return (scheme, scale);
    }

    private static string InitName(WeightInit init, double scale) => init switch
    {
        WeightInit.GlorotUniform => "glorot",
        WeightInit.GlorotNormal => "glorot_normal",
        WeightInit.HeUniform => "he",
        WeightInit.HeNormal => "he_normal",
        WeightInit.Uniform => string.Create(CultureInfo.InvariantCulture, $"uniform:{scale:R}"),
        WeightInit.Normal => string.Create(CultureInfo.InvariantCulture, $"normal:{scale:R}"),
        _ => "default",
    };

    private static double ParseDouble(string text, string context, string name)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"Model '{context}': {name} '{text}' is not a number.");

    private static int Int(JsonElement element, string name, int index)
        => element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw new FormatException($"Layer {index}: \"{name}\" must be an integer.");

    private static double Number(JsonElement element, string name, int index)
        => element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : throw new FormatException($"Layer {index}: \"{name}\" must be a number.");

    private static string? OptionalString(JsonElement element, string name, int index)
        => !element.TryGetProperty(name, out var v) ? null
           : v.ValueKind == JsonValueKind.String ? v.GetString() : throw new FormatException($"Layer {index}: \"{name}\" must be a string.");

    private static bool OptionalBool(JsonElement element, string name, int index, bool fallback)
        => !element.TryGetProperty(name, out var v) ? fallback : v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FormatException($"Layer {index}: \"{name}\" must be true or false."),
        };
}
