using System.Buffers.Binary;
using DeepMath.Data;
using DeepMath.Data.SafeTensors;
using DeepMath.Neural;
using DeepMath.Neural.Training;
using DeepMath.Tensors;
using DeepMath.Tests.Data;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Neural.Training;

public class CheckpointTests
{
    /// <summary>A real checkpoint: one epoch of momentum SGD on Digits.</summary>
    private static byte[] RealCheckpoint()
    {
        using var folder = new TempFolder();
        var path = folder.File("model.safetensors");
        TrainerTests.TrainDigits(seed: 2, epochs: 1, checkpoint: path);
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void A_written_checkpoint_holds_weights_optimizer_state_and_history()
    {
        var checkpoint = Checkpoint.Load(new MemoryStream(RealCheckpoint()), "model.safetensors");
        Assert.Equal(1, checkpoint.Epoch);
        Assert.Equal(23, checkpoint.Steps); // 1,438 digits training samples in batches of 64
        Assert.Equal(["0.bias", "0.weight", "3.bias", "3.weight"], checkpoint.Section<float>("model/").Keys.Order(StringComparer.Ordinal));
        Assert.Equal([64, 32], checkpoint.Section<float>("model/")["0.weight"].Shape.ToArray());
        Assert.Equal(4, checkpoint.Section<float>("optimizer/").Count); // one momentum buffer per parameter
        Assert.Equal("momentum", checkpoint.Metadata["optimizer"]);
        Assert.Equal("float32", checkpoint.Metadata["dtype"]);
        var history = Assert.Single(checkpoint.History());
        Assert.Equal(23, history.Steps);
        Assert.InRange(history.TestAccuracy, 0.5, 1);
    }

    [Fact]
    public void A_safetensors_file_that_is_not_a_checkpoint_is_named_and_refused()
    {
        using var folder = new TempFolder();
        var path = folder.File("weights.safetensors");
        SafeTensorsFile.Write(path, new Dictionary<string, ITensor> { ["w"] = Tensor.Ones<float>(2) }, new Dictionary<string, string> { ["format"] = "pt" });
        var e = Assert.Throws<FileFormatException>(() => Checkpoint.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not a DeepMath checkpoint", e.Message);
    }

    [Theory]
    [InlineData("epoch", "two", "'epoch'")]
    [InlineData("steps", "-5", "'steps'")]
    [InlineData("loader.position", "", "'loader.position'")]
    [InlineData("history", "[{\"epoch\": 1}]", "'history'")]
    [InlineData("history", "not json", "'history'")]
    public void Damaged_metadata_is_reported_with_the_key(string key, string value, string expected)
    {
        var original = Checkpoint.Load(new MemoryStream(RealCheckpoint()), "c");
        var metadata = original.Metadata.ToDictionary();
        metadata[key] = value;
        var stream = new MemoryStream();
        SafeTensorsFile.Write(stream, original.Tensors, metadata);
        stream.Position = 0;
        var e = Assert.Throws<FileFormatException>(() => Checkpoint.Load(stream, "damaged.safetensors"));
        Assert.StartsWith("damaged.safetensors: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Weights_of_the_wrong_shape_name_the_parameter_and_both_shapes()
    {
        var model = ModelSpec.Parse("64-16-10:relu,dropout=0.5").Build<float>(new RandomGenerator(0));
        var checkpoint = Checkpoint.Load(new MemoryStream(RealCheckpoint()), "c");
        var e = Assert.Throws<ArgumentException>(() => model.LoadStateDictionary(checkpoint.Section<float>("model/")));
        Assert.Contains("0.weight", e.Message);
        Assert.Contains("(64, 32)", e.Message);
        Assert.Contains("(64, 16)", e.Message);
    }

    [Fact]
    public void Mutated_checkpoints_load_or_give_a_format_error()
    {
        var source = RealCheckpoint();
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(source);
        var rng = new RandomGenerator(91);
        int errors = 0, loaded = 0;
        for (int i = 0; i < 1500; i++)
        {
            var bytes = Mutations.Mutate(source, rng, headerEnd, "{}[]\",:0123456789-.eE _tfnu\\;=");
            try
            {
                var checkpoint = Checkpoint.Load(new MemoryStream(bytes), "fuzz.safetensors");
                Assert.True(checkpoint.Epoch >= 0 && checkpoint.Steps >= 0);
                loaded++;
            }
            catch (FileFormatException e)
            {
                Assert.StartsWith("fuzz.safetensors: ", e.Message);
                errors++;
            }
        }
        Assert.True(errors > 500 && loaded > 50, $"{errors} format errors, {loaded} loaded");
    }
}
