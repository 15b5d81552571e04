using System.Globalization;
using System.IO.Compression;
using System.Text;
using DeepMath.Tensors;

namespace DeepMath.Data.Csv;

/// <summary>
/// Reads and writes numeric CSV tables for small data sets: an optional header line, then rows of
/// numbers (invariant culture; nan, inf and -inf in any case). Quoted fields ("..." with "" for a quote),
/// surrounding spaces, \r\n line ends and blank lines are accepted; a ragged row or a value that is not a
/// number raises <see cref="FileFormatException"/> naming the file, the line and the column (1-based).
/// Files whose first bytes are the gzip magic number are decompressed, whatever they are called.
/// </summary>
public static class CsvFile
{
    /// <summary>Reads a numeric table; <paramref name="hasHeader"/> null means a header is present when no field of the first line is a number.</summary>
    public static CsvTable Read(string path, char delimiter = ',', bool? hasHeader = null)
        => WithReader(path, reader => Read(reader, path, delimiter, hasHeader));

    /// <summary>Reads a numeric table from text; <paramref name="name"/> is used in error messages.</summary>
    public static CsvTable Read(TextReader reader, string name, char delimiter = ',', bool? hasHeader = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        CheckDelimiter(delimiter);
        string[] header = [];
        var values = new ChunkedBuffer<double>();
        int columns = -1, firstLine = 0, rows = 0;
        var lines = new LineReader(reader);
        while (lines.Next() is { } line)
        {
            var fields = CsvFields.Split(line, delimiter, name, lines.Number);
            if (columns < 0)
            {
                columns = fields.Length;
                firstLine = lines.Number;
                // Only a line of names is a header: a line with any number is data, so a bad value is reported, not eaten.
                if (hasHeader ?? fields.All(f => !CsvFields.TryParseNumber(f, out _)))
                {
                    header = fields;
                    continue;
                }
            }
            else if (fields.Length != columns)
                throw CsvFields.Error(name, lines.Number, $"{fields.Length} fields, but line {firstLine} has {columns}");
            if (values.Count > Array.MaxLength - columns) throw CsvFields.Error(name, lines.Number, "the table has more values than a .NET array can hold");
            for (int j = 0; j < columns; j++) values.Add(CsvFields.ParseNumber(fields[j], name, lines.Number, j + 1));
            rows++;
        }
        if (columns < 0) throw new FileFormatException(name, "the file holds no lines (it is empty or blank)");
        return new CsvTable(header, Tensor.Wrap(values.ToArray(), rows, columns));
    }

    /// <summary>
    /// Writes a table atomically: the header line when <see cref="CsvTable.Header"/> is not empty (fields
    /// quoted when needed), then one line per row with each value in round-trip form ("R"; nan, inf, -inf).
    /// </summary>
    /// <exception cref="ArgumentException">The values are not a matrix with at least one column, the header length differs from the column count, or a name holds a line break.</exception>
    public static void Write(string path, CsvTable table, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(table.Header);
        ArgumentNullException.ThrowIfNull(table.Values);
        CheckDelimiter(delimiter);
        var values = table.Values;
        if (values.Rank != 2 || values.Shape[1] == 0)
            throw new ArgumentException($"A CSV table needs values of shape (rows, columns) with at least one column, not {values.Shape}.", nameof(table));
        int columns = values.Shape[1];
        if (table.Header.Length != 0 && table.Header.Length != columns)
            throw new ArgumentException($"The header has {table.Header.Length} names for {columns} columns.", nameof(table));
        foreach (var field in table.Header)
        {
            if (field is null || field.AsSpan().ContainsAny('\r', '\n'))
                throw new ArgumentException("Header names must be non-null and hold no line breaks.", nameof(table));
        }
        var data = values.Contiguous();
        AtomicFile.Write(path, s =>
        {
            using var writer = new StreamWriter(s, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            if (table.Header.Length > 0) writer.WriteLine(string.Join(delimiter, table.Header.Select(h => Quote(h, delimiter))));
            var span = data.AsSpan();
            for (int start = 0; start < span.Length; start += columns)
            {
                for (int j = 0; j < columns; j++)
                {
                    if (j > 0) writer.Write(delimiter);
                    writer.Write(Format(span[start + j]));
                }
                writer.WriteLine();
            }
        });
    }

    /// <summary>
    /// Reads a labeled data set whose first line is <c>n_samples,n_features,class names...</c> and whose
    /// other lines are the features then the integer class (scikit-learn's bundled CSV form); gzip is
    /// recognised by its magic number.
    /// </summary>
    public static LabeledTable ReadLabeled(string path) => WithReader(path, reader => ReadLabeled(reader, path));

    /// <summary>Reads a labeled data set without a header line: every line is the features then a class in [0, <paramref name="classCount"/>).</summary>
    public static LabeledTable ReadLabeled(string path, int classCount) => WithReader(path, reader => ReadLabeled(reader, path, classCount));

    /// <summary>
    /// Reads a labeled data set whose first line is <c>n_samples,n_features,class names...</c>: the row
    /// count must equal n_samples, each row must hold n_features + 1 fields, and each class must be an
    /// integer in [0, number of class names).
    /// </summary>
    public static LabeledTable ReadLabeled(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        var lines = new LineReader(reader);
        var first = lines.Next() ?? throw new FileFormatException(name, "the file holds no lines (it is empty or blank)");
        var fields = CsvFields.Split(first, ',', name, lines.Number);
        if (fields.Length < 2 || !TryParseCount(fields[0], out int samples) || !TryParseCount(fields[1], out int features))
            throw CsvFields.Error(name, lines.Number, "expected 'n_samples,n_features,class names...' (for a file without that line, pass the class count)");
        return ReadRows(lines, name, features + 1L, fields[2..], samples);
    }

    /// <summary>Reads a labeled data set without a header line: every line is the features then a class in [0, <paramref name="classCount"/>).</summary>
    public static LabeledTable ReadLabeled(TextReader reader, string name, int classCount)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var classNames = Enumerable.Range(0, classCount).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return ReadRows(new LineReader(reader), name, null, classNames, null);
    }

