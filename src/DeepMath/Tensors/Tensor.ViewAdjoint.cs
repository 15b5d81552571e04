using System.Numerics;

namespace DeepMath.Tensors;

public static partial class Tensor
{
    /// <summary>
    /// The adjoint of a view: zeros of the viewed tensor's shape with <paramref name="gradient"/>
    /// added where the view's elements sit. An injective view writes each element once; overlapping
    /// views (sliding windows) add every window's share, serially, in a fixed order. Recorded, so
    /// gradients of gradients flow back through <see cref="ViewThrough"/>.
    /// </summary>
    internal static Tensor<T> ScatterThroughView<T>(Tensor<T> gradient, ViewArguments view) where T : unmanaged, INumber<T>
    {
        var result = Zeros<T>(view.InputShape);
        var target = new Tensor<T>(result.Storage, view.Shape, view.Strides, view.Offset);
        if (LayoutTransforms.IsInjective(view.Shape, view.Strides)) Elementwise.Copy(gradient.Detach(), target);
        else AddInto(gradient.Detach(), target);
        return Recorder.Unary(result, OpCode.ViewScatter, gradient, view);
    }

    /// <summary>target[i] += source[i] over a possibly self-overlapping target, on one thread (overlaps would race).</summary>
    private static void AddInto<T>(Tensor<T> source, Tensor<T> target) where T : unmanaged, INumber<T>
        => StridedLoop.Run(new AccumulateRow<T>(target.Storage, source.Storage), target.ShapeArray,
            [new(target.StrideArray, target.Offset), new(source.StrideArray, source.Offset)], grain: int.MaxValue);

    private readonly struct AccumulateRow<T>(T[] destination, T[] source) : IRowKernel where T : INumber<T>
    {
        public void Run(int n, int o0, int s0, int o1, int s1, int o2, int s2, int o3, int s3)
        {
            for (int i = 0; i < n; i++) destination[o0 + i * s0] += source[o1 + i * s1];
        }
    }

    /// <summary>The view described by <paramref name="view"/> applied to a tensor of its input shape (recorded as that view).</summary>
    internal static Tensor<T> ViewThrough<T>(Tensor<T> x, ViewArguments view) where T : unmanaged
    {
        var packed = x.Detach().Contiguous();
        var result = new Tensor<T>(packed.Storage, view.Shape, view.Strides, packed.Offset + view.Offset);
        return Recorder.Unary(result, OpCode.View, x, view);
    }
}
