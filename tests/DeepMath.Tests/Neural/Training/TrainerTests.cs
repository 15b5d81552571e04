using DeepMath.Data;
using DeepMath.Data.Datasets;
using DeepMath.Neural;
using DeepMath.Neural.Training;
using DeepMath.Optimization;
using DeepMath.Optimization.Schedules;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using Xunit;

namespace DeepMath.Tests.Neural.Training;

public class TrainerTests
{
    private static Func<Tensor<float>, Tensor<long>, Tensor<float>> CrossEntropy => (o, y) => Losses.CrossEntropy(o, y);

    [Fact]
    public void Iris_reaches_at_least_95_percent_test_accuracy_with_a_fixed_seed()
    {
        // Seed 1 fixes the stratified split (30 test samples), the weights and the shuffling.
        var data = BuiltInDatasets.Load<float>("iris", seed: 1);
        var model = ModelSpec.Parse("4-16-3:relu").Build<float>(new RandomGenerator(1));
        var optimizer = new AdamW<float>(model.Parameters(), 0.01, weightDecay: 0.01);
        var trainer = new Trainer<float>(model, optimizer, CrossEntropy, new TrainerSettings { Epochs = 100, BatchSize = 16, Seed = 1 });
        var result = trainer.Fit(data.Train, data.Test);
        var evaluation = trainer.Evaluate(data.Test);
        Assert.Equal(30, data.Test.Count);
        Assert.True(evaluation.Details.Accuracy >= 0.95, $"test accuracy {evaluation.Details.Accuracy:P2}");
        Assert.Equal(evaluation.Details.Accuracy, evaluation.Metrics["accuracy"]);
        Assert.Equal(evaluation.Details.Accuracy, result.History[^1].TestAccuracy);
        Assert.Equal(100, result.History.Count);
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss / 3);
        Assert.Equal(evaluation.Details.Accuracy, result.History[^1].TestAccuracy, 12);
    }

    [Fact]
    public void Same_seed_gives_identical_weights_and_another_seed_does_not()
    {
        var a = TrainDigits(seed: 5, epochs: 2).Model;
        var b = TrainDigits(seed: 5, epochs: 2).Model;
        var c = TrainDigits(seed: 6, epochs: 2).Model;
        AssertIdentical(a, b);
        Assert.False(a.Parameters()[0].AsSpan().SequenceEqual(c.Parameters()[0].AsSpan()));
    }

    [Theory]
    [InlineData("momentum")]
    [InlineData("adam")]
    [InlineData("lbfgs")]
    public void Resuming_from_a_checkpoint_gives_bit_identical_weights(string optimizerName)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.safetensors");
        // Dropout, a plateau-aware schedule and early stopping all carry state across the interruption.
        var straight = TrainDigits(seed: 3, epochs: 4, optimizerName, checkpoint: null);
        var first = TrainDigits(seed: 3, epochs: 2, optimizerName, checkpoint: path, totalEpochs: 4);
        Assert.Equal(2, Checkpoint.Load(path).Epoch);
        var resumed = TrainDigits(seed: 3, epochs: 4, optimizerName, checkpoint: null, resume: Checkpoint.Load(path));
        AssertIdentical(straight.Model, resumed.Model);
        Assert.Equal(4, resumed.Result.History.Count);
        Assert.Equal(straight.Result.History.Select(h => h.TestLoss), resumed.Result.History.Select(h => h.TestLoss));
        Assert.Equal(straight.Result.History.Select(h => h.LearningRate), resumed.Result.History.Select(h => h.LearningRate));
        Assert.False(first.Model.Parameters()[0].AsSpan().SequenceEqual(straight.Model.Parameters()[0].AsSpan()));
    }

    [Fact]
    public void Resuming_with_another_optimizer_is_refused()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.safetensors");
        TrainDigits(seed: 1, epochs: 1, "adam", checkpoint: path);
        var e = Assert.Throws<InvalidOperationException>(() => TrainDigits(seed: 1, epochs: 2, "momentum", checkpoint: null, resume: Checkpoint.Load(path)));
        Assert.Contains("adam", e.Message);
        Assert.Contains("momentum", e.Message);
    }

    [Fact]
    public void Divergence_names_epoch_batch_and_parameter_and_keeps_the_last_good_checkpoint()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "model.safetensors");
        var data = BuiltInDatasets.Load<float>("digits");
        var model = ModelSpec.Parse("64-32-10:relu").Build<float>(new RandomGenerator(0));
        var optimizer = new Sgd<float>(model.Parameters(), 0.1);
        // From the second epoch on the rate is 1e39, beyond float's range: the first step there makes the weights non-finite.
        var schedule = new MultiStepDecay([1], 1e40);
        var trainer = new Trainer<float>(model, optimizer, CrossEntropy,
            new TrainerSettings { Epochs = 3, BatchSize = 64, Schedule = schedule, CheckpointPath = path });
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(data.Train, data.Test));
        Assert.Equal(2, e.Epoch);
        Assert.Equal(2, e.Batch);
        Assert.False(double.IsFinite(e.Loss));
        Assert.Equal("0.weight", e.Parameter);
        Assert.Contains($"epoch 2, batch 2", e.Message);
        Assert.Contains(e.Parameter!, e.Message);
        var kept = Checkpoint.Load(path);
        Assert.Equal(1, kept.Epoch);
        Assert.All(kept.Section<float>("model/").Values, t => Assert.True(t.AsSpan().ToArray().All(float.IsFinite)));
    }

    [Fact]
    public void A_loss_that_overflows_before_any_parameter_does_is_reported_as_such()
    {
        var data = BuiltInDatasets.Load<float>("iris");
        var model = ModelSpec.Parse("4-8-3:relu").Build<float>(new RandomGenerator(0));
        int calls = 0;
        Func<Tensor<float>, Tensor<long>, Tensor<float>> loss = (o, y) => ++calls == 3 ? Losses.CrossEntropy(o, y) * float.PositiveInfinity : Losses.CrossEntropy(o, y);
        var trainer = new Trainer<float>(model, new Sgd<float>(model.Parameters(), 0.01), loss, new TrainerSettings { Epochs = 1, BatchSize = 16 });
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(data.Train));
        Assert.Equal((1, 3), (e.Epoch, e.Batch));
        Assert.Null(e.Parameter);
        Assert.Contains("still finite", e.Message);
    }

    [Fact]
    public void Early_stopping_and_step_limits_end_training_with_the_reason()
    {
        var data = BuiltInDatasets.Load<float>("iris");
        var model = ModelSpec.Parse("4-8-3:relu").Build<float>(new RandomGenerator(0));
        var limited = new Trainer<float>(model, new Sgd<float>(model.Parameters(), 0.01), CrossEntropy,
            new TrainerSettings { Epochs = 50, BatchSize = 16, MaxSteps = 20 }).Fit(data.Train, data.Test);
        // 120 training samples in batches of 16: 8 per epoch, so 20 steps end inside the third epoch.
        Assert.Equal(3, limited.History.Count);
        Assert.Equal(20, limited.History[^1].Steps);
        Assert.Contains("20 steps", limited.StopReason);

        // A learning rate of zero never improves the test loss: patience 2 stops after epoch 3.
        var frozen = ModelSpec.Parse("4-8-3:relu").Build<float>(new RandomGenerator(0));
        var stopped = new Trainer<float>(frozen, new Sgd<float>(frozen.Parameters(), 1e-300), CrossEntropy,
            new TrainerSettings { Epochs = 50, BatchSize = 16, EarlyStopping = new EarlyStopping(2) }).Fit(data.Train, data.Test);
        Assert.Equal(3, stopped.History.Count);
        Assert.StartsWith("early stopping", stopped.StopReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_stops_after_the_current_batch()
    {
        var data = BuiltInDatasets.Load<float>("digits");
        var model = ModelSpec.Parse("64-32-10:relu").Build<float>(new RandomGenerator(0));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var result = new Trainer<float>(model, new Adam<float>(model.Parameters()), CrossEntropy, new TrainerSettings { Epochs = 5 })
            .Fit(data.Train, cancellation: cancel.Token);
        Assert.Single(result.History);
        Assert.Equal(1, result.History[0].Steps);
        Assert.Equal("cancelled", result.StopReason);
    }

    [Fact]
    public void Evaluation_leaves_the_model_mode_and_gradients_alone()
    {
        var data = BuiltInDatasets.Load<float>("iris");
        var model = ModelSpec.Parse("4-8-3:relu,dropout=0.5").Build<float>(new RandomGenerator(0));
        var loss = new DelegateLoss<float, long>("cross-entropy", CrossEntropy);
        var first = new ClassificationEvaluator<float>(model, loss, batchSize: 7).Evaluate(data.Test);
        var second = new ClassificationEvaluator<float>(model, loss, batchSize: 1000).Evaluate(data.Test);
        Assert.True(model.IsTraining);
        Assert.Equal(first.Predictions, second.Predictions);
        Assert.Equal(first.Loss, second.Loss, 6);
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    internal static (Module<float> Model, TrainingResult Result) TrainDigits(ulong seed, int epochs, string optimizerName = "momentum",
        string? checkpoint = null, Checkpoint? resume = null, int? totalEpochs = null)
    {
        var data = BuiltInDatasets.Load<float>("digits", seed: 0);
        var model = ModelSpec.Parse("64-32-10:relu,dropout=0.2").Build<float>(new RandomGenerator(seed));
        Optimizer<float> optimizer = optimizerName switch
        {
            "adam" => new Adam<float>(model.Parameters(), 0.003),
            "lbfgs" => new LBfgs<float>(model.Parameters(), 1, maxIterations: 4, history: 5), // correction pairs are state too
            _ => new Sgd<float>(model.Parameters(), 0.05, momentum: 0.9),
        };
        var settings = new TrainerSettings
        {
            Epochs = totalEpochs ?? epochs, MaxSteps = totalEpochs is null ? null : epochs * 23L, BatchSize = 64, Seed = seed,
            Schedule = new LinearWarmup(2, startFactor: 0.5).Then(2, new ReduceOnPlateau(patience: 0, factor: 0.5)),
            EarlyStopping = new EarlyStopping(10), CheckpointPath = checkpoint,
        };
        var result = new Trainer<float>(model, optimizer, CrossEntropy, settings).Fit(data.Train, data.Test, resumeFrom: resume);
        return (model, result);
    }

    private static void AssertIdentical(Module<float> a, Module<float> b)
    {
        foreach (var ((name, p), (_, q)) in a.NamedParameters().Zip(b.NamedParameters()))
            Assert.True(p.AsSpan().SequenceEqual(q.AsSpan()), $"parameter {name} differs");
    }
}
