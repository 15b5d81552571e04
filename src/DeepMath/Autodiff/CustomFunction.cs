using DeepMath.Tensors;

namespace DeepMath.Autodiff;

/// <summary>
/// An operation with its own backward rule (matrix multiply, convolutions, fused losses). To add one:
/// compute the forward result from detached inputs (or inside <c>GradMode.Disable()</c>), then call
/// <see cref="Record"/> with the result and the inputs. Write <see cref="Backward"/> with tensor
/// operations so that gradients of gradients work. Test it with <c>GradCheck</c> (see Calculus).
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
public abstract class CustomFunction<T> where T : unmanaged
{
    /// <summary>A short name for messages.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>
    /// Gradients of the inputs given the gradient of the output: one entry per input, null where
    /// <paramref name="needsGradient"/> is false (or the gradient is zero).
    /// </summary>
    /// <param name="output">The tensor this function produced.</param>
    /// <param name="outputGradient">d(loss)/d(output), of the output's shape.</param>
    /// <param name="inputs">The inputs passed to <see cref="Record"/>.</param>
    /// <param name="needsGradient">Which inputs require a gradient.</param>
    public abstract Tensor<T>?[] Backward(Tensor<T> output, Tensor<T> outputGradient, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<bool> needsGradient);

    /// <summary>Marks <paramref name="result"/> as computed by this function from <paramref name="inputs"/> (when any requires gradients and recording is on).</summary>
    /// <returns>The result, for chaining.</returns>
    public Tensor<T> Record(Tensor<T> result, params Tensor<T>[] inputs)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(inputs);
        if (result.Creator is not null)
            throw new InvalidOperationException($"{Name}: the result was already recorded by another operation; compute it from Detach()ed inputs.");
        return Recorder.Many(result, OpCode.Custom, inputs, this);
    }
}
