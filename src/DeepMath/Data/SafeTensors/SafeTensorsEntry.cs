using DeepMath.Tensors;

namespace DeepMath.Data.SafeTensors;

/// <summary>One tensor's header entry: element type, shape and byte range within the data buffer.</summary>
internal sealed record SafeTensorsEntry(string Name, DType DType, int[] Shape, int ElementCount, long Begin, long End);
