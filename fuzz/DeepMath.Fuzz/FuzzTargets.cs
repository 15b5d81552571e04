using System.Text;
using DeepMath.Cli;
using DeepMath.Cli.Training;
using DeepMath.Data;
using DeepMath.Data.Csv;
using DeepMath.Data.Idx;
using DeepMath.Data.Npy;
using DeepMath.Data.SafeTensors;
using DeepMath.Neural;
using DeepMath.Neural.Training;

namespace DeepMath.Fuzz;

/// <summary>
/// Every parser DeepMath exposes to files and strings a user may not control, as fuzz targets: each
/// reads one input and may only succeed or throw the typed error its documentation promises. Any other
/// exception (or a crash, or a hang) is a finding. Shared by the AFL++ harness (Program) and by the
/// test suite, which replays the seeds and every saved finding.
/// </summary>
public static class FuzzTargets
{
    /// <summary>
    /// The documented memory bounds (docs/FUZZING.md): bytes a reader may allocate in all, as a multiple of
    /// the input's size plus a fixed part for buffers. Binary formats hold their data about once; text is
    /// split into strings before it is parsed; deflate may inflate up to 1032 times.
    /// </summary>
    // Declared before ByName: static initializers run in order.
    public static readonly (long PerInputByte, long Fixed) PlainBound = (4, 4 << 20), TextBound = (32, 4 << 20), DeflatedBound = (4 * FileLimits.MaxDeflateRatio, 4 << 20);

    /// <summary>The targets by name.</summary>
    public static IReadOnlyDictionary<string, Action<Stream>> ByName { get; } = new Dictionary<string, Action<Stream>>(StringComparer.Ordinal)
    {
        ["npy"] = Bounded("npy", PlainBound, s => Expect<FileFormatException>(() => NpyFile.Read(s, "fuzz.npy", s.CanSeek ? s.Length : null))),
        ["npz"] = Bounded("npz", DeflatedBound, s => Expect<FileFormatException>(() => NpzFile.Read(s, "fuzz.npz"))),
        ["safetensors"] = Bounded("safetensors", PlainBound, s => Expect<FileFormatException>(() => SafeTensorsFile.Read(s, "fuzz.safetensors"))),
        ["idx"] = Bounded("idx", DeflatedBound, s => Expect<FileFormatException>(() => IdxFile.Read(s, "fuzz.idx"))),
        ["csv"] = Bounded("csv", TextBound, s => Expect<FileFormatException>(() => CsvFile.Read(new StreamReader(s, Encoding.UTF8), "fuzz.csv"))),
        ["csv-labeled"] = Bounded("csv-labeled", TextBound, s => Expect<FileFormatException>(() => CsvFile.ReadLabeled(new StreamReader(s, Encoding.UTF8), "fuzz.csv"))),
        ["checkpoint"] = Bounded("checkpoint", PlainBound, s => Expect<FileFormatException, FormatException>(() => CheckpointModel.Load(Checkpoint.Load(s, "fuzz.safetensors")))),
        ["model-spec"] = Bounded("model-spec", TextBound, s => Expect<FormatException>(() => ModelSpec.Parse(Text(s)))),
        ["schedule"] = Bounded("schedule", TextBound, s => Expect<UsageException>(() => ScheduleParser.Parse(Text(s), 1000))),
    };

    /// <summary>The target, failing (a finding) when it allocates more than its bound for the input's size.</summary>
    public static Action<Stream> Bounded(string name, (long PerInputByte, long Fixed) bound, Action<Stream> parse) => stream =>
    {
        long length = stream.CanSeek ? stream.Length - stream.Position : 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        parse(stream);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before, limit = bound.PerInputByte * length + bound.Fixed;
        if (allocated > limit)
            throw new InvalidOperationException($"{name}: allocated {allocated:N0} bytes for a {length:N0}-byte input, over the documented bound of {limit:N0}.");
    };

    /// <summary>Texts are capped at 64 KiB: the parsers take command-line strings and metadata values, not files.</summary>
    private static string Text(Stream s)
    {
        var buffer = new byte[1 << 16];
        int read = 0, n;
        while (read < buffer.Length && (n = s.Read(buffer, read, buffer.Length - read)) > 0) read += n;
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private static void Expect<TError>(Action parse) where TError : Exception
    {
        try
        {
            parse();
        }
        catch (TError)
        {
            // the promised, typed refusal
        }
    }

    private static void Expect<TError1, TError2>(Action parse) where TError1 : Exception where TError2 : Exception
    {
        try
        {
            parse();
        }
        catch (Exception e) when (e is TError1 or TError2)
        {
            // the promised, typed refusal
        }
    }
}
