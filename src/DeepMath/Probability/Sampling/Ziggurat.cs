using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepMath.Probability.Sampling;

/// <summary>
/// Marsaglia and Tsang's ziggurat for the standard normal, with 256 layers and 52-bit abscissae (as
/// NumPy's Generator): one 64-bit word gives the layer (8 bits), the sign (1 bit) and the abscissa
/// (52 bits), and about 99% of draws return after one table comparison. The tail beyond r is
/// sampled exactly by Marsaglia's method; the wedges by rejection against e^(-x²/2).
/// </summary>
internal static class Ziggurat
{
    private const int Layers = 256;
    private const double R = 3.6541528853610088;         // the base layer's right edge
    private const double Area = 0.00492867323399;         // the area of each layer (unnormalized density)
    private const double Scale = 4503599627370496.0;      // 2^52

    private static readonly ulong[] Inner = new ulong[Layers];   // 2^52 · X[i+1]/X[i]: below it, accept at once
    private static readonly double[] Width = new double[Layers]; // X[i] / 2^52
    private static readonly double[] Height = new double[Layers + 1]; // e^(-X[i]²/2)

    static Ziggurat()
    {
        var x = new double[Layers + 1];
        double fR = Math.Exp(-0.5 * R * R);
        x[0] = Area / fR; // the base layer's pseudo-width (rectangle plus tail)
        x[1] = R;
        for (int i = 1; i < Layers - 1; i++) x[i + 1] = Math.Sqrt(-2 * Math.Log(Area / x[i] + Math.Exp(-0.5 * x[i] * x[i])));
        x[Layers] = 0;
        for (int i = 0; i < Layers; i++)
        {
            Inner[i] = (ulong)(x[i + 1] / x[i] * Scale);
            Width[i] = x[i] / Scale;
        }
        for (int i = 0; i <= Layers; i++) Height[i] = Math.Exp(-0.5 * x[i] * x[i]);
        Height[0] = fR; // the base layer's top is f(R)
    }

    /// <summary>A standard normal draw.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Normal(SampleStream stream)
    {
        ulong bits = stream.NextUInt64();
        int layer = (int)(bits & 0xFF);
        ulong abscissa = bits >> 12;
        // The layer is below 256 by construction: the tables are read without bounds checks.
        double x = abscissa * Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Width), layer);
        if ((bits & 0x100) != 0) x = -x;
        if (abscissa < Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Inner), layer)) return x;
        return Slow(stream, layer, x);
    }

    private static double Slow(SampleStream stream, int layer, double x)
    {
        while (true)
        {
            if (layer == 0)
            {
                // The tail beyond R: x = R + E1/R accepted with probability e^(-(E1/R)²/2) (Marsaglia 1964).
                double tail, y;
                do
                {
                    tail = -Math.Log(stream.NextOpenDouble()) / R;
                    y = -Math.Log(stream.NextOpenDouble());
                }
                while (2 * y < tail * tail);
                return x < 0 ? -(R + tail) : R + tail;
            }
            // The wedge: a uniform height between the layer's bottom and top, accepted under the curve.
            double height = Height[layer] + stream.NextDouble() * (Height[layer + 1] - Height[layer]);
            if (height < Math.Exp(-0.5 * x * x)) return x;
            ulong bits = stream.NextUInt64();
            layer = (int)(bits & 0xFF);
            ulong abscissa = bits >> 12;
            x = abscissa * Width[layer];
            if ((bits & 0x100) != 0) x = -x;
            if (abscissa < Inner[layer]) return x;
        }
    }
}
