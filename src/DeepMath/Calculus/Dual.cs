using System.Globalization;

namespace DeepMath.Calculus;

/// <summary>
/// A dual number v + d ε with ε^2 = 0, for forward-mode automatic differentiation of scalar functions:
/// evaluating f on <see cref="Variable"/>(x) yields f(x) in <see cref="Value"/> and f'(x) in
/// <see cref="Derivative"/>, exact up to rounding (no step size involved).
/// </summary>
/// <remarks>
/// Equality compares both parts; the ordering operators compare <see cref="Value"/> only, as a
/// function written with branches on x expects.
/// </remarks>
public readonly partial struct Dual : IEquatable<Dual>
{
    /// <summary>Creates v + d ε.</summary>
    /// <param name="value">The value part.</param>
    /// <param name="derivative">The derivative (tangent) part.</param>
    public Dual(double value, double derivative)
    {
        Value = value;
        Derivative = derivative;
    }

    /// <summary>Creates a constant (derivative 0).</summary>
    /// <param name="value">The value part.</param>
    public Dual(double value)
        : this(value, 0)
    {
    }

    /// <summary>The value part.</summary>
    public double Value { get; }

    /// <summary>The derivative part.</summary>
    public double Derivative { get; }

    /// <summary>The independent variable at x: x + 1 ε.</summary>
    /// <param name="x">The point.</param>
    /// <returns>A dual with derivative 1.</returns>
    public static Dual Variable(double x) => new(x, 1);

    /// <summary>A constant c + 0 ε.</summary>
    /// <param name="c">The constant.</param>
    /// <returns>A dual with derivative 0.</returns>
    public static Dual Constant(double c) => new(c, 0);

    /// <summary>Evaluates f and its derivative at x in one pass.</summary>
    /// <param name="f">The function, written on duals.</param>
    /// <param name="x">The point.</param>
    /// <returns>f(x) and f'(x).</returns>
    public static (double Value, double Derivative) Differentiate(Func<Dual, Dual> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        var result = f(Variable(x));
        return (result.Value, result.Derivative);
    }

    /// <summary>Treats a double as a constant.</summary>
    /// <param name="value">The constant.</param>
    public static implicit operator Dual(double value) => new(value, 0);

    /// <summary>Sum.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>left + right.</returns>
    public static Dual operator +(Dual left, Dual right) => new(left.Value + right.Value, left.Derivative + right.Derivative);

    /// <summary>Sum with a constant.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>left + right.</returns>
    public static Dual operator +(Dual left, double right) => new(left.Value + right, left.Derivative);

    /// <summary>Sum with a constant.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>left + right.</returns>
    public static Dual operator +(double left, Dual right) => new(left + right.Value, right.Derivative);

    /// <summary>Difference.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>left - right.</returns>
    public static Dual operator -(Dual left, Dual right) => new(left.Value - right.Value, left.Derivative - right.Derivative);

    /// <summary>Difference with a constant.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>left - right.</returns>
    public static Dual operator -(Dual left, double right) => new(left.Value - right, left.Derivative);

    /// <summary>Difference with a constant.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>left - right.</returns>
    public static Dual operator -(double left, Dual right) => new(left - right.Value, -right.Derivative);

    /// <summary>Negation.</summary>
    /// <param name="operand">The operand.</param>
    /// <returns>-operand.</returns>
    public static Dual operator -(Dual operand) => new(-operand.Value, -operand.Derivative);

    /// <summary>Unary plus.</summary>
    /// <param name="operand">The operand.</param>
    /// <returns>The operand unchanged.</returns>
    public static Dual operator +(Dual operand) => operand;

    /// <summary>Product (Leibniz rule).</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>left * right.</returns>
    public static Dual operator *(Dual left, Dual right) =>
        new(left.Value * right.Value, Math.FusedMultiplyAdd(left.Derivative, right.Value, left.Value * right.Derivative));

    /// <summary>Product with a constant.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>left * right.</returns>
    public static Dual operator *(Dual left, double right) => new(left.Value * right, left.Derivative * right);

    /// <summary>Product with a constant.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>left * right.</returns>
    public static Dual operator *(double left, Dual right) => new(left * right.Value, left * right.Derivative);

    /// <summary>Quotient (quotient rule, written as (a' - q b') / b to avoid squaring b).</summary>
    /// <param name="left">Numerator.</param>
    /// <param name="right">Denominator.</param>
    /// <returns>left / right.</returns>
    public static Dual operator /(Dual left, Dual right)
    {
        var quotient = left.Value / right.Value;
        return new Dual(quotient, Math.FusedMultiplyAdd(-quotient, right.Derivative, left.Derivative) / right.Value);
    }

    /// <summary>Quotient by a constant.</summary>
    /// <param name="left">Numerator.</param>
    /// <param name="right">Denominator.</param>
    /// <returns>left / right.</returns>
    public static Dual operator /(Dual left, double right) => new(left.Value / right, left.Derivative / right);

    /// <summary>Constant divided by a dual.</summary>
    /// <param name="left">Numerator.</param>
    /// <param name="right">Denominator.</param>
    /// <returns>left / right.</returns>
    public static Dual operator /(double left, Dual right)
    {
        var quotient = left / right.Value;
        return new Dual(quotient, -quotient * right.Derivative / right.Value);
    }

    /// <summary>Compares values.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>left.Value &lt; right.Value.</returns>
    public static bool operator <(Dual left, Dual right) => left.Value < right.Value;

    /// <summary>Compares values.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>left.Value &gt; right.Value.</returns>
    public static bool operator >(Dual left, Dual right) => left.Value > right.Value;

    /// <summary>Compares values.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>left.Value &lt;= right.Value.</returns>
    public static bool operator <=(Dual left, Dual right) => left.Value <= right.Value;

    /// <summary>Compares values.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>left.Value &gt;= right.Value.</returns>
    public static bool operator >=(Dual left, Dual right) => left.Value >= right.Value;

    /// <summary>Component-wise equality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>Whether both parts are equal.</returns>
    public static bool operator ==(Dual left, Dual right) => left.Equals(right);

    /// <summary>Component-wise inequality.</summary>
    /// <param name="left">Left operand.</param>
    /// <param name="right">Right operand.</param>
    /// <returns>Whether either part differs.</returns>
    public static bool operator !=(Dual left, Dual right) => !left.Equals(right);

    /// <summary>Component-wise equality (NaN equals NaN, as for <see cref="double.Equals(double)"/>).</summary>
    /// <param name="other">The other dual.</param>
    /// <returns>Whether both parts are equal.</returns>
    public bool Equals(Dual other) => Value.Equals(other.Value) && Derivative.Equals(other.Derivative);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Dual other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Value, Derivative);

    /// <summary>Formats as "value + derivative ε" with round-trip precision and the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Derivative < 0 || (Derivative == 0 && double.IsNegative(Derivative))
            ? string.Create(CultureInfo.InvariantCulture, $"{Value:R} - {-Derivative:R}ε")
            : string.Create(CultureInfo.InvariantCulture, $"{Value:R} + {Derivative:R}ε");
}
