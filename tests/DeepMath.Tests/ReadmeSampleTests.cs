using System.Text.RegularExpressions;
using DeepMath.Tests.Support;
using Xunit;

using DeepMath.Autodiff;
using DeepMath.Calculus;
using DeepMath.Data.Datasets;
using DeepMath.Neural;
using DeepMath.Neural.Training;
using DeepMath.Optimization;
using DeepMath.Optimization.LeastSquares;
using DeepMath.Optimization.Minimizers;
using DeepMath.Tensors;

namespace DeepMath.Tests;

/// <summary>
/// The README's C# samples are compiled here (between the markers) and run; a test checks that the
/// README's csharp blocks show exactly this code, in order, so the samples can never rot.
/// </summary>
[Collection(SerialCollection.Name)]
public class ReadmeSampleTests
{
    private static void TensorSample()
    {
        // README-SAMPLE-BEGIN
        var x = Tensor.Arange(6.0).Reshape(2, 3);           // [[0 1 2] [3 4 5]]
        var y = x * 2 + Tensor.FromArray([1.0, 0, -1]);     // broadcasting over rows
        Console.WriteLine(y);                               // [[1. 2. 3.]  [7. 8. 9.]]
        Console.WriteLine(y.Sum(1));                        // [ 6. 24.]
        Console.WriteLine(x.Transpose()[.., 1]);            // a view, no copy: [3. 4. 5.]
        var noise = Tensor.Normal<double>([2, 3], 0, 1, seed: 42);
        Console.WriteLine(noise.Softmax(1).Sum(1));         // [1. 1.]
        // README-SAMPLE-END
    }

    private static void CalculusSample()
    {
        // README-SAMPLE-BEGIN
        var w = Tensor.FromArray([1.0, -2.0]).RequireGrad();
        var f = (w * w).Sum() + w.Exp().Sum();
        f.Backward();
        Console.WriteLine(w.Grad);                          // 2w + e^w: [ 4.71828183 -3.86466472]
        var h = Derivatives.Hessian(v => (v * v * v).Sum(), Tensor.FromArray([1.0, 2.0]));
        Console.WriteLine(h);                               // [[ 6.  0.]  [ 0. 12.]]
        var area = Integrate.GaussKronrod(t => Math.Exp(-t * t), 0, double.PositiveInfinity);
        Console.WriteLine(area.Value);                      // sqrt(pi) / 2 = 0.886226925452758
        // README-SAMPLE-END
    }

    private static void TrainingSample()
    {
        // README-SAMPLE-BEGIN
        var data = BuiltInDatasets.Load<float>("iris", seed: 1);
        var model = ModelSpec.Parse("4-16-3:relu").Build<float>(new RandomGenerator(1));
        var optimizer = new AdamW<float>(model.Parameters(), learningRate: 0.01);
        var trainer = new Trainer<float>(model, optimizer, new CrossEntropyLoss<float>(), new TrainerSettings { Epochs = 100, BatchSize = 16, Seed = 1 });
        trainer.Fit(data.Train, data.Test);
        var result = trainer.Evaluate(data.Test);
        Console.WriteLine($"{result.Details.Accuracy:F3}"); // 0.967 (29 of 30 held-out flowers)
        // README-SAMPLE-END
    }

    private static void OptimizationSample()
    {
        // README-SAMPLE-BEGIN
        var rosenbrock = Minimize.Function(x => (100.0 * (x[1..] - x[..^1].Square()).Square() + (1.0 - x[..^1]).Square()).Sum(),
            Tensor.FromArray([-1.2, 1.0]), MinimizeMethod.Bfgs);
        Console.WriteLine($"{rosenbrock.Solution} after {rosenbrock.Iterations} iterations"); // [0.99999997 0.99999995] after 32 iterations
        var t = Tensor.FromArray([0.0, 1, 2, 3, 4]);
        var y = Tensor.FromArray([5.0, 3.1, 1.8, 1.1, 0.7]);
        var fit = CurveFit.Fit((p, x) => p[..1] * (-p[1..] * x).Exp(), t, y, start: [1.0, 1.0]);
        Console.WriteLine($"{fit.Parameters} ± {fit.StandardErrors}");  // [5.01667402 0.500042  ] ± [0.04376169 0.00851247]
        // README-SAMPLE-END
    }

    private static readonly (Action Run, string Output)[] Samples =
    [
        (TensorSample, "[[1. 2. 3.]\n [7. 8. 9.]]\n[ 6. 24.]\n[3. 4. 5.]\n[1. 1.]\n"),
        (CalculusSample, "[ 4.71828183 -3.86466472]\n[[ 6.  0.]\n [ 0. 12.]]\n0.886226925452758\n"),
        (TrainingSample, "0.967\n"),
        (OptimizationSample, "[0.99999997 0.99999995] after 32 iterations\n[5.01667402 0.500042  ] ± [0.04376169 0.00851247]\n"),
    ];

    [Fact]
    public void Readme_shows_the_compiled_samples()
    {
        var readme = File.ReadAllText(FindRepoFile("README.md"));
        var blocks = Regex.Matches(readme, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => Normalize(m.Groups[1].Value)).ToList();
        var source = File.ReadAllText(FindRepoFile("tests/DeepMath.Tests/ReadmeSampleTests.cs"));
        var samples = Regex.Matches(source, "// README-SAMPLE-BEGIN\n(.*?)\\s*// README-SAMPLE-END", RegexOptions.Singleline).Select(m => Normalize(m.Groups[1].Value)).ToList();
        Assert.Equal(Samples.Length, samples.Count);
        Assert.Equal(samples, blocks);
    }

    [Fact]
    public void Samples_print_what_the_readme_says()
    {
        var original = Console.Out;
        try
        {
            foreach (var (run, expected) in Samples)
            {
                var output = new StringWriter { NewLine = "\n" };
                Console.SetOut(output);
                run();
                Assert.Equal(expected, output.ToString());
            }
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    /// <summary>Trimmed non-empty lines without using directives (the README shows them; the test file has them at the top).</summary>
    private static string Normalize(string code)
        => string.Join("\n", code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("using ", StringComparison.Ordinal)));

    internal static string FindRepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "DeepMath.slnx"))) return candidate;
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>Every `deepmath` command the README shows parses without errors, with a valid model spec.</summary>
public class ReadmeCommandTests
{
    [Fact]
    public void Readme_commands_parse()
    {
        var readme = File.ReadAllText(ReadmeSampleTests.FindRepoFile("README.md"));
        var commands = Regex.Matches(readme, "```sh\n(.*?)```", RegexOptions.Singleline)
            .SelectMany(m => m.Groups[1].Value.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.StartsWith("deepmath ", StringComparison.Ordinal))
            .ToList();
        Assert.True(commands.Count >= 10, $"only {commands.Count} commands found");
        foreach (var command in commands)
        {
            var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
            var parsed = DeepMath.Cli.CommandTree.Create().Parse(args);
            Assert.True(parsed.Errors.Count == 0, $"{command}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
            int model = Array.IndexOf(args, "--model");
            if (model >= 0) ModelSpec.Parse(args[model + 1]);
        }
    }
}
