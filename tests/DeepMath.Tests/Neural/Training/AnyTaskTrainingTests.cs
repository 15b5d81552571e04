using System.Text.Json;
using DeepMath.Autodiff;
using DeepMath.Data.Datasets;
using DeepMath.LinearAlgebra;
using DeepMath.Neural;
using DeepMath.Neural.Layers;
using DeepMath.Neural.Training;
using DeepMath.Optimization;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Neural.Training;

/// <summary>The trainer beyond classification: regression, several outputs, autoencoders, buffers, stochastic modules, JSON metadata.</summary>
public class AnyTaskTrainingTests
{
    /// <summary>y = X w + 0.5 + noise, with w fixed: a linear model must find it.</summary>
    private static TensorDataset<double, double> LinearData(int n, ulong seed, int outputs = 1)
    {
        var x = Tensor.Normal<double>([n, 5], 0, 1, seed);
        var w = Tensor.FromArray([1.5, -2.0, 0.5, 0.0, 3.0, 0.25, 1.0, -1.0, 2.0, 0.5], 5, 2)[.., ..outputs];
        var y = x.MatMul(w) + 0.5 + Tensor.Normal<double>([n, outputs], 0, 0.1, seed + 100);
        return new TensorDataset<double, double>(x, y, "linear");
    }

    [Fact]
    public void Regression_recovers_a_linear_law_and_reports_r2_rmse_and_mae()
    {
        var train = LinearData(400, 1);
        var test = LinearData(100, 2);
        var model = ModelSpec.Parse("5-1").Build<double>(new RandomGenerator(1));
        var trainer = new Trainer<double, double>(model, new Adam<double>(model.Parameters(), 0.05), new MeanSquaredErrorLoss<double>(),
            new TrainerSettings { Epochs = 60, BatchSize = 32, Seed = 3 }, [new RegressionMetric<double>()]);
        var result = trainer.Fit(train, test);
        var final = trainer.Evaluate(test);
        Assert.True(final.Metrics["r2"] > 0.99, $"R² {final.Metrics["r2"]}");
        Assert.Equal(final.Metrics["r2"], result.History[^1].TestMetrics["r2"], 12);
        Assert.True(double.IsNaN(result.History[^1].TestAccuracy));

        // The metric against a naive computation on the model's predictions.
        Tensor<double> predicted;
        using (Autograd.NoGrad()) predicted = model.Forward(test.Inputs);
        var p = predicted.Reshape(-1).ToArray();
        var t = test.Targets.Reshape(-1).ToArray();
        double mean = t.Average(), sse = p.Zip(t, (a, b) => (a - b) * (a - b)).Sum(), sst = t.Sum(v => (v - mean) * (v - mean));
        Assert.Equal(1 - sse / sst, final.Metrics["r2"], 12);
        Assert.Equal(Math.Sqrt(sse / t.Length), final.Metrics["rmse"], 12);
        Assert.Equal(p.Zip(t, (a, b) => Math.Abs(a - b)).Average(), final.Metrics["mae"], 12);
        Assert.Equal(sse / t.Length, final.Loss, 10);
    }

    [Fact]
    public void Several_outputs_and_an_autoencoder_train_with_the_same_trainer()
    {
        var train = LinearData(300, 5, outputs: 2);
        var model = ModelSpec.Parse("5-16-2:tanh").Build<float>(new RandomGenerator(2));
        var data = new TensorDataset<float, float>(train.Inputs.Cast<float>(), train.Targets.Cast<float>(), "two outputs");
        var trainer = new Trainer<float, float>(model, new Adam<float>(model.Parameters(), 0.01), new HuberLoss<float>(),
            new TrainerSettings { Epochs = 40, BatchSize = 30, Seed = 1 }, [new RegressionMetric<float>()]);
        var history = trainer.Fit(data, data).History;
        Assert.True(history[^1].TestMetrics["r2"] > 0.9, $"R² {history[^1].TestMetrics["r2"]}");

        // Autoencoder: the targets are the inputs, squeezed through 3 units.
        var inputs = Tensor.Normal<float>([256, 3], 0, 1, 9).MatMul(Tensor.Normal<float>([3, 6], 0, 1, 10));
        var codec = ModelSpec.Parse("""[{"type": "linear", "in": 6, "out": 3}, {"type": "linear", "in": 3, "out": 6}]""").Build<float>(new RandomGenerator(3));
        var autoencoder = new Trainer<float, float>(codec, new Adam<float>(codec.Parameters(), 0.02), new MeanSquaredErrorLoss<float>(),
            new TrainerSettings { Epochs = 100, BatchSize = 32, Seed = 2 }, [new RegressionMetric<float>()]);
        var own = new TensorDataset<float, float>(inputs, inputs, "autoencoder");
        var fit = autoencoder.Fit(own, own).History;
        Assert.True(fit[^1].TestMetrics["r2"] > 0.95, $"reconstruction R² {fit[^1].TestMetrics["r2"]}");
    }

