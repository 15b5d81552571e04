using System.Globalization;

namespace DeepMath.Kernels.Gemm;

/// <summary>Data cache sizes per core, read from Linux sysfs where available (sensible defaults elsewhere).</summary>
internal sealed record CacheInfo(long L1, long L2, long L3)
{
    public static CacheInfo Current { get; } = Read();

    private static CacheInfo Read()
    {
        long l1 = 32 * 1024, l2 = 1024 * 1024, l3 = 8 * 1024 * 1024;
        try
        {
            const string root = "/sys/devices/system/cpu/cpu0/cache";
            if (!Directory.Exists(root)) return new CacheInfo(l1, l2, l3);
            foreach (var index in Directory.GetDirectories(root, "index*"))
            {
                var type = File.ReadAllText(Path.Combine(index, "type")).Trim();
                if (type == "Instruction") continue;
                int level = int.Parse(File.ReadAllText(Path.Combine(index, "level")).Trim(), CultureInfo.InvariantCulture);
                long size = ParseSize(File.ReadAllText(Path.Combine(index, "size")).Trim());
                if (size <= 0) continue;
                if (level == 1) l1 = size;
                else if (level == 2) l2 = size;
                else if (level == 3) l3 = size;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        catch (FormatException)
        {
        }
        return new CacheInfo(l1, l2, l3);
    }

    private static long ParseSize(string text)
    {
        long multiplier = text.EndsWith('K') ? 1024 : text.EndsWith('M') ? 1024 * 1024 : 1;
        return long.TryParse(text.TrimEnd('K', 'M'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v * multiplier : 0;
    }
}

/// <summary>
/// BLIS-style block sizes: a kc x nr micro-panel of B fills about half of L1, an mc x kc block of A
/// about half of L2, a kc x nc panel of B a share of L3. Multiples of the micro-tile.
/// </summary>
internal readonly record struct Blocking(int Kc, int Mc, int Nc)
{
    public static Blocking For(int elementSize, int microRows, int microColumns)
        => Override(microRows, microColumns) ?? Computed(elementSize, microRows, microColumns);

    /// <summary>The sizes derived from the cache sizes.</summary>
    public static Blocking Computed(int elementSize, int microRows, int microColumns)
    {
        var cache = CacheInfo.Current;
        int kc = (int)Math.Clamp(cache.L1 / 2 / (microColumns * elementSize), 64, 512) / 8 * 8;
        int mc = (int)Math.Clamp(cache.L2 / 2 / (kc * elementSize), microRows, 1536) / microRows * microRows;
        int nc = (int)Math.Clamp(Math.Min(cache.L3, 16L << 20) / 4 / (kc * elementSize), microColumns, 8192) / microColumns * microColumns;
        return new Blocking(kc, mc, nc);
    }

    /// <summary>Sizes forced by a <see cref="Compute.GemmBlockSizes"/> scope, rounded to whole micro-tiles.</summary>
    private static Blocking? Override(int microRows, int microColumns)
    {
        if (Compute.CurrentGemmBlocking is not { } forced) return null;
        return new Blocking(forced.Kc, Math.Max(microRows, forced.Mc / microRows * microRows), Math.Max(microColumns, forced.Nc / microColumns * microColumns));
    }
}
