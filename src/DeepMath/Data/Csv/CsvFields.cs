using System.Globalization;
using System.Text;

namespace DeepMath.Data.Csv;

/// <summary>Splits CSV lines into fields and parses numbers, with errors that name the line and column.</summary>
internal static class CsvFields
{
    /// <summary>
    /// The fields of one line: surrounding spaces and tabs are dropped (unless the tab is the delimiter),
    /// and a field may be quoted, with "" for a quote. Quoted fields cannot span lines.
    /// </summary>
    public static string[] Split(string line, char delimiter, string name, int lineNumber)
    {
        var fields = new List<string>();
        int i = 0;
        while (true)
        {
            i = SkipSpace(line, i, delimiter);
            if (i < line.Length && line[i] == '"')
            {
                int column = fields.Count + 1;
                var text = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length) throw Error(name, lineNumber, column, "the quoted field is not closed (fields cannot span lines)");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            text.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    text.Append(line[i++]);
                }
                i = SkipSpace(line, i, delimiter);
                if (i < line.Length && line[i] != delimiter) throw Error(name, lineNumber, column, "unexpected text after the closing quote");
                fields.Add(text.ToString());
            }
            else
            {
                int end = line.IndexOf(delimiter, i);
                if (end < 0) end = line.Length;
                int last = end;
                while (last > i && IsSpace(line[last - 1], delimiter)) last--;
                fields.Add(line[i..last]);
                i = end;
            }
            if (i >= line.Length) return [.. fields];
            i++; // the delimiter
        }
    }

    /// <summary>Parses a number in the invariant culture; also nan, inf, infinity (any case, with a sign).</summary>
    public static bool TryParseNumber(string text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        var word = text.AsSpan();
        bool negative = word.Length > 0 && word[0] == '-';
        if (word.Length > 0 && word[0] is '-' or '+') word = word[1..];
        if (word.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        if (word.Equals("inf", StringComparison.OrdinalIgnoreCase) || word.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        return false;
    }

    /// <summary>Parses field <paramref name="column"/> (1-based) as a number, or throws naming the line and column.</summary>
    public static double ParseNumber(string text, string name, int lineNumber, int column)
    {
        if (TryParseNumber(text, out var value)) return value;
        throw Error(name, lineNumber, column, text.Length == 0 ? "the field is empty" : $"'{Excerpt(text)}' is not a number");
    }

    /// <summary>The error for a problem at a line and column (both 1-based).</summary>
    public static FileFormatException Error(string name, int lineNumber, int column, string problem)
        => new(name, $"line {lineNumber}, column {column}: {problem}");

    /// <summary>The error for a problem with a whole line.</summary>
    public static FileFormatException Error(string name, int lineNumber, string problem)
        => new(name, $"line {lineNumber}: {problem}");

    /// <summary>A field short enough to quote in a message.</summary>
    public static string Excerpt(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static int SkipSpace(string line, int i, char delimiter)
    {
        while (i < line.Length && IsSpace(line[i], delimiter)) i++;
        return i;
    }

    private static bool IsSpace(char c, char delimiter) => c is ' ' or '\t' && c != delimiter;
}