    [Fact]
    public void Regression_metric_keeps_its_digits_far_from_zero_and_merges_batches()
    {
        var metric = new RegressionMetric<double>(targetScale: 2);
        var outputs = Tensor.Normal<double>([50, 1], 1e8, 1, 1);
        var targets = Tensor.Normal<double>([50, 1], 1e8, 1, 2);
        metric.Update(outputs[..17], targets[..17]);
        metric.Update(outputs[17..], targets[17..]);
        var o = outputs.ToArray();
        var t = targets.ToArray();
        double mean = t.Average(), sst = t.Sum(v => (v - mean) * (v - mean)), sse = o.Zip(t, (a, b) => (a - b) * (a - b)).Sum();
        var v = metric.Values();
        // The data's own condition limits agreement to about eps x 1e8 / spread; sums of squares about zero would lose everything.
        Assert.Equal(1 - sse / sst, v["r2"], 6);
        Assert.Equal(2 * Math.Sqrt(sse / 50), v["rmse"], 6);
        metric.Reset();
        Assert.True(double.IsNaN(metric.Values()["r2"]));
        Assert.Throws<ArgumentException>(() => metric.Update(outputs, targets.Reshape(-1)));
    }

    [Fact]
    public void The_diabetes_set_loads_and_an_mlp_does_no_worse_than_least_squares()
    {
        var data = BuiltInDatasets.LoadRegression<double>("diabetes", seed: 0);
        Assert.Equal(442, data.Train.Count + data.Test.Count);
        Assert.Equal([10], data.Train.SampleShape);
        var raw = data.TargetScaler.InverseTransform(data.Train.Targets).ToArray();
        Assert.InRange(raw.Min(), 25 - 1e-9, 346 + 1e-9);
        Assert.Contains(raw, v => Math.Abs(v - Math.Round(v)) < 1e-9);

        // Ordinary least squares with an intercept, by the normal equations (10 standardized columns: well conditioned).
        var x = Tensor.Concatenate([data.Train.Inputs, Tensor.Ones<double>(data.Train.Count, 1)], 1);
        var coefficients = Linalg.Solve(x.Transpose().MatMul(x), x.Transpose().MatMul(data.Train.Targets));
        var xt = Tensor.Concatenate([data.Test.Inputs, Tensor.Ones<double>(data.Test.Count, 1)], 1);
        var linear = new RegressionMetric<double>();
        linear.Update(xt.MatMul(coefficients), data.Test.Targets);
        double baseline = linear.Values()["r2"];
        Assert.InRange(baseline, 0.45, 0.6);

        var model = ModelSpec.Parse("10-32-1:tanh").Build<float>(new RandomGenerator(0));
        var train = new TensorDataset<float, float>(data.Train.Inputs.Cast<float>(), data.Train.Targets.Cast<float>());
        var test = new TensorDataset<float, float>(data.Test.Inputs.Cast<float>(), data.Test.Targets.Cast<float>());
        var trainer = new Trainer<float, float>(model, new AdamW<float>(model.Parameters(), 0.001, weightDecay: 0.3), new MeanSquaredErrorLoss<float>(),
            new TrainerSettings { Epochs = 100, BatchSize = 16, Seed = 0 }, [new RegressionMetric<float>()]);
        trainer.Fit(train);
        double mlp = trainer.Evaluate(test).Metrics["r2"];
        Assert.True(mlp >= baseline - 0.01, $"MLP R² {mlp} against least squares {baseline}");
    }

