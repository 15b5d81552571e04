using DeepMath.Neural;
using Xunit;

namespace DeepMath.Tests.Neural;

/// <summary>Malformed specifications raise FormatException naming the problem.</summary>
public class ModelSpecErrorTests
{
    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("784", "at least an input and an output")]
    [InlineData("784-abc-10", "'abc'")]
    [InlineData("784-0-10", "'0'")]
    [InlineData("784--10", "''")]
    [InlineData("784-10:swish", "'swish'")]
    [InlineData("784-10:relu:extra", "expected sizes")]
    [InlineData("784-10,depth=3", "'depth'")]
    [InlineData("784-10,dropout", "'dropout' is not name=value")]
    [InlineData("784-10,dropout=lots", "'lots'")]
    [InlineData("784-10-2,dropout=1.5", "1.5")]
    [InlineData("784-10,init=orthogonal", "'orthogonal'")]
    [InlineData("784-10,init=uniform", "needs a positive scale")]
    [InlineData("784-10,init=normal:-1", "needs a positive scale")]
    [InlineData("784-10,init=uniform:wide", "needs a positive scale")]
    [InlineData("784-10,init=he:2", "takes no scale")]
    [InlineData("784-10,output=swish", "'swish'")]
    [InlineData("784-10,bias=maybe", "bias must be true or false")]
    public void Compact_errors(string text, string mentions)
    {
        var e = Assert.Throws<FormatException>(() => ModelSpec.Parse(text));
        Assert.Contains(mentions, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"type\": \"linear\"", "malformed")]
    [InlineData("{\"model\": []}", "\"layers\"")]
    [InlineData("{\"layers\": 3}", "array")]
    [InlineData("[]", "at least one linear layer")]
    [InlineData("[{\"type\": \"relu\"}]", "at least one linear layer")]
    [InlineData("[1]", "Layer 0 needs a \"type\"")]
    [InlineData("[{\"type\": \"linear\", \"in\": 4, \"out\": 2}, {\"kind\": \"relu\"}]", "Layer 1 needs a \"type\"")]
    [InlineData("[{\"type\": \"linear\", \"out\": 2}]", "\"in\"")]
    [InlineData("[{\"type\": \"linear\", \"in\": 4.5, \"out\": 2}]", "\"in\"")]
    [InlineData("[{\"type\": \"linear\", \"in\": 4, \"out\": -2}]", "non-positive")]
    [InlineData("[{\"type\": \"linear\", \"in\": 4, \"out\": 3}, {\"type\": \"linear\", \"in\": 2, \"out\": 1}]", "takes 2 inputs but the previous one gives 3")]
    [InlineData("[{\"type\": \"conv2d\"}]", "'conv2d'")]
    [InlineData("[{\"type\": \"linear\", \"in\": 4, \"out\": 2, \"init\": \"lecun\"}]", "'lecun'")]
    [InlineData("[{\"type\": \"linear\", \"in\": 4, \"out\": 2}, {\"type\": \"dropout\"}]", "\"p\"")]
    [InlineData("[{\"type\": \"linear\", \"in\": 4, \"out\": 2}, {\"type\": \"dropout\", \"p\": 1}]", "outside [0, 1)")]
    public void Json_errors(string text, string mentions)
    {
        var e = Assert.Throws<FormatException>(() => ModelSpec.Parse(text));
        Assert.Contains(mentions, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{\"type\": \"linear\", \"in\": \"784\", \"out\": 10}]", "\"in\"")]
    [InlineData("[{\"type\": \"linear\", \"in\": 4, \"out\": 2, \"init\": 3}]", "init")]
    [InlineData("[{\"type\": \"linear\", \"in\": 4, \"out\": 2}, {\"type\": \"dropout\", \"p\": \"0.2\"}]", "\"p\"")]
    public void Json_values_of_the_wrong_kind_are_format_errors(string text, string mentions)
    {
        // A string where a number belongs (or the reverse) is malformed input like any other, not an InvalidOperationException.
        var e = Assert.Throws<FormatException>(() => ModelSpec.Parse(text));
        Assert.Contains(mentions, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_compact_dropout_is_rejected_not_ignored()
    {
        // JSON "p": -0.2 is rejected as outside [0, 1); the compact form should not silently drop the option.
        Assert.Throws<FormatException>(() => ModelSpec.Parse("""[{"type":"linear","in":4,"out":2},{"type":"dropout","p":-0.2}]"""));
        Assert.Throws<FormatException>(() => ModelSpec.Parse("784-128-10,dropout=-0.2"));
    }

    [Fact]
    public void Null_text_throws()
        => Assert.Throws<ArgumentNullException>(() => ModelSpec.Parse(null!));
}
