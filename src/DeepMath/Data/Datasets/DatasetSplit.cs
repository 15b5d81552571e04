namespace DeepMath.Data.Datasets;

/// <summary>A data set divided into training and test parts, with how the raw features were prepared.</summary>
/// <param name="Name">The data set's name (digits, iris, fashion-mnist, ...).</param>
/// <param name="Train">Training samples (prepared).</param>
/// <param name="Test">Held-out samples (prepared).</param>
/// <param name="Preparation">What was done to the raw features, to repeat on new data.</param>
public sealed record DatasetSplit<T>(string Name, TensorDataset<T> Train, TensorDataset<T> Test, FeaturePreparation<T> Preparation)
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;
