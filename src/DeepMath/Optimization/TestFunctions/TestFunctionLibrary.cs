using DeepMath.Tensors;

namespace DeepMath.Optimization.TestFunctions;

/// <summary>
/// The classic test functions for minimizers (Moré, Garbow and Hillstrom; Jamil and Yang's survey) and
/// the surfaces of Kneusel's chapter 11: written with tensor operations, so every minimizer gets exact
/// gradients and Hessian-vector products by automatic differentiation.
/// </summary>
public static class TestFunctionLibrary
{
    private static Tensor<double> Sq(Tensor<double> t) => t.Square();

    /// <summary>Variable i of x, as a 0-d view (so it records for autodiff).</summary>
    private static Tensor<double> V(Tensor<double> x, int i) => x.Select(0, i);

    /// <summary>Rosenbrock's banana valley (100 (y - x²)² + (1 - x)²), from (-1.2, 1); minimum 0 at (1, 1).</summary>
    public static TestFunction Rosenbrock { get; } = new()
    {
        Name = "Rosenbrock",
        Function = x => 100.0 * Sq(V(x, 1) - Sq(V(x, 0))) + Sq(1.0 - V(x, 0)),
        Start = [-1.2, 1],
        Minima = [new([1, 1], 0, true)],
        Window = (-2, 2, -1, 3),
    };

