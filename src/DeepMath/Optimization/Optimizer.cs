using System.Globalization;
using System.Numerics;
using DeepMath.Kernels;
using DeepMath.Tensors;

namespace DeepMath.Optimization;

/// <summary>
/// Updates parameters from their gradients (PyTorch conventions: <see cref="Step()"/> after
/// backward, <see cref="ZeroGrad"/> before the next). Updates run with recording off and use fused
/// in-place kernels. Per-parameter state (momentum buffers, moment estimates) is created lazily and
/// can be saved and restored for checkpoints (<see cref="GetState"/>, <see cref="SetState(OptimizerState{T})"/>).
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Parameters of at least twice this many elements are updated in chunks on all threads: the
    /// gradient of a large weight was written by several cores during backward, and one core
    /// gathering it alone took 3-5x longer than the update itself on two cores.
    /// </summary>
    private const int ChunkGrain = 1 << 14;

    private readonly Dictionary<string, Tensor<T>> _state = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Group, int Parameter), long> _parameterSteps = [];
    private readonly HashSet<string> _createdThisUpdate = new(StringComparer.Ordinal);

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

    /// <summary>Calls of <see cref="Step()"/> (or <see cref="Step(Func{double})"/>) so far.</summary>
    public long StepCount { get; protected set; }

    /// <summary>
    /// Whether each step must re-evaluate the loss (L-BFGS: its line search evaluates the loss at trial
    /// points). Trainers then call <see cref="Step(Func{double})"/> with a closure instead of <see cref="Step()"/>.
    /// </summary>
    public virtual bool RequiresClosure => false;

    /// <summary>
    /// One step with a closure that clears the gradients, computes the loss at the current parameters,
    /// runs backward and returns the loss (torch.optim's <c>step(closure)</c>). Returns the loss at the
    /// parameters the step started from. The default calls the closure once and then <see cref="Step()"/>.
    /// </summary>
    public virtual double Step(Func<double> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        double loss = closure();
        Step();
        return loss;
    }

    /// <summary>A named state buffer of a parameter's shape (created as zeros on first use), outside an elementwise update.</summary>
    protected Tensor<T> Buffer(int group, int parameter, string name)
    {
        var key = Key(group, parameter, name);
        if (!_state.TryGetValue(key, out var buffer)) _state[key] = buffer = Tensor.ZerosLike(Groups[group].Parameters[parameter].Detach());
        return buffer;
    }

    /// <summary>Whether a named state buffer exists.</summary>
    protected bool HasBuffer(int group, int parameter, string name) => _state.ContainsKey(Key(group, parameter, name));

    /// <summary>Renames a state buffer (replacing any buffer of the new name); false when it does not exist.</summary>
    protected bool RenameBuffer(int group, int parameter, string from, string to)
    {
        if (!_state.Remove(Key(group, parameter, from), out var buffer)) return false;
        _state[Key(group, parameter, to)] = buffer;
        return true;
    }

    /// <summary>Counts an update of a parameter (for optimizers that do not go through <see cref="Step()"/>).</summary>
    protected void CountParameterUpdate(int group, int parameter) => _parameterSteps[(group, parameter)] = _parameterSteps.GetValueOrDefault((group, parameter)) + 1;

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
                // Each parameter counts its own updates (as PyTorch does): one that first gets a gradient
                // late starts its bias correction and decay from step 1.
                long step = _parameterSteps[(gi, pi)] = _parameterSteps.GetValueOrDefault((gi, pi)) + 1;
                var gradient = grad.Detach().Contiguous();
                _createdThisUpdate.Clear();
                int length = p.Length, parts = UpdatesElementwise ? Parallelism.PartsFor(length, ChunkGrain) : 1;
                if (parts == 1)
                {
                    Update(new UpdateContext(this, group, gi, pi, step, 0, length), p.AsSpan(), gradient.AsSpan());
                    continue;
                }
                // Fixed chunks of an elementwise update: the result does not depend on the thread count.
                Parallelism.For(parts, part =>
                {
                    int start = Parallelism.PartStart(length, parts, part), count = Parallelism.PartStart(length, parts, part + 1) - start;
                    Update(new UpdateContext(this, group, gi, pi, step, start, count), p.AsSpan().Slice(start, count), gradient.AsSpan().Slice(start, count));
                });
            }
        }
    }

    /// <summary>
    /// Whether <see cref="Update"/> treats every element on its own, so that a parameter may be
    /// updated in chunks, concurrently (true for every optimizer here). An optimizer whose update
    /// needs the whole parameter at once (a norm, say) returns false.
    /// </summary>
    protected virtual bool UpdatesElementwise => true;

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var g in Groups)
            foreach (var p in g.Parameters) p.Grad = null;
    }

    /// <summary>
    /// Updates one parameter in place from its gradient: the whole parameter, or when
    /// <see cref="UpdatesElementwise"/> a chunk of it (chunks run concurrently; state buffers from
    /// <see cref="UpdateContext.State(string, out bool)"/> cover the same chunk).
    /// </summary>
    protected abstract void Update(UpdateContext context, Span<T> parameter, ReadOnlySpan<T> gradient);

    /// <summary>Everything about the parameter being updated, and access to its state buffers.</summary>
    protected readonly struct UpdateContext
    {
        private readonly Optimizer<T> _owner;

        private readonly int _start;
        private readonly int _length;

        internal UpdateContext(Optimizer<T> owner, ParameterGroup<T> group, int groupIndex, int parameterIndex, long step, int start, int length)
        {
            _owner = owner;
            Step = step;
            Group = group;
            GroupIndex = groupIndex;
            ParameterIndex = parameterIndex;
            _start = start;
            _length = length;
        }

        /// <summary>The parameter's group (learning rate, weight decay).</summary>
        public ParameterGroup<T> Group { get; }

        /// <summary>Index of the group.</summary>
        public int GroupIndex { get; }

        /// <summary>Index of the parameter within the group.</summary>
        public int ParameterIndex { get; }

        /// <summary>The 1-based number of this parameter's update being made.</summary>
        public long Step { get; }

        /// <summary>
        /// A named state buffer of the parameter's size (the part of it for the chunk being updated),
        /// created as zeros on first use; <paramref name="created"/> says whether it was created in
        /// this update, for every chunk alike.
        /// </summary>
        public Span<T> State(string name, out bool created)
        {
            var key = Key(GroupIndex, ParameterIndex, name);
            Tensor<T>? buffer;
            lock (_owner._state)
            {
                if (!_owner._state.TryGetValue(key, out buffer))
                {
                    buffer = Tensor.ZerosLike(Group.Parameters[ParameterIndex].Detach());
                    _owner._state[key] = buffer;
                    _owner._createdThisUpdate.Add(name);
                }
                created = _owner._createdThisUpdate.Contains(name);
            }
            return buffer.AsSpan().Slice(_start, _length);
        }

        /// <summary>A named state buffer, created as zeros on first use.</summary>
        public Span<T> State(string name) => State(name, out _);
    }

    private static string Key(int group, int parameter, string name) => string.Create(CultureInfo.InvariantCulture, $"{group}.{parameter}.{name}");

    /// <summary>A snapshot of the state for checkpoints: copies of the buffers (keyed "group.parameter.name"), the step count and each parameter's update count.</summary>
    public OptimizerState<T> GetState()
        => new(_state.ToDictionary(kv => kv.Key, kv => kv.Value.Clone(), StringComparer.Ordinal), StepCount,
               _parameterSteps.ToDictionary(kv => ParameterKey(kv.Key.Group, kv.Key.Parameter), kv => kv.Value, StringComparer.Ordinal));

    /// <summary>Restores state saved by <see cref="GetState"/> (buffers are copied; shapes must match).</summary>
    /// <exception cref="ArgumentException">A key names no parameter, a shape differs or a count is negative.</exception>
    public void SetState(OptimizerState<T> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegative(state.Step);
        var restored = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var (key, value) in state.Buffers)
        {
            var parts = key.Split('.', 3);
            if (parts.Length != 3 || Locate(parts[0] + "." + parts[1]) is not var (gi, pi))
                throw new ArgumentException($"Optimizer state '{key}' names no parameter of this optimizer.");
            var parameter = Groups[gi].Parameters[pi];
            if (!value.Shape.Equals(parameter.Shape))
                throw new ArgumentException($"Optimizer state '{key}' has shape {value.Shape} but the parameter has shape {parameter.Shape}.");
            restored[key] = value.Detach().Clone();
        }
        var steps = new Dictionary<(int, int), long>();
        foreach (var (key, count) in state.ParameterSteps)
        {
            if (Locate(key) is not { } at) throw new ArgumentException($"Optimizer step count '{key}' names no parameter of this optimizer.");
            if (count < 0 || count > state.Step) throw new ArgumentException($"Optimizer step count '{key}' is {count}, outside [0, {state.Step}].");
            steps[at] = count;
        }
        _state.Clear();
        foreach (var (k, v) in restored) _state[k] = v;
        _parameterSteps.Clear();
        foreach (var (k, v) in steps) _parameterSteps[k] = v;
        StepCount = state.Step;
    }

    /// <summary>Restores buffers and a step count, taking every parameter that has buffers to have been updated at every step.</summary>
    /// <exception cref="ArgumentException">A key names no parameter or a shape differs.</exception>
    public void SetState(IReadOnlyDictionary<string, Tensor<T>> buffers, long step)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        var updated = buffers.Keys.Select(k => k.Split('.', 3)).Where(p => p.Length == 3).Select(p => p[0] + "." + p[1]).Distinct(StringComparer.Ordinal);
        SetState(new OptimizerState<T>(buffers, step, updated.ToDictionary(k => k, _ => step, StringComparer.Ordinal)));
    }

    private static string ParameterKey(int group, int parameter) => string.Create(CultureInfo.InvariantCulture, $"{group}.{parameter}");

    private (int Group, int Parameter)? Locate(string key)
    {
        var parts = key.Split('.');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var gi)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pi)
            && gi < Groups.Count && pi < Groups[gi].Parameters.Count ? (gi, pi) : null;
    }
}

/// <summary>An optimizer's state for checkpoints.</summary>
/// <param name="Buffers">State buffers keyed "group.parameter.name" (momentum, moment estimates, ...).</param>
/// <param name="Step">Calls of <see cref="Optimizer{T}.Step()"/>.</param>
/// <param name="ParameterSteps">Updates made to each parameter, keyed "group.parameter".</param>
public sealed record OptimizerState<T>(IReadOnlyDictionary<string, Tensor<T>> Buffers, long Step, IReadOnlyDictionary<string, long> ParameterSteps)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The buffers and the step count.</summary>
    public void Deconstruct(out IReadOnlyDictionary<string, Tensor<T>> buffers, out long step)
    {
        buffers = Buffers;
        step = Step;
    }
}
