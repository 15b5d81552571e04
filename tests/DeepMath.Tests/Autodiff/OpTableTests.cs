using System.Reflection;
using DeepMath.Autodiff;
using DeepMath.Calculus;
using DeepMath.Kernels;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Autodiff;

/// <summary>
/// Walks <see cref="OpTable"/>: for every entry and sample, the forward pass against its reference,
/// float32 against float64, identical bits (values and gradients) across input layouts (contiguous,
/// transposed, strided, reversed) and thread counts, gradients against central differences and second
/// derivatives (gradgradcheck). <see cref="Every_op_code_and_custom_function_has_an_entry"/> fails when
/// an operation is added without an entry.
/// </summary>
public class OpTableTests
{
    public static TheoryData<string> Names => [.. OpTable.Entries.Select(e => e.Name)];

    private static OpEntry Entry(string name) => OpTable.Entries.Single(e => e.Name == name);

    /// <summary>Sample <paramref name="sample"/> of an entry: uniform values in [-2, 2) mapped into the entry's domain.</summary>
    private static Tensor<double>[] Inputs(OpEntry entry, int[][] shapes, ulong seed)
        => shapes.Select((shape, i) =>
        {
            var raw = Tensor.Uniform<double>(shape, -2, 2, seed * 16 + (ulong)i).ToArray();
            return Tensor.FromArray(raw.Select(entry.Domain).ToArray(), shape);
        }).ToArray();

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_matches_the_reference_and_float32_follows_float64(string name)
    {
        var entry = Entry(name);
        for (int s = 0; s < entry.Samples.Length; s++)
        {
            var x = Inputs(entry, entry.Samples[s], (ulong)s + 1);
            var y = entry.Double(x);
            if (entry.Reference is { } reference) CheckReference(entry, x, y, reference);
            var single = entry.Single(x.Select(t => t.Cast<float>()).ToArray());
            Assert.Equal(y.Shape.ToArray(), single.Shape.ToArray());
            var (d, f) = (Reference.ToDoubles(y), Reference.ToDoubles(single));
            for (int i = 0; i < d.Length; i++)
                Assert.True(Math.Abs(d[i] - f[i]) <= entry.SingleTolerance * Math.Max(1, Math.Abs(d[i])),
                    $"{name}, sample {s}, element {i}: float32 {f[i]:R} vs float64 {d[i]:R}");
        }
    }

