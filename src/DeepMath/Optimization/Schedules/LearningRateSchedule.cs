namespace DeepMath.Optimization.Schedules;

/// <summary>
/// A learning-rate schedule: a factor of the optimizer's base learning rate as a function of the
/// step (an epoch or an iteration, as the trainer chooses). Schedules are pure functions of the step
/// (so resuming from a checkpoint needs only the step), except <see cref="ReduceOnPlateau"/>, which
/// also listens to a metric. Compose them with <see cref="Then"/> (one after another) and
/// <see cref="Times"/> (factors multiply).
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
        public override double FactorAt(long step) => step < length ? first.FactorAt(step) : second.FactorAt(step - length);

        public override void ReportMetric(double value)
        {
            first.ReportMetric(value);
            second.ReportMetric(value);
        }
    }

    private sealed class ProductSchedule(LearningRateSchedule a, LearningRateSchedule b) : LearningRateSchedule
    {
        public override double FactorAt(long step) => a.FactorAt(step) * b.FactorAt(step);

        public override void ReportMetric(double value)
        {
            a.ReportMetric(value);
            b.ReportMetric(value);
        }
    }
}
