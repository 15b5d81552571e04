using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepMath.Kernels;

/// <summary>
/// Vector operations as static members of a struct, so a kernel (the GEMM micro-kernel, exp, tanh,
/// sigmoid) is written once and the JIT specialises it for every width and element type. Every
/// operation is IEEE-exact or a single fused rounding, so one body gives the same bits at any width.
/// </summary>
internal unsafe interface ISimdOps<TVector, T> where TVector : struct where T : unmanaged
{
    /// <summary>Elements per vector.</summary>
    static abstract int Lanes { get; }

    static abstract TVector Load(T* p);

    static abstract void Store(T* p, TVector v);

    /// <summary>Stores bypassing the caches; <paramref name="p"/> must be aligned to the vector size.</summary>
    static abstract void StoreNonTemporal(T* p, TVector v);

    static abstract TVector Broadcast(T value);

    /// <summary>A constant given in double, rounded once to the element type.</summary>
    static abstract TVector Constant(double value);

    /// <summary>a * b + c with one rounding.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    static abstract TVector Add(TVector a, TVector b);

    static abstract TVector Subtract(TVector a, TVector b);

    static abstract TVector Multiply(TVector a, TVector b);

    static abstract TVector Divide(TVector a, TVector b);

    /// <summary>Elementwise minimum as the instruction does it (the second operand wins on NaN and on equal zeros).</summary>
    static abstract TVector MinNative(TVector a, TVector b);

    /// <summary>Elementwise maximum as the instruction does it (the second operand wins on NaN and on equal zeros).</summary>
    static abstract TVector MaxNative(TVector a, TVector b);

    static abstract TVector Abs(TVector a);

    /// <summary>|magnitude| with the sign bit of <paramref name="sign"/>.</summary>
    static abstract TVector CopySign(TVector magnitude, TVector sign);

    /// <summary>All-ones lanes where a &lt; b.</summary>
    static abstract TVector LessThan(TVector a, TVector b);

    /// <summary>All-ones lanes where a == b.</summary>
    static abstract TVector EqualsMask(TVector a, TVector b);

    /// <summary>True when any lane of the mask is set.</summary>
    static abstract bool Any(TVector mask);

    /// <summary>The largest integer not above each lane.</summary>
    static abstract TVector Floor(TVector a);

    /// <summary>All-ones lanes where a is not NaN.</summary>
    static abstract TVector IsNotNaN(TVector a);

    /// <summary>Lanes of <paramref name="whenTrue"/> where <paramref name="mask"/> is all-ones, else of <paramref name="whenFalse"/>.</summary>
    static abstract TVector Select(TVector mask, TVector whenTrue, TVector whenFalse);

    /// <summary>x rounded to an integer by adding and subtracting 1.5 * 2^(mantissa bits): exact for |x| below 2^(mantissa bits - 1).</summary>
    static abstract TVector RoundToInteger(TVector x);

    /// <summary>p * 2^k for integer-valued k within the exponent range + mantissa bits, with one rounding (right into the subnormals).</summary>
    static abstract TVector ScaleByPowerOfTwo(TVector p, TVector k);
}

