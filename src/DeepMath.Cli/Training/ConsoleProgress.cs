using System.Diagnostics;
using System.Globalization;
using DeepMath.Neural.Training;
using Spectre.Console;

namespace DeepMath.Cli.Training;

/// <summary>
/// Training progress for people: a live bar per epoch (loss, throughput, ETA) when the output is an
/// interactive terminal, plain lines otherwise (logs, pipes, CI), nothing but JSON lines with --json.
/// </summary>
public sealed class ConsoleProgress : ITrainingObserver
{
    private readonly TextWriter _output;
    private readonly bool _json;
    private readonly ProgressContext? _context;
    private ProgressTask? _task;
    private readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();

    /// <summary>Plain lines (or JSON lines) to a writer.</summary>
    public ConsoleProgress(TextWriter output, bool json)
    {
        _output = output;
        _json = json;
    }

    /// <summary>Live progress bars in a Spectre.Console progress context.</summary>
    public ConsoleProgress(TextWriter output, ProgressContext context) : this(output, json: false) => _context = context;

    /// <inheritdoc/>
    public void EpochStarted(int epoch, int epochs, int batches)
    {
        if (_context is not null) _task = _context.AddTask($"epoch {epoch}/{epochs}", maxValue: batches);
        _sinceLastLine.Restart();
    }

    /// <inheritdoc/>
    public void BatchFinished(int epoch, int batch, int batches, double loss, double samplesPerSecond)
    {
        if (_task is not null)
        {
            _task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}: loss {loss:F4}, {samplesPerSecond:N0} samples/s");
            _task.Value = batch;
            return;
        }
        // Without a terminal, a line every ten seconds keeps long epochs visibly alive.
        if (!_json && _sinceLastLine.Elapsed.TotalSeconds >= 10)
        {
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  epoch {epoch}: batch {batch}/{batches}, loss {loss:F4}, {samplesPerSecond:N0} samples/s"));
            _sinceLastLine.Restart();
        }
    }

    /// <inheritdoc/>
    public void EpochFinished(EpochRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_task is not null)
        {
            _task.Value = _task.MaxValue;
            _task.StopTask();
        }
        if (_json)
        {
            _output.WriteLine(RunOutputs.EpochJson(record));
            return;
        }
        string line = string.Create(CultureInfo.InvariantCulture,
            $"epoch {record.Epoch}: train loss {record.TrainLoss:F4}{Headline("train", record.TrainMetrics)}, test loss {record.TestLoss:F4}{Headline("test", record.TestMetrics)}, lr {record.LearningRate:G4}, {record.Seconds:F2} s ({record.SamplesPerSecond:N0} samples/s)");
        if (_context is null)
        {
            _output.WriteLine(line);
            return;
        }
        // Under live progress bars a line that wraps leaves fragments in the scrollback: break it at its commas instead.
        foreach (var part in Wrap(line, AnsiConsole.Profile.Width)) AnsiConsole.MarkupLine(Markup.Escape(part));
    }

    /// <summary>
    /// <paramref name="line"/> split at ", " into lines shorter than <paramref name="width"/> (the continuation
    /// lines indented by two spaces); a single piece longer than the width is cut.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string line, int width)
    {
        ArgumentNullException.ThrowIfNull(line);
        int limit = Math.Max(20, width - 1);
        if (line.Length <= limit) return [line];
        var lines = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var piece in line.Split(", "))
        {
            string next = current.Length == 0 ? piece : current + ", " + piece;
            if (next.Length <= limit || current.Length == 0)
            {
                current.Clear().Append(next);
                continue;
            }
            lines.Add(current + ",");
            current.Clear().Append("  ").Append(piece);
        }
        if (current.Length > 0) lines.Add(current.ToString());
        return [.. lines.Select(l => l.Length <= limit ? l : l[..limit])];
    }

    /// <summary>The metrics worth a place on the epoch line: accuracy for classifiers, RMSE and R² for regression.</summary>
    internal static string Headline(string part, IReadOnlyDictionary<string, double> metrics)
    {
        var sb = new System.Text.StringBuilder();
        if (metrics.TryGetValue("accuracy", out var accuracy)) sb.Append(CultureInfo.InvariantCulture, $", {part} accuracy {accuracy:P2}");
        if (metrics.TryGetValue("rmse", out var rmse)) sb.Append(CultureInfo.InvariantCulture, $", {part} RMSE {rmse:G4}");
        if (metrics.TryGetValue("r2", out var r2)) sb.Append(CultureInfo.InvariantCulture, $", {part} R² {r2:F4}");
        return sb.ToString();
    }

    /// <inheritdoc/>
    public void Message(string text)
    {
        if (_json) return;
        if (_context is not null) AnsiConsole.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
        else _output.WriteLine(text);
    }
}
