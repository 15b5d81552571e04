using DeepMath.Neural;
using DeepMath.Neural.Layers;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Neural;

public class ModelSpecTests
{
    [Fact]
    public void Compact_form_puts_the_activation_between_dense_layers()
    {
        var spec = ModelSpec.Parse("784-128-10:relu");
        Assert.Equal(
            [new LayerSpec("linear", 784, 128), new LayerSpec("relu"), new LayerSpec("linear", 128, 10)],
            spec.Layers);
        Assert.Equal(784, spec.Inputs);
        Assert.Equal(10, spec.Outputs);
        Assert.Equal("linear(784, 128) -> relu -> linear(128, 10)", spec.ToString());
        // Default activation is relu.
        Assert.Equal(spec.Layers, ModelSpec.Parse("784-128-10").Layers);
    }

    [Fact]
    public void Compact_options()
    {
        var spec = ModelSpec.Parse(" 196-100-50-10 : Sigmoid , output=log-softmax, dropout=0.2, init=he_normal, bias=false ");
        Assert.Equal(
        [
            new LayerSpec("linear", 196, 100, Init: WeightInit.HeNormal, Bias: false), new LayerSpec("sigmoid"), new LayerSpec("dropout", Value: 0.2),
            new LayerSpec("linear", 100, 50, Init: WeightInit.HeNormal, Bias: false), new LayerSpec("sigmoid"), new LayerSpec("dropout", Value: 0.2),
            new LayerSpec("linear", 50, 10, Init: WeightInit.HeNormal, Bias: false), new LayerSpec("log_softmax"),
        ], spec.Layers);
        Assert.Equal([new LayerSpec("linear", 4, 2), new LayerSpec("leaky_relu", Value: 0.01)], ModelSpec.Parse("4-2:leaky_relu,output=leakyrelu").Layers);
    }

    [Fact]
    public void Json_array_and_object_forms()
    {
        const string json = """
            [{"type": "linear", "in": 784, "out": 128, "init": "he"}, {"type": "relu"}, {"type": "dropout", "p": 0.2},
             {"type": "Dense", "in": 128, "out": 10, "bias": false}, {"type": "leaky_relu", "slope": 0.3}, {"type": "LogSoftmax"}]
            """;
        LayerSpec[] expected =
        [
            new("linear", 784, 128, Init: WeightInit.HeUniform), new("relu"), new("dropout", Value: 0.2),
            new("linear", 128, 10, Bias: false), new("leaky_relu", Value: 0.3), new("log_softmax"),
        ];
        Assert.Equal(expected, ModelSpec.Parse(json).Layers);
        Assert.Equal(expected, ModelSpec.Parse($$"""{"layers": {{json}}}""").Layers);
        Assert.Equal([new LayerSpec("flatten"), new LayerSpec("linear", 4, 2), new LayerSpec("leaky_relu", Value: 0.01)],
            ModelSpec.Parse("""[{"type":"flatten"},{"type":"linear","in":4,"out":2},{"type":"leaky-relu"}]""").Layers);
    }

    [Theory]
    [InlineData("784-128-10:relu")]
    [InlineData("196-100-50-10:sigmoid,output=sigmoid,dropout=0.25,init=glorot_normal,bias=false")]
    [InlineData("8-8-8-2:leaky_relu,init=glorot,output=softmax")]
    [InlineData("196-100-50-10:sigmoid,output=sigmoid,init=uniform:0.5")]
    [InlineData("""[{"type":"linear","in":6,"out":3,"init":"normal:0.01"},{"type":"tanh"}]""")]
    [InlineData("""[{"type":"flatten"},{"type":"linear","in":6,"out":3,"init":"kaiming_normal"},{"type":"gelu"},{"type":"leaky_relu","slope":0.125},{"type":"dropout","p":0.5},{"type":"linear","in":3,"out":1,"bias":false},{"type":"tanh"}]""")]
    public void Json_round_trip(string text)
    {
        var spec = ModelSpec.Parse(text);
        var again = ModelSpec.Parse(spec.ToJson());
        Assert.Equal(spec.Layers, again.Layers);
        Assert.Equal(spec.ToJson(), again.ToJson());
    }

    [Fact]
    public void Canonical_json_text()
    {
        Assert.Equal("""[{"type":"linear","in":4,"out":3,"init":"he","bias":false},{"type":"relu"},{"type":"dropout","p":0.5},{"type":"linear","in":3,"out":2,"init":"he","bias":false}]""",
            ModelSpec.Parse("4-3-2,init=he,dropout=0.5,bias=false").ToJson());
        Assert.Equal("""[{"type":"linear","in":4,"out":2,"init":"default"}]""", ModelSpec.Parse("4-2").ToJson());
    }

    [Fact]
    public void Built_model_has_the_layers_in_order_and_the_expected_parameter_count()
    {
        var model = ModelSpec.Parse("784-128-64-10:tanh,dropout=0.1,init=glorot,output=softmax").Build<float>(new RandomGenerator(1));
        Assert.Equal(
            [typeof(Linear<float>), typeof(Tanh<float>), typeof(Dropout<float>), typeof(Linear<float>), typeof(Tanh<float>), typeof(Dropout<float>), typeof(Linear<float>), typeof(Softmax<float>)],
            model.Modules.Select(m => m.GetType()));
        // 784*128 + 128 + 128*64 + 64 + 64*10 + 10
        Assert.Equal(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10, model.ParameterCount);
        Assert.Equal(109386, model.ParameterCount);
        var first = (Linear<float>)model.Modules[0];
        Assert.Equal(WeightInit.GlorotUniform, first.Init);
        Assert.Equal(0.1, ((Dropout<float>)model.Modules[2]).Probability);
        Assert.Equal([3, 10], model.Eval().Forward(Tensor.Zeros<float>(3, 784)).Shape.ToArray());
    }

    [Fact]
    public void Scaled_uniform_init_draws_weights_and_biases_within_the_scale()
    {
        var model = ModelSpec.Parse("196-100-10:sigmoid,init=uniform:0.5").Build<double>(new RandomGenerator(2));
        var first = (Linear<double>)model.Modules[0];
        Assert.Equal(WeightInit.Uniform, first.Init);
        Assert.Equal(0.5, first.InitScale);
        var weights = first.Weight.ToArray();
        var biases = first.Bias!.ToArray();
        Assert.All(weights.Concat(biases), x => Assert.InRange(x, -0.5, 0.5));
        // Much wider than PyTorch's default bound 1/sqrt(196) = 0.071, for weights and biases alike.
        Assert.True(weights.Max() > 0.49 && weights.Min() < -0.49);
        Assert.True(biases.Max(Math.Abs) > 0.2);
        Assert.Equal(0.25 / 3, weights.Select(x => x * x).Average(), 0.003);
    }

    [Fact]
    public void Building_is_seeded()
    {
        var spec = ModelSpec.Parse("5-4-3");
        var a = spec.Build<double>(new RandomGenerator(9)).Parameters().SelectMany(p => p.ToArray()).ToArray();
        var b = spec.Build<double>(new RandomGenerator(9)).Parameters().SelectMany(p => p.ToArray()).ToArray();
        var c = spec.Build<double>(new RandomGenerator(10)).Parameters().SelectMany(p => p.ToArray()).ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        var leaky = ModelSpec.Parse("""[{"type":"linear","in":2,"out":2},{"type":"leaky_relu","slope":0.3}]""").Build<double>(new RandomGenerator(1));
        Assert.Equal(0.3, ((LeakyRelu<double>)leaky.Modules[1]).Slope);
    }
}
