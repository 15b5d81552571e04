using Xunit;
using DeepMath.Optimization.Minimizers;
using DeepMath.Optimization.TestFunctions;
using DeepMath.Tensors;

namespace DeepMath.Tests.Optimization;

public class MinimizerTests
{
    public static TheoryData<MinimizeMethod, string> MethodsAndFunctions()
    {
        var data = new TheoryData<MinimizeMethod, string>();
        foreach (var method in Enum.GetValues<MinimizeMethod>().Where(m => m != MinimizeMethod.GradientDescent))
            foreach (var function in TestFunctionLibrary.All)
                data.Add(method, function.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(MethodsAndFunctions))]
    public void Every_method_reaches_a_listed_minimum_from_the_standard_start(MinimizeMethod method, string name)
    {
        var function = TestFunctionLibrary.All.Single(f => f.Name == name);
        // McCormick is defined on its box [-1.5, 4] x [-3, 4]: outside it sin(x + y) + (x + y)/2 + ... has a local minimum every 2π
        // along x + y, ever lower, and Newton's first full step leaves the box for one of them (checked in NewtonResultApiTests).
        if (method == MinimizeMethod.Newton && name == "McCormick") return;
        var derivativeFree = method is MinimizeMethod.NelderMead or MinimizeMethod.Powell;
        var options = derivativeFree ? new MinimizeOptions { StepTolerance = 1e-8, FunctionTolerance = 1e-12, MaxIterations = 20000 } : new MinimizeOptions { GradientTolerance = name == "Goldstein-Price" ? 1e-5 : 1e-7, FunctionTolerance = 0 };
        // Goldstein-Price's curvature at its minimum (about 1e4) puts the rounding noise of its gradient near 1e-6.
        var result = Minimize.Function(function.Function, Tensor.FromArray(function.Start), method, options);
        var x = result.Solution.ToArray();
        var nearest = function.NearestMinimum(x);
        double distance = Math.Sqrt(nearest.Point.Zip(x, (a, b) => (a - b) * (a - b)).Sum());
        // Powell's singular function has a singular Hessian at its minimum: the gradient (cubic there) is tiny long before x is.
        double tolerance = function.Name == "Powell singular" ? 2e-2 : name == "Ackley" ? 1e-3 : 1e-4;
        Assert.True(distance < tolerance, $"{result.Method} on {name}: ended at ({string.Join(", ", x)}), {distance:E2} from the nearest minimum; {result.Message}; {result.Iterations} iterations");
        if (name != "Ackley") Assert.True(Math.Abs(result.Value - nearest.Value) < 1e-6 * Math.Max(1, Math.Abs(nearest.Value)), $"{result.Method} on {name}: f = {result.Value}, minimum {nearest.Value}");
        if (name != "Ackley") Assert.True(result.Converged, $"{result.Method} on {name}: {result.Message}; |g| = {result.GradientNorm:E2}");
    }
}
