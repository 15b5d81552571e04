namespace DeepMath.Data.Csv;

/// <summary>
/// A growing sequence of values kept in fixed blocks, copied once into an exact array at the end: a
/// table read from a stream of unknown length costs about twice its values at the peak, where a
/// doubling list costs up to three times (the old array, the new one, and the final copy).
/// </summary>
internal sealed class ChunkedBuffer<T> where T : unmanaged
{
    private const int BlockLength = 1 << 16;
    private readonly List<T[]> _blocks = [];
    private int _used = BlockLength;

    public long Count { get; private set; }

    public void Add(T value)
    {
        if (_used == BlockLength)
        {
            _blocks.Add(new T[BlockLength]);
            _used = 0;
        }
        _blocks[^1][_used++] = value;
        Count++;
    }

    public T[] ToArray()
    {
        var result = new T[Count];
        long offset = 0;
        foreach (var block in _blocks)
        {
            int length = (int)Math.Min(BlockLength, Count - offset);
            Array.Copy(block, 0, result, offset, length);
            offset += length;
        }
        return result;
    }
}
