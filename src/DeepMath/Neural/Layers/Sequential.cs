using System.Globalization;
using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Neural.Layers;

/// <summary>Modules applied one after another; children are named "0", "1", ...</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Sequential<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T>[] _modules;

    /// <summary>Creates the chain.</summary>
    public Sequential(params IEnumerable<Module<T>> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        _modules = [.. modules];
        foreach (var m in _modules) ArgumentNullException.ThrowIfNull(m);
    }

    /// <summary>The modules in order.</summary>
    public IReadOnlyList<Module<T>> Modules => _modules;

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        var x = input;
        foreach (var m in _modules) x = m.Forward(x);
        return x;
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Module<T> Child)> Children()
        => _modules.Select((m, i) => (i.ToString(CultureInfo.InvariantCulture), m));
}
