using DeepMath.Optimization;
using DeepMath.Tensors;

namespace DeepMath.Cli.Training;

/// <summary>Builds an optimizer from its command-line name, with each one's customary default learning rate.</summary>
public static class OptimizerFactory
{
    /// <summary>The accepted names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "lbfgs"];

    /// <summary>The default learning rate of an optimizer.</summary>
    public static double DefaultLearningRate(string name) => name switch
    {
        "sgd" or "momentum" or "nesterov" or "adagrad" => 0.01,
        "adadelta" or "lbfgs" => 1.0,
        _ => 0.001,
    };

    /// <summary>Creates the optimizer.</summary>
    /// <exception cref="UsageException">Unknown name or settings that do not fit it.</exception>
    public static Optimizer<float> Create(string name, IReadOnlyList<Tensor<float>> parameters, double learningRate, double? momentum, double? decay)
    {
        // AdamW exists for its decoupled decay: it defaults to 0.01 (PyTorch's default), the rest to none.
        double weightDecay = decay ?? (name == "adamw" ? 0.01 : 0);
        if (momentum is double mu && !(mu >= 0 && mu < 1)) throw new UsageException($"--momentum must be in [0, 1), got {mu}.");
        if (momentum is not null && name is not ("momentum" or "nesterov" or "sgd" or "rmsprop"))
            throw new UsageException($"--momentum applies to sgd, momentum, nesterov and rmsprop, not {name}.");
        return name switch
        {
            "sgd" => new Sgd<float>(parameters, learningRate, momentum ?? 0, weightDecay: weightDecay),
            "momentum" => new Sgd<float>(parameters, learningRate, momentum ?? 0.9, weightDecay: weightDecay),
            "nesterov" => new Sgd<float>(parameters, learningRate, momentum ?? 0.9, nesterov: true, weightDecay: weightDecay),
            "adagrad" => new AdaGrad<float>(parameters, learningRate, weightDecay: weightDecay),
            "rmsprop" => new RmsProp<float>(parameters, learningRate, weightDecay: weightDecay, momentum: momentum ?? 0),
            "adadelta" => new Adadelta<float>(parameters, learningRate, weightDecay: weightDecay),
            "adam" => new Adam<float>(parameters, learningRate, weightDecay: weightDecay),
            "adamw" => new AdamW<float>(parameters, learningRate, weightDecay: weightDecay),
            "lbfgs" when weightDecay != 0 => throw new UsageException("--weight-decay does not apply to lbfgs (add the penalty to the loss instead)."),
            "lbfgs" => new LBfgs<float>(parameters, learningRate),
            _ => throw new UsageException($"Unknown optimizer '{name}'; use {string.Join(", ", Names)}."),
        };
    }
}
