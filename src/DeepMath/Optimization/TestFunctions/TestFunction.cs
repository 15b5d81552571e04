using DeepMath.Tensors;

namespace DeepMath.Optimization.TestFunctions;

/// <summary>A known minimum of a test function.</summary>
/// <param name="Point">Where it lies.</param>
/// <param name="Value">f there.</param>
/// <param name="IsGlobal">Whether it is (one of) the global minima.</param>
public sealed record KnownMinimum(double[] Point, double Value, bool IsGlobal);

/// <summary>
/// A classic optimization test function: the function itself (a scalar tensor function of a 1-D tensor,
/// so autodiff gives its derivatives), its standard starting point, its known minima, and a plotting
/// window for two-variable functions.
/// </summary>
public sealed record TestFunction
{
    /// <summary>The function's usual name.</summary>
    public required string Name { get; init; }

    /// <summary>f(x) for a 1-D tensor x of length <see cref="Dimension"/>.</summary>
    public required Func<Tensor<double>, Tensor<double>> Function { get; init; }

    /// <summary>Number of variables.</summary>
    public int Dimension => Start.Length;

    /// <summary>The standard starting point from the literature (Moré, Garbow and Hillstrom 1981 where it has one).</summary>
    public required double[] Start { get; init; }

    /// <summary>The known minima, global ones first.</summary>
    public required IReadOnlyList<KnownMinimum> Minima { get; init; }

    /// <summary>The window [xMin, xMax] x [yMin, yMax] in which the function is usually drawn (two-variable functions).</summary>
    public (double XMin, double XMax, double YMin, double YMax) Window { get; init; } = (-2, 2, -2, 2);

    /// <summary>f at a point given as doubles.</summary>
    public double Evaluate(params double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length != Dimension) throw new ArgumentException($"{Name} takes {Dimension} variables, got {x.Length}.", nameof(x));
        using var _ = DeepMath.Autodiff.Autograd.NoGrad();
        return Function(Tensor.FromArray(x)).ToScalar();
    }

    /// <summary>The nearest known minimum to <paramref name="x"/> (Euclidean distance).</summary>
    public KnownMinimum NearestMinimum(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return Minima.MinBy(m => m.Point.Zip(x, (a, b) => (a - b) * (a - b)).Sum())!;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
