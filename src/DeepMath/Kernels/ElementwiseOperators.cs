namespace DeepMath.Kernels;

/// <summary>An elementwise function of one argument, with a scalar body and a contiguous-span body.</summary>
/// <remarks>Operators are structs so the JIT specialises and inlines each kernel; fields carry parameters.</remarks>
internal interface IUnaryOperator<TIn, TOut>
{
    TOut Invoke(TIn x);

    void Invoke(ReadOnlySpan<TIn> x, Span<TOut> destination);
}

/// <summary>An elementwise function of two arguments, with span bodies for the broadcast-scalar cases.</summary>
internal interface IBinaryOperator<TIn, TOut>
{
    TOut Invoke(TIn x, TIn y);

    void Invoke(ReadOnlySpan<TIn> x, ReadOnlySpan<TIn> y, Span<TOut> destination);

    void Invoke(ReadOnlySpan<TIn> x, TIn y, Span<TOut> destination);

    void Invoke(TIn x, ReadOnlySpan<TIn> y, Span<TOut> destination);
}
