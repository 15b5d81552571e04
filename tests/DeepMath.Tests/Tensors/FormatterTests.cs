using System.Globalization;
using System.Text.Json;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Tensors;

public class FormatterTests
{
    public static TheoryData<int> CaseIndices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Cases().GetArrayLength(); i++) data.Add(i);
        return data;
    }

    private static JsonElement Cases()
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "npy", "printing.json")));
        return json.RootElement.GetProperty("cases");
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Prints_exactly_like_numpy_str(int index)
    {
        var c = Cases()[index];
        var shape = c.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var values = c.GetProperty("values").EnumerateArray().ToArray();
        string text = c.GetProperty("dtype").GetString() switch
        {
            "float64" => Tensor.Wrap(values.Select(v => ParseDouble(v.GetString()!)).ToArray(), shape).ToString(),
            "float32" => Tensor.Wrap(values.Select(v => (float)ParseDouble(v.GetString()!)).ToArray(), shape).ToString(),
            "int64" => Tensor.Wrap(values.Select(v => v.GetInt64()).ToArray(), shape).ToString(),
            "int32" => Tensor.Wrap(values.Select(v => v.GetInt32()).ToArray(), shape).ToString(),
            "bool" => Tensor.Wrap(values.Select(v => v.GetBoolean()).ToArray(), shape).ToString(),
            var d => throw new InvalidOperationException(d),
        };
        Assert.Equal(c.GetProperty("expected").GetString(), text);
    }

    private static double ParseDouble(string text) => text switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    [Fact]
    public void Precision_is_configurable()
    {
        var x = Tensor.FromArray([Math.PI, Math.E]);
        Assert.Equal("[3.142 2.718]", x.ToString(new TensorPrintOptions { Precision = 3 }));
        Assert.Equal("[0. 1.]", Tensor.FromArray([1e-9, 1.0]).ToString(new TensorPrintOptions { SuppressSmall = true }));
    }
}
