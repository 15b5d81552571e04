using System.Globalization;
using DeepMath.Optimization;
using DeepMath.Optimization.Schedules;

namespace DeepMath.Cli.Training;

/// <summary>
/// Parses --schedule: none | step:SIZE[:GAMMA] | multistep:A,B,...[:GAMMA] | exponential:GAMMA |
/// cosine[:MIN] | restarts:T0[:MULT] | onecycle[:WARMUP_FRACTION] | plateau[:PATIENCE[:FACTOR]], optionally
/// preceded by warmup:STEPS+ (e.g. warmup:2+cosine). Lengths are in epochs, or in batches with
/// --schedule-per batch (one-cycle always counts batches).
/// </summary>
public static class ScheduleParser
{
    /// <summary>Parses the text; <paramref name="totalSteps"/> is the run's length in the schedule's unit.</summary>
    /// <exception cref="UsageException">The text is not a schedule.</exception>
    public static LearningRateSchedule? Parse(string? text, long totalSteps)
    {
        try
        {
            return Build(text, totalSteps);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--schedule '{text}': {e.Message}");
        }
    }

    private static LearningRateSchedule? Build(string? text, long totalSteps)
    {
        if (string.IsNullOrWhiteSpace(text) || text == "none") return null;
        var parts = text.Split('+', 2);
        if (parts.Length == 2)
        {
            var warm = parts[0].Split(':');
            if (warm.Length != 2 || warm[0] != "warmup") throw new UsageException($"--schedule '{text}': only warmup:STEPS can come before '+'.");
            long steps = Long(warm[1], text);
            var rest = Build(parts[1], Math.Max(1, totalSteps - steps)) ?? new ConstantSchedule();
            return new LinearWarmup(steps, 0.1).Then(steps, rest);
        }
        var fields = text.Split(':');
        string Field(int i, string fallback) => fields.Length > i ? fields[i] : fallback;
        return fields[0] switch
        {
            "step" => new StepDecay(Long(Field(1, ""), text), Double(Field(2, "0.1"), text)),
            "multistep" => new MultiStepDecay([.. Field(1, "").Split(',').Select(s => Long(s, text))], Double(Field(2, "0.1"), text)),
            "exponential" => new ExponentialDecay(Double(Field(1, ""), text)),
            "cosine" => new CosineAnnealing(Math.Max(1, totalSteps), Double(Field(1, "0"), text)),
            "restarts" => new CosineWarmRestarts(Long(Field(1, ""), text), Long(Field(2, "1"), text)),
            "onecycle" => new OneCycle(Math.Max(1, totalSteps), Double(Field(1, "0.3"), text)),
            "plateau" => new ReduceOnPlateau(MetricGoal.Minimize, Double(Field(2, "0.1"), text), (int)Long(Field(1, "3"), text)),
            _ => throw new UsageException($"--schedule '{text}': unknown schedule '{fields[0]}' (use step, multistep, exponential, cosine, restarts, onecycle, plateau, optionally after warmup:N+)."),
        };
    }

    private static long Long(string s, string text)
        => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new UsageException($"--schedule '{text}': '{s}' is not a positive integer.");

    private static double Double(string s, string text)
        => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : throw new UsageException($"--schedule '{text}': '{s}' is not a non-negative number.");
}
