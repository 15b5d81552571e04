using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepMath.Probability.Sampling;

/// <summary>
/// Marsaglia and Tsang's ziggurat for the standard exponential, 256 layers and 52-bit abscissae: one
/// 64-bit word per draw for about 99% of draws, against a logarithm per draw for inversion. The tail
/// beyond r is r plus a fresh exponential (memorylessness), the wedges are rejection against e^(-x).
/// </summary>
internal static class ExponentialZiggurat
{
    private const int Layers = 256;
    private const double R = 7.69711747013104972;
    private const double Area = 0.0039496598225815571993;
    private const double Scale = 4503599627370496.0; // 2^52

    private static readonly ulong[] Inner = new ulong[Layers];
    private static readonly double[] Width = new double[Layers];
    private static readonly double[] Height = new double[Layers + 1];

    static ExponentialZiggurat()
    {
        var x = new double[Layers + 1];
        double fR = Math.Exp(-R);
        x[0] = Area / fR;
        x[1] = R;
        for (int i = 1; i < Layers - 1; i++) x[i + 1] = -Math.Log(Area / x[i] + Math.Exp(-x[i]));
        x[Layers] = 0;
        for (int i = 0; i < Layers; i++)
        {
            Inner[i] = (ulong)(x[i + 1] / x[i] * Scale);
            Width[i] = x[i] / Scale;
        }
        for (int i = 0; i <= Layers; i++) Height[i] = Math.Exp(-x[i]);
        Height[0] = fR;
    }

    /// <summary>A standard exponential draw.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Next(SampleStream stream)
    {
        ulong bits = stream.NextUInt64();
        int layer = (int)(bits & 0xFF);
        ulong abscissa = bits >> 12;
        double x = abscissa * Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Width), layer); // layer < 256 by construction
        if (abscissa < Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Inner), layer)) return x;
        return Slow(stream, layer, x);
    }

    private static double Slow(SampleStream stream, int layer, double x)
    {
        while (true)
        {
            if (layer == 0) return R - Math.Log(stream.NextOpenDouble());
            double height = Height[layer] + stream.NextDouble() * (Height[layer + 1] - Height[layer]);
            if (height < Math.Exp(-x)) return x;
            ulong bits = stream.NextUInt64();
            layer = (int)(bits & 0xFF);
            ulong abscissa = bits >> 12;
            x = abscissa * Width[layer];
            if (abscissa < Inner[layer]) return x;
        }
    }
}
