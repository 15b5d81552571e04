using System.IO.Compression;
using DeepMath.Tensors;

namespace DeepMath.Data.Npy;

/// <summary>
/// NumPy .npz archives: a zip of .npy files, stored or deflated (np.savez / np.savez_compressed).
/// Malformed archives raise <see cref="FileFormatException"/>; an entry that claims more data than its
/// compressed size could expand to is refused before allocating.
/// </summary>
public static class NpzFile
{
    // Deflate expands at most about 1032:1, so larger claims are lies (zip bombs or corruption).
    private const long MaxDeflateRatio = FileLimits.MaxDeflateRatio;

    /// <summary>Reads every array of an archive, keyed by name (without the .npy suffix), in archive order.</summary>
    public static IReadOnlyDictionary<string, ITensor> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads every array of an archive from a seekable stream; <paramref name="name"/> is used in errors.</summary>
    public static IReadOnlyDictionary<string, ITensor> Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var result = new Dictionary<string, ITensor>(StringComparer.Ordinal);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new FileFormatException(name, $"not a valid zip archive ({e.Message})", null, e);
        }
        using (archive)
        {
            IReadOnlyCollection<ZipArchiveEntry> entries;
            try
            {
                entries = archive.Entries;
            }
            catch (InvalidDataException e)
            {
                throw new FileFormatException(name, $"corrupt zip directory ({e.Message})", null, e);
            }
            foreach (var entry in entries)
            {
                if (entry.FullName.EndsWith('/')) continue;
                var key = entry.FullName.EndsWith(".npy", StringComparison.Ordinal) ? entry.FullName[..^4] : entry.FullName;
                var entryName = $"{name}:{entry.FullName}";
                if (!result.TryAdd(key, ReadEntry(entry, entryName)))
                    throw new FileFormatException(name, $"the archive holds two arrays named '{key}'");
            }
        }
        return result;
    }

    /// <summary>Reads one named array (with or without the .npy suffix).</summary>
    /// <exception cref="KeyNotFoundException">The archive has no such array.</exception>
    public static ITensor Read(string path, string arrayName)
    {
        var all = Read(path);
        return all.TryGetValue(arrayName, out var t) ? t : throw new KeyNotFoundException($"{path} holds no array named '{arrayName}' (it has {string.Join(", ", all.Keys)}).");
    }

    /// <summary>Writes arrays to an archive atomically; deflated when <paramref name="compress"/> (np.savez_compressed).</summary>
    public static void Write(string path, IReadOnlyDictionary<string, ITensor> arrays, bool compress = false)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        AtomicFile.Write(path, s =>
        {
            using var archive = new ZipArchive(s, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (key, tensor) in arrays)
            {
                var entry = archive.CreateEntry(key + ".npy", compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                using var entryStream = entry.Open();
                NpyFile.Write(entryStream, tensor);
            }
        });
    }

    private static ITensor ReadEntry(ZipArchiveEntry entry, string entryName)
    {
        long claimed = entry.Length;
        long bound = entry.CompressedLength * MaxDeflateRatio + 4096;
        if (claimed < 0 || claimed > bound)
            throw new FileFormatException(entryName, $"the entry claims {claimed} bytes from {entry.CompressedLength} compressed bytes, which is impossible");
        if (entry.IsEncrypted) throw new FileFormatException(entryName, "the entry is encrypted; .npz entries are plain (stored or deflated) data");
        try
        {
            using var stream = new Crc32Stream(entry.Open());
            var tensor = NpyFile.Read(stream, entryName, claimed);
            stream.Drain();
            if (stream.Value != entry.Crc32)
                throw new FileFormatException(entryName, $"bad CRC-32: {stream.Value:x8} for the entry's bytes, the archive records {entry.Crc32:x8}");
            return tensor;
        }
        catch (InvalidDataException e)
        {
            throw new FileFormatException(entryName, $"corrupt compressed data ({e.Message})", null, e);
        }
        catch (NotSupportedException e)
        {
            throw new FileFormatException(entryName, $"unsupported zip entry ({e.Message})", null, e);
        }
    }
}
