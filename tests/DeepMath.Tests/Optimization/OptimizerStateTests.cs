using System.Numerics;
using DeepMath.Optimization;
using DeepMath.Tensors;
using Xunit;
using static DeepMath.Tests.Optimization.OptimizerHarness;

namespace DeepMath.Tests.Optimization;

/// <summary>Checkpointing optimizer state: interrupted and uninterrupted runs must agree bit for bit.</summary>
public class OptimizerStateTests
{
    public static TheoryData<string> Kinds => ["sgd", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "amsgrad"];

    private static Optimizer<T> Make<T>(string kind, Tensor<T>[] ps) where T : unmanaged, IFloatingPointIeee754<T> => kind switch
    {
        "sgd" => new Sgd<T>(ps, 0.05, momentum: 0.9, weightDecay: 0.01, dampening: 0.1),
        "nesterov" => new Sgd<T>(ps, 0.05, momentum: 0.9, nesterov: true),
        "adagrad" => new AdaGrad<T>(ps, 0.05, learningRateDecay: 0.1, initialAccumulator: 0.1),
        "rmsprop" => new RmsProp<T>(ps, 0.01, momentum: 0.5, centered: true),
        "adadelta" => new Adadelta<T>(ps),
        "adam" => new Adam<T>(ps, 0.01, weightDecay: 0.01),
        "adamw" => new AdamW<T>(ps, 0.01),
        "amsgrad" => new Adam<T>(ps, 0.01, amsgrad: true),
        _ => throw new ArgumentException(kind),
    };

    private static void Steps<T>(Optimizer<T> optimizer, Tensor<T>[] ps, double[][][] grads, int from, int to) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int t = from; t < to; t++)
        {
            for (int i = 0; i < ps.Length; i++) ps[i].Grad = Tensor1<T>(grads[i][t]);
            optimizer.Step();
        }
    }

    private static void RoundTrip<T>(string kind) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[][][] grads = [Gradients(5, 19), Gradients(5, 3).Select(g => g.Select(x => -2 * x).ToArray()).ToArray()];
        Tensor<T>[] Fresh() => [Tensor1<T>(Start(19)).RequireGrad(), Tensor1<T>([0.5, -1, 2]).RequireGrad()];

        var straight = Fresh();
        var uninterrupted = Make(kind, straight);
        Steps(uninterrupted, straight, grads, 0, 5);

        var first = Fresh();
        var before = Make(kind, first);
        Steps(before, first, grads, 0, 2);
        var (buffers, step) = before.GetState();
        var second = first.Select(p => p.Detach().Clone().RequireGrad()).ToArray();
        var after = Make(kind, second);
        after.SetState(buffers, step);
        Assert.Equal(2, after.StepCount);
        Steps(after, second, grads, 2, 5);

        for (int i = 0; i < straight.Length; i++) Assert.Equal(straight[i].ToArray(), second[i].ToArray());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Resuming_from_saved_state_matches_an_uninterrupted_run_double(string kind) => RoundTrip<double>(kind);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Resuming_from_saved_state_matches_an_uninterrupted_run_float(string kind) => RoundTrip<float>(kind);

    [Fact]
    public void State_keys_name_group_parameter_and_buffer()
    {
        var a = Tensor1<double>([1.0, 2]).RequireGrad();
        var adam = new Adam<double>([a], amsgrad: true);
        a.Grad = Tensor1<double>([1.0, 1]);
        adam.Step();
        var (buffers, step) = adam.GetState();
        Assert.Equal(1, step);
        Assert.Equal(["0.0.exp_avg", "0.0.exp_avg_sq", "0.0.max_exp_avg_sq"], buffers.Keys.Order(StringComparer.Ordinal));
        // m = (1 - 0.9) g after one step.
        Assert.Equal(0.1, buffers["0.0.exp_avg"].ToArray()[0], 1e-15);
    }

    [Fact]
    public void A_saved_state_is_a_snapshot_unaffected_by_later_steps()
    {
        var a = Tensor1<double>([1.0]).RequireGrad();
        var sgd = new Sgd<double>([a], 0.1, momentum: 0.9);
        a.Grad = Tensor1<double>([1.0]);
        sgd.Step();
        var (buffers, _) = sgd.GetState();
        sgd.Step();
        // The saved momentum buffer is still the first step's (1), not the second's (1.9).
        Assert.Equal(1.0, buffers["0.0.momentum_buffer"].ToArray()[0]);
    }

    [Fact]
    public void Restored_buffers_are_copies()
    {
        var a = Tensor1<double>([1.0]).RequireGrad();
        var sgd = new Sgd<double>([a], 0.1, momentum: 0.9);
        var saved = new Dictionary<string, Tensor<double>> { ["0.0.momentum_buffer"] = Tensor1<double>([10.0]) };
        sgd.SetState(saved, 3);
        a.Grad = Tensor1<double>([1.0]);
        sgd.Step();
        // Restored buffer 10: b = 0.9 * 10 + 1 = 10, p = 1 - 0.1 * 10 = 0.
        Assert.Equal(0.0, a.ToArray()[0], 1e-15);
        Assert.Equal(10.0, saved["0.0.momentum_buffer"].ToArray()[0]);
        Assert.Equal(4, sgd.StepCount);
    }

    [Fact]
    public void Bad_state_is_rejected_with_the_key_and_shapes()
    {
        var a = Tensor1<double>([1.0, 2]).RequireGrad();
        var sgd = new Sgd<double>([a], 0.1, momentum: 0.9);
        var unknown = Assert.Throws<ArgumentException>(() => sgd.SetState(new Dictionary<string, Tensor<double>> { ["1.0.momentum_buffer"] = Tensor.Zeros<double>(2) }, 1));
        Assert.Contains("1.0.momentum_buffer", unknown.Message);
        var garbled = Assert.Throws<ArgumentException>(() => sgd.SetState(new Dictionary<string, Tensor<double>> { ["momentum"] = Tensor.Zeros<double>(2) }, 1));
        Assert.Contains("'momentum'", garbled.Message);
        var shape = Assert.Throws<ArgumentException>(() => sgd.SetState(new Dictionary<string, Tensor<double>> { ["0.0.momentum_buffer"] = Tensor.Zeros<double>(3) }, 1));
        Assert.Contains("(3,)", shape.Message);
        Assert.Contains("(2,)", shape.Message);
        Assert.ThrowsAny<ArgumentException>(() => sgd.SetState(new Dictionary<string, Tensor<double>>(), -1));
    }

    [Fact]
    public void ZeroGrad_clears_every_group_and_a_step_without_gradients_changes_nothing()
    {
        var a = Tensor1<double>([1.0]).RequireGrad();
        var b = Tensor1<double>([2.0]).RequireGrad();
        var sgd = new Sgd<double>([new ParameterGroup<double>([a]), new ParameterGroup<double>([b])], 0.1);
        a.Grad = Tensor1<double>([1.0]);
        b.Grad = Tensor1<double>([1.0]);
        sgd.ZeroGrad();
        Assert.Null(a.Grad);
        Assert.Null(b.Grad);
        sgd.Step();
        Assert.Equal([1.0], a.ToArray());
        Assert.Equal([2.0], b.ToArray());
    }
}
