namespace DeepMath.Tensors;

/// <summary>
/// Whether operations on tensors that require gradients are recorded (per thread). Recording is on
/// by default; the public way to switch it is <c>Autograd.NoGrad()</c> / <c>Autograd.EnableGrad()</c>
/// in the Autodiff layer, which return the scopes made here. Scopes nest and restore the previous state.
/// </summary>
internal static class GradMode
{
    [ThreadStatic] private static bool t_disabled;

    /// <summary>True when operations are being recorded on this thread.</summary>
    public static bool IsEnabled => !t_disabled;

    /// <summary>Turns recording off until the returned scope is disposed.</summary>
    public static RecordingScope Disable() => Set(disabled: true);

    /// <summary>Turns recording on until the returned scope is disposed.</summary>
    public static RecordingScope Enable() => Set(disabled: false);

    private static RecordingScope Set(bool disabled)
    {
        var scope = new RecordingScope(t_disabled);
        t_disabled = disabled;
        return scope;
    }

    internal static void Restore(bool previousDisabled) => t_disabled = previousDisabled;
}

/// <summary>Restores the recording state in force before <c>Autograd.NoGrad()</c> or <c>Autograd.EnableGrad()</c> when disposed.</summary>
public readonly struct RecordingScope : IDisposable
{
    private readonly bool _previousDisabled;

    internal RecordingScope(bool previousDisabled) => _previousDisabled = previousDisabled;

    /// <summary>Leaves the scope.</summary>
    public void Dispose() => GradMode.Restore(_previousDisabled);
}
