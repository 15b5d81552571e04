namespace DeepMath.Tensors;

/// <summary>NumPy broadcasting: shapes align on the right; an axis of size 1 stretches to match.</summary>
internal static class Broadcasting
{
    /// <summary>The broadcast shape of two shapes (returns one of the inputs when it already is the result).</summary>
    public static int[] Shapes(int[] a, int[] b, string operation)
    {
        if (ReferenceEquals(a, b) || a.AsSpan().SequenceEqual(b)) return a;
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 1; i <= rank; i++)
        {
            int da = i <= a.Length ? a[^i] : 1;
            int db = i <= b.Length ? b[^i] : 1;
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException(
                    $"{operation}: shapes {Shape.Format(a)} and {Shape.Format(b)} cannot be broadcast together " +
                    $"(axis -{i} has sizes {da} and {db}).");
            result[^i] = da == 1 ? db : da;
        }
        if (result.AsSpan().SequenceEqual(a)) return a;
        if (result.AsSpan().SequenceEqual(b)) return b;
        return result;
    }

    /// <summary>Strides that read <paramref name="shape"/>/<paramref name="strides"/> as if it had shape <paramref name="target"/> (0 on stretched axes).</summary>
    public static int[] StridesTo(int[] shape, int[] strides, int[] target, string operation)
    {
        if (shape.Length > target.Length) throw Incompatible(shape, target, operation);
        var result = new int[target.Length];
        int shift = target.Length - shape.Length;
        for (int i = 0; i < shape.Length; i++)
        {
            int d = shape[i], t = target[i + shift];
            if (d == t) result[i + shift] = d == 1 ? 0 : strides[i];
            else if (d == 1) result[i + shift] = 0;
            else throw Incompatible(shape, target, operation);
        }
        return result;
    }

    private static ArgumentException Incompatible(int[] shape, int[] target, string operation) =>
        new($"{operation}: a tensor of shape {Shape.Format(shape)} cannot be broadcast to shape {Shape.Format(target)}.");
}
