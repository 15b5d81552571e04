namespace DeepMath.Data;

/// <summary>A file (or archive entry) is malformed or truncated; the message names the file and the problem.</summary>
public sealed class FileFormatException : FormatException
{
    /// <summary>Creates the exception for a file and a problem, with the byte offset where it was found when known.</summary>
    public FileFormatException(string path, string problem, long? offset = null, Exception? inner = null)
        : base(offset is long o ? $"{path}: {problem} (at byte {o})." : $"{path}: {problem}.", inner)
    {
        FilePath = path;
        Problem = problem;
        Offset = offset;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public FileFormatException() : this("<unknown>", "malformed file")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public FileFormatException(string message) : this("<unknown>", message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public FileFormatException(string message, Exception innerException) : this("<unknown>", message, null, innerException)
    {
    }

    /// <summary>The file (or "archive.npz:entry") that is malformed.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }

    /// <summary>The byte offset of the problem, when known.</summary>
    public long? Offset { get; }
}
