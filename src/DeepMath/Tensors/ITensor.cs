namespace DeepMath.Tensors;

/// <summary>A tensor whose element type is known only at run time (for example one read from a file).</summary>
public interface ITensor
{
    /// <summary>The axis sizes.</summary>
    Shape Shape { get; }

    /// <summary>The element type.</summary>
    DType DType { get; }

    /// <summary>Number of elements.</summary>
    int Length { get; }

    /// <summary>Converts to a tensor of <typeparamref name="TTo"/> (a copy, or this tensor when the type already matches).</summary>
    Tensor<TTo> Cast<TTo>() where TTo : unmanaged;

    /// <summary>Calls the visitor with the statically typed tensor.</summary>
    TResult Accept<TResult>(ITensorVisitor<TResult> visitor);
}

/// <summary>Receives a tensor with its element type as a type parameter.</summary>
public interface ITensorVisitor<out TResult>
{
    /// <summary>Visits a typed tensor.</summary>
    TResult Visit<T>(Tensor<T> tensor) where T : unmanaged;
}
