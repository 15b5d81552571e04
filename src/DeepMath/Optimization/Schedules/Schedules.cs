namespace DeepMath.Optimization.Schedules;

/// <summary>The same learning rate throughout.</summary>
public sealed class ConstantSchedule : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double FactorAt(long step) => 1;
}

/// <summary>Multiplies by gamma every <c>stepSize</c> steps: gamma^floor(step / stepSize).</summary>
public sealed class StepDecay(long stepSize, double gamma = 0.1) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double FactorAt(long step) => Math.Pow(gamma, step / Math.Max(1, stepSize));
}

/// <summary>Multiplies by gamma at each milestone: gamma^(number of milestones &lt;= step).</summary>
public sealed class MultiStepDecay(IReadOnlyList<long> milestones, double gamma = 0.1) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double FactorAt(long step) => Math.Pow(gamma, milestones.Count(m => m <= step));
}

/// <summary>gamma^step.</summary>
public sealed class ExponentialDecay(double gamma) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double FactorAt(long step) => Math.Pow(gamma, step);
}

/// <summary>
/// Cosine annealing (Loshchilov and Hutter): from 1 down to <c>minFactor</c> over <c>period</c>
/// steps, f = min + (1 - min)(1 + cos(pi step / period)) / 2, then holding at min.
/// </summary>
public sealed class CosineAnnealing(long period, double minFactor = 0) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double FactorAt(long step)
    {
        long t = Math.Min(step, period);
        return minFactor + (1 - minFactor) * (1 + Math.Cos(Math.PI * t / period)) / 2;
    }
}

/// <summary>
/// Cosine annealing with warm restarts (SGDR): cycles of length T0, T0 m, T0 m^2, ... each annealing
/// from 1 to <c>minFactor</c>.
/// </summary>
public sealed class CosineWarmRestarts(long firstPeriod, long periodMultiplier = 1, double minFactor = 0) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double FactorAt(long step)
    {
        long period = Math.Max(1, firstPeriod), t = step;
        while (t >= period)
        {
            t -= period;
            period *= Math.Max(1, periodMultiplier);
        }
        return minFactor + (1 - minFactor) * (1 + Math.Cos(Math.PI * t / period)) / 2;
    }
}

/// <summary>Rises linearly from <c>startFactor</c> to 1 over <c>steps</c> steps, then holds at 1 (compose with <see cref="LearningRateSchedule.Then"/>).</summary>
public sealed class LinearWarmup(long steps, double startFactor = 0) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double FactorAt(long step) => step >= steps ? 1 : startFactor + (1 - startFactor) * step / steps;
}

/// <summary>
/// The one-cycle policy (Smith): the base learning rate is the peak; the factor rises from
/// 1/<c>divFactor</c> to 1 over the first <c>warmupFraction</c> of <c>totalSteps</c> and anneals to
/// 1/(<c>divFactor</c> <c>finalDivFactor</c>) by the end, both by cosine (PyTorch's OneCycleLR).
/// </summary>
public sealed class OneCycle(long totalSteps, double warmupFraction = 0.3, double divFactor = 25, double finalDivFactor = 1e4) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override double FactorAt(long step)
    {
        double start = 1 / divFactor, end = start / finalDivFactor;
        double peakStep = warmupFraction * totalSteps - 1, last = totalSteps - 1;
        double t = Math.Min(step, last);
        if (t <= peakStep) return Cosine(start, 1, peakStep <= 0 ? 1 : t / peakStep);
        return Cosine(1, end, (t - peakStep) / Math.Max(1, last - peakStep));
    }

    private static double Cosine(double from, double to, double fraction) => to + (from - to) * (1 + Math.Cos(Math.PI * fraction)) / 2;
}

/// <summary>
/// Multiplies the factor by <c>factor</c> when the metric has not improved for <c>patience</c>
/// reports (after a <c>cooldown</c>), never below <c>minFactor</c> (PyTorch's ReduceLROnPlateau, relative threshold).
/// </summary>
public sealed class ReduceOnPlateau(MetricGoal goal = MetricGoal.Minimize, double factor = 0.1, int patience = 10,
    double threshold = 1e-4, int cooldown = 0, double minFactor = 0) : LearningRateSchedule
{
    private double _current = 1;
    private double _best = double.NaN;
    private int _bad;
    private int _cooldownLeft;

    /// <inheritdoc/>
    public override double FactorAt(long step) => _current;

    /// <inheritdoc/>
    public override void ReportMetric(double value)
    {
        bool better = double.IsNaN(_best) || (goal == MetricGoal.Minimize ? value < _best * (1 - threshold) : value > _best * (1 + threshold));
        if (better)
        {
            _best = value;
            _bad = 0;
        }
        else _bad++;
        if (_cooldownLeft > 0)
        {
            _cooldownLeft--;
            _bad = 0;
        }
        if (_bad > patience)
        {
            _current = Math.Max(_current * factor, minFactor);
            _cooldownLeft = cooldown;
            _bad = 0;
        }
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, double> GetState() => new Dictionary<string, double>
    {
        ["factor"] = _current, ["best"] = _best, ["bad"] = _bad, ["cooldown"] = _cooldownLeft,
    };

    /// <inheritdoc/>
    public override void SetState(IReadOnlyDictionary<string, double> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _current = state["factor"];
        _best = state["best"];
        _bad = (int)state["bad"];
        _cooldownLeft = (int)state["cooldown"];
    }
}
