using DeepMath.Autodiff;
using DeepMath.Neural;
using DeepMath.Neural.Layers;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Neural;

/// <summary>Sequential composition, parameter names and state dictionaries.</summary>
public class ModuleTests
{
    private static Sequential<double> Net(ulong seed)
    {
        var g = new RandomGenerator(seed);
        return new Sequential<double>(
            new Linear<double>(3, 4, g), new Relu<double>(),
            new Sequential<double>(new Linear<double>(4, 4, g, bias: false), new Dropout<double>(0.5, g.Fork())),
            new Linear<double>(4, 2, g));
    }

    [Fact]
    public void Sequential_applies_modules_in_order()
    {
        var g = new RandomGenerator(1);
        var first = new Linear<double>(3, 4, g);
        var second = new Linear<double>(4, 2, g);
        var x = Tensor.Uniform<double>([5, 3], -1, 1, 2);
        var expected = second.Forward(first.Forward(x).Tanh()).ToArray();
        Assert.Equal(expected, new Sequential<double>(first, new Tanh<double>(), second).Forward(x).ToArray());
        Assert.Equal(x.ToArray(), new Sequential<double>().Forward(x).ToArray());
    }

    [Fact]
    public void Parameter_names_are_paths()
    {
        var net = Net(1);
        Assert.Equal(["0.weight", "0.bias", "2.0.weight", "3.weight", "3.bias"], net.NamedParameters().Select(p => p.Name));
        Assert.Equal(["", "0", "1", "2", "2.0", "2.1", "3"], net.NamedModules().Select(m => m.Name));
        // 3*4 + 4 + 4*4 + 4*2 + 2
        Assert.Equal(42, net.ParameterCount);
        Assert.Equal(5, net.Parameters().Count);
        Assert.Contains("parameters: 42", net.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Train_and_eval_reach_nested_children()
    {
        var net = Net(1);
        net.Eval();
        Assert.All(net.NamedModules(), m => Assert.False(m.Module.IsTraining));
        net.Train();
        Assert.All(net.NamedModules(), m => Assert.True(m.Module.IsTraining));
    }

    [Fact]
    public void ZeroGrad_clears_all_parameters()
    {
        var net = Net(1);
        net.Forward(Tensor.Ones<double>(2, 3)).Sum().Backward();
        Assert.All(net.Parameters(), p => Assert.NotNull(p.Grad));
        net.ZeroGrad();
        Assert.All(net.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void State_dictionary_round_trip_reproduces_outputs()
    {
        var source = Net(1).Eval();
        var target = Net(2).Eval();
        var x = Tensor.Uniform<double>([4, 3], -1, 1, 3);
        Assert.NotEqual(source.Forward(x).ToArray(), target.Forward(x).ToArray());
        var saved = source.StateDictionary().ToDictionary(kv => kv.Key, kv => kv.Value.Detach().Clone());
        target.LoadStateDictionary(saved);
        Assert.Equal(source.Forward(x).ToArray(), target.Forward(x).ToArray());
        // Loading copies: changing the saved tensors afterwards does not reach the model.
        saved["0.bias"].Fill(100);
        Assert.Equal(source.Forward(x).ToArray(), target.Forward(x).ToArray());
        Assert.All(target.Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [Fact]
    public void Missing_and_unexpected_keys_are_named()
    {
        var net = Net(1);
        var state = net.StateDictionary().ToDictionary(kv => kv.Key, kv => kv.Value.Detach().Clone());
        state.Remove("2.0.weight");
        state["4.weight"] = Tensor.Zeros<double>(1);
        var e = Assert.Throws<ArgumentException>(() => net.LoadStateDictionary(state));
        Assert.Contains("2.0.weight", e.Message);
        Assert.Contains("4.weight", e.Message);
    }

    [Fact]
    public void Wrong_shapes_are_named_and_nothing_is_loaded()
    {
        var net = Net(1);
        var before = net.Parameters().Select(p => p.ToArray()).ToArray();
        var state = net.StateDictionary().ToDictionary(kv => kv.Key, kv => Tensor.ZerosLike(kv.Value.Detach()));
        state["3.weight"] = Tensor.Zeros<double>(2, 4);
        var e = Assert.Throws<ArgumentException>(() => net.LoadStateDictionary(state));
        Assert.Contains("'3.weight'", e.Message);
        Assert.Contains("(2, 4)", e.Message);
        Assert.Contains("(4, 2)", e.Message);
        Assert.Equal(before, net.Parameters().Select(p => p.ToArray()).ToArray());
    }
}
