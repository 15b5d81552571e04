using DeepMath.Tensors;

namespace DeepMath.Calculus;

public static partial class Integrate
{
    /// <summary>
    /// Plain Monte Carlo integration over the box [lower, upper] in d dimensions: the volume times the
    /// mean of f at uniform random points, with the standard error from Welford's running variance.
    /// The same seed gives the same result.
    /// </summary>
    /// <remarks>The point array passed to <paramref name="f"/> is reused between calls; do not keep it.</remarks>
    /// <param name="f">The integrand, given a point of length d.</param>
    /// <param name="lower">Finite lower corner.</param>
    /// <param name="upper">Finite upper corner, each coordinate strictly above the lower one.</param>
    /// <param name="samples">Number of points (&gt;= 2, so a variance exists).</param>
    /// <param name="seed">Seed of the random generator.</param>
    /// <returns>The estimate, its standard error and the sample count.</returns>
    public static MonteCarloResult MonteCarlo(Func<double[], double> f, double[] lower, double[] upper, int samples, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (lower.Length != upper.Length || lower.Length == 0)
        {
            throw new ArgumentException(
                $"lower and upper must have the same non-zero length, but lower has {lower.Length} and upper has {upper.Length}.",
                nameof(upper));
        }

        Guard.AtLeast(samples, 2, nameof(samples));
        var dimension = lower.Length;
        var widths = new double[dimension];
        var volume = 1.0;
        for (var i = 0; i < dimension; i++)
        {
            if (!double.IsFinite(lower[i]) || !double.IsFinite(upper[i]) || !(lower[i] < upper[i]))
            {
                throw new ArgumentException(
                    $"Each box side needs finite lower < upper, but side {i} is [{Guard.Format(lower[i])}, {Guard.Format(upper[i])}].",
                    nameof(lower));
            }

            widths[i] = upper[i] - lower[i];
            volume *= widths[i];
        }

        var generator = new RandomGenerator(seed);
        var point = new double[dimension];
        var mean = 0.0;
        var sumOfSquares = 0.0;
        for (var n = 1; n <= samples; n++)
        {
            for (var i = 0; i < dimension; i++)
            {
                point[i] = Math.FusedMultiplyAdd(widths[i], generator.NextDouble(), lower[i]);
            }

            // Welford's update: no catastrophic cancellation between sum and sum of squares.
            var value = f(point);
            var delta = value - mean;
            mean += delta / n;
            sumOfSquares = Math.FusedMultiplyAdd(delta, value - mean, sumOfSquares);
        }

        var variance = sumOfSquares / (samples - 1);
        return new MonteCarloResult(volume * mean, volume * Math.Sqrt(variance / samples), samples);
    }
}
