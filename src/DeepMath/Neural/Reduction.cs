namespace DeepMath.Neural;

/// <summary>How per-element losses are combined.</summary>
public enum LossReduction
{
    /// <summary>The (weighted) mean.</summary>
    Mean,
    /// <summary>The sum.</summary>
    Sum,
    /// <summary>No reduction: one loss per element (or per sample).</summary>
    None,
}
