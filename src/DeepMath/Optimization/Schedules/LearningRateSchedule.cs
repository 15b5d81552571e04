namespace DeepMath.Optimization.Schedules;

/// <summary>
/// A learning-rate schedule: a factor of the optimizer's base learning rate as a function of the
/// step (an epoch or an iteration, as the trainer chooses). Schedules are pure functions of the step
/// (so resuming from a checkpoint needs only the step), except <see cref="ReduceOnPlateau"/>, which
/// also listens to a metric and has state (<see cref="GetState"/>). Compose them with <see cref="Then"/>
/// (one after another; a metric goes to the part in use at the last step asked for) and
/// <see cref="Times"/> (factors multiply; both parts hear the metric).
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The factor at a 0-based step.</summary>
    public abstract double FactorAt(long step);

    /// <summary>Receives the monitored metric after an epoch (only metric-driven schedules use it).</summary>
    public virtual void ReportMetric(double value)
    {
    }

    /// <summary>State beyond the step, for checkpoints (empty for pure schedules).</summary>
    public virtual IReadOnlyDictionary<string, double> GetState() => new Dictionary<string, double>();

    /// <summary>Restores <see cref="GetState"/>.</summary>
    public virtual void SetState(IReadOnlyDictionary<string, double> state)
    {
    }

    /// <summary>This schedule for <paramref name="steps"/> steps, then <paramref name="next"/> (whose step count restarts at 0).</summary>
    public LearningRateSchedule Then(long steps, LearningRateSchedule next) => new SequentialSchedule(this, steps, next);

    /// <summary>A schedule whose factor is this factor times <paramref name="other"/>'s.</summary>
    public LearningRateSchedule Times(LearningRateSchedule other) => new ProductSchedule(this, other);

    private sealed class SequentialSchedule(LearningRateSchedule first, long length, LearningRateSchedule second) : LearningRateSchedule
    {
        private readonly long _length = length >= 0 ? length : throw new ArgumentOutOfRangeException(nameof(length), length, "The first schedule's length must be non-negative.");
        private long _lastStep;

        public override double FactorAt(long step)
        {
            _lastStep = step;
            return step < _length ? first.FactorAt(step) : second.FactorAt(step - _length);
        }

        public override void ReportMetric(double value) => (_lastStep < _length ? first : second).ReportMetric(value);

        public override IReadOnlyDictionary<string, double> GetState() => Combine(first, second);

        public override void SetState(IReadOnlyDictionary<string, double> state) => Split(state, first, second);
    }

    private sealed class ProductSchedule(LearningRateSchedule a, LearningRateSchedule b) : LearningRateSchedule
    {
        public override double FactorAt(long step) => a.FactorAt(step) * b.FactorAt(step);

        public override void ReportMetric(double value)
        {
            a.ReportMetric(value);
            b.ReportMetric(value);
        }

        public override IReadOnlyDictionary<string, double> GetState() => Combine(a, b);

        public override void SetState(IReadOnlyDictionary<string, double> state) => Split(state, a, b);
    }

    /// <summary>The parts' states under the prefixes "0/" and "1/" (nesting adds prefixes).</summary>
    private static Dictionary<string, double> Combine(LearningRateSchedule first, LearningRateSchedule second)
    {
        var state = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in first.GetState()) state["0/" + key] = value;
        foreach (var (key, value) in second.GetState()) state["1/" + key] = value;
        return state;
    }

    private static void Split(IReadOnlyDictionary<string, double> state, LearningRateSchedule first, LearningRateSchedule second)
    {
        ArgumentNullException.ThrowIfNull(state);
        Dictionary<string, double> Part(string prefix)
            => state.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value, StringComparer.Ordinal);
        if (Part("0/") is { Count: > 0 } a) first.SetState(a);
        if (Part("1/") is { Count: > 0 } b) second.SetState(b);
    }
}
