using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;

namespace DeepMath.Tensors;

/// <summary>
/// The extent of each axis of a tensor. Immutable; prints like a NumPy shape tuple: <c>(2, 3)</c>,
/// <c>(5,)</c>, <c>()</c>.
/// </summary>
[CollectionBuilder(typeof(Shape), nameof(Create))]
public readonly struct Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    private static readonly int[] Empty = [];
    private readonly int[]? _dims;

    /// <summary>Creates a shape from axis sizes (copied; each must be non-negative).</summary>
    public Shape(params ReadOnlySpan<int> dims)
    {
        foreach (var d in dims)
            if (d < 0) throw new ArgumentException($"Shape {Format(dims)} has a negative axis size.", nameof(dims));
        _dims = dims.ToArray();
        _ = CheckedCount(_dims);
    }

    /// <summary>Creates a shape from axis sizes; lets collection expressions such as <c>[2, 3]</c> build shapes.</summary>
    public static Shape Create(ReadOnlySpan<int> dims) => new(dims);

    /// <summary>Wraps an array the caller promises never to mutate.</summary>
    internal Shape(int[] dims, bool trusted)
    {
        _ = trusted;
        _dims = dims;
    }

    internal int[] Dims => _dims ?? Empty;

    /// <summary>Number of axes.</summary>
    public int Rank => Dims.Length;

    /// <summary>Number of axes (same as <see cref="Rank"/>).</summary>
    public int Count => Dims.Length;

    /// <summary>Size of one axis; negative axes count from the end.</summary>
    public int this[int axis] => Dims[NormalizeAxis(axis, Rank)];

    /// <summary>Total number of elements (the product of the axis sizes; 1 for a scalar).</summary>
    public int ElementCount => CheckedCount(Dims);

    /// <summary>The axis sizes as a span.</summary>
    public ReadOnlySpan<int> AsSpan() => Dims;

    /// <summary>A copy of the axis sizes.</summary>
    public int[] ToArray() => (int[])Dims.Clone();

    /// <inheritdoc/>
    public bool Equals(Shape other) => Dims.AsSpan().SequenceEqual(other.Dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in Dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Shape equality.</summary>
    public static bool operator ==(Shape left, Shape right) => left.Equals(right);

    /// <summary>Shape inequality.</summary>
    public static bool operator !=(Shape left, Shape right) => !left.Equals(right);

    /// <summary>Converts axis sizes to a shape.</summary>
    public static implicit operator Shape(int[] dims) => new(dims);

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)Dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>NumPy-style tuple text, e.g. <c>(2, 3)</c>.</summary>
    public override string ToString() => Format(Dims);

    /// <summary>Formats axis sizes as a NumPy-style tuple.</summary>
    public static string Format(ReadOnlySpan<int> dims)
    {
        if (dims.Length == 1) return $"({dims[0]},)";
        var sb = new StringBuilder("(");
        for (int i = 0; i < dims.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(dims[i]);
        }
        return sb.Append(')').ToString();
    }

    /// <summary>Maps a possibly negative axis into [0, rank), or throws naming the axis and rank.</summary>
    public static int NormalizeAxis(int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if ((uint)a >= (uint)rank)
            throw new ArgumentOutOfRangeException(nameof(axis), axis, $"Axis {axis} is out of range for a tensor of rank {rank}.");
        return a;
    }

    /// <summary>Product of sizes; throws if it does not fit in an int (the largest .NET array).</summary>
    internal static int CheckedCount(ReadOnlySpan<int> dims)
    {
        long n = 1;
        foreach (var d in dims)
        {
            n *= d;
            if (n > Array.MaxLength)
                throw new ArgumentException($"Shape {Format(dims)} has more elements than a .NET array can hold ({Array.MaxLength}).");
        }
        return (int)n;
    }
}
