using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepMath.Kernels.Gemm;

/// <summary>
/// The few vector operations the GEMM micro-kernel needs, as static members of a struct so the
/// kernel is written once and the JIT specialises it for every width and element type.
/// </summary>
internal unsafe interface ISimdOps<TVector, T> where TVector : struct where T : unmanaged
{
    /// <summary>Elements per vector.</summary>
    static abstract int Lanes { get; }

    static abstract TVector Load(T* p);

    static abstract void Store(T* p, TVector v);

    static abstract TVector Broadcast(T value);

    /// <summary>a * b + c with one rounding.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    static abstract TVector Add(TVector a, TVector b);

    static abstract TVector Multiply(TVector a, TVector b);
}

internal unsafe struct Vector512Single : ISimdOps<Vector512<float>, float>
{
    public static int Lanes => Vector512<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(float* p) => Vector512.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector512<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Broadcast(float value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
}

internal unsafe struct Vector512Double : ISimdOps<Vector512<double>, double>
{
    public static int Lanes => Vector512<double>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Load(double* p) => Vector512.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(double* p, Vector512<double> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Broadcast(double value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;
}

internal unsafe struct Vector256Single : ISimdOps<Vector256<float>, float>
{
    public static int Lanes => Vector256<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(float* p) => Vector256.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector256<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Broadcast(float value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
}

internal unsafe struct Vector256Double : ISimdOps<Vector256<double>, double>
{
    public static int Lanes => Vector256<double>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Load(double* p) => Vector256.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(double* p, Vector256<double> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Broadcast(double value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;
}

internal unsafe struct Vector128Single : ISimdOps<Vector128<float>, float>
{
    public static int Lanes => Vector128<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Load(float* p) => Vector128.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector128<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Broadcast(float value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;
}

internal unsafe struct Vector128Double : ISimdOps<Vector128<double>, double>
{
    public static int Lanes => Vector128<double>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Load(double* p) => Vector128.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(double* p, Vector128<double> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Broadcast(double value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> MultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) => Vector128.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Multiply(Vector128<double> a, Vector128<double> b) => a * b;
}
