namespace DeepMath.Kernels.Gemm;

/// <summary>
/// C (m x n) = alpha * A (m x k) * B (k x n) + beta * C, with every operand given by a pointer and
/// two strides in elements (row stride, column stride), so transposed and strided views need no copy.
/// </summary>
internal readonly unsafe struct GemmProblem<T> where T : unmanaged
{
    public GemmProblem(int m, int n, int k, T alpha, T* a, long rsA, long csA, T* b, long rsB, long csB, T beta, T* c, long rsC, long csC)
    {
        M = m; N = n; K = k;
        Alpha = alpha; Beta = beta;
        A = a; RsA = rsA; CsA = csA;
        B = b; RsB = rsB; CsB = csB;
        C = c; RsC = rsC; CsC = csC;
    }

    public int M { get; }
    public int N { get; }
    public int K { get; }
    public T Alpha { get; }
    public T Beta { get; }
    public T* A { get; }
    public long RsA { get; }
    public long CsA { get; }
    public T* B { get; }
    public long RsB { get; }
    public long CsB { get; }
    public T* C { get; }
    public long RsC { get; }
    public long CsC { get; }
}
