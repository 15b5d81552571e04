using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Autodiff;

/// <summary>
/// Reverse-mode automatic differentiation on tensors (PyTorch's autograd): set
/// <see cref="Tensor{T}.RequiresGrad"/> on inputs, compute, call <c>Backward()</c> on a scalar, read
/// <see cref="Tensor{T}.Grad"/>. Operations are recorded only while an input requires gradients and
/// recording is on (<see cref="NoGrad"/> turns it off).
/// </summary>
public static class Autograd
{
    /// <summary>Turns recording off on this thread until the scope is disposed (inference, parameter updates): <c>using (Autograd.NoGrad()) { ... }</c>.</summary>
    public static RecordingScope NoGrad() => GradMode.Disable();

    /// <summary>Turns recording back on inside a <see cref="NoGrad"/> region until the scope is disposed.</summary>
    public static RecordingScope EnableGrad() => GradMode.Enable();

    /// <summary>True when operations on tensors that require gradients are being recorded on this thread.</summary>
    public static bool IsRecording => GradMode.IsEnabled;

    extension<T>(Tensor<T> output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Accumulates d(output)/d(leaf) into the <see cref="Tensor{T}.Grad"/> of every leaf that
        /// requires gradients. <paramref name="gradient"/> defaults to 1 for a one-element output and
        /// is required (same shape as the output) otherwise. The graph is released afterwards unless
        /// <paramref name="retainGraph"/>; <paramref name="createGraph"/> records the backward pass so
        /// the gradients can be differentiated again (it implies retaining the graph).
        /// </summary>
        /// <exception cref="InvalidOperationException">The output does not depend on anything requiring gradients, or the graph was released.</exception>
        /// <exception cref="ArgumentException">The gradient is missing for a non-scalar output or has the wrong shape.</exception>
        public void Backward(Tensor<T>? gradient = null, bool retainGraph = false, bool createGraph = false)
        {
            var seed = Seed(output, gradient);
            var gradients = BackwardEngine<T>.Run([(output, seed)], null, retainGraph || createGraph, createGraph);
            foreach (var (tensor, g) in gradients)
            {
                if (!tensor.IsLeaf || !tensor.RequiresGrad) continue;
                var value = createGraph ? g : g.Detach();
                tensor.Grad = tensor.Grad is null ? value : createGraph ? tensor.Grad + value : AddDetached(tensor.Grad, value);
            }
        }

        /// <summary>Sets <see cref="Tensor{T}.Grad"/> to null (PyTorch's zero_grad(set_to_none=True)).</summary>
        public void ZeroGrad() => output.Grad = null;
    }

    /// <summary>
    /// The gradients of <paramref name="output"/> with respect to <paramref name="inputs"/> (leaves or
    /// intermediate tensors), without touching any <see cref="Tensor{T}.Grad"/> (torch.autograd.grad).
    /// </summary>
    /// <param name="output">The tensor to differentiate.</param>
    /// <param name="inputs">The tensors to differentiate with respect to.</param>
    /// <param name="gradient">d(loss)/d(output); defaults to 1 for a one-element output.</param>
    /// <param name="retainGraph">Keep the graph for further passes.</param>
    /// <param name="createGraph">Record the backward pass so the results can be differentiated again.</param>
    /// <param name="allowUnused">Return zeros for inputs the output does not depend on instead of throwing.</param>
    /// <exception cref="InvalidOperationException">An input is unused and <paramref name="allowUnused"/> is false.</exception>
    public static Tensor<T>[] Grad<T>(Tensor<T> output, IReadOnlyList<Tensor<T>> inputs, Tensor<T>? gradient = null,
        bool retainGraph = false, bool createGraph = false, bool allowUnused = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(inputs);
        var seed = Seed(output, gradient);
        var targets = new HashSet<Tensor<T>>(inputs, ReferenceEqualityComparer.Instance);
        var gradients = BackwardEngine<T>.Run([(output, seed)], targets, retainGraph || createGraph, createGraph);
        var result = new Tensor<T>[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            if (gradients.TryGetValue(inputs[i], out var g)) result[i] = createGraph ? g : g.Detach();
            else if (allowUnused || ReferenceEquals(inputs[i], output)) result[i] = ReferenceEquals(inputs[i], output) ? seed : Tensor.ZerosLike(inputs[i]);
            else throw new InvalidOperationException($"Input {i} (shape {inputs[i].Shape}) was not used to compute the output; pass allowUnused: true to get zeros.");
        }
        return result;
    }

    private static Tensor<T> Seed<T>(Tensor<T> output, Tensor<T>? gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.RequiresGrad)
            throw new InvalidOperationException(
                $"The tensor of shape {output.Shape} does not depend on anything that requires gradients; set RequiresGrad on the inputs before computing it.");
        if (gradient is null)
        {
            if (output.Length != 1)
                throw new ArgumentException($"Backward() without a gradient needs a one-element output, not shape {output.Shape}; pass the gradient of the output.");
            return Tensor.OnesLike(output);
        }
        if (!gradient.Shape.Equals(output.Shape))
            throw new ArgumentException($"The output gradient has shape {gradient.Shape} but the output has shape {output.Shape}.");
        return gradient;
    }

    private static Tensor<T> AddDetached<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var _ = GradMode.Disable();
        return (a + b).Detach();
    }
}
