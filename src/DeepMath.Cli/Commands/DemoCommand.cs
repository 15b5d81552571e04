using System.CommandLine;
using DeepMath.Tensors;

namespace DeepMath.Cli.Commands;

/// <summary><c>deepmath demo</c>: a short tour of tensors, printed with their results.</summary>
public static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var seed = new Option<ulong>("--seed") { Description = "Seed for the random tensors.", DefaultValueFactory = _ => 42 };
        var command = new Command("demo", "Print a short tour of tensors: views, broadcasting, reductions, random numbers.") { seed };
        command.SetAction(result =>
        {
            Tour(result.InvocationConfiguration.Output, result.GetValue(seed));
            return 0;
        });
        return command;
    }

    /// <summary>Writes the tour.</summary>
    public static void Tour(TextWriter output, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(output);
        void Show(string title, object value) => output.WriteLine($"{title}\n{value}\n");

        var a = Tensor.Arange(12.0).Reshape(3, 4);
        Show("a = Tensor.Arange(12.0).Reshape(3, 4)", a);
        Show("a.Transpose()  (a view: no copy)", a.Transpose());
        Show("a[1.., TensorIndex.Slice(step: -2)]", a[1.., TensorIndex.Slice(step: -2)]);
        Show("a + Tensor.FromArray([10.0, 20, 30, 40])  (broadcast over rows)", a + Tensor.FromArray([10.0, 20, 30, 40]));
        Show("a.Sum(0), a.Mean(1), a.Std(ddof: 1)", $"{a.Sum(0)}  {a.Mean(1)}  {a.Std(ddof: 1)}");
        Show("a.Softmax(axis: 1)", a.Softmax(1));
        var r = Tensor.Normal<float>([2, 3], 0f, 1f, seed);
        Show($"Tensor.Normal<float>([2, 3], 0, 1, seed: {seed})", r);
        Show("r > 0", r > 0f);
        Show("Tensor.Eye<double>(3)", Tensor.Eye<double>(3));
    }
}
