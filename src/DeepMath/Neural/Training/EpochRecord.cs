namespace DeepMath.Neural.Training;

/// <summary>What one epoch achieved.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Steps">Optimizer steps taken so far (all epochs).</param>
/// <param name="TrainLoss">Mean loss over the epoch's mini-batches (weighted by batch size).</param>
/// <param name="TrainAccuracy">Fraction of training samples classified correctly during the epoch (NaN without a classification metric).</param>
/// <param name="TestLoss">Mean loss on the held-out data (NaN without it).</param>
/// <param name="TestAccuracy">Accuracy on the held-out data (NaN without it).</param>
/// <param name="LearningRate">Learning rate of the first parameter group at the end of the epoch.</param>
/// <param name="Seconds">Wall time of the epoch's training loop (evaluation excluded).</param>
/// <param name="SamplesPerSecond">Training throughput.</param>
public sealed record EpochRecord(int Epoch, long Steps, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy,
    double LearningRate, double Seconds, double SamplesPerSecond)
{
    /// <summary>Every metric over the epoch's training batches, by name.</summary>
    public IReadOnlyDictionary<string, double> TrainMetrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Every metric on the held-out data, by name (empty without it).</summary>
    public IReadOnlyDictionary<string, double> TestMetrics { get; init; } = new Dictionary<string, double>();
}

/// <summary>Receives training progress (a console progress bar, logs, tests).</summary>
public interface ITrainingObserver
{
    /// <summary>An epoch starts.</summary>
    void EpochStarted(int epoch, int epochs, int batches);

    /// <summary>A mini-batch finished (called for every batch; throttle output in the observer).</summary>
    void BatchFinished(int epoch, int batch, int batches, double loss, double samplesPerSecond);

    /// <summary>An epoch finished, with its metrics.</summary>
    void EpochFinished(EpochRecord record);

    /// <summary>A note worth showing (checkpoint written, early stop, resumed).</summary>
    void Message(string text);
}

/// <summary>The loss non-finite: training stopped without updating further.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(int epoch, int batch, double loss, string? parameter)
        : base($"Training diverged at epoch {epoch}, batch {batch}: the loss is {loss}" +
               (parameter is null ? "; every parameter is still finite (the loss overflowed: try a smaller learning rate)." : $"; the first non-finite parameter is '{parameter}'."))
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
        Parameter = parameter;
    }

    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException() : this(0, 0, double.NaN, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>1-based epoch.</summary>
    public int Epoch { get; }

    /// <summary>1-based batch within the epoch.</summary>
    public int Batch { get; }

    /// <summary>The offending loss value.</summary>
    public double Loss { get; }

    /// <summary>The first parameter holding a NaN or infinity, if any.</summary>
    public string? Parameter { get; }
}
