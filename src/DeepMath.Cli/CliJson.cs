using System.Text.Json.Serialization;

namespace DeepMath.Cli;

/// <summary>Source-generated JSON metadata for what the command line prints.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string[]), TypeInfoPropertyName = "StringArray")]
[JsonSerializable(typeof(double[]), TypeInfoPropertyName = "DoubleArray")]
internal sealed partial class CliJson : JsonSerializerContext;
