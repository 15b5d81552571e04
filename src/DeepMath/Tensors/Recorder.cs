using System.Runtime.CompilerServices;

namespace DeepMath.Tensors;

/// <summary>Writes <see cref="OpRecord{T}"/>s when an input requires gradients and recording is on; otherwise costs one branch.</summary>
internal static class Recorder
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ShouldRecord<T>(Tensor<T> a) where T : unmanaged => a.RequiresGrad && GradMode.IsEnabled;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ShouldRecord<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged
        => (a.RequiresGrad || b.RequiresGrad) && GradMode.IsEnabled;

    public static bool ShouldRecord<T>(ReadOnlySpan<Tensor<T>> inputs) where T : unmanaged
    {
        if (!GradMode.IsEnabled) return false;
        foreach (var t in inputs)
            if (t.RequiresGrad) return true;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tensor<T> Unary<T>(Tensor<T> result, OpCode code, Tensor<T> input, OpArguments? arguments = null) where T : unmanaged
    {
        if (ShouldRecord(input)) OpRecord<T>.Attach(result, code, [input], arguments);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Tensor<T> Binary<T>(Tensor<T> result, OpCode code, Tensor<T> a, Tensor<T> b, OpArguments? arguments = null) where T : unmanaged
    {
        if (ShouldRecord(a, b)) OpRecord<T>.Attach(result, code, [a, b], arguments);
        return result;
    }

    public static Tensor<T> Many<T>(Tensor<T> result, OpCode code, Tensor<T>[] inputs, OpArguments? arguments = null) where T : unmanaged
    {
        if (ShouldRecord<T>(inputs)) OpRecord<T>.Attach(result, code, inputs, arguments);
        return result;
    }

    /// <summary>Records several outputs of one operation, when any input requires gradients and recording is on.</summary>
    public static Tensor<T>[] ManyOutputs<T>(Tensor<T>[] results, OpCode code, Tensor<T>[] inputs, OpArguments? arguments) where T : unmanaged
    {
        if (ShouldRecord<T>(inputs)) OpRecord<T>.AttachMany(results, code, inputs, arguments);
        return results;
    }

    /// <summary>
    /// Refuses in-place writes that would silently corrupt a recorded graph, or silently drop a
    /// gradient: writing into a tensor that requires gradients, or from a source that does.
    /// </summary>
    public static void CheckInPlace<T>(Tensor<T> target, string operation, Tensor<T>? source = null) where T : unmanaged
    {
        if (!GradMode.IsEnabled) return;
        if (target.RequiresGrad)
            throw new InvalidOperationException(
                $"{operation} would modify a tensor that requires gradients while recording is on; " +
                "wrap the update in 'using (Autograd.NoGrad()) { ... }' or work on a Detach()ed copy.");
        if (source is { RequiresGrad: true })
            throw new InvalidOperationException(
                $"{operation} writes plain numbers, so the gradient of its source (shape {source.Shape}) would be lost; " +
                "use the out-of-place operation (recorded), or Detach() the source or run inside Autograd.NoGrad() if no gradient is wanted.");
    }
}
