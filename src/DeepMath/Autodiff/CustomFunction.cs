using DeepMath.Tensors;

namespace DeepMath.Autodiff;

/// <summary>
/// An operation with its own backward rule and one output (matrix multiply, fused losses). To add
/// one: compute the forward result from detached inputs (or inside <c>Autograd.NoGrad()</c>), then
/// call <see cref="Record"/> with the result and the inputs. Write <see cref="Backward"/> with tensor
/// operations so that gradients of gradients work. Test it with <c>GradCheck</c> (see Calculus) and
/// give it an entry in the op table of the tests. For several outputs use <see cref="MultiOutputFunction{T}"/>.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
public abstract class CustomFunction<T> : ICustomBackward<T> where T : unmanaged
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
        return Recorder.Many(result, OpCode.Custom, inputs, new CustomArguments<T>(this));
    }

    Tensor<T>?[] ICustomBackward<T>.Backward(IReadOnlyList<Tensor<T>> outputs, IReadOnlyList<Tensor<T>?> outputGradients, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<bool> needsGradient)
        => Backward(outputs[0], outputGradients[0]!, inputs, needsGradient);
}

/// <summary>
/// An operation with its own backward rule and several outputs computed together (QR's Q and R, an
/// eigendecomposition's values and vectors, max-pooling's values and indices). The backward rule
/// receives the gradient of every output that was used (null for the others) and returns the
/// inputs' gradients. Compute the outputs from detached inputs, then call <see cref="Record"/>.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
public abstract class MultiOutputFunction<T> : ICustomBackward<T> where T : unmanaged
{
    /// <summary>A short name for messages.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>
    /// Gradients of the inputs: one entry per input, null where <paramref name="needsGradient"/> is
    /// false (or the gradient is zero).
    /// </summary>
    /// <param name="outputs">The tensors this function produced, in the order given to <see cref="Record"/>.</param>
    /// <param name="outputGradients">d(loss)/d(output) for each output; null for an output the loss does not depend on (at least one is not null).</param>
    /// <param name="inputs">The inputs passed to <see cref="Record"/>.</param>
    /// <param name="needsGradient">Which inputs require a gradient.</param>
    public abstract Tensor<T>?[] Backward(IReadOnlyList<Tensor<T>> outputs, IReadOnlyList<Tensor<T>?> outputGradients, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<bool> needsGradient);

    /// <summary>Marks <paramref name="results"/> as computed together by this function from <paramref name="inputs"/> (when any requires gradients and recording is on).</summary>
    /// <returns>The results, for chaining.</returns>
    public Tensor<T>[] Record(Tensor<T>[] results, params Tensor<T>[] inputs)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(inputs);
        if (results.Length == 0) throw new ArgumentException($"{Name}: at least one output is needed.", nameof(results));
        foreach (var result in results)
        {
            ArgumentNullException.ThrowIfNull(result, nameof(results));
            if (result.Creator is not null)
                throw new InvalidOperationException($"{Name}: an output was already recorded by another operation; compute it from Detach()ed inputs.");
        }
        if (results.Distinct(ReferenceEqualityComparer.Instance).Count() != results.Length)
            throw new ArgumentException($"{Name}: the same tensor appears twice among the outputs.", nameof(results));
        return Recorder.ManyOutputs(results, OpCode.Custom, inputs, new CustomArguments<T>(this));
    }
}
