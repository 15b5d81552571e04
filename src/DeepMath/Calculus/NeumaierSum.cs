namespace DeepMath.Calculus;

/// <summary>
/// Compensated (Neumaier) accumulator: keeps the low-order bits that plain summation drops,
/// so long sums of quadrature terms do not lose accuracy with their length.
/// </summary>
internal struct NeumaierSum
{
    private double _sum;
    private double _compensation;

    public readonly double Value => _sum + _compensation;

    public void Add(double term)
    {
        var t = _sum + term;
        // Recover the rounding error of the addition from whichever operand is larger.
        _compensation += Math.Abs(_sum) >= Math.Abs(term) ? (_sum - t) + term : (term - t) + _sum;
        _sum = t;
    }
}
