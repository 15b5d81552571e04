namespace DeepMath.Tensors;

/// <summary>
/// One entry of a NumPy-style basic index: an integer (selects and removes an axis), a slice
/// (start:stop:step, negative values count from the end, out-of-range bounds are clipped as in
/// Python), <see cref="NewAxis"/> or <see cref="Ellipsis"/>. C# ranges convert implicitly:
/// <c>t[1.., ^1]</c>, <c>t[.., 0]</c>.
/// </summary>
public readonly struct TensorIndex
{
    internal enum IndexKind : byte { Single, Slice, Range, NewAxis, Ellipsis }

    private readonly int? _start;
    private readonly int? _stop;
    private readonly Range _range;

    private TensorIndex(IndexKind kind, int? start, int? stop, int step, Range range)
    {
        Kind = kind;
        _start = start;
        _stop = stop;
        Step = step;
        _range = range;
    }

    internal IndexKind Kind { get; }

    internal int Step { get; }

    /// <summary>Inserts a new axis of size 1.</summary>
    public static TensorIndex NewAxis => new(IndexKind.NewAxis, null, null, 1, default);

    /// <summary>Stands for as many full slices as needed to index every axis.</summary>
    public static TensorIndex Ellipsis => new(IndexKind.Ellipsis, null, null, 1, default);

    /// <summary>The whole axis (same as <c>..</c>).</summary>
    public static TensorIndex All => new(IndexKind.Slice, null, null, 1, default);

    /// <summary>A Python slice start:stop:step; null bounds mean "from the beginning/to the end" in the step's direction.</summary>
    /// <exception cref="ArgumentException">The step is zero.</exception>
    public static TensorIndex Slice(int? start = null, int? stop = null, int step = 1)
    {
        if (step == 0) throw new ArgumentException("Slice step cannot be zero.", nameof(step));
        return new(IndexKind.Slice, start, stop, step, default);
    }

    /// <summary>A single position (negative counts from the end); removes the axis.</summary>
    public static TensorIndex At(int index) => new(IndexKind.Single, index, null, 1, default);

    /// <summary>A single position.</summary>
    public static implicit operator TensorIndex(int index) => At(index);

    /// <summary>A single position counted from the start or the end (<c>^1</c> is the last).</summary>
    public static implicit operator TensorIndex(Index index) => index.IsFromEnd ? At(-index.Value) : At(index.Value);

    /// <summary>A slice with step 1.</summary>
    public static implicit operator TensorIndex(Range range) => new(IndexKind.Range, null, null, 1, range);

    /// <summary>Python's slice.indices(n): the first position, the step and the element count on an axis of size n.</summary>
    internal (int Start, int Step, int Count) Resolve(int n)
    {
        if (Kind == IndexKind.Range)
        {
            int s = Math.Clamp(_range.Start.IsFromEnd ? n - _range.Start.Value : _range.Start.Value, 0, n);
            int e = Math.Clamp(_range.End.IsFromEnd ? n - _range.End.Value : _range.End.Value, 0, n);
            return (s, 1, Math.Max(0, e - s));
        }
        int step = Step;
        int start, stop;
        if (step > 0)
        {
            start = _start is int a ? Clip(a < 0 ? a + n : a, 0, n) : 0;
            stop = _stop is int b ? Clip(b < 0 ? b + n : b, 0, n) : n;
            return (start, step, stop > start ? (stop - start + step - 1) / step : 0);
        }
        start = _start is int c ? Clip(c < 0 ? c + n : c, -1, n - 1) : n - 1;
        stop = _stop is int d ? Clip(d < 0 ? d + n : d, -1, n - 1) : -1;
        return (start, step, start > stop ? (start - stop - step - 1) / -step : 0);
    }

    internal int SingleIndex => _start ?? 0;

    private static int Clip(int v, int lo, int hi) => v < lo ? lo : v > hi ? hi : v;

    /// <summary>Python-like text: <c>3</c>, <c>1:5:2</c>, <c>None</c>, <c>...</c>.</summary>
    public override string ToString() => Kind switch
    {
        IndexKind.Single => SingleIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IndexKind.NewAxis => "None",
        IndexKind.Ellipsis => "...",
        IndexKind.Range => _range.ToString(),
        _ => $"{_start}:{_stop}:{Step}",
    };
}
