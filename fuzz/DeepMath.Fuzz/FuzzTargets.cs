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
    /// <summary>The targets by name.</summary>
    public static IReadOnlyDictionary<string, Action<Stream>> ByName { get; } = new Dictionary<string, Action<Stream>>(StringComparer.Ordinal)
    {
        ["npy"] = s => Expect<FileFormatException>(() => NpyFile.Read(s, "fuzz.npy", s.CanSeek ? s.Length : null)),
        ["npz"] = s => Expect<FileFormatException>(() => NpzFile.Read(s, "fuzz.npz")),
        ["safetensors"] = s => Expect<FileFormatException>(() => SafeTensorsFile.Read(s, "fuzz.safetensors")),
        ["idx"] = s => Expect<FileFormatException>(() => IdxFile.Read(s, "fuzz.idx")),
        ["csv"] = s => Expect<FileFormatException>(() => CsvFile.Read(new StreamReader(s, Encoding.UTF8), "fuzz.csv")),
        ["csv-labeled"] = s => Expect<FileFormatException>(() => CsvFile.ReadLabeled(new StreamReader(s, Encoding.UTF8), "fuzz.csv")),
        ["checkpoint"] = s => Expect<FileFormatException, FormatException>(() => CheckpointModel.Load(Checkpoint.Load(s, "fuzz.safetensors"))),
        ["model-spec"] = s => Expect<FormatException>(() => ModelSpec.Parse(Text(s))),
        ["schedule"] = s => Expect<UsageException>(() => ScheduleParser.Parse(Text(s), 1000)),
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
