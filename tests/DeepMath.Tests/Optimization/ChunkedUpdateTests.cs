using DeepMath.Kernels;
using DeepMath.Optimization;
using DeepMath.Tensors;
using DeepMath.Tests.Support;
using Xunit;
using static DeepMath.Tests.Optimization.OptimizerHarness;

namespace DeepMath.Tests.Optimization;

/// <summary>
/// Large parameters are updated in chunks on all threads. The chunked update must equal an update of
/// each element on its own, state creation included (AdaGrad's initial accumulator, SGD's first
/// momentum step with dampening), whatever the thread count.
/// </summary>
public class ChunkedUpdateTests
{
    private const int Large = 40_000; // above two chunks of 16,384

    public static TheoryData<string> Optimizers => new() { "sgd", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw" };

    private static Optimizer<double> Make(string name, Tensor<double>[] ps) => name switch
    {
        "sgd" => new Sgd<double>(ps, 0.05, momentum: 0.9, weightDecay: 0.01, dampening: 0.3),
        "nesterov" => new Sgd<double>(ps, 0.05, momentum: 0.9, nesterov: true),
        "adagrad" => new AdaGrad<double>(ps, 0.05, learningRateDecay: 0.1, weightDecay: 0.01, initialAccumulator: 0.5),
        "rmsprop" => new RmsProp<double>(ps, 0.01, momentum: 0.5, centered: true),
        "adadelta" => new Adadelta<double>(ps, weightDecay: 0.01),
        "adam" => new Adam<double>(ps, 0.01, weightDecay: 0.01, amsgrad: true),
        _ => new AdamW<double>(ps, 0.01),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Chunked_updates_equal_elementwise_updates_for_any_thread_count(string name)
    {
        var gradients = Gradients(4, Large);
        var start = Start(Large);
        using var threads = new ThreadSwitch();
        {
            threads.Threads = 2;
            var chunked = Run<double>(ps => Make(name, ps), start, gradients);
            threads.Threads = 1;
            Assert.Equal(chunked, Run<double>(ps => Make(name, ps), start, gradients));
            // Element i on its own, as a one-element parameter (never chunked), for a sample of elements.
            foreach (int i in new[] { 0, 16_383, 16_384, 20_000, 32_767, Large - 1 })
            {
                var alone = Run<double>(ps => Make(name, ps), [start[i]], gradients.Select(g => new[] { g[i] }).ToArray());
                Assert.Equal(alone[0], chunked[i]);
            }
        }
    }
}
