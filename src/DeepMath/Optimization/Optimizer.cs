using System.Globalization;
using System.Numerics;
using DeepMath.Tensors;

namespace DeepMath.Optimization;

/// <summary>
/// Updates parameters from their gradients (PyTorch conventions: <see cref="Step"/> after
/// backward, <see cref="ZeroGrad"/> before the next). Updates run with recording off and use fused
/// in-place kernels. Per-parameter state (momentum buffers, moment estimates) is created lazily and
/// can be saved and restored for checkpoints (<see cref="GetState"/>, <see cref="SetState"/>).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<string, Tensor<T>> _state = new(StringComparer.Ordinal);

    /// <summary>One group of parameters with the default settings.</summary>
    protected Optimizer(IEnumerable<Tensor<T>> parameters, double learningRate, double weightDecay)
        : this([new ParameterGroup<T>(parameters)], learningRate, weightDecay)
    {
    }

    /// <summary>Several groups; a group's own settings override the defaults.</summary>
    protected Optimizer(IEnumerable<ParameterGroup<T>> groups, double learningRate, double weightDecay)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (!(learningRate >= 0) || double.IsInfinity(learningRate)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be finite and non-negative.");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be non-negative.");
        Groups = [.. groups];
        if (Groups.Count == 0) throw new ArgumentException("An optimizer needs at least one parameter group.", nameof(groups));
        var seen = new HashSet<Tensor<T>>(ReferenceEqualityComparer.Instance);
        foreach (var g in Groups)
        {
            g.BaseLearningRate = g.LearningRate = g.RequestedLearningRate ?? learningRate;
            g.WeightDecay = g.RequestedWeightDecay ?? weightDecay;
            foreach (var p in g.Parameters)
                if (!seen.Add(p)) throw new ArgumentException($"A parameter of shape {p.Shape} appears in more than one group.");
        }
    }

    /// <summary>The parameter groups.</summary>
    public IReadOnlyList<ParameterGroup<T>> Groups { get; }

    /// <summary>Steps taken so far.</summary>
    public long StepCount { get; private set; }

    /// <summary>A short name (sgd, adam, ...).</summary>
    public abstract string Name { get; }

    /// <summary>The hyperparameters, for logs and checkpoint metadata.</summary>
    public abstract IReadOnlyDictionary<string, double> Settings { get; }

    /// <summary>Sets every group's learning rate to its base rate times <paramref name="factor"/> (used by schedules).</summary>
    public void ScaleLearningRates(double factor)
    {
        foreach (var g in Groups) g.LearningRate = g.BaseLearningRate * factor;
    }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void Step()
    {
        using var _ = GradMode.Disable();
        StepCount++;
        for (int gi = 0; gi < Groups.Count; gi++)
        {
            var group = Groups[gi];
            for (int pi = 0; pi < group.Parameters.Count; pi++)
            {
                var p = group.Parameters[pi];
                if (p.Grad is not { } grad) continue;
                if (!p.IsContiguous) throw new InvalidOperationException($"Parameter {gi}.{pi} of shape {p.Shape} is not contiguous; optimizers update parameters in place.");
                Update(new UpdateContext(this, group, gi, pi), p.AsSpan(), grad.Detach().Contiguous().AsSpan());
            }
        }
    }

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var g in Groups)
            foreach (var p in g.Parameters) p.Grad = null;
    }

    /// <summary>Updates one parameter in place from its gradient.</summary>
    protected abstract void Update(UpdateContext context, Span<T> parameter, ReadOnlySpan<T> gradient);

    /// <summary>Everything about the parameter being updated, and access to its state buffers.</summary>
    protected readonly struct UpdateContext
    {
        private readonly Optimizer<T> _owner;

        internal UpdateContext(Optimizer<T> owner, ParameterGroup<T> group, int groupIndex, int parameterIndex)
        {
            _owner = owner;
            Group = group;
            GroupIndex = groupIndex;
            ParameterIndex = parameterIndex;
        }

        /// <summary>The parameter's group (learning rate, weight decay).</summary>
        public ParameterGroup<T> Group { get; }

        /// <summary>Index of the group.</summary>
        public int GroupIndex { get; }

        /// <summary>Index of the parameter within the group.</summary>
        public int ParameterIndex { get; }

        /// <summary>The 1-based number of the step being taken.</summary>
        public long Step => _owner.StepCount;

        /// <summary>A named state buffer of the parameter's size, created (zeros) on first use; <paramref name="created"/> says whether it was.</summary>
        public Span<T> State(string name, out bool created)
        {
            var key = Key(GroupIndex, ParameterIndex, name);
            created = !_owner._state.TryGetValue(key, out var buffer);
            if (created)
            {
                buffer = Tensor.ZerosLike(Group.Parameters[ParameterIndex].Detach());
                _owner._state[key] = buffer;
            }
            return buffer!.AsSpan();
        }

        /// <summary>A named state buffer, created as zeros on first use.</summary>
        public Span<T> State(string name) => State(name, out _);
    }

    private static string Key(int group, int parameter, string name) => string.Create(CultureInfo.InvariantCulture, $"{group}.{parameter}.{name}");

    /// <summary>The state buffers keyed "group.parameter.name", plus the step count (for checkpoints).</summary>
    public (IReadOnlyDictionary<string, Tensor<T>> Buffers, long Step) GetState() => (new Dictionary<string, Tensor<T>>(_state), StepCount);

    /// <summary>Restores state saved by <see cref="GetState"/> (buffers are copied; shapes must match).</summary>
    /// <exception cref="ArgumentException">A key names no parameter or a shape differs.</exception>
    public void SetState(IReadOnlyDictionary<string, Tensor<T>> buffers, long step)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        var restored = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var (key, value) in buffers)
        {
            var parts = key.Split('.', 3);
            if (parts.Length != 3 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var gi) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pi)
                || gi < 0 || gi >= Groups.Count || pi < 0 || pi >= Groups[gi].Parameters.Count)
                throw new ArgumentException($"Optimizer state '{key}' names no parameter of this optimizer.");
            var parameter = Groups[gi].Parameters[pi];
            if (!value.Shape.Equals(parameter.Shape))
                throw new ArgumentException($"Optimizer state '{key}' has shape {value.Shape} but the parameter has shape {parameter.Shape}.");
            restored[key] = value.Detach().Clone();
        }
        _state.Clear();
        foreach (var (k, v) in restored) _state[k] = v;
        StepCount = step;
    }
}
