using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Tests.Support;

/// <summary>
/// Naive reference implementations. They read tensors only through the element indexer (one
/// coordinate at a time), so they share no code with the strided loops they check.
/// </summary>
public static class Reference
{
    /// <summary>All multi-indices of a shape in row-major order.</summary>
    public static IEnumerable<int[]> Indices(IReadOnlyList<int> shape)
    {
        int rank = shape.Count;
        if (shape.Any(d => d == 0)) yield break;
        var index = new int[rank];
        while (true)
        {
            yield return (int[])index.Clone();
            int axis = rank - 1;
            while (axis >= 0)
            {
                if (++index[axis] < shape[axis]) break;
                index[axis] = 0;
                axis--;
            }
            if (axis < 0) yield break;
        }
    }

    /// <summary>Elements in row-major order, as double.</summary>
    public static double[] ToDoubles<T>(Tensor<T> t) where T : unmanaged, INumberBase<T>
        => Indices(t.Shape).Select(i => double.CreateTruncating(t[i])).ToArray();

    /// <summary>Elements in row-major order.</summary>
    public static T[] Elements<T>(Tensor<T> t) where T : unmanaged => Indices(t.Shape).Select(i => t[i]).ToArray();

    /// <summary>NumPy's broadcast rule, written independently.</summary>
    public static int[]? BroadcastShape(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        int rank = Math.Max(a.Count, b.Count);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Count ? 1 : a[i - (rank - a.Count)];
            int db = i < rank - b.Count ? 1 : b[i - (rank - b.Count)];
            if (da != db && da != 1 && db != 1) return null;
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>The coordinates in a (broadcast) operand that an output coordinate reads.</summary>
    public static int[] SourceIndex(int[] outIndex, IReadOnlyList<int> shape)
    {
        var result = new int[shape.Count];
        int shift = outIndex.Length - shape.Count;
        for (int i = 0; i < shape.Count; i++) result[i] = shape[i] == 1 ? 0 : outIndex[i + shift];
        return result;
    }

    /// <summary>f applied with broadcasting, in double.</summary>
    public static (int[] Shape, double[] Values) Broadcast<T>(Tensor<T> a, Tensor<T> b, Func<double, double, double> f)
        where T : unmanaged, INumberBase<T>
    {
        var shape = BroadcastShape(a.Shape, b.Shape) ?? throw new ArgumentException("not broadcastable");
        var values = Indices(shape).Select(i =>
            f(double.CreateTruncating(a[SourceIndex(i, a.Shape)]), double.CreateTruncating(b[SourceIndex(i, b.Shape)]))).ToArray();
        return (shape, values);
    }

    /// <summary>Reduces over axes, in double, with a fold over the row-major visiting order.</summary>
    public static (int[] Shape, double[] Values) Reduce<T>(Tensor<T> x, int[] axes, bool keepDims, Func<IReadOnlyList<double>, double> reduce)
        where T : unmanaged, INumberBase<T>
    {
        int rank = x.Rank;
        var set = axes.Select(a => a < 0 ? a + rank : a).ToHashSet();
        var outShape = new List<int>();
        for (int i = 0; i < rank; i++)
        {
            if (!set.Contains(i)) outShape.Add(x.Shape[i]);
            else if (keepDims) outShape.Add(1);
        }
        var groups = new Dictionary<string, List<double>>();
        foreach (var outIndex in Indices(outShape)) groups[Key(outIndex)] = [];
        foreach (var index in Indices(x.Shape))
        {
            var o = new List<int>();
            for (int i = 0; i < rank; i++)
            {
                if (!set.Contains(i)) o.Add(index[i]);
                else if (keepDims) o.Add(0);
            }
            groups[Key([.. o])].Add(double.CreateTruncating(x[index]));
        }
        var values = Indices(outShape).Select(i => reduce(groups[Key(i)])).ToArray();
        return ([.. outShape], values);
    }

    private static string Key(int[] index) => string.Join(",", index);

    /// <summary>Python's slice.indices(n) and the selected positions, written independently.</summary>
    public static int[] SlicePositions(int n, int? start, int? stop, int step)
    {
        int lower = step > 0 ? 0 : -1, upper = step > 0 ? n : n - 1;
        int s = start is int a ? (a < 0 ? Math.Max(a + n, lower) : Math.Min(a, upper)) : (step > 0 ? lower : upper);
        int e = stop is int b ? (b < 0 ? Math.Max(b + n, lower) : Math.Min(b, upper)) : (step > 0 ? upper : lower);
        var result = new List<int>();
        for (int i = s; step > 0 ? i < e : i > e; i += step) result.Add(i);
        return [.. result];
    }

    /// <summary>Units in the last place between two floats (0 when equal, large when one is NaN and the other not).</summary>
    public static long UlpDistance(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b)) return float.IsNaN(a) && float.IsNaN(b) ? 0 : long.MaxValue;
        int ia = BitConverter.SingleToInt32Bits(a), ib = BitConverter.SingleToInt32Bits(b);
        if (ia < 0) ia = int.MinValue - ia;
        if (ib < 0) ib = int.MinValue - ib;
        return Math.Abs((long)ia - ib);
    }

    /// <summary>Units in the last place between two doubles.</summary>
    public static long UlpDistance(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.IsNaN(a) && double.IsNaN(b) ? 0 : long.MaxValue;
        long ia = BitConverter.DoubleToInt64Bits(a), ib = BitConverter.DoubleToInt64Bits(b);
        if (ia < 0) ia = long.MinValue - ia;
        if (ib < 0) ib = long.MinValue - ib;
        return ia > ib ? ia - ib : ib - ia;
    }

    /// <summary>Asserts arrays are close elementwise (relative and absolute tolerance; NaNs must match).</summary>
    public static void AssertClose(double[] expected, double[] actual, double rtol = 1e-12, double atol = 1e-12, string? context = null)
    {
        Xunit.Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (double.IsNaN(e) && double.IsNaN(a)) continue;
            if (e == a) continue;
            if (!(Math.Abs(e - a) <= atol + rtol * Math.Abs(e)))
                Xunit.Assert.Fail($"{context}: element {i} expected {e:R} but got {a:R}");
        }
    }
}
