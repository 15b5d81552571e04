using System.CommandLine;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;
using DeepMath.Kernels;
using Spectre.Console;

namespace DeepMath.Cli.Commands;

/// <summary><c>deepmath info</c>: version, runtime, cores and the SIMD widths the kernels use.</summary>
public static class InfoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the facts as one JSON object." };
        var command = new Command("info", "Show the DeepMath version, the runtime, cores and SIMD widths in use.") { json };
        command.SetAction(result =>
        {
            var facts = Collect();
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(Typed(facts), CliJson.Default.DictionaryStringObject));
                return 0;
            }
            // Colour only on an interactive terminal: redirected output (pipes, files, CI logs) gets plain text.
            bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            });
            var table = new Table().Title("DeepMath").AddColumn("fact").AddColumn("value");
            foreach (var (key, value) in facts) table.AddRow(Markup.Escape(key), Markup.Escape(value));
            console.Write(table);
            return 0;
        });
        return command;
    }

    /// <summary>The facts with numbers and booleans as JSON numbers and booleans, the rest as strings.</summary>
    private static Dictionary<string, object> Typed(Dictionary<string, string> facts)
        => facts.ToDictionary(kv => kv.Key, kv => int.TryParse(kv.Value, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
            : bool.TryParse(kv.Value, out var b) ? b : (object)kv.Value);

    /// <summary>The facts shown by the command.</summary>
    public static Dictionary<string, string> Collect() => new()
    {
        ["version"] = typeof(Compute).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["os"] = RuntimeInformation.OSDescription,
        ["architecture"] = RuntimeInformation.ProcessArchitecture.ToString(),
        ["cores"] = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["threads"] = Compute.CurrentThreads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["simd"] = string.Join(", ", new[]
        {
            Vector512.IsHardwareAccelerated ? "Vector512" : null,
            Vector256.IsHardwareAccelerated ? "Vector256" : null,
            Vector128.IsHardwareAccelerated ? "Vector128" : null,
        }.Where(s => s is not null)),
        ["vector<float> lanes"] = Vector<float>.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["fma"] = (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported).ToString(),
    };
}
