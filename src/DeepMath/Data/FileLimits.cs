namespace DeepMath.Data;

/// <summary>
/// The limits every reader enforces before it allocates: a file that declares more is refused with a
/// <see cref="FileFormatException"/> naming the file and the limit. docs/THREAT_MODEL.md explains what
/// they guarantee.
/// </summary>
public static class FileLimits
{
    /// <summary>Largest .npy header (NumPy itself writes at most 65,535 bytes in format 1.0; 4 GiB in 2.0/3.0).</summary>
    public const int NpyMaxHeaderBytes = 1 << 20;

    /// <summary>Most axes of a .npy array (NumPy's own maximum).</summary>
    public const int NpyMaxRank = 64;

    /// <summary>Largest safetensors JSON header (the format's own reference implementation allows 100 MB).</summary>
    public const int SafeTensorsMaxHeaderBytes = 100 << 20;

    /// <summary>Most axes of a safetensors tensor.</summary>
    public const int SafeTensorsMaxRank = 64;

    /// <summary>Most axes of an IDX array (the format's one-byte count allows 255).</summary>
    public const int IdxMaxRank = 16;

    /// <summary>
    /// Largest ratio of inflated to compressed bytes accepted from a deflate stream (gzip, .npz): deflate
    /// cannot exceed about 1032:1, so a stream that claims more is corrupt or hostile, and the memory
    /// a compressed file can make a reader allocate is bounded by this multiple of its size.
    /// </summary>
    public const long MaxDeflateRatio = 1032;

    /// <summary>Allowance added to the deflate bound for headers and tiny streams.</summary>
    public const long DeflateSlackBytes = 1 << 20;

    /// <summary>Most elements in one array (.NET's largest array).</summary>
    public static int MaxElements => Array.MaxLength;
}
