using DeepMath.Tensors;

namespace DeepMath.Data.SafeTensors;

/// <summary>What a safetensors file holds: named tensors and free-form string metadata.</summary>
/// <param name="Tensors">The tensors, keyed by name, in the order of the file's header.</param>
/// <param name="Metadata">The <c>__metadata__</c> entries (empty when the file has none).</param>
public sealed record SafeTensorsContent(IReadOnlyDictionary<string, ITensor> Tensors, IReadOnlyDictionary<string, string> Metadata);