    /// <summary>A layer with a buffer (a running mean of its inputs, as batch norm keeps) and a noise generator.</summary>
    private sealed class RunningMean : Module<double>, IStochasticModule
    {
        public Tensor<double> Mean { get; } = Tensor.Zeros<double>(2);

        public RandomGenerator Generator { get; } = new(7);

        protected override IEnumerable<(string Name, Tensor<double> Buffer)> LocalBuffers() => [("running_mean", Mean)];

        public override Tensor<double> Forward(Tensor<double> input)
        {
            if (IsTraining)
                using (Autograd.NoGrad()) Mean.CopyFrom(Mean * 0.9 + input.Detach().Mean(0) * 0.1);
            return input + Tensor.Normal<double>(input.Shape, 0, 1e-3, Generator);
        }
    }

    [Fact]
    public void Buffers_are_saved_restored_and_not_trained_and_generator_positions_are_json()
    {
        using var folder = new TempFolder();
        static (Sequential<double> Model, Trainer<double, double> Trainer) Make(string path, int epochs = 3)
        {
            var model = new Sequential<double>(new RunningMean(), new Linear<double>(2, 1, new RandomGenerator(1)));
            var trainer = new Trainer<double, double>(model, new Sgd<double>(model.Parameters(), 0.05, momentum: 0.9), new MeanSquaredErrorLoss<double>(),
                new TrainerSettings { Epochs = epochs, BatchSize = 8, Seed = 4, CheckpointPath = path }, [new RegressionMetric<double>()]);
            return (model, trainer);
        }
        var data = new TensorDataset<double, double>(Tensor.Normal<double>([40, 2], 3, 1, 1), Tensor.Normal<double>([40, 1], 0, 1, 2));
        var (model, trainer) = Make(folder.File("a.safetensors"));
        Assert.Equal(3, model.Parameters().Count + 1); // weight and bias are parameters, the running mean is not
        Assert.Contains("0.running_mean", model.StateDictionary().Keys);
        trainer.Fit(data);
        var mean = ((RunningMean)model.NamedModules().Single(m => m.Module is RunningMean).Module).Mean;
        Assert.True(mean.ToArray().All(v => v > 1), "the buffer follows the inputs' mean of 3");

        var checkpoint = Checkpoint.Load(folder.File("a.safetensors"));
        Assert.Equal(mean.ToArray(), checkpoint.Section<double>("model/")["0.running_mean"].ToArray());
        using (var positions = JsonDocument.Parse(checkpoint.Metadata["random.positions"]))
            Assert.True(positions.RootElement.GetProperty("0").GetDouble() > 0);
        using (JsonDocument.Parse(checkpoint.Metadata["optimizer.parameter_steps"])) { }

        // Two epochs, then resume for the third: identical to three uninterrupted epochs, buffer included.
        var (first, firstTrainer) = Make(folder.File("b.safetensors"));
        firstTrainer.Fit(data);
        var (_, partial) = Make(folder.File("c.safetensors"), epochs: 2);
        partial.Fit(data);
        var (continued, continuedTrainer) = Make(folder.File("d.safetensors"));
        continuedTrainer.Fit(data, resumeFrom: Checkpoint.Load(folder.File("c.safetensors")));
        foreach (var (name, value) in first.StateDictionary())
            Assert.Equal(value.ToArray(), continued.StateDictionary()[name].ToArray());
    }

    [Fact]
    public void Metadata_reads_json_and_the_earlier_form_and_names_a_malformed_key()
    {
        Assert.Equal(3.5, TrainingState<double>.Numbers("""{"a": 3.5, "b": "NaN"}""", "k")["a"]);
        Assert.True(double.IsNaN(TrainingState<double>.Numbers("""{"b": "NaN"}""", "k")["b"]));
        Assert.Equal(2.0, TrainingState<double>.Numbers("a=1;b=2", "k")["b"]);
        var e = Assert.Throws<InvalidOperationException>(() => TrainingState<double>.Numbers("a=1;oops", "random.positions"));
        Assert.Contains("random.positions", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => TrainingState<double>.Numbers("{\"a\": [1]}", "k"));
        Assert.Equal("""{"x":1,"y":"Infinity"}""", TrainingState<double>.JsonObject([("x", 1), ("y", double.PositiveInfinity)]));
    }
}
