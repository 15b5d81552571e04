using System.Numerics;
using DeepMath.Optimization;
using DeepMath.Tensors;

namespace DeepMath.Tests.Optimization;

/// <summary>Runs an optimizer on one parameter with a fixed gradient per step and returns the parameter as doubles.</summary>
internal static class OptimizerHarness
{
    public static Tensor<T> Tensor1<T>(double[] values) where T : unmanaged, IFloatingPointIeee754<T>
        => Tensor.FromArray(values.Select(T.CreateTruncating).ToArray());

    public static double[] ToDoubles<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
        => t.ToArray().Select(double.CreateTruncating).ToArray();

    /// <summary>Creates the parameter from <paramref name="start"/>, then for each gradient sets Grad and steps.</summary>
    public static double[] Run<T>(Func<Tensor<T>[], Optimizer<T>> make, double[] start, double[][] gradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = Tensor1<T>(start).RequireGrad();
        var optimizer = make([p]);
        foreach (var g in gradients)
        {
            p.Grad = Tensor1<T>(g);
            optimizer.Step();
        }
        return ToDoubles(p);
    }

    /// <summary>Gradients that differ per element and per step (signs and sizes vary).</summary>
    public static double[][] Gradients(int steps, int length)
    {
        var result = new double[steps][];
        for (int t = 0; t < steps; t++)
        {
            result[t] = new double[length];
            for (int i = 0; i < length; i++) result[t][i] = Math.Sin(1.3 * i + 0.7 * t + 0.2) * (1 + 0.25 * t) + 0.05 * i;
        }
        return result;
    }

    /// <summary>A starting point with varied values.</summary>
    public static double[] Start(int length) => Enumerable.Range(0, length).Select(i => Math.Cos(0.9 * i) * 2 - 0.3).ToArray();

    /// <summary>Tolerance for comparing float results with double hand computation.</summary>
    public const double FloatTolerance = 2e-5;
}
