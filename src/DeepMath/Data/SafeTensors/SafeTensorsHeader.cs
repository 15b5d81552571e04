using System.Text.Json;
using System.Text.Unicode;
using DeepMath.Tensors;

namespace DeepMath.Data.SafeTensors;

/// <summary>
/// Parses and validates the JSON header of a safetensors file against the length of its data buffer:
/// known dtypes, non-negative shapes, byte ranges that match the shapes and tile the buffer exactly.
/// </summary>
internal static class SafeTensorsHeader
{
    /// <summary>Headers larger than this are refused (the reference implementation uses the same limit).</summary>
    public const int MaxLength = FileLimits.SafeTensorsMaxHeaderBytes;

    public const string MetadataKey = "__metadata__";

    private const int MaxRank = FileLimits.SafeTensorsMaxRank;

    /// <summary>The safetensors dtype name of an element type.</summary>
    public static string NameOf(DType type) => type switch
    {
        DType.Bool => "BOOL",
        DType.UInt8 => "U8",
        DType.Int8 => "I8",
        DType.UInt16 => "U16",
        DType.Int16 => "I16",
        DType.UInt32 => "U32",
        DType.Int32 => "I32",
        DType.UInt64 => "U64",
        DType.Int64 => "I64",
        DType.Float16 => "F16",
        DType.Float32 => "F32",
        _ => "F64",
    };

    private static DType? TypeOf(string name) => name switch
    {
        "BOOL" => DType.Bool,
        "U8" => DType.UInt8,
        "I8" => DType.Int8,
        "U16" => DType.UInt16,
        "I16" => DType.Int16,
        "U32" => DType.UInt32,
        "I32" => DType.Int32,
        "U64" => DType.UInt64,
        "I64" => DType.Int64,
        "F16" => DType.Float16,
        "F32" => DType.Float32,
        "F64" => DType.Float64,
        _ => null,
    };

    /// <summary>The entries in header order and the metadata; <paramref name="bufferLength"/> is the byte count after the header.</summary>
    public static (List<SafeTensorsEntry> Entries, Dictionary<string, string> Metadata) Parse(byte[] json, long bufferLength, string name)
    {
        // Validated up front so that reading names and strings below cannot fail on bad UTF-8.
        if (!Utf8.IsValid(json)) throw new FileFormatException(name, "the header is not valid UTF-8", 8);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new FileFormatException(name, $"the header is not valid JSON ({e.Message})", 8, e);
        }
        var entries = new List<SafeTensorsEntry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FileFormatException(name, $"the header is a JSON {Kind(root)}, not an object", 8);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                foreach (var property in root.EnumerateObject())
                {
                    if (!seen.Add(property.Name)) throw new FileFormatException(name, $"the header names '{property.Name}' twice");
                    if (property.Name == MetadataKey) ReadMetadata(property.Value, metadata, name);
                    else entries.Add(ReadEntry(property.Name, property.Value, bufferLength, name));
                }
            }
            catch (InvalidOperationException e)
            {
                // Valid UTF-8 can still spell an unpaired surrogate as a \u escape, which no .NET string can hold.
                throw new FileFormatException(name, $"the header holds a string that cannot be decoded ({e.Message})", 8, e);
            }
        }
        CheckTiling(entries, bufferLength, name);
        return (entries, metadata);
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string name)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new FileFormatException(name, $"'{MetadataKey}' is a JSON {Kind(value)}, not an object of strings");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw new FileFormatException(name, $"metadata '{item.Name}' is a JSON {Kind(item.Value)}, not a string");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!)) throw new FileFormatException(name, $"metadata '{item.Name}' appears twice");
        }
    }

    private static SafeTensorsEntry ReadEntry(string key, JsonElement value, long bufferLength, string name)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Error(name, key, $"is a JSON {Kind(value)}, not an object");
        if (!value.TryGetProperty("dtype", out var dtypeValue) || dtypeValue.ValueKind != JsonValueKind.String)
            throw Error(name, key, "has no string 'dtype'");
        var dtypeName = dtypeValue.GetString()!;
        var dtype = TypeOf(dtypeName)
            ?? throw Error(name, key, $"has unsupported dtype '{dtypeName}' (supported: BOOL, U8, I8, U16, I16, U32, I32, U64, I64, F16, F32, F64)");
        if (!value.TryGetProperty("shape", out var shapeValue) || shapeValue.ValueKind != JsonValueKind.Array)
            throw Error(name, key, "has no 'shape' array");
        int rank = shapeValue.GetArrayLength();
        if (rank > MaxRank) throw Error(name, key, $"has {rank} axes, more than the {MaxRank} supported");
        var shape = new int[rank];
        long count = 1;
        int axis = 0;
        foreach (var item in shapeValue.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long size) || size < 0)
                throw Error(name, key, $"has a shape entry {item.GetRawText()} that is not a non-negative integer");
            count *= Math.Min(size, Array.MaxLength + 1L);
            if (count > Array.MaxLength) throw Error(name, key, "has a shape with more elements than a .NET array can hold");
            shape[axis++] = (int)size;
        }
        if (!value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw Error(name, key, "has no 'data_offsets' pair");
        long begin = Offset(offsets[0], name, key), end = Offset(offsets[1], name, key);
        if (begin > end || end > bufferLength)
            throw Error(name, key, $"has data_offsets [{begin}, {end}] outside the {bufferLength}-byte data buffer");
        long bytes = count * DTypes.SizeOf(dtype);
        if (end - begin != bytes)
            throw Error(name, key, $"has data_offsets [{begin}, {end}] ({end - begin} bytes) but shape {Tensors.Shape.Format(shape)} of {dtypeName} needs {bytes} bytes");
        return new SafeTensorsEntry(key, dtype, shape, (int)count, begin, end);
    }

    private static long Offset(JsonElement item, string name, string key)
        => item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out long offset) && offset >= 0
            ? offset
            : throw Error(name, key, $"has a data offset {item.GetRawText()} that is not a non-negative integer");

    /// <summary>The format requires the byte ranges to cover the data buffer exactly, without overlaps or holes.</summary>
    private static void CheckTiling(List<SafeTensorsEntry> entries, long bufferLength, string name)
    {
        var ordered = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToArray();
        long expected = 0;
        SafeTensorsEntry? previous = null;
        foreach (var entry in ordered)
        {
            if (entry.Begin < expected)
                throw new FileFormatException(name, $"tensor '{entry.Name}' (bytes {entry.Begin}..{entry.End}) overlaps tensor '{previous!.Name}' (bytes {previous.Begin}..{previous.End})");
            if (entry.Begin > expected)
                throw new FileFormatException(name, $"bytes {expected}..{entry.Begin} of the data buffer belong to no tensor");
            expected = entry.End;
            previous = entry;
        }
        if (expected != bufferLength)
            throw new FileFormatException(name, $"bytes {expected}..{bufferLength} of the data buffer belong to no tensor");
    }

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();

    private static FileFormatException Error(string name, string key, string problem) => new(name, $"the entry for tensor '{key}' {problem}");
}
