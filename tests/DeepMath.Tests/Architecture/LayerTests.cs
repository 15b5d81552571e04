using DeepMath.Tensors;
using NetArchTest.Rules;
using Xunit;

namespace DeepMath.Tests.Architecture;

/// <summary>
/// The library's folders are layers (docs/ARCHITECTURE.md): a folder may use those below it, never
/// one above. Checked on the compiled assembly, so every type reference counts (signatures, bodies,
/// attributes), not just using directives.
/// </summary>
public class LayerTests
{
    /// <summary>Bottom to top, as the table in docs/ARCHITECTURE.md lists them.</summary>
    public static readonly string[] Layers =
        ["Kernels", "Tensors", "Data", "Autodiff", "LinearAlgebra", "Calculus", "Optimization", "Probability", "Neural", "Plotting"];

    public static TheoryData<string> LayerNames => [.. Layers];

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void A_layer_uses_no_layer_above_it(string layer)
    {
        int index = Array.IndexOf(Layers, layer);
        var above = Layers[(index + 1)..].Select(name => $"DeepMath.{name}").ToArray();
        if (above.Length == 0) return;
        var result = Types.InAssembly(typeof(Tensor).Assembly)
            .That().ResideInNamespace($"DeepMath.{layer}")
            .ShouldNot().HaveDependencyOnAny(above)
            .GetResult();
        Assert.True(result.IsSuccessful,
            $"{layer} uses a layer above it: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_check_sees_real_dependencies()
    {
        // Solve's backward rule is a CustomFunction: LinearAlgebra really uses Autodiff, so the rule above can fail.
        var users = Types.InAssembly(typeof(Tensor).Assembly)
            .That().ResideInNamespace("DeepMath.LinearAlgebra").And().HaveDependencyOn("DeepMath.Autodiff")
            .GetTypes();
        Assert.NotEmpty(users);
    }

    [Fact]
    public void Every_namespace_of_the_library_is_a_listed_layer()
    {
        var namespaces = typeof(Tensor).Assembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && n.StartsWith("DeepMath.", StringComparison.Ordinal))
            .Select(n => n!.Split('.')[1])
            .Distinct()
            .ToArray();
        Assert.All(namespaces, n => Assert.Contains(n, Layers));
    }

    [Fact]
    public void The_document_lists_the_layers_in_the_same_order()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "ARCHITECTURE.md"));
        var positions = Layers.Select(l => doc.IndexOf($"| `{l}` |", StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order().ToArray(), positions);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DeepMath.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (DeepMath.slnx) was not found above the test binaries.");
    }
}
