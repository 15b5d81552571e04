using System.Numerics;
using System.Text;
using DeepMath.Tensors;

namespace DeepMath.Neural;

/// <summary>
/// A building block of a network: a forward function with named parameters (leaves that require
/// gradients), named buffers (state that is saved but not trained, such as batch normalization's
/// running statistics) and child modules, and a training/evaluation mode (dropout behaves
/// differently). Names are paths like "0.weight" for a parameter of the first child.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>True in training mode (the default), false in evaluation mode.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Computes the output for a batch.</summary>
    public abstract Tensor<T> Forward(Tensor<T> input);

    /// <summary>Parameters owned directly by this module.</summary>
    protected virtual IEnumerable<(string Name, Tensor<T> Parameter)> LocalParameters() => [];

    /// <summary>Buffers owned directly by this module: saved and restored with the parameters, never trained.</summary>
    protected virtual IEnumerable<(string Name, Tensor<T> Buffer)> LocalBuffers() => [];

    /// <summary>Child modules.</summary>
    protected virtual IEnumerable<(string Name, Module<T> Child)> Children() => [];

    /// <summary>Switches this module and its children to training (true) or evaluation (false) mode.</summary>
    public Module<T> Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in Children()) child.Train(training);
        return this;
    }

    /// <summary>Switches to evaluation mode.</summary>
    public Module<T> Eval() => Train(false);

    /// <summary>Every parameter with its path, depth first.</summary>
    public IEnumerable<(string Name, Tensor<T> Parameter)> NamedParameters()
    {
        foreach (var local in LocalParameters()) yield return local;
        foreach (var (name, child) in Children())
            foreach (var (inner, p) in child.NamedParameters()) yield return ($"{name}.{inner}", p);
    }

    /// <summary>Every buffer with its path, depth first.</summary>
    public IEnumerable<(string Name, Tensor<T> Buffer)> NamedBuffers()
    {
        foreach (var local in LocalBuffers()) yield return local;
        foreach (var (name, child) in Children())
            foreach (var (inner, b) in child.NamedBuffers()) yield return ($"{name}.{inner}", b);
    }

    /// <summary>This module and every descendant with its path ("" for this one), depth first.</summary>
    public IEnumerable<(string Name, Module<T> Module)> NamedModules()
    {
        yield return ("", this);
        foreach (var (name, child) in Children())
            foreach (var (inner, m) in child.NamedModules()) yield return (inner.Length == 0 ? name : $"{name}.{inner}", m);
    }

    /// <summary>Every parameter.</summary>
    public IReadOnlyList<Tensor<T>> Parameters() => [.. NamedParameters().Select(p => p.Parameter)];

    /// <summary>The number of trainable scalars.</summary>
    public long ParameterCount => NamedParameters().Sum(p => (long)p.Parameter.Length);

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.Grad = null;
    }

    /// <summary>The parameters and buffers by name (the live tensors, for saving).</summary>
    public IReadOnlyDictionary<string, Tensor<T>> StateDictionary()
        => NamedParameters().Concat(NamedBuffers()).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    /// <summary>Copies saved values into the parameters and buffers; names and shapes must match exactly.</summary>
    /// <exception cref="ArgumentException">An entry is missing, unexpected or of another shape (named in the message).</exception>
    public void LoadStateDictionary(IReadOnlyDictionary<string, Tensor<T>> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = StateDictionary();
        var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
        var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
            throw new ArgumentException($"Parameters do not match the model: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}].");
        foreach (var (name, target) in own)
            if (!state[name].Shape.Equals(target.Shape))
                throw new ArgumentException($"Parameter '{name}' has shape {state[name].Shape} in the saved state but {target.Shape} in the model.");
        using var _ = GradMode.Disable();
        foreach (var (name, target) in own) target.CopyFrom(state[name].Detach());
    }

    /// <summary>One line describing this module alone (e.g. "Linear(784 -> 128)").</summary>
    public virtual string Describe() => GetType().Name.Split('`')[0];

    /// <summary>The module tree with parameter counts.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb, "", "");
        sb.Append($"parameters: {ParameterCount:N0}");
        return sb.ToString();
    }

    private void Write(StringBuilder sb, string name, string indent)
    {
        sb.Append(indent).Append(name.Length > 0 ? $"({name}) " : "").AppendLine(Describe());
        foreach (var (childName, child) in Children()) child.Write(sb, childName, indent + "  ");
    }
}
