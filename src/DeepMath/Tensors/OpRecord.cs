namespace DeepMath.Tensors;

/// <summary>
/// The closed set of recorded operations. Composite operations (mean, variance, log-sum-exp, softmax,
/// stacking, masked selection) are recorded as the primitives they are built from.
/// </summary>
public enum OpCode
{
    /// <summary>a + b (broadcasting).</summary>
    Add,
    /// <summary>a - b.</summary>
    Subtract,
    /// <summary>a * b.</summary>
    Multiply,
    /// <summary>a / b.</summary>
    Divide,
    /// <summary>a ^ b.</summary>
    Pow,
    /// <summary>Elementwise minimum.</summary>
    Minimum,
    /// <summary>Elementwise maximum.</summary>
    Maximum,
    /// <summary>-x.</summary>
    Negate,
    /// <summary>|x|.</summary>
    Abs,
    /// <summary>sign(x) (zero gradient).</summary>
    Sign,
    /// <summary>sqrt(x).</summary>
    Sqrt,
    /// <summary>x * x.</summary>
    Square,
    /// <summary>e^x.</summary>
    Exp,
    /// <summary>ln x.</summary>
    Log,
    /// <summary>ln(1 + x).</summary>
    Log1P,
    /// <summary>e^x - 1.</summary>
    ExpM1,
    /// <summary>The error function.</summary>
    Erf,
    /// <summary>sin x.</summary>
    Sin,
    /// <summary>cos x.</summary>
    Cos,
    /// <summary>tanh x.</summary>
    Tanh,
    /// <summary>1 / (1 + e^-x).</summary>
    Sigmoid,
    /// <summary>max(x, 0).</summary>
    Relu,
    /// <summary>min(max(x, low), high).</summary>
    Clamp,
    /// <summary>where(mask, a, b).</summary>
    Where,
    /// <summary>Sum over axes.</summary>
    Sum,
    /// <summary>Sum down to a broadcast-compatible shape (adjoint of <see cref="Expand"/>).</summary>
    SumTo,
    /// <summary>Product over axes.</summary>
    Prod,
    /// <summary>Maximum over axes.</summary>
    Max,
    /// <summary>Minimum over axes.</summary>
    Min,
    /// <summary>p-norm over axes.</summary>
    Norm,
    /// <summary>Reshape (a view or a copy).</summary>
    Reshape,
    /// <summary>A strided view: slice, transpose, permute, diagonal, squeeze, unsqueeze, select.</summary>
    View,
    /// <summary>Adds a gradient into zeros through a strided view (adjoint of <see cref="View"/>).</summary>
    ViewScatter,
    /// <summary>Broadcast to a larger shape.</summary>
    Expand,
    /// <summary>A copy (contiguous, clone): identity gradient.</summary>
    Copy,
    /// <summary>Select entries along an axis by index.</summary>
    IndexSelect,
    /// <summary>Add slices into zeros along an axis by index (adjoint of <see cref="IndexSelect"/>).</summary>
    IndexAdd,
    /// <summary>PyTorch-style gather along an axis.</summary>
    Gather,
    /// <summary>Scatter-add into zeros along an axis (adjoint of <see cref="Gather"/>).</summary>
    ScatterAdd,
    /// <summary>Concatenate along an axis.</summary>
    Concatenate,
    /// <summary>An operation with its own backward rule (matrix multiply, convolutions, losses).</summary>
    Custom,
}

/// <summary>
/// How a tensor was computed: the operation, its tensor inputs and its other arguments. The Autodiff
/// layer walks these records backwards; this layer only writes them.
/// </summary>
/// <typeparam name="T">Element type of the tensors involved.</typeparam>
public sealed class OpRecord<T> where T : unmanaged
{
    internal OpRecord(OpCode code, Tensor<T>[] inputs, object? arguments)
    {
        Code = code;
        Inputs = inputs;
        Arguments = arguments;
    }

    /// <summary>The operation.</summary>
    public OpCode Code { get; }

    /// <summary>The tensor inputs (empty once the graph has been released).</summary>
    public Tensor<T>[] Inputs { get; private set; }

    /// <summary>Operation-specific arguments (axes, masks, indices, view layouts, custom functions).</summary>
    public object? Arguments { get; private set; }

    /// <summary>True after a backward pass without <c>retainGraph</c> released the inputs.</summary>
    public bool IsReleased { get; private set; }

    /// <summary>Drops references to inputs and saved values so memory can be reclaimed.</summary>
    public void Release()
    {
        Inputs = [];
        Arguments = null;
        IsReleased = true;
    }
}

/// <summary>Axes of a reduction.</summary>
/// <param name="Axes">The reduced axes, normalised and sorted.</param>
/// <param name="KeepDims">Whether reduced axes were kept with size 1.</param>
public sealed record ReductionArguments(int[] Axes, bool KeepDims);

/// <summary>A p-norm reduction.</summary>
/// <param name="P">The order (any real, or ±infinity).</param>
/// <param name="Axes">The reduced axes.</param>
/// <param name="KeepDims">Whether reduced axes were kept with size 1.</param>
public sealed record NormArguments(double P, int[] Axes, bool KeepDims);

/// <summary>Two scalar parameters (clamp bounds, fill values).</summary>
/// <param name="First">The first parameter.</param>
/// <param name="Second">The second parameter.</param>
public sealed record ScalarArguments<T>(T First, T Second);

/// <summary>A strided view relative to the row-major layout of its input.</summary>
/// <param name="InputShape">Shape of the viewed tensor.</param>
/// <param name="Shape">Shape of the view.</param>
/// <param name="Strides">Strides of the view, in elements of the row-major input.</param>
/// <param name="Offset">Offset of the view's first element in the row-major input.</param>
public sealed record ViewArguments(int[] InputShape, int[] Shape, int[] Strides, int Offset);

/// <summary>Selection along an axis by index.</summary>
/// <param name="Axis">The axis.</param>
/// <param name="Indices">The indices (for gather/scatter: an index tensor of the output's shape).</param>
/// <param name="InputShape">Shape of the tensor indexed into.</param>
public sealed record IndexArguments(int Axis, Tensor<long> Indices, int[] InputShape);

/// <summary>A boolean mask (for where and masked fill).</summary>
/// <param name="Mask">The mask, broadcastable to the output.</param>
public sealed record MaskArguments(Tensor<bool> Mask);

/// <summary>Concatenation along an axis.</summary>
/// <param name="Axis">The axis.</param>
public sealed record ConcatenateArguments(int Axis);
