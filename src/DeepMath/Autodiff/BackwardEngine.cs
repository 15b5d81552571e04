using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Autodiff;

/// <summary>
/// Reverse-mode differentiation: one topological sort of the recorded graph from the outputs, then
/// each record's rule in reverse order, accumulating gradients per tensor. Rules run with recording
/// off, or on when <c>createGraph</c> is set, which makes the gradients themselves differentiable.
/// </summary>
internal static class BackwardEngine<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Propagates and returns the gradient of every tensor reached (keyed by reference).</summary>
    /// <param name="roots">Outputs with their incoming gradients.</param>
    /// <param name="targets">When not null, only paths that lead to these tensors are followed.</param>
    /// <param name="retainGraph">Keep the records for another backward pass.</param>
    /// <param name="createGraph">Record the backward computation (for higher derivatives).</param>
    public static Dictionary<Tensor<T>, Tensor<T>> Run(IReadOnlyList<(Tensor<T> Output, Tensor<T> Gradient)> roots,
        IReadOnlySet<Tensor<T>>? targets, bool retainGraph, bool createGraph)
    {
        var order = TopologicalOrder(roots.Select(r => r.Output), targets, out var relevant);
        var gradients = new Dictionary<Tensor<T>, Tensor<T>>(ReferenceEqualityComparer.Instance);
        foreach (var (output, gradient) in roots) Accumulate(gradients, output, gradient);
        using var mode = createGraph ? GradMode.Enable() : GradMode.Disable();
        for (int n = order.Count - 1; n >= 0; n--)
        {
            var record = order[n];
            if (record.IsReleased)
                throw new InvalidOperationException(
                    $"Backward through a released graph ({record.Code}): an earlier Backward() freed it. " +
                    "Pass retainGraph: true to every backward pass but the last.");
            int outputCount = record.OutputCount;
            var outputGradients = new Tensor<T>?[outputCount];
            bool any = false;
            for (int o = 0; o < outputCount; o++)
                if (record.Output(o) is { } output && gradients.TryGetValue(output, out var g))
                {
                    outputGradients[o] = g;
                    any = true;
                }
            if (any) Propagate(record, outputGradients, relevant, gradients, removeOutputs: !createGraph && targets is null);
            if (!retainGraph && !createGraph) record.Release();
        }
        return gradients;
    }

    /// <summary>Applies one record's rule and adds the inputs' gradients, checking their shapes.</summary>
    private static void Propagate(OpRecord<T> record, Tensor<T>?[] outputGradients, HashSet<Tensor<T>> relevant,
        Dictionary<Tensor<T>, Tensor<T>> gradients, bool removeOutputs)
    {
        var inputs = record.Inputs;
        var needs = new bool[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) needs[i] = inputs[i].RequiresGrad && relevant.Contains(inputs[i]);
        var inputGradients = BackwardRules<T>.Apply(record, outputGradients, needs);
        if (inputGradients.Length != inputs.Length)
            throw new InvalidOperationException($"Backward rule of {Describe(record)} returned {inputGradients.Length} gradients for {inputs.Length} inputs.");
        for (int i = 0; i < inputs.Length; i++)
        {
            if (!needs[i] || inputGradients[i] is not { } g) continue;
            if (!g.Shape.Equals(inputs[i].Shape))
                throw new InvalidOperationException($"Backward rule of {Describe(record)} returned a gradient of shape {g.Shape} for input {i} of shape {inputs[i].Shape}.");
            Accumulate(gradients, inputs[i], g);
        }
        if (removeOutputs)
            for (int o = 0; o < record.OutputCount; o++)
                if (record.Output(o) is { } output) gradients.Remove(output);
    }

    private static string Describe(OpRecord<T> record)
        => record.Arguments is CustomArguments<T> custom ? custom.Function.Name : record.Code.ToString();

    private static void Accumulate(Dictionary<Tensor<T>, Tensor<T>> gradients, Tensor<T> tensor, Tensor<T> gradient)
        => gradients[tensor] = gradients.TryGetValue(tensor, out var existing) ? existing + gradient : gradient;

    /// <summary>
    /// Records reachable from the outputs, each after the records of all of its inputs (post-order,
    /// iterative so deep graphs cannot overflow the stack; a record with several outputs appears once).
    /// <paramref name="relevant"/> receives the tensors from which a target (or, without targets, any
    /// tensor requiring gradients) can be reached.
    /// </summary>
    private static List<OpRecord<T>> TopologicalOrder(IEnumerable<Tensor<T>> outputs, IReadOnlySet<Tensor<T>>? targets, out HashSet<Tensor<T>> relevant)
    {
        var order = new List<OpRecord<T>>();
        var ordered = new HashSet<OpRecord<T>>(ReferenceEqualityComparer.Instance);
        relevant = new HashSet<Tensor<T>>(ReferenceEqualityComparer.Instance);
        var visited = new HashSet<Tensor<T>>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor<T> Node, int Next)>();
        foreach (var output in outputs)
        {
            if (!visited.Add(output)) continue;
            stack.Push((output, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                var inputs = node.Creator is { IsReleased: false } record ? record.Inputs : [];
                if (next < inputs.Length)
                {
                    stack.Push((node, next + 1));
                    var child = inputs[next];
                    if (child.RequiresGrad && visited.Add(child)) stack.Push((child, 0));
                    continue;
                }
                bool isRelevant = targets is null ? node.RequiresGrad : targets.Contains(node);
                foreach (var input in inputs) isRelevant |= relevant.Contains(input);
                if (isRelevant) relevant.Add(node);
                if (node.Creator is { } creator && isRelevant && ordered.Add(creator)) order.Add(creator);
            }
        }
        return order;
    }
}
