using System.Globalization;

namespace DeepMath.Data.Npy;

/// <summary>
/// Parses the Python dictionary literal of a .npy header: string keys mapping to strings,
/// True/False, integers and tuples of integers. Anything else is a format error; input length is
/// bounded by the caller, and every loop consumes a character, so parsing always terminates.
/// </summary>
internal sealed class HeaderParser(string text, string name)
{
    private int _position;

    public Dictionary<string, object> ParseDictionary()
    {
        SkipSpace();
        Expect('{');
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        SkipSpace();
        while (Peek() != '}')
        {
            var key = ParseString();
            SkipSpace();
            Expect(':');
            SkipSpace();
            var value = ParseValue();
            if (!result.TryAdd(key, value)) throw Error($"the key '{key}' appears twice");
            SkipSpace();
            if (Peek() == ',')
            {
                _position++;
                SkipSpace();
            }
            else if (Peek() != '}') throw Error("expected ',' or '}'");
        }
        _position++;
        SkipSpace();
        if (_position != text.Length) throw Error("unexpected text after the dictionary");
        return result;
    }

    private object ParseValue()
    {
        char c = Peek();
        if (c is '\'' or '"') return ParseString();
        if (c == '(') return ParseTuple();
        if (Take("True")) return true;
        if (Take("False")) return false;
        if (c == '-' || char.IsAsciiDigit(c)) return ParseInteger();
        throw Error($"unsupported value starting with '{Printable(c)}'");
    }

    private List<long> ParseTuple()
    {
        Expect('(');
        var items = new List<long>();
        SkipSpace();
        while (Peek() != ')')
        {
            items.Add(ParseInteger());
            SkipSpace();
            if (Peek() == ',')
            {
                _position++;
                SkipSpace();
            }
            else if (Peek() != ')') throw Error("expected ',' or ')' in the shape tuple");
            if (items.Count > FileLimits.NpyMaxRank) throw Error($"the shape has more than {FileLimits.NpyMaxRank} axes");
        }
        _position++;
        return items;
    }

    private long ParseInteger()
    {
        int start = _position;
        if (Peek() == '-') _position++;
        while (_position < text.Length && char.IsAsciiDigit(text[_position])) _position++;
        if (_position < text.Length && text[_position] == 'L') _position++; // Python 2 long suffix
        var digits = text[start.._position].TrimEnd('L');
        if (digits.Length == 0 || digits == "-")
        {
            int end = start;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
            var found = end > start ? text[start..end] : text.Length > start ? text[start].ToString() : "the end of the header";
            throw Error($"expected an integer, found '{found}'");
        }
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw Error($"'{digits}' is not an integer that fits in 64 bits");
        return value;
    }

    private string ParseString()
    {
        char quote = Peek();
        if (quote is not ('\'' or '"')) throw Error("expected a quoted string");
        _position++;
        int start = _position;
        while (_position < text.Length && text[_position] != quote)
        {
            if (text[_position] == '\\') throw Error("escape sequences are not supported in header strings");
            _position++;
        }
        if (_position >= text.Length) throw Error("unterminated string");
        return text[start.._position++];
    }

    private bool Take(string word)
    {
        if (string.CompareOrdinal(text, _position, word, 0, word.Length) != 0) return false;
        _position += word.Length;
        return true;
    }

    private void Expect(char c)
    {
        if (Peek() != c) throw Error($"expected '{c}'");
        _position++;
    }

    private char Peek() => _position < text.Length ? text[_position] : throw Error("the header ends early");

    private void SkipSpace()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position])) _position++;
    }

    private static string Printable(char c) => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString();

    private FileFormatException Error(string problem) => new(name, $"malformed header: {problem} at header character {_position}");
}
