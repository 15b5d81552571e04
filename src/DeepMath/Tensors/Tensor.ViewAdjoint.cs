using System.Numerics;

namespace DeepMath.Tensors;

public static partial class Tensor
{
    /// <summary>
    /// The adjoint of a view: zeros of the viewed tensor's shape with <paramref name="gradient"/>
    /// written where the view's elements sit (views are injective, so each element is written once).
    /// Recorded, so gradients of gradients flow back through <see cref="ViewThrough"/>.
    /// </summary>
    internal static Tensor<T> ScatterThroughView<T>(Tensor<T> gradient, ViewArguments view) where T : unmanaged, INumber<T>
    {
        var result = Zeros<T>(view.InputShape);
        var target = new Tensor<T>(result.Storage, view.Shape, view.Strides, view.Offset);
        Elementwise.Copy(gradient.Detach(), target);
        return Recorder.Unary(result, OpCode.ViewScatter, gradient, view);
    }

    /// <summary>The view described by <paramref name="view"/> applied to a tensor of its input shape (recorded as that view).</summary>
    internal static Tensor<T> ViewThrough<T>(Tensor<T> x, ViewArguments view) where T : unmanaged
    {
        var packed = x.Detach().Contiguous();
        var result = new Tensor<T>(packed.Storage, view.Shape, view.Strides, packed.Offset + view.Offset);
        return Recorder.Unary(result, OpCode.View, x, view);
    }
}
