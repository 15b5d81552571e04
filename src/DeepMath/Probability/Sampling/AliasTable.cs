namespace DeepMath.Probability.Sampling;

/// <summary>
/// Walker's alias method in Vose's stable construction: after O(K) set-up, each categorical draw costs
/// one uniform integer and one uniform comparison, whatever the number of categories.
/// </summary>
internal sealed class AliasTable
{
    private readonly double[] _accept;
    private readonly int[] _alias;

    /// <param name="probabilities">Non-negative weights summing to 1.</param>
    public AliasTable(ReadOnlySpan<double> probabilities)
    {
        int k = probabilities.Length;
        _accept = new double[k];
        _alias = new int[k];
        var scaled = new double[k];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = 0; i < k; i++)
        {
            scaled[i] = probabilities[i] * k;
            (scaled[i] < 1 ? small : large).Push(i);
        }
        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop(), l = large.Pop();
            _accept[s] = scaled[s];
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            (scaled[l] < 1 ? small : large).Push(l);
        }
        // What is left has probability 1 up to rounding.
        while (large.Count > 0) _accept[large.Pop()] = 1;
        while (small.Count > 0) _accept[small.Pop()] = 1;
    }

    /// <summary>A category index.</summary>
    public int Next(SampleStream stream)
    {
        int i = (int)stream.NextBelow((ulong)_accept.Length);
        return stream.NextDouble() < _accept[i] ? i : _alias[i];
    }
}