    private static void CheckReference(OpEntry entry, Tensor<double>[] x, Tensor<double> y, Func<double[], double> reference)
    {
        foreach (var index in Reference.Indices(y.Shape))
        {
            var args = x.Select(t => t[Reference.SourceIndex(index, t.Shape)]).ToArray();
            double expected = reference(args), got = y[index];
            Assert.True(Math.Abs(got - expected) <= 4e-15 * Math.Max(1, Math.Abs(expected)),
                $"{entry.Name} at ({string.Join(", ", args)}): {got:R}, reference {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Values_and_gradients_have_identical_bits_in_every_layout(string name)
    {
        var entry = Entry(name);
        for (int s = 0; s < entry.Samples.Length; s++)
        {
            var x = Inputs(entry, entry.Samples[s], (ulong)s + 1);
            var (value, gradients) = ValueAndGradients(entry.Double, x);
            foreach (var layout in new[] { LayoutKind.Transposed, LayoutKind.Strided, LayoutKind.Reversed, LayoutKind.Offset })
            {
                var (v, g) = ValueAndGradients(entry.Double, x.Select(t => Relaid(t, layout)).ToArray());
                AssertSameBits(value, v, $"{name}, sample {s}, {layout} value");
                for (int i = 0; i < g.Length; i++) AssertSameBits(gradients[i], g[i], $"{name}, sample {s}, {layout} gradient {i}");
            }
            var xs = x.Select(t => t.Cast<float>()).ToArray();
            var single = entry.Single(xs).Detach();
            AssertSameBits(single, entry.Single(xs.Select(t => Relaid(t, LayoutKind.Transposed)).ToArray()), $"{name}, sample {s}, float32 transposed");
            AssertSameBits(single, entry.Single(xs.Select(t => Relaid(t, LayoutKind.Strided)).ToArray()), $"{name}, sample {s}, float32 strided");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Values_and_gradients_have_identical_bits_for_one_and_two_threads(string name)
    {
        var entry = Entry(name);
        if (entry.Large is null) return;
        var x = Inputs(entry, entry.Large, 99);
        (Tensor<double>, Tensor<double>[]) one, two;
        using (Compute.Threads(1)) one = ValueAndGradients(entry.Double, x);
        using (Compute.Threads(2)) two = ValueAndGradients(entry.Double, x);
        AssertSameBits(one.Item1, two.Item1, $"{name} value");
        for (int i = 0; i < x.Length; i++) AssertSameBits(one.Item2[i], two.Item2[i], $"{name} gradient {i}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradients_agree_with_central_differences(string name)
    {
        var entry = Entry(name);
        for (int s = 0; s < entry.Samples.Length; s++)
        {
            var result = GradCheck.Run(t => entry.Double([.. t]), Inputs(entry, entry.Samples[s], (ulong)s + 1));
            Assert.True(result.Passed, $"{name}, sample {s}: {result}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Second_derivatives_agree_with_central_differences(string name)
    {
        var entry = Entry(name);
        if (!entry.SecondOrder) return;
        for (int s = 0; s < entry.Samples.Length; s++)
        {
            var x = Inputs(entry, entry.Samples[s], (ulong)s + 1);
            var probes = x.Select((t, i) => Tensor.Normal<double>(t.Shape, 0, 1, 500 + (ulong)i)).ToArray();
            // The directional derivative of the gradient (a Hessian-vector product) is what is checked.
            var result = GradCheck.Run(t =>
            {
                using var recording = Autograd.EnableGrad();
                var y = entry.Double([.. t]);
                if (!y.RequiresGrad) return Tensor.Scalar(0.0);
                var weights = Tensor.Normal<double>(y.Shape, 0, 1, 77);
                var g = Autograd.Grad((y * weights).Sum(), t, createGraph: true, allowUnused: true);
                var total = Tensor.Scalar(0.0);
                for (int i = 0; i < g.Length; i++) total = total + (g[i] * probes[i]).Sum();
                return total;
            }, x);
            Assert.True(result.Passed, $"{name}, sample {s}: {result}");
        }
    }

    [Fact]
    public void Every_op_code_and_custom_function_has_an_entry()
    {
        var codes = new HashSet<OpCode>();
        var functions = new HashSet<string>();
        foreach (var entry in OpTable.Entries)
        {
            var x = Inputs(entry, entry.Samples[0], 1).Select(t => t.RequireGrad()).ToArray();
            var y = entry.Double(x);
            Collect(y, codes, functions);
            if (!y.RequiresGrad) continue;
            var g = Autograd.Grad((y * Tensor.OnesLike(y)).Sum(), x, createGraph: true, allowUnused: true);
            foreach (var t in g) Collect(t, codes, functions);
        }
        var missingCodes = Enum.GetValues<OpCode>().Where(c => c != OpCode.Custom && !codes.Contains(c)).ToArray();
        Assert.True(missingCodes.Length == 0, $"Op codes with no op-table entry: {string.Join(", ", missingCodes)}");
        var missingFunctions = CustomFunctionTypes().Where(n => !functions.Contains(n)).ToArray();
        Assert.True(missingFunctions.Length == 0, $"Custom functions with no op-table entry: {string.Join(", ", missingFunctions)}");
    }

    /// <summary>Every class of the library that derives from CustomFunction or MultiOutputFunction (generic definitions by name).</summary>
    private static IEnumerable<string> CustomFunctionTypes()
        => typeof(Tensor).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && BaseTypes(t).Any(b => b.IsGenericType
                && (b.GetGenericTypeDefinition() == typeof(CustomFunction<>) || b.GetGenericTypeDefinition() == typeof(MultiOutputFunction<>))))
            .Select(t => t.Name);

    private static IEnumerable<Type> BaseTypes(Type t)
    {
        for (var b = t.BaseType; b is not null; b = b.BaseType) yield return b;
    }

    private static void Collect(Tensor<double> root, HashSet<OpCode> codes, HashSet<string> functions)
    {
        var seen = new HashSet<OpRecord<double>>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Tensor<double>>([root]);
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (t.Creator is not { } record || !seen.Add(record)) continue;
            codes.Add(record.Code);
            if (record.Arguments is CustomArguments<double> custom) functions.Add(custom.Function.GetType().Name);
            foreach (var input in record.Inputs) stack.Push(input);
        }
    }

    private static (Tensor<double> Value, Tensor<double>[] Gradients) ValueAndGradients(Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] x)
    {
        var leaves = x.Select(t => t.RequireGrad()).ToArray();
        var y = f(leaves);
        if (!y.RequiresGrad) return (y.Detach(), leaves.Select(Tensor.ZerosLike).ToArray());
        var weights = Tensor.Normal<double>(y.Shape, 0, 1, 31);
        var g = Autograd.Grad((y * weights).Sum(), leaves, allowUnused: true);
        foreach (var leaf in leaves) leaf.RequiresGrad = false;
        return (y.Detach(), g);
    }

    /// <summary>The same values reached through another memory layout.</summary>
    private static Tensor<T> Relaid<T>(Tensor<T> x, LayoutKind layout) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        var shape = x.Shape.ToArray();
        switch (layout)
        {
            case LayoutKind.Transposed when x.Rank >= 2:
                return x.Transpose().Contiguous().Transpose();
            case LayoutKind.Strided:
            {
                var wide = Tensor.Zeros<T>([.. shape.Select(d => 2 * d)]);
                var indices = shape.Select(_ => TensorIndex.Slice(step: 2)).ToArray();
                wide[indices] = x;
                return wide[indices];
            }
            case LayoutKind.Reversed:
            {
                var indices = shape.Select(_ => TensorIndex.Slice(step: -1)).ToArray();
                return x[indices].Contiguous()[indices];
            }
            case LayoutKind.Offset:
            {
                var bigger = Tensor.Zeros<T>([.. shape.Select(d => d + 1)]);
                var indices = shape.Select(d => (TensorIndex)(1..(d + 1))).ToArray();
                bigger[indices] = x;
                return bigger[indices];
            }
            default:
                return x.Clone();
        }
    }

    private static void AssertSameBits<T>(Tensor<T> expected, Tensor<T> actual, string what) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        var e = Reference.ToDoubles(expected);
        var a = Reference.ToDoubles(actual);
        for (int i = 0; i < e.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(e[i]) == BitConverter.DoubleToInt64Bits(a[i]) || (double.IsNaN(e[i]) && double.IsNaN(a[i])),
                $"{what}, element {i}: {a[i]:R} differs from {e[i]:R}");
    }
}
