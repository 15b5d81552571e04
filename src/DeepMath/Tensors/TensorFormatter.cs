using System.Globalization;
using System.Text;

namespace DeepMath.Tensors;

/// <summary>
/// NumPy-style text (as <c>print(array)</c>): nested brackets, columns aligned to one width,
/// floats with at most <see cref="TensorPrintOptions.Precision"/> digits (fewer when exact),
/// scientific notation when magnitudes are extreme, and "..." summaries for large tensors.
/// </summary>
internal static class TensorFormatter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Format<T>(Tensor<T> tensor, TensorPrintOptions options) where T : unmanaged
    {
        var x = tensor.Detach();
        bool summarize = x.Length > options.Threshold;
        var shown = new List<T>();
        Collect(x, summarize, options.EdgeItems, shown);
        var format = ElementFormatter<T>.Create(shown, options);
        if (x.Rank == 0) return format(x.ToScalar()).Trim();
        if (x.Length == 0) return "[]";
        return Render(x, summarize, options, format, " ", options.LineWidth);
    }

    private static void Collect<T>(Tensor<T> x, bool summarize, int edge, List<T> shown) where T : unmanaged
    {
        if (x.Rank == 0)
        {
            shown.Add(x.ToScalar());
            return;
        }
        foreach (var i in ShownIndices(x.ShapeArray[0], summarize, edge))
            if (i >= 0) Collect(x.Select(0, i), summarize, edge, shown);
    }

    /// <summary>Indices to print along an axis; -1 marks the "..." gap.</summary>
    private static IEnumerable<int> ShownIndices(int n, bool summarize, int edge)
    {
        if (!summarize || n <= 2 * edge)
        {
            for (int i = 0; i < n; i++) yield return i;
            yield break;
        }
        for (int i = 0; i < edge; i++) yield return i;
        yield return -1;
        for (int i = n - edge; i < n; i++) yield return i;
    }

    /// <summary>
    /// NumPy's _formatArray: each level adds a hanging indent of one space and loses one column for
    /// its closing bracket; rows wrap when a word would pass the width (trailing spaces trimmed).
    /// </summary>
    private static string Render<T>(Tensor<T> x, bool summarize, TensorPrintOptions options, Func<T, string> format, string indent, int width)
        where T : unmanaged
    {
        var sb = new StringBuilder();
        var indices = ShownIndices(x.ShapeArray[0], summarize, options.EdgeItems).ToList();
        if (x.Rank == 1)
        {
            int elementWidth = width - 1;
            var line = new StringBuilder(indent);
            for (int k = 0; k < indices.Count; k++)
            {
                string word = indices[k] < 0 ? "..." : format(x[indices[k]]);
                if (line.Length + word.Length > elementWidth && line.Length > indent.Length)
                {
                    sb.Append(line.ToString().TrimEnd()).Append('\n');
                    line.Clear().Append(indent);
                }
                line.Append(word);
                if (k < indices.Count - 1) line.Append(' ');
            }
            sb.Append(line);
        }
        else
        {
            string separator = new('\n', x.Rank - 1);
            for (int k = 0; k < indices.Count; k++)
            {
                sb.Append(indent);
                sb.Append(indices[k] < 0 ? "..." : Render(x.Select(0, indices[k]), summarize, options, format, indent + " ", width - 1));
                if (k < indices.Count - 1) sb.Append(separator);
            }
        }
        return "[" + sb.ToString(indent.Length, sb.Length - indent.Length) + "]";
    }

    /// <summary>Builds one formatting function that pads every element to a common width.</summary>
    private static class ElementFormatter<T> where T : unmanaged
    {
        public static Func<T, string> Create(List<T> values, TensorPrintOptions options)
        {
            if (typeof(T) == typeof(bool))
            {
                int width = values.Any(v => !(bool)(object)v) ? 5 : 4;
                return v => ((bool)(object)v ? "True" : "False").PadLeft(width);
            }
            if (typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Half))
                return FloatFormatter.Create<T>(values.Select(ToDouble).ToList(), v => ToDouble(v), options, typeof(T));
            var texts = values.Select(v => Convert.ToString(v, Invariant) ?? "").ToList();
            int w = texts.Count == 0 ? 1 : texts.Max(t => t.Length);
            return v => (Convert.ToString(v, Invariant) ?? "").PadLeft(w);
        }

        private static double ToDouble(T v) => v switch
        {
            float f => f,
            double d => d,
            Half h => (double)h,
            _ => 0,
        };
    }

    /// <summary>NumPy's float formatting: fixed or scientific for the whole tensor, unique digits capped at the precision.</summary>
    private static class FloatFormatter
    {
        public static Func<T, string> Create<T>(List<double> values, Func<T, double> toDouble, TensorPrintOptions options, Type elementType)
        {
            var finite = values.Where(double.IsFinite).Select(Math.Abs).Where(v => v != 0).ToList();
            bool scientific = false;
            if (finite.Count > 0)
            {
                double max = finite.Max(), min = finite.Min();
                scientific = max >= 1e8 || (!options.SuppressSmall && (min < 1e-4 || max / min > 1e3));
            }
            int precision = options.Precision;
            var parts = values.Where(double.IsFinite).Select(v => Split(v, scientific, precision, elementType)).ToList();
            int fracWidth = parts.Count == 0 ? 0 : parts.Max(p => p.Fraction.Length);
            int intWidth = parts.Count == 0 ? 1 : parts.Max(p => p.Integer.Length);
            int expWidth = parts.Count == 0 ? 0 : parts.Max(p => p.Exponent.Length);
            int width = intWidth + 1 + fracWidth + (scientific ? 2 + expWidth : 0);
            foreach (var v in values.Where(v => !double.IsFinite(v))) width = Math.Max(width, Special(v).Length);
            return value =>
            {
                double v = toDouble(value);
                if (!double.IsFinite(v)) return Special(v).PadLeft(width);
                var p = Split(v, scientific, precision, elementType);
                var text = new StringBuilder();
                text.Append(p.Integer.PadLeft(intWidth)).Append('.');
                if (scientific)
                {
                    text.Append(p.Fraction.PadRight(fracWidth, '0')).Append('e').Append(p.Sign).Append(p.Exponent.PadLeft(expWidth, '0'));
                }
                else text.Append(p.Fraction.PadRight(fracWidth));
                return text.ToString().PadLeft(width);
            };
        }

        private static string Special(double v) => double.IsNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";

        private readonly record struct Parts(string Integer, string Fraction, char Sign, string Exponent);

        /// <summary>The fewest digits (at most the precision) that read back as the same value of the element type.</summary>
        private static Parts Split(double v, bool scientific, int precision, Type elementType)
        {
            string text = "";
            for (int digits = 0; digits <= precision; digits++)
            {
                text = v.ToString((scientific ? "E" : "F") + digits.ToString(Invariant), Invariant);
                if (RoundTrips(text, v, elementType)) break;
            }
            if (!scientific)
            {
                int dot = text.IndexOf('.', StringComparison.Ordinal);
                string integer = dot < 0 ? text : text[..dot];
                string fraction = dot < 0 ? "" : text[(dot + 1)..].TrimEnd('0');
                if (integer == "-0" && fraction.Length == 0 && v == 0 && !double.IsNegative(v)) integer = "0";
                return new Parts(integer, fraction, '+', "");
            }
            int e = text.IndexOf('E', StringComparison.Ordinal);
            string mantissa = text[..e];
            char sign = text[e + 1];
            string exponent = text[(e + 2)..].TrimStart('0');
            if (exponent.Length < 2) exponent = exponent.PadLeft(2, '0');
            int mdot = mantissa.IndexOf('.', StringComparison.Ordinal);
            return new Parts(mdot < 0 ? mantissa : mantissa[..mdot], mdot < 0 ? "" : mantissa[(mdot + 1)..].TrimEnd('0'), sign, exponent);
        }

        private static bool RoundTrips(string text, double v, Type elementType)
        {
            if (!double.TryParse(text, NumberStyles.Float, Invariant, out var parsed)) return false;
            if (elementType == typeof(float)) return (float)parsed == (float)v;
            if (elementType == typeof(Half)) return (Half)parsed == (Half)v;
            return parsed == v;
        }
    }
}
