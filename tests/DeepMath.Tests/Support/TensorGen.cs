using DeepMath.Tensors;
using FsCheck;
using FsCheck.Fluent;

namespace DeepMath.Tests.Support;

/// <summary>How a test tensor is laid out in memory: the same logical values reached through different strides.</summary>
public enum LayoutKind
{
    Contiguous,
    Transposed,
    Strided,
    Reversed,
    Offset,
}

/// <summary>A recipe for a random tensor: shape, seed and layout, printable so FsCheck can report failures.</summary>
public sealed record TensorCase(int[] Shape, ulong Seed, LayoutKind Layout)
{
    /// <summary>Builds the tensor: uniform values in [-3, 3) reached through the requested layout.</summary>
    public Tensor<double> Build() => Make(Shape, Seed, Layout);

    public override string ToString() => $"{DeepMath.Tensors.Shape.Format(Shape)} seed {Seed} {Layout}";

    public static Tensor<double> Make(int[] shape, ulong seed, LayoutKind layout)
    {
        var gen = new RandomGenerator(seed);
        switch (layout)
        {
            case LayoutKind.Transposed when shape.Length >= 2:
            {
                var reversed = shape.Reverse().ToArray();
                return Tensor.Uniform<double>(reversed, -3, 3, gen).Transpose();
            }
            case LayoutKind.Strided:
            {
                var wide = shape.Select(d => 2 * d).ToArray();
                var indices = shape.Select(_ => TensorIndex.Slice(step: 2)).ToArray();
                return Tensor.Uniform<double>(wide, -3, 3, gen)[indices];
            }
            case LayoutKind.Reversed:
            {
                var indices = shape.Select(_ => TensorIndex.Slice(step: -1)).ToArray();
                return Tensor.Uniform<double>(shape, -3, 3, gen)[indices];
            }
            case LayoutKind.Offset:
            {
                var bigger = shape.Select(d => d + 1).ToArray();
                var indices = shape.Select(d => (TensorIndex)(1..(d + 1))).ToArray();
                return Tensor.Uniform<double>(bigger, -3, 3, gen)[indices];
            }
            default:
                return Tensor.Uniform<double>(shape, -3, 3, gen);
        }
    }
}

/// <summary>FsCheck generators for shapes and tensors, with size-0 and size-1 axes and every layout.</summary>
public static class TensorGen
{
    public static Gen<int> Dim => Gen.Frequency((2, Gen.Constant(1)), (1, Gen.Constant(0)), (6, Gen.Choose(2, 5)));

    public static Gen<int[]> ShapeOf(int maxRank) =>
        from rank in Gen.Choose(0, maxRank)
        from dims in Gen.ArrayOf(Dim, rank)
        select dims;

    public static Gen<LayoutKind> Layout => Gen.Elements(Enum.GetValues<LayoutKind>());

    public static Gen<ulong> Seed => Gen.Choose(0, int.MaxValue).Select(i => (ulong)i);

    public static Gen<TensorCase> Case(int maxRank = 4) =>
        from shape in ShapeOf(maxRank)
        from seed in Seed
        from layout in Layout
        select new TensorCase(shape, seed, layout);

    /// <summary>Two shapes that broadcast: one is derived from the other by dropping leading axes and setting some axes to 1.</summary>
    public static Gen<(TensorCase A, TensorCase B)> BroadcastPair(int maxRank = 4) =>
        from full in ShapeOf(maxRank)
        from drop in Gen.Choose(0, full.Length)
        from ones in Gen.ArrayOf(Gen.Elements(false, true), full.Length)
        from swap in Gen.Elements(false, true)
        from seedA in Seed
        from seedB in Seed
        from layoutA in Layout
        from layoutB in Layout
        let reduced = full.Skip(drop).Select((d, i) => ones[i + drop] ? 1 : d).ToArray()
        let a = new TensorCase(full, seedA, layoutA)
        let b = new TensorCase(reduced, seedB, layoutB)
        select swap ? (b, a) : (a, b);

    /// <summary>
    /// Property-test settings with a fixed seed, so CI runs are reproducible; set DEEPMATH_FSCHECK_SEED
    /// to explore other seeds (a failure prints the seed to replay).
    /// </summary>
    public static Config Config(int tests = 150)
    {
        ulong seed = ulong.TryParse(Environment.GetEnvironmentVariable("DEEPMATH_FSCHECK_SEED"), out var s) ? s : 20261121UL;
        var replay = new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), Microsoft.FSharp.Core.FSharpOption<int>.None);
        return FsCheck.Config.QuickThrowOnFailure.WithQuietOnSuccess(true).WithMaxTest(tests).WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(replay));
    }
}
