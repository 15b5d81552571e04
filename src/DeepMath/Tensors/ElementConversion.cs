using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace DeepMath.Tensors;

/// <summary>
/// Converts spans between element types with NumPy astype semantics: numbers truncate toward zero
/// (saturating at the target's range, NaN becomes 0), bool reads nonzero as true and writes 1/0.
/// The two-level type switch is resolved by the JIT, leaving one specialised loop per pair.
/// </summary>
internal static class ElementConversion
{
    public static void Convert<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
        where TFrom : unmanaged where TTo : unmanaged
    {
        if (typeof(TFrom) == typeof(TTo))
        {
            MemoryMarshal.Cast<TFrom, TTo>(source).CopyTo(destination);
            return;
        }
        // bool is stored as one byte holding 0 or 1, so it converts as a byte.
        if (typeof(TFrom) == typeof(bool) || typeof(TFrom) == typeof(byte)) From(MemoryMarshal.Cast<TFrom, byte>(source), destination);
        else if (typeof(TFrom) == typeof(sbyte)) From(MemoryMarshal.Cast<TFrom, sbyte>(source), destination);
        else if (typeof(TFrom) == typeof(ushort)) From(MemoryMarshal.Cast<TFrom, ushort>(source), destination);
        else if (typeof(TFrom) == typeof(short)) From(MemoryMarshal.Cast<TFrom, short>(source), destination);
        else if (typeof(TFrom) == typeof(uint)) From(MemoryMarshal.Cast<TFrom, uint>(source), destination);
        else if (typeof(TFrom) == typeof(int)) From(MemoryMarshal.Cast<TFrom, int>(source), destination);
        else if (typeof(TFrom) == typeof(ulong)) From(MemoryMarshal.Cast<TFrom, ulong>(source), destination);
        else if (typeof(TFrom) == typeof(long)) From(MemoryMarshal.Cast<TFrom, long>(source), destination);
        else if (typeof(TFrom) == typeof(Half)) From(MemoryMarshal.Cast<TFrom, Half>(source), destination);
        else if (typeof(TFrom) == typeof(float)) From(MemoryMarshal.Cast<TFrom, float>(source), destination);
        else if (typeof(TFrom) == typeof(double)) From(MemoryMarshal.Cast<TFrom, double>(source), destination);
        else throw new NotSupportedException($"Cannot convert from {typeof(TFrom).Name}.");
    }

    private static void From<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
        where TFrom : unmanaged, INumberBase<TFrom> where TTo : unmanaged
    {
        if (typeof(TTo) == typeof(bool))
        {
            var d = MemoryMarshal.Cast<TTo, bool>(destination);
            for (int i = 0; i < source.Length; i++) d[i] = !TFrom.IsZero(source[i]);
        }
        else if (typeof(TTo) == typeof(byte)) Numeric(source, MemoryMarshal.Cast<TTo, byte>(destination));
        else if (typeof(TTo) == typeof(sbyte)) Numeric(source, MemoryMarshal.Cast<TTo, sbyte>(destination));
        else if (typeof(TTo) == typeof(ushort)) Numeric(source, MemoryMarshal.Cast<TTo, ushort>(destination));
        else if (typeof(TTo) == typeof(short)) Numeric(source, MemoryMarshal.Cast<TTo, short>(destination));
        else if (typeof(TTo) == typeof(uint)) Numeric(source, MemoryMarshal.Cast<TTo, uint>(destination));
        else if (typeof(TTo) == typeof(int)) Numeric(source, MemoryMarshal.Cast<TTo, int>(destination));
        else if (typeof(TTo) == typeof(ulong)) Numeric(source, MemoryMarshal.Cast<TTo, ulong>(destination));
        else if (typeof(TTo) == typeof(long)) Numeric(source, MemoryMarshal.Cast<TTo, long>(destination));
        else if (typeof(TTo) == typeof(Half)) Numeric(source, MemoryMarshal.Cast<TTo, Half>(destination));
        else if (typeof(TTo) == typeof(float)) Numeric(source, MemoryMarshal.Cast<TTo, float>(destination));
        else if (typeof(TTo) == typeof(double)) Numeric(source, MemoryMarshal.Cast<TTo, double>(destination));
        else throw new NotSupportedException($"Cannot convert to {typeof(TTo).Name}.");
    }

    private static void Numeric<TFrom, TTo>(ReadOnlySpan<TFrom> source, Span<TTo> destination)
        where TFrom : INumberBase<TFrom> where TTo : INumberBase<TTo>
        => TensorPrimitives.ConvertSaturating(source, destination);
}
