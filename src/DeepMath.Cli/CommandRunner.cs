using System.CommandLine;

namespace DeepMath.Cli;

/// <summary>
/// Parses and runs a command line with DeepMath's exit codes: 0 success, 1 failure while running,
/// 2 a usage mistake (the errors and the failing command's help go to standard error).
/// </summary>
public static class CommandRunner
{
    /// <summary>Exit code for a usage mistake.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for a failure while running.</summary>
    public const int Failure = 1;

    /// <summary>Runs <paramref name="args"/> against <paramref name="root"/>, writing to the given writers (console by default).</summary>
    public static int Run(RootCommand root, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        output ??= Console.Out;
        error ??= Console.Error;
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) error.WriteLine($"error: {Plain(e.Message)}");
            return Usage(root, parsed, error);
        }
        if (parsed.Action is System.CommandLine.Help.HelpAction)
        {
            WriteHelp(parsed, output);
            return 0;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return Usage(root, parsed, error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException or InvalidOperationException
            or OverflowException or NotSupportedException)
        {
            error.WriteLine($"error: {e.Message}");
            return Failure;
        }
    }

    /// <summary>Parse errors in the user's terms: .NET type names become what the option takes.</summary>
    internal static string Plain(string message) => message
        .Replace("expected type 'System.Nullable`1[System.Int32]'", "a whole number", StringComparison.Ordinal)
        .Replace("expected type 'System.Nullable`1[System.Int64]'", "a whole number", StringComparison.Ordinal)
        .Replace("expected type 'System.Nullable`1[System.Double]'", "a number", StringComparison.Ordinal)
        .Replace("expected type 'System.Int32'", "a whole number", StringComparison.Ordinal)
        .Replace("expected type 'System.Int64'", "a whole number", StringComparison.Ordinal)
        .Replace("expected type 'System.UInt64'", "a whole number of at least 0", StringComparison.Ordinal)
        .Replace("expected type 'System.Double'", "a number", StringComparison.Ordinal);

    /// <summary>Reads a checkpoint named on the command line; a folder gets a usage message saying which file to pass.</summary>
    /// <exception cref="UsageException">The path is a folder.</exception>
    internal static DeepMath.Neural.Training.Checkpoint LoadCheckpoint(string path, string option = "--checkpoint")
    {
        if (Directory.Exists(path))
            throw new UsageException($"{option} {path} is a folder; pass the model.safetensors file that deepmath train wrote in it.");
        return DeepMath.Neural.Training.Checkpoint.Load(path);
    }

    /// <summary>Prints the help of the command the user was running to <paramref name="error"/> and returns <see cref="UsageError"/>.</summary>
    private static int Usage(RootCommand root, ParseResult parsed, TextWriter error)
    {
        error.WriteLine();
        var path = new List<string>();
        for (var r = parsed.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            if (r.Command != root) path.Insert(0, r.Command.Name);
        path.Add("--help");
        WriteHelp(root.Parse(path), error);
        return UsageError;
    }

    /// <summary>
    /// Help text names the program by its entry assembly (DeepMath.Cli); users type <c>deepmath</c>
    /// (the launcher's name), so the usage lines say that.
    /// </summary>
    private static void WriteHelp(ParseResult help, TextWriter writer)
    {
        var text = new StringWriter();
        help.Invoke(new InvocationConfiguration { Output = text, Error = text });
        writer.Write(text.ToString().Replace(RootCommand.ExecutableName + " ", "deepmath ", StringComparison.Ordinal)
            .Replace("  " + RootCommand.ExecutableName + "\n", "  deepmath\n", StringComparison.Ordinal));
    }
}

/// <summary>A mistake in the command line found after parsing (an option value out of range, say): exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
