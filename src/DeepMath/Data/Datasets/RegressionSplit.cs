namespace DeepMath.Data.Datasets;

/// <summary>A regression data set divided into training and test parts, with how features and targets were prepared.</summary>
/// <param name="Name">The data set's name.</param>
/// <param name="Train">Training samples (prepared): inputs [N, features], targets [N, outputs].</param>
/// <param name="Test">Held-out samples (prepared).</param>
/// <param name="Preparation">What was done to the raw features, to repeat on new data.</param>
/// <param name="TargetScaler">How the targets were standardized (undo it to read predictions in the target's units).</param>
public sealed record RegressionSplit<T>(string Name, TensorDataset<T, T> Train, TensorDataset<T, T> Test, FeaturePreparation<T> Preparation,
    Standardizer<T> TargetScaler)
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;
