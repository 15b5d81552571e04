namespace DeepMath.Plotting;

/// <summary>
/// Estimates rendered text width without a font engine. The per-character widths follow DejaVu Sans,
/// the widest common fallback, so layouts sized from them also fit Helvetica and Arial.
/// </summary>
internal static class TextMetrics
{
    /// <summary>Approximate width in pixels of <paramref name="text"/> at <paramref name="fontSize"/>.</summary>
    public static double Width(string? text, double fontSize, bool bold = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        double em = 0;
        foreach (var c in text)
        {
            em += c switch
            {
                ' ' => 0.32,
                'i' or 'l' or 'j' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' => 0.29,
                'f' or 't' or 'r' or '(' or ')' or '[' or ']' or '/' or '-' => 0.4,
                'm' or 'w' => 0.95,
                'M' or 'W' or '%' => 1.0,
                >= 'A' and <= 'Z' => 0.72,
                >= '0' and <= '9' => 0.64,
                >= 'a' and <= 'z' => 0.61,
                _ when char.IsLowSurrogate(c) => 0,
                _ => 0.8,
            };
        }

        return em * fontSize * (bold ? 1.1 : 1.0);
    }

    /// <summary>The widest of several strings.</summary>
    public static double MaxWidth(IEnumerable<string> texts, double fontSize)
    {
        double max = 0;
        foreach (var t in texts)
        {
            max = Math.Max(max, Width(t, fontSize));
        }

        return max;
    }

    /// <summary>
    /// Largest font size (at most <paramref name="preferred"/>, at least <paramref name="minimum"/>) at
    /// which <paramref name="text"/> fits in <paramref name="available"/> pixels.
    /// </summary>
    public static double FitFontSize(string text, double available, double preferred, double minimum,
        bool bold = false)
    {
        var width = Width(text, preferred, bold);
        return width <= available || width == 0
            ? preferred
            : Math.Max(minimum, preferred * available / width);
    }

    /// <summary>Shortens <paramref name="text"/> with an ellipsis so it fits in <paramref name="available"/>.</summary>
    public static string Truncate(string text, double available, double fontSize)
    {
        if (Width(text, fontSize) <= available)
        {
            return text;
        }

        var end = text.Length;
        while (end > 1 && Width(text[..end] + "…", fontSize) > available)
        {
            end--;
        }

        if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return text[..end] + "…";
    }
}
