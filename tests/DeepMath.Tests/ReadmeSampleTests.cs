using System.Text.RegularExpressions;
using DeepMath.Tests.Support;
using Xunit;

using DeepMath.Tensors;

namespace DeepMath.Tests;

/// <summary>
/// The README's C# sample is compiled here (between the markers) and run; a test checks that the
/// README shows exactly this code, so the sample can never rot.
/// </summary>
[Collection(SerialCollection.Name)]
public class ReadmeSampleTests
{
    private static void Sample()
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

    [Fact]
    public void Readme_shows_the_compiled_sample()
    {
        var readme = File.ReadAllText(FindRepoFile("README.md"));
        var block = Regex.Match(readme, "```csharp\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var source = File.ReadAllText(FindRepoFile("tests/DeepMath.Tests/ReadmeSampleTests.cs"));
        var sample = Regex.Match(source, "// README-SAMPLE-BEGIN\n(.*?)\\s*// README-SAMPLE-END", RegexOptions.Singleline).Groups[1].Value;
        var expected = string.Join("\n", sample.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        var shown = string.Join("\n", block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("using ", StringComparison.Ordinal)));
        Assert.Equal(expected, shown);
    }

    [Fact]
    public void Sample_prints_what_the_readme_says()
    {
        var original = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            Sample();
        }
        finally
        {
            Console.SetOut(original);
        }
        Assert.Equal("[[1. 2. 3.]\n [7. 8. 9.]]\n[ 6. 24.]\n[3. 4. 5.]\n[1. 1.]\n", output.ToString().Replace("\r", ""));
    }

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