internal unsafe struct Vector512Single : ISimdOps<Vector512<float>, float>
{
    public static int Lanes => Vector512<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(float* p) => Vector512.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector512<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreNonTemporal(float* p, Vector512<float> v) => v.StoreAlignedNonTemporal(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Broadcast(float value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Constant(double value) => Vector512.Create((float)value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MinNative(Vector512<float> a, Vector512<float> b) => Vector512.MinNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MaxNative(Vector512<float> a, Vector512<float> b) => Vector512.MaxNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Abs(Vector512<float> a) => Vector512.Abs(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> CopySign(Vector512<float> magnitude, Vector512<float> sign) => Vector512.CopySign(magnitude, sign);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> LessThan(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> IsNotNaN(Vector512<float> a) => Vector512.Equals(a, a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> EqualsMask(Vector512<float> a, Vector512<float> b) => Vector512.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(Vector512<float> mask) => Vector512.ExtractMostSignificantBits(mask) != 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Floor(Vector512<float> a) => Vector512.Floor(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Select(Vector512<float> mask, Vector512<float> whenTrue, Vector512<float> whenFalse) => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> RoundToInteger(Vector512<float> x) => x + Vector512.Create(12582912f) - Vector512.Create(12582912f);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ScaleByPowerOfTwo(Vector512<float> p, Vector512<float> k)
    {
        if (Avx512F.IsSupported) return Avx512F.Scale(p, k); // one instruction, the same single rounding as the two factors below
        // Two factors 2^(k/2) and 2^(k - k/2), each a normal number, so only the last product rounds.
        var n = (k + Vector512.Create(12582912f)).AsInt32() - Vector512.Create(0x4B400000); // k + 1.5 * 2^23 holds k in its low mantissa bits
        var n1 = Vector512.ShiftRightArithmetic(n, 1);
        var n2 = n - n1;
        var s1 = Vector512.ShiftLeft(n1 + Vector512.Create((int)127), 23).AsSingle();
        var s2 = Vector512.ShiftLeft(n2 + Vector512.Create((int)127), 23).AsSingle();
        return p * s1 * s2;
    }
}

internal unsafe struct Vector512Double : ISimdOps<Vector512<double>, double>
{
    public static int Lanes => Vector512<double>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Load(double* p) => Vector512.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(double* p, Vector512<double> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreNonTemporal(double* p, Vector512<double> v) => v.StoreAlignedNonTemporal(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Broadcast(double value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Constant(double value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Subtract(Vector512<double> a, Vector512<double> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Divide(Vector512<double> a, Vector512<double> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> MinNative(Vector512<double> a, Vector512<double> b) => Vector512.MinNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> MaxNative(Vector512<double> a, Vector512<double> b) => Vector512.MaxNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Abs(Vector512<double> a) => Vector512.Abs(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> CopySign(Vector512<double> magnitude, Vector512<double> sign) => Vector512.CopySign(magnitude, sign);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> LessThan(Vector512<double> a, Vector512<double> b) => Vector512.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> IsNotNaN(Vector512<double> a) => Vector512.Equals(a, a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> EqualsMask(Vector512<double> a, Vector512<double> b) => Vector512.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(Vector512<double> mask) => Vector512.ExtractMostSignificantBits(mask) != 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Floor(Vector512<double> a) => Vector512.Floor(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Select(Vector512<double> mask, Vector512<double> whenTrue, Vector512<double> whenFalse) => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> RoundToInteger(Vector512<double> x) => x + Vector512.Create(6755399441055744.0) - Vector512.Create(6755399441055744.0);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ScaleByPowerOfTwo(Vector512<double> p, Vector512<double> k)
    {
        if (Avx512F.IsSupported) return Avx512F.Scale(p, k); // one instruction, the same single rounding as the two factors below
        // Two factors 2^(k/2) and 2^(k - k/2), each a normal number, so only the last product rounds.
        var n = (k + Vector512.Create(6755399441055744.0)).AsInt64() - Vector512.Create(0x4338000000000000L); // k + 1.5 * 2^52 holds k in its low mantissa bits
        var n1 = Vector512.ShiftRightArithmetic(n, 1);
        var n2 = n - n1;
        var s1 = Vector512.ShiftLeft(n1 + Vector512.Create((long)1023), 52).AsDouble();
        var s2 = Vector512.ShiftLeft(n2 + Vector512.Create((long)1023), 52).AsDouble();
        return p * s1 * s2;
    }
}

internal unsafe struct Vector256Single : ISimdOps<Vector256<float>, float>
{
    public static int Lanes => Vector256<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(float* p) => Vector256.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector256<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreNonTemporal(float* p, Vector256<float> v) => v.StoreAlignedNonTemporal(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Broadcast(float value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Constant(double value) => Vector256.Create((float)value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MinNative(Vector256<float> a, Vector256<float> b) => Vector256.MinNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MaxNative(Vector256<float> a, Vector256<float> b) => Vector256.MaxNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Abs(Vector256<float> a) => Vector256.Abs(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> CopySign(Vector256<float> magnitude, Vector256<float> sign) => Vector256.CopySign(magnitude, sign);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> LessThan(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> IsNotNaN(Vector256<float> a) => Vector256.Equals(a, a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> EqualsMask(Vector256<float> a, Vector256<float> b) => Vector256.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(Vector256<float> mask) => Vector256.ExtractMostSignificantBits(mask) != 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Floor(Vector256<float> a) => Vector256.Floor(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Select(Vector256<float> mask, Vector256<float> whenTrue, Vector256<float> whenFalse) => Vector256.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> RoundToInteger(Vector256<float> x) => x + Vector256.Create(12582912f) - Vector256.Create(12582912f);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ScaleByPowerOfTwo(Vector256<float> p, Vector256<float> k)
    {
        if (Avx512F.VL.IsSupported) return Avx512F.VL.Scale(p, k); // one instruction, the same single rounding as the two factors below
        // Two factors 2^(k/2) and 2^(k - k/2), each a normal number, so only the last product rounds.
        var n = (k + Vector256.Create(12582912f)).AsInt32() - Vector256.Create(0x4B400000); // k + 1.5 * 2^23 holds k in its low mantissa bits
        var n1 = Vector256.ShiftRightArithmetic(n, 1);
        var n2 = n - n1;
        var s1 = Vector256.ShiftLeft(n1 + Vector256.Create((int)127), 23).AsSingle();
        var s2 = Vector256.ShiftLeft(n2 + Vector256.Create((int)127), 23).AsSingle();
        return p * s1 * s2;
    }
}

internal unsafe struct Vector256Double : ISimdOps<Vector256<double>, double>
{
    public static int Lanes => Vector256<double>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Load(double* p) => Vector256.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(double* p, Vector256<double> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreNonTemporal(double* p, Vector256<double> v) => v.StoreAlignedNonTemporal(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Broadcast(double value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Constant(double value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Subtract(Vector256<double> a, Vector256<double> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Divide(Vector256<double> a, Vector256<double> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> MinNative(Vector256<double> a, Vector256<double> b) => Vector256.MinNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> MaxNative(Vector256<double> a, Vector256<double> b) => Vector256.MaxNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Abs(Vector256<double> a) => Vector256.Abs(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> CopySign(Vector256<double> magnitude, Vector256<double> sign) => Vector256.CopySign(magnitude, sign);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> LessThan(Vector256<double> a, Vector256<double> b) => Vector256.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> IsNotNaN(Vector256<double> a) => Vector256.Equals(a, a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> EqualsMask(Vector256<double> a, Vector256<double> b) => Vector256.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(Vector256<double> mask) => Vector256.ExtractMostSignificantBits(mask) != 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Floor(Vector256<double> a) => Vector256.Floor(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> Select(Vector256<double> mask, Vector256<double> whenTrue, Vector256<double> whenFalse) => Vector256.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<double> RoundToInteger(Vector256<double> x) => x + Vector256.Create(6755399441055744.0) - Vector256.Create(6755399441055744.0);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ScaleByPowerOfTwo(Vector256<double> p, Vector256<double> k)
    {
        if (Avx512F.VL.IsSupported) return Avx512F.VL.Scale(p, k); // one instruction, the same single rounding as the two factors below
        // Two factors 2^(k/2) and 2^(k - k/2), each a normal number, so only the last product rounds.
        var n = (k + Vector256.Create(6755399441055744.0)).AsInt64() - Vector256.Create(0x4338000000000000L); // k + 1.5 * 2^52 holds k in its low mantissa bits
        var n1 = Vector256.ShiftRightArithmetic(n, 1);
        var n2 = n - n1;
        var s1 = Vector256.ShiftLeft(n1 + Vector256.Create((long)1023), 52).AsDouble();
        var s2 = Vector256.ShiftLeft(n2 + Vector256.Create((long)1023), 52).AsDouble();
        return p * s1 * s2;
    }
}

internal unsafe struct Vector128Single : ISimdOps<Vector128<float>, float>
{
    public static int Lanes => Vector128<float>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Load(float* p) => Vector128.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector128<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreNonTemporal(float* p, Vector128<float> v) => v.StoreAlignedNonTemporal(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Broadcast(float value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Constant(double value) => Vector128.Create((float)value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> MinNative(Vector128<float> a, Vector128<float> b) => Vector128.MinNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> MaxNative(Vector128<float> a, Vector128<float> b) => Vector128.MaxNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Abs(Vector128<float> a) => Vector128.Abs(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> CopySign(Vector128<float> magnitude, Vector128<float> sign) => Vector128.CopySign(magnitude, sign);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> LessThan(Vector128<float> a, Vector128<float> b) => Vector128.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> IsNotNaN(Vector128<float> a) => Vector128.Equals(a, a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> EqualsMask(Vector128<float> a, Vector128<float> b) => Vector128.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(Vector128<float> mask) => Vector128.ExtractMostSignificantBits(mask) != 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Floor(Vector128<float> a) => Vector128.Floor(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Select(Vector128<float> mask, Vector128<float> whenTrue, Vector128<float> whenFalse) => Vector128.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> RoundToInteger(Vector128<float> x) => x + Vector128.Create(12582912f) - Vector128.Create(12582912f);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ScaleByPowerOfTwo(Vector128<float> p, Vector128<float> k)
    {
        if (Avx512F.VL.IsSupported) return Avx512F.VL.Scale(p, k); // one instruction, the same single rounding as the two factors below
        // Two factors 2^(k/2) and 2^(k - k/2), each a normal number, so only the last product rounds.
        var n = (k + Vector128.Create(12582912f)).AsInt32() - Vector128.Create(0x4B400000); // k + 1.5 * 2^23 holds k in its low mantissa bits
        var n1 = Vector128.ShiftRightArithmetic(n, 1);
        var n2 = n - n1;
        var s1 = Vector128.ShiftLeft(n1 + Vector128.Create((int)127), 23).AsSingle();
        var s2 = Vector128.ShiftLeft(n2 + Vector128.Create((int)127), 23).AsSingle();
        return p * s1 * s2;
    }
}

internal unsafe struct Vector128Double : ISimdOps<Vector128<double>, double>
{
    public static int Lanes => Vector128<double>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Load(double* p) => Vector128.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(double* p, Vector128<double> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreNonTemporal(double* p, Vector128<double> v) => v.StoreAlignedNonTemporal(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Broadcast(double value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Constant(double value) => Vector128.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> MultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) => Vector128.FusedMultiplyAdd(a, b, c);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Subtract(Vector128<double> a, Vector128<double> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Multiply(Vector128<double> a, Vector128<double> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Divide(Vector128<double> a, Vector128<double> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> MinNative(Vector128<double> a, Vector128<double> b) => Vector128.MinNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> MaxNative(Vector128<double> a, Vector128<double> b) => Vector128.MaxNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Abs(Vector128<double> a) => Vector128.Abs(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> CopySign(Vector128<double> magnitude, Vector128<double> sign) => Vector128.CopySign(magnitude, sign);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> LessThan(Vector128<double> a, Vector128<double> b) => Vector128.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> IsNotNaN(Vector128<double> a) => Vector128.Equals(a, a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> EqualsMask(Vector128<double> a, Vector128<double> b) => Vector128.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Any(Vector128<double> mask) => Vector128.ExtractMostSignificantBits(mask) != 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Floor(Vector128<double> a) => Vector128.Floor(a);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> Select(Vector128<double> mask, Vector128<double> whenTrue, Vector128<double> whenFalse) => Vector128.ConditionalSelect(mask, whenTrue, whenFalse);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<double> RoundToInteger(Vector128<double> x) => x + Vector128.Create(6755399441055744.0) - Vector128.Create(6755399441055744.0);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ScaleByPowerOfTwo(Vector128<double> p, Vector128<double> k)
    {
        if (Avx512F.VL.IsSupported) return Avx512F.VL.Scale(p, k); // one instruction, the same single rounding as the two factors below
        // Two factors 2^(k/2) and 2^(k - k/2), each a normal number, so only the last product rounds.
        var n = (k + Vector128.Create(6755399441055744.0)).AsInt64() - Vector128.Create(0x4338000000000000L); // k + 1.5 * 2^52 holds k in its low mantissa bits
        var n1 = Vector128.ShiftRightArithmetic(n, 1);
        var n2 = n - n1;
        var s1 = Vector128.ShiftLeft(n1 + Vector128.Create((long)1023), 52).AsDouble();
        var s2 = Vector128.ShiftLeft(n2 + Vector128.Create((long)1023), 52).AsDouble();
        return p * s1 * s2;
    }
}