    private static LabeledTable ReadRows(LineReader lines, string name, long? columns, string[] classNames, int? samples)
    {
        var features = new ChunkedBuffer<double>();
        var labels = new ChunkedBuffer<long>();
        int firstLine = 0;
        while (lines.Next() is { } line)
        {
            var fields = CsvFields.Split(line, ',', name, lines.Number);
            if (columns is null)
            {
                columns = fields.Length;
                firstLine = lines.Number;
            }
            if (fields.Length != columns)
            {
                throw CsvFields.Error(name, lines.Number, samples is null
                    ? $"{fields.Length} fields, but line {firstLine} has {columns}"
                    : $"{fields.Length} fields, but the header declares {columns - 1} features and a class (for a file without that line, pass the class count)");
            }
            if (labels.Count == (long?)samples)
                throw CsvFields.Error(name, lines.Number, $"more rows than the {samples} samples the header declares");
            int width = fields.Length - 1;
            if (features.Count > Array.MaxLength - width) throw CsvFields.Error(name, lines.Number, "the table has more values than a .NET array can hold");
            for (int j = 0; j < width; j++) features.Add(CsvFields.ParseNumber(fields[j], name, lines.Number, j + 1));
            var text = fields[width];
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long label) || label < 0 || label >= classNames.Length)
                throw CsvFields.Error(name, lines.Number, fields.Length, $"the class '{CsvFields.Excerpt(text)}' is not an integer in [0, {classNames.Length})");
            labels.Add(label);
        }
        if (samples is int expected && labels.Count != expected)
            throw new FileFormatException(name, $"the header declares {expected} samples but the file has {labels.Count} rows");
        int featureCount = (int)((columns ?? 1) - 1);
        int rows = (int)labels.Count;
        return new LabeledTable(Tensor.Wrap(features.ToArray(), rows, featureCount), Tensor.Wrap(labels.ToArray(), rows), classNames);
    }

    private static bool TryParseCount(string text, out int value)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value < Array.MaxLength;

    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ when double.IsNaN(value) => "nan",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Quote(string field, char delimiter)
    {
        bool plain = field.Length > 0 && field.IndexOf(delimiter, StringComparison.Ordinal) < 0 && !field.Contains('"', StringComparison.Ordinal)
            && field.Trim(' ', '\t').Length == field.Length;
        return plain ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    private static void CheckDelimiter(char delimiter)
    {
        if (delimiter is '"' or '\r' or '\n')
            throw new ArgumentException($"'{(delimiter == '"' ? "\"" : "line break")}' cannot be a CSV delimiter.", nameof(delimiter));
    }

    private static T WithReader<T>(string path, Func<TextReader, T> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        bool gzip = StreamReads.ReadUpTo(stream, magic) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        stream.Position = 0;
        var trailer = gzip ? GzipTrailer.Read(stream) : null;
        using var input = gzip ? new Crc32Stream(new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true)) : (Stream)stream;
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
        try
        {
            var result = read(reader);
            if (trailer is { } t) t.Check((Crc32Stream)input, path);
            return result;
        }
        catch (InvalidDataException e) when (input is Crc32Stream crc)
        {
            throw GzipTrailer.Explain(trailer, crc, path, e);
        }
    }

    /// <summary>Hands out non-blank lines with their 1-based line numbers; a byte-order mark on line 1 is dropped.</summary>
    private sealed class LineReader(TextReader reader)
    {
        public int Number { get; private set; }

        public string? Next()
        {
            while (reader.ReadLine() is { } line)
            {
                Number++;
                if (Number == 1 && line.StartsWith('\uFEFF')) line = line[1..];
                if (!string.IsNullOrWhiteSpace(line)) return line;
            }
            return null;
        }
    }
}
