namespace DeepMath.Tensors;

/// <summary>
/// Whether operations on tensors that require gradients are recorded (per thread). Recording is on
/// by default; <see cref="Disable"/> turns it off for a scope (inference, optimizer updates) and
/// <see cref="Enable"/> turns it back on inside such a scope. Scopes nest and restore the previous state.
/// </summary>
public static class GradMode
{
    [ThreadStatic] private static bool t_disabled;

    /// <summary>True when operations are being recorded on this thread.</summary>
    public static bool IsEnabled => !t_disabled;

    /// <summary>Turns recording off until the returned scope is disposed.</summary>
    public static Scope Disable() => Set(disabled: true);

    /// <summary>Turns recording on until the returned scope is disposed.</summary>
    public static Scope Enable() => Set(disabled: false);

    private static Scope Set(bool disabled)
    {
        var scope = new Scope(t_disabled);
        t_disabled = disabled;
        return scope;
    }

    /// <summary>Restores the previous recording state when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly bool _previousDisabled;

        internal Scope(bool previousDisabled) => _previousDisabled = previousDisabled;

        /// <summary>Leaves the scope.</summary>
        public void Dispose() => t_disabled = _previousDisabled;
    }
}
