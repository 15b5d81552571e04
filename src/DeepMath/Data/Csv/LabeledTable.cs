using DeepMath.Tensors;

namespace DeepMath.Data.Csv;

/// <summary>A classification data set: one row of features and one integer class per sample.</summary>
/// <param name="Features">The features, samples x features.</param>
/// <param name="Labels">The class of each sample, in [0, number of classes).</param>
/// <param name="ClassNames">The name of each class, indexed by label.</param>
public sealed record LabeledTable(Tensor<double> Features, Tensor<long> Labels, string[] ClassNames);