    /// <summary>The n-variable Rosenbrock function Σ 100 (x[i+1] - x[i]²)² + (1 - x[i])², from (-1.2, 1, -1.2, 1, ...); minimum 0 at (1, ..., 1).</summary>
    public static TestFunction RosenbrockN(int n)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), n, "The Rosenbrock function needs at least 2 variables.");
        return new TestFunction
        {
            Name = $"Rosenbrock ({n} variables)",
            Function = x =>
            {
                var head = x[..(n - 1)];
                var tail = x[1..];
                return (100.0 * Sq(tail - Sq(head)) + Sq(1.0 - head)).Sum();
            },
            Start = [.. Enumerable.Range(0, n).Select(i => i % 2 == 0 ? -1.2 : 1.0)],
            Minima = [new([.. Enumerable.Repeat(1.0, n)], 0, true)],
        };
    }

    /// <summary>Beale's function, from (1, 1); minimum 0 at (3, 0.5).</summary>
    public static TestFunction Beale { get; } = new()
    {
        Name = "Beale",
        Function = x => Sq(1.5 - V(x, 0) + V(x, 0) * V(x, 1)) + Sq(2.25 - V(x, 0) + V(x, 0) * Sq(V(x, 1))) + Sq(2.625 - V(x, 0) + V(x, 0) * V(x, 1) * Sq(V(x, 1))),
        Start = [1, 1],
        Minima = [new([3, 0.5], 0, true)],
        Window = (-4.5, 4.5, -4.5, 4.5),
    };

    /// <summary>Himmelblau's function (x² + y - 11)² + (x + y² - 7)², from (0, 0); four minima of value 0.</summary>
    public static TestFunction Himmelblau { get; } = new()
    {
        Name = "Himmelblau",
        Function = x => Sq(Sq(V(x, 0)) + V(x, 1) - 11.0) + Sq(V(x, 0) + Sq(V(x, 1)) - 7.0),
        Start = [0, 0],
        Minima =
        [
            new([3, 2], 0, true),
            new([-2.805118086952745, 3.131312518250573], 0, true),
            new([-3.779310253377747, -3.283185991286170], 0, true),
            new([3.584428340330492, -1.848126526964404], 0, true),
        ],
        Window = (-5, 5, -5, 5),
    };

    /// <summary>Booth's function (x + 2y - 7)² + (2x + y - 5)², from (0, 0); minimum 0 at (1, 3).</summary>
    public static TestFunction Booth { get; } = new()
    {
        Name = "Booth",
        Function = x => Sq(V(x, 0) + 2.0 * V(x, 1) - 7.0) + Sq(2.0 * V(x, 0) + V(x, 1) - 5.0),
        Start = [0, 0],
        Minima = [new([1, 3], 0, true)],
        Window = (-10, 10, -10, 10),
    };

    /// <summary>
    /// Rastrigin's function 10 n + Σ (x² - 10 cos 2πx): a local minimum near every integer point; from
    /// (0.4, -0.3), inside the global minimum's basin; minimum 0 at the origin (the nearest local minima,
    /// at (±0.995, 0) and permutations, are listed too).
    /// </summary>
    public static TestFunction Rastrigin { get; } = new()
    {
        Name = "Rastrigin",
        Function = x => (Sq(x) - 10.0 * (2 * Math.PI * x).Cos()).Sum() + 10.0 * x.Length,
        Start = [0.4, -0.3],
        Minima =
        [
            new([0, 0], 0, true),
            new([0.9949586, 0], 0.9949591, false), new([-0.9949586, 0], 0.9949591, false),
            new([0, 0.9949586], 0.9949591, false), new([0, -0.9949586], 0.9949591, false),
        ],
        Window = (-5.12, 5.12, -5.12, 5.12),
    };

    /// <summary>
    /// Ackley's function, from (0.3, -0.2); minimum 0 at the origin, where it is not differentiable (a
    /// cone): gradient methods end there by their step or line-search test, not by the gradient tolerance.
    /// </summary>
    public static TestFunction Ackley { get; } = new()
    {
        Name = "Ackley",
        Function = x => -20.0 * (-0.2 * (0.5 * Sq(x).Sum()).Sqrt()).Exp() - (0.5 * (2 * Math.PI * x).Cos().Sum()).Exp() + (Math.E + 20),
        Start = [0.3, -0.2],
        Minima = [new([0, 0], 0, true)],
        Window = (-5, 5, -5, 5),
    };

    /// <summary>The Goldstein-Price function, from (0.5, 0.5); minimum 3 at (0, -1), local minima at (-0.6, -0.4), (1.8, 0.2), (1.2, 0.8).</summary>
    public static TestFunction GoldsteinPrice { get; } = new()
    {
        Name = "Goldstein-Price",
        Function = x =>
        {
            var a = V(x, 0);
            var b = V(x, 1);
            var first = 1.0 + Sq(a + b + 1.0) * (19.0 - 14.0 * a + 3.0 * Sq(a) - 14.0 * b + 6.0 * a * b + 3.0 * Sq(b));
            var second = 30.0 + Sq(2.0 * a - 3.0 * b) * (18.0 - 32.0 * a + 12.0 * Sq(a) + 48.0 * b - 36.0 * a * b + 27.0 * Sq(b));
            return first * second;
        },
        Start = [0.5, 0.5],
        Minima = [new([0, -1], 3, true), new([-0.6, -0.4], 30, false), new([1.8, 0.2], 84, false), new([1.2, 0.8], 840, false)],
        Window = (-2, 2, -2, 2),
    };

    /// <summary>The Styblinski-Tang function ½ Σ (x⁴ - 16x² + 5x), from the origin; minimum -39.16617 n at x_i = -2.903534.</summary>
    public static TestFunction StyblinskiTang { get; } = new()
    {
        Name = "Styblinski-Tang",
        Function = x => 0.5 * (Sq(Sq(x)) - 16.0 * Sq(x) + 5.0 * x).Sum(),
        Start = [0, 0],
        Minima = [new([-2.903534027771178, -2.903534027771178], -78.33233140754282, true), new([2.746802842478014, -2.903534027771178], -64.19561235748, false),
            new([-2.903534027771178, 2.746802842478014], -64.19561235748, false), new([2.746802842478014, 2.746802842478014], -50.05889331, false)],
        Window = (-5, 5, -5, 5),
    };

    /// <summary>Powell's singular function, from (3, -1, 0, 1); minimum 0 at the origin, where the Hessian is singular.</summary>
    public static TestFunction PowellSingular { get; } = new()
    {
        Name = "Powell singular",
        Function = x => Sq(V(x, 0) + 10.0 * V(x, 1)) + 5.0 * Sq(V(x, 2) - V(x, 3)) + Sq(Sq(V(x, 1) - 2.0 * V(x, 2))) + 10.0 * Sq(Sq(V(x, 0) - V(x, 3))),
        Start = [3, -1, 0, 1],
        Minima = [new([0, 0, 0, 0], 0, true)],
    };

    /// <summary>Wood's (Colville's) function, from (-3, -1, -3, -1); minimum 0 at (1, 1, 1, 1).</summary>
    public static TestFunction Wood { get; } = new()
    {
        Name = "Wood",
        Function = x => 100.0 * Sq(Sq(V(x, 0)) - V(x, 1)) + Sq(V(x, 0) - 1.0) + Sq(V(x, 2) - 1.0) + 90.0 * Sq(Sq(V(x, 2)) - V(x, 3))
            + 10.1 * (Sq(V(x, 1) - 1.0) + Sq(V(x, 3) - 1.0)) + 19.8 * (V(x, 1) - 1.0) * (V(x, 3) - 1.0),
        Start = [-3, -1, -3, -1],
        Minima = [new([1, 1, 1, 1], 0, true)],
    };

    /// <summary>
    /// McCormick's function sin(x + y) + (x - y)² - 1.5x + 2.5y + 1 on its box [-1.5, 4] x [-3, 4], from (0, 0);
    /// minimum -1.9132230 at (-0.5471976, -1.5471976). Outside the box it is unbounded below: with u = x + y it is
    /// sin u + u/2 + (x - y - 1)² + const, with a lower local minimum every 2π along u.
    /// </summary>
    public static TestFunction McCormick { get; } = new()
    {
        Name = "McCormick",
        Function = x => (V(x, 0) + V(x, 1)).Sin() + Sq(V(x, 0) - V(x, 1)) - 1.5 * V(x, 0) + 2.5 * V(x, 1) + 1.0,
        Start = [0, 0],
        Minima = [new([-0.5471975511965976, -1.5471975511965976], -1.9132229549810364, true)],
        Window = (-1.5, 4, -3, 4),
    };

    /// <summary>Kneusel's first bowl (chapter 11, gd_2d.py): 6x² + 9y² - 12x - 14y + 3, from (-0.5, 2.9); minimum -38/9 at (1, 7/9).</summary>
    public static TestFunction BookBowl { get; } = new()
    {
        Name = "book bowl",
        Function = x => 6.0 * Sq(V(x, 0)) + 9.0 * Sq(V(x, 1)) - 12.0 * V(x, 0) - 14.0 * V(x, 1) + 3.0,
        Start = [-0.5, 2.9],
        Minima = [new([1, 7.0 / 9], 3 - 6 - 49.0 / 9, true)],
        Window = (-1, 3, -1, 3),
    };

    /// <summary>Kneusel's elongated bowl (chapter 11, gd_2d.py): 6x² + 40y² - 12x - 30y + 3, from (-0.5, 2.3); minimum -4.625 at (1, 3/8).</summary>
    public static TestFunction BookNarrowBowl { get; } = new()
    {
        Name = "book narrow bowl",
        Function = x => 6.0 * Sq(V(x, 0)) + 40.0 * Sq(V(x, 1)) - 12.0 * V(x, 0) - 30.0 * V(x, 1) + 3.0,
        Start = [-0.5, 2.3],
        Minima = [new([1, 0.375], 3 - 6 - 5.625, true)],
        Window = (-1, 3, -1, 3),
    };

    /// <summary>
    /// Kneusel's two-Gaussian surface (chapter 11, gd_multiple.py): -2 exp(-½((x+1)² + (y-1)²)) - exp(-½((x-1)² + (y+1)²)),
    /// from (0.7, -0.2), which lies in the basin of the shallower minimum near (0.89, -0.89); the global one is near (-0.98, 0.98).
    /// </summary>
    public static TestFunction BookTwoGaussians { get; } = new()
    {
        Name = "book two Gaussians",
        Function = x => -2.0 * (-0.5 * (Sq(V(x, 0) + 1.0) + Sq(V(x, 1) - 1.0))).Exp() - (-0.5 * (Sq(V(x, 0) - 1.0) + Sq(V(x, 1) + 1.0))).Exp(),
        Start = [0.7, -0.2],
        Minima = [new([-0.9803836355776621, 0.9803836355776621], -2.0190335939268037, true), new([0.8939741041006755, -0.8939741041006755], -1.0441763239640926, false)],
        Window = (-2, 2, -2, 2),
    };

    /// <summary>Every function above (Rosenbrock in two variables).</summary>
    public static IReadOnlyList<TestFunction> All { get; } =
    [
        Rosenbrock, Beale, Himmelblau, Booth, Rastrigin, Ackley, GoldsteinPrice, StyblinskiTang, PowellSingular, Wood, McCormick,
        BookBowl, BookNarrowBowl, BookTwoGaussians,
    ];
}
