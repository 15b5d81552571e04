using DeepMath.Optimization;
using DeepMath.Optimization.Schedules;

namespace DeepMath.Neural.Training;

/// <summary>How a <see cref="Trainer{T}"/> runs.</summary>
public sealed class TrainerSettings
{
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per mini-batch.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Stop after this many optimizer steps (mini-batches) in all; null for no limit.</summary>
    public long? MaxSteps { get; init; }

    /// <summary>Seed of the shuffling.</summary>
    public ulong Seed { get; init; }

    /// <summary>Keep (false) or drop (true) the last partial batch of an epoch.</summary>
    public bool DropLast { get; init; }

    /// <summary>Learning-rate schedule (factor of the optimizer's base rates); null for constant.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Advance the schedule after every batch instead of every epoch.</summary>
    public bool SchedulePerBatch { get; init; }

    /// <summary>Stop when the test loss stops improving; null to train all epochs.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>Clip the gradients' global norm before each step; null for no clipping.</summary>
    public double? ClipGradientNorm { get; init; }

    /// <summary>Write a checkpoint here after every epoch (atomically); null for none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Batch size for evaluation (larger is faster; results do not depend on it).</summary>
    public int EvaluationBatchSize { get; init; } = 1000;
}
