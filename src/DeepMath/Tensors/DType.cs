namespace DeepMath.Tensors;

/// <summary>The element types a tensor can hold (NumPy names in the comments).</summary>
public enum DType
{
    /// <summary>bool (NumPy <c>bool</c>, one byte).</summary>
    Bool,
    /// <summary>byte (NumPy <c>uint8</c>).</summary>
    UInt8,
    /// <summary>sbyte (NumPy <c>int8</c>).</summary>
    Int8,
    /// <summary>ushort (NumPy <c>uint16</c>).</summary>
    UInt16,
    /// <summary>short (NumPy <c>int16</c>).</summary>
    Int16,
    /// <summary>uint (NumPy <c>uint32</c>).</summary>
    UInt32,
    /// <summary>int (NumPy <c>int32</c>).</summary>
    Int32,
    /// <summary>ulong (NumPy <c>uint64</c>).</summary>
    UInt64,
    /// <summary>long (NumPy <c>int64</c>).</summary>
    Int64,
    /// <summary>Half (NumPy <c>float16</c>).</summary>
    Float16,
    /// <summary>float (NumPy <c>float32</c>).</summary>
    Float32,
    /// <summary>double (NumPy <c>float64</c>).</summary>
    Float64,
}

/// <summary>Facts about element types.</summary>
public static class DTypes
{
    /// <summary>The <see cref="DType"/> of a CLR element type, or throws for unsupported types.</summary>
    public static DType Of<T>() where T : unmanaged => Resolve<T>();

    /// <summary>Bytes per element.</summary>
    public static int SizeOf(DType type) => type switch
    {
        DType.Bool or DType.UInt8 or DType.Int8 => 1,
        DType.UInt16 or DType.Int16 or DType.Float16 => 2,
        DType.UInt32 or DType.Int32 or DType.Float32 => 4,
        _ => 8,
    };

    /// <summary>The NumPy name, e.g. <c>float32</c>.</summary>
    public static string NumPyName(DType type) => type switch
    {
        DType.Bool => "bool",
        DType.UInt8 => "uint8",
        DType.Int8 => "int8",
        DType.UInt16 => "uint16",
        DType.Int16 => "int16",
        DType.UInt32 => "uint32",
        DType.Int32 => "int32",
        DType.UInt64 => "uint64",
        DType.Int64 => "int64",
        DType.Float16 => "float16",
        DType.Float32 => "float32",
        _ => "float64",
    };

    /// <summary>True for float16, float32 and float64.</summary>
    public static bool IsFloatingPoint(DType type) => type is DType.Float16 or DType.Float32 or DType.Float64;

    private static DType Resolve<T>()
    {
        if (typeof(T) == typeof(bool)) return DType.Bool;
        if (typeof(T) == typeof(byte)) return DType.UInt8;
        if (typeof(T) == typeof(sbyte)) return DType.Int8;
        if (typeof(T) == typeof(ushort)) return DType.UInt16;
        if (typeof(T) == typeof(short)) return DType.Int16;
        if (typeof(T) == typeof(uint)) return DType.UInt32;
        if (typeof(T) == typeof(int)) return DType.Int32;
        if (typeof(T) == typeof(ulong)) return DType.UInt64;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(Half)) return DType.Float16;
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        throw new NotSupportedException($"Tensors of {typeof(T).Name} are not supported; use bool, an integer type, Half, float or double.");
    }
}
