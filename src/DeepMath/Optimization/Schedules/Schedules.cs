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
    private readonly long _stepSize = ScheduleArguments.Positive(stepSize, nameof(stepSize));
    private readonly double _gamma = ScheduleArguments.Gamma(gamma);

    /// <inheritdoc/>
    public override double FactorAt(long step) => Math.Pow(_gamma, step / _stepSize);
}

/// <summary>Multiplies by gamma at each milestone: gamma^(number of milestones &lt;= step).</summary>
public sealed class MultiStepDecay(IReadOnlyList<long> milestones, double gamma = 0.1) : LearningRateSchedule
{
    private readonly long[] _milestones = [.. milestones ?? throw new ArgumentNullException(nameof(milestones))];
    private readonly double _gamma = ScheduleArguments.Gamma(gamma);

    /// <inheritdoc/>
    public override double FactorAt(long step) => Math.Pow(_gamma, _milestones.Count(m => m <= step));
}

/// <summary>gamma^step.</summary>
public sealed class ExponentialDecay(double gamma) : LearningRateSchedule
{
    private readonly double _gamma = ScheduleArguments.Gamma(gamma);

    /// <inheritdoc/>
    public override double FactorAt(long step) => Math.Pow(_gamma, step);
}

/// <summary>
/// Cosine annealing (Loshchilov and Hutter): from 1 down to <c>minFactor</c> over <c>period</c>
/// steps, f = min + (1 - min)(1 + cos(pi step / period)) / 2, then holding at min.
/// </summary>
public sealed class CosineAnnealing(long period, double minFactor = 0) : LearningRateSchedule
{
    private readonly long _period = ScheduleArguments.Positive(period, nameof(period));
    private readonly double _min = ScheduleArguments.Factor(minFactor, nameof(minFactor));

    /// <inheritdoc/>
    public override double FactorAt(long step)
    {
        long t = Math.Min(step, _period);
        return _min + (1 - _min) * (1 + Math.Cos(Math.PI * t / _period)) / 2;
    }
}

/// <summary>
/// Cosine annealing with warm restarts (SGDR): cycles of length T0, T0 m, T0 m^2, ... each annealing
/// from 1 to <c>minFactor</c>.
/// </summary>
public sealed class CosineWarmRestarts(long firstPeriod, long periodMultiplier = 1, double minFactor = 0) : LearningRateSchedule
{
    private readonly long _first = ScheduleArguments.Positive(firstPeriod, nameof(firstPeriod));
    private readonly long _multiplier = ScheduleArguments.Positive(periodMultiplier, nameof(periodMultiplier));
    private readonly double _min = ScheduleArguments.Factor(minFactor, nameof(minFactor));

    /// <inheritdoc/>
    public override double FactorAt(long step)
    {
        long period = _first, t = step;
        while (t >= period)
        {
            t -= period;
            period *= _multiplier;
        }
        return _min + (1 - _min) * (1 + Math.Cos(Math.PI * t / period)) / 2;
    }
}

/// <summary>Rises linearly from <c>startFactor</c> to 1 over <c>steps</c> steps, then holds at 1 (compose with <see cref="LearningRateSchedule.Then"/>).</summary>
public sealed class LinearWarmup(long steps, double startFactor = 0) : LearningRateSchedule
{
    private readonly long _steps = ScheduleArguments.Positive(steps, nameof(steps));
    private readonly double _start = ScheduleArguments.Factor(startFactor, nameof(startFactor));

    /// <inheritdoc/>
    public override double FactorAt(long step) => step >= _steps ? 1 : _start + (1 - _start) * step / _steps;
}

/// <summary>
/// The one-cycle policy (Smith): the base learning rate is the peak; the factor rises from
/// 1/<c>divFactor</c> to 1 over the first <c>warmupFraction</c> of <c>totalSteps</c> and anneals to
/// 1/(<c>divFactor</c> <c>finalDivFactor</c>) by the end, both by cosine (PyTorch's OneCycleLR).
/// </summary>
public sealed class OneCycle(long totalSteps, double warmupFraction = 0.3, double divFactor = 25, double finalDivFactor = 1e4) : LearningRateSchedule
{
    private readonly long _total = ScheduleArguments.Positive(totalSteps, nameof(totalSteps));
    private readonly double _warmup = warmupFraction is > 0 and < 1 ? warmupFraction
        : throw new ArgumentOutOfRangeException(nameof(warmupFraction), warmupFraction, "The warm-up fraction must be in (0, 1).");
    private readonly double _div = divFactor >= 1 && double.IsFinite(divFactor) ? divFactor
        : throw new ArgumentOutOfRangeException(nameof(divFactor), divFactor, "The initial division factor must be finite and at least 1.");
    private readonly double _finalDiv = finalDivFactor >= 1 && double.IsFinite(finalDivFactor) ? finalDivFactor
        : throw new ArgumentOutOfRangeException(nameof(finalDivFactor), finalDivFactor, "The final division factor must be finite and at least 1.");

    /// <inheritdoc/>
    public override double FactorAt(long step)
    {
        long totalSteps = _total;
        double warmupFraction = _warmup, divFactor = _div, finalDivFactor = _finalDiv;
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
    private readonly double _factor = factor is > 0 and < 1 ? factor
        : throw new ArgumentOutOfRangeException(nameof(factor), factor, "The reduction factor must be in (0, 1).");
    private readonly int _patience = patience >= 0 ? patience : throw new ArgumentOutOfRangeException(nameof(patience), patience, "Patience must be non-negative.");
    private readonly double _threshold = threshold >= 0 ? threshold : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be non-negative.");
    private readonly int _cooldown = cooldown >= 0 ? cooldown : throw new ArgumentOutOfRangeException(nameof(cooldown), cooldown, "The cooldown must be non-negative.");
    private readonly double _minFactor = ScheduleArguments.Factor(minFactor, nameof(minFactor));
    private double _current = 1;
    private double _best = double.NaN;
    private int _bad;
    private int _cooldownLeft;

    /// <inheritdoc/>
    public override double FactorAt(long step) => _current;

    /// <inheritdoc/>
    public override void ReportMetric(double value)
    {
        bool better = double.IsNaN(_best) || (goal == MetricGoal.Minimize ? value < _best * (1 - _threshold) : value > _best * (1 + _threshold));
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
        if (_bad > _patience)
        {
            _current = Math.Max(_current * _factor, _minFactor);
            _cooldownLeft = _cooldown;
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
        foreach (var key in new[] { "factor", "best", "bad", "cooldown" })
            if (!state.ContainsKey(key)) throw new ArgumentException($"The plateau schedule's state lacks '{key}'.", nameof(state));
        _current = state["factor"];
        _best = state["best"];
        _bad = (int)state["bad"];
        _cooldownLeft = (int)state["cooldown"];
    }
}

/// <summary>Argument checks shared by the schedules.</summary>
internal static class ScheduleArguments
{
    public static long Positive(long value, string name)
        => value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");

    public static double Factor(double value, string name)
        => value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1].");

    public static double Gamma(double value)
        => value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException("gamma", value, "gamma must be positive and finite.");
}
