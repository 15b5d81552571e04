using DeepMath.Tensors;

namespace DeepMath.Data.Csv;

/// <summary>A numeric table read from or written to CSV.</summary>
/// <param name="Header">The column names, or an empty array when the file has no header line.</param>
/// <param name="Values">The values, rows x columns.</param>
public sealed record CsvTable(string[] Header, Tensor<double> Values);
