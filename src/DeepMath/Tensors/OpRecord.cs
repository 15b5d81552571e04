namespace DeepMath.Tensors;

/// <summary>
/// The closed set of recorded operations. Composite operations (mean, variance, log-sum-exp, softmax,
/// stacking, masked selection) are recorded as the primitives they are built from.
/// </summary>
internal enum OpCode
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
    /// <summary>tan x.</summary>
    Tan,
    /// <summary>arctan x.</summary>
    Atan,
    /// <summary>arcsin x.</summary>
    Asin,
    /// <summary>arccos x.</summary>
    Acos,
    /// <summary>sinh x.</summary>
    Sinh,
    /// <summary>cosh x.</summary>
    Cosh,
    /// <summary>arsinh x.</summary>
    Asinh,
    /// <summary>arcosh x.</summary>
    Acosh,
    /// <summary>artanh x.</summary>
    Atanh,
    /// <summary>The complementary error function 1 - erf x.</summary>
    Erfc,
    /// <summary>log(1 + e^x).</summary>
    Softplus,
    /// <summary>log sigmoid(x) = -softplus(-x).</summary>
    LogSigmoid,
    /// <summary>The standard normal distribution function.</summary>
    NormalCdf,
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
/// How tensors were computed: the operation, its tensor inputs, its typed arguments and its outputs
/// (one for most operations; several for decompositions and functions such as max-pooling with
/// indices). The Autodiff layer walks these records backwards; this layer only writes them.
/// </summary>
/// <typeparam name="T">Element type of the tensors involved.</typeparam>
internal sealed class OpRecord<T> where T : unmanaged
{
    private Tensor<T>? _output;
    private Tensor<T>[]? _outputs;

    private OpRecord(OpCode code, Tensor<T>[] inputs, OpArguments? arguments)
    {
        Code = code;
        Inputs = inputs;
        Arguments = arguments;
    }

    /// <summary>Records <paramref name="output"/> as computed by <paramref name="code"/> from <paramref name="inputs"/>.</summary>
    internal static void Attach(Tensor<T> output, OpCode code, Tensor<T>[] inputs, OpArguments? arguments)
    {
        var record = new OpRecord<T>(code, inputs, arguments) { _output = output };
        output.Creator = record;
    }

    /// <summary>Records several outputs computed together by one operation (one backward rule for all of them).</summary>
    internal static void AttachMany(Tensor<T>[] outputs, OpCode code, Tensor<T>[] inputs, OpArguments? arguments)
    {
        var record = new OpRecord<T>(code, inputs, arguments) { _outputs = outputs };
        foreach (var output in outputs) output.Creator = record;
    }

    /// <summary>The operation.</summary>
    public OpCode Code { get; }

    /// <summary>The tensor inputs (empty once the graph has been released).</summary>
    public Tensor<T>[] Inputs { get; private set; }

    /// <summary>Operation-specific arguments (axes, masks, indices, view layouts, custom functions), typed per operation.</summary>
    public OpArguments? Arguments { get; private set; }

    /// <summary>How many tensors the operation produced.</summary>
    public int OutputCount => _outputs?.Length ?? (_output is null ? 0 : 1);

    /// <summary>Output <paramref name="index"/> (null once the graph has been released).</summary>
    public Tensor<T>? Output(int index) => _outputs is { } many ? many[index] : index == 0 ? _output : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The position of <paramref name="tensor"/> among the outputs, or -1.</summary>
    public int IndexOfOutput(Tensor<T> tensor)
    {
        if (_outputs is null) return ReferenceEquals(_output, tensor) ? 0 : -1;
        for (int i = 0; i < _outputs.Length; i++)
            if (ReferenceEquals(_outputs[i], tensor)) return i;
        return -1;
    }

    /// <summary>True after a backward pass without <c>retainGraph</c> released the inputs.</summary>
    public bool IsReleased { get; private set; }

    /// <summary>Drops references to inputs, outputs and saved values so memory can be reclaimed.</summary>
    public void Release()
    {
        Inputs = [];
        Arguments = null;
        _output = null;
        _outputs = null;
        IsReleased = true;
    }
}

/// <summary>The typed arguments of one recorded operation; each <see cref="OpCode"/> has its own kind (or none).</summary>
internal abstract record OpArguments;

/// <summary>
/// The backward rule of an operation defined outside the built-in set (implemented by the Autodiff
/// layer's custom functions): gradients of the inputs from the gradients of the outputs.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
internal interface ICustomBackward<T> where T : unmanaged
{
    /// <summary>A short name for messages.</summary>
    string Name { get; }

    /// <summary>One gradient per input (null where not needed or zero), given one gradient per output (null where an output was unused).</summary>
    Tensor<T>?[] Backward(IReadOnlyList<Tensor<T>> outputs, IReadOnlyList<Tensor<T>?> outputGradients, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<bool> needsGradient);
}

/// <summary>The function behind an <see cref="OpCode.Custom"/> record.</summary>
/// <param name="Function">Its backward rule.</param>
internal sealed record CustomArguments<T>(ICustomBackward<T> Function) : OpArguments where T : unmanaged;

/// <summary>Axes of a reduction.</summary>
/// <param name="Axes">The reduced axes, normalised and sorted.</param>
/// <param name="KeepDims">Whether reduced axes were kept with size 1.</param>
internal sealed record ReductionArguments(int[] Axes, bool KeepDims) : OpArguments;

/// <summary>A p-norm reduction.</summary>
/// <param name="P">The order (any real, or ±infinity).</param>
/// <param name="Axes">The reduced axes.</param>
/// <param name="KeepDims">Whether reduced axes were kept with size 1.</param>
internal sealed record NormArguments(double P, int[] Axes, bool KeepDims) : OpArguments;

/// <summary>Two scalar parameters (clamp bounds, fill values).</summary>
/// <param name="First">The first parameter.</param>
/// <param name="Second">The second parameter.</param>
internal sealed record ScalarArguments<T>(T First, T Second) : OpArguments;

/// <summary>A strided view relative to the row-major layout of its input.</summary>
/// <param name="InputShape">Shape of the viewed tensor.</param>
/// <param name="Shape">Shape of the view.</param>
/// <param name="Strides">Strides of the view, in elements of the row-major input.</param>
/// <param name="Offset">Offset of the view's first element in the row-major input.</param>
internal sealed record ViewArguments(int[] InputShape, int[] Shape, int[] Strides, int Offset) : OpArguments;

/// <summary>Selection along an axis by index.</summary>
/// <param name="Axis">The axis.</param>
/// <param name="Indices">The indices (for gather/scatter: an index tensor of the output's shape).</param>
/// <param name="InputShape">Shape of the tensor indexed into.</param>
internal sealed record IndexArguments(int Axis, Tensor<long> Indices, int[] InputShape) : OpArguments;

/// <summary>A boolean mask (for where and masked fill).</summary>
/// <param name="Mask">The mask, broadcastable to the output.</param>
internal sealed record MaskArguments(Tensor<bool> Mask) : OpArguments;

/// <summary>Concatenation along an axis.</summary>
/// <param name="Axis">The axis.</param>
internal sealed record ConcatenateArguments(int Axis) : OpArguments;
