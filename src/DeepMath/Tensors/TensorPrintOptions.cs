namespace DeepMath.Tensors;

/// <summary>How tensors print (NumPy's print options).</summary>
public sealed record TensorPrintOptions
{
    /// <summary>The options used by <see cref="object.ToString"/>; settable process-wide, like numpy.set_printoptions.</summary>
    public static TensorPrintOptions Default { get; set; } = new();

    /// <summary>Most digits after the decimal point (values print with fewer when that represents them exactly).</summary>
    public int Precision { get; init; } = 8;

    /// <summary>Tensors with more elements than this print summarised with "...".</summary>
    public int Threshold { get; init; } = 1000;

    /// <summary>Elements shown at each end of a summarised axis.</summary>
    public int EdgeItems { get; init; } = 3;

    /// <summary>Characters per line before rows wrap.</summary>
    public int LineWidth { get; init; } = 75;

    /// <summary>Print tiny values as zero in fixed notation instead of switching to scientific notation.</summary>
    public bool SuppressSmall { get; init; }
}
