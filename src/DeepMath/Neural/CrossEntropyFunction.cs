using System.Numerics;
using DeepMath.Autodiff;
using DeepMath.Tensors;

namespace DeepMath.Neural;

/// <summary>
/// Cross-entropy from logits [N, C] and integer labels [N], fused: log p = z - logsumexp(z) per row
/// (shifted by the row maximum, so logits of ±1000 are exact), with optional class weights w and
/// label smoothing e: loss_i = (1 - e) w_y (-log p_y) + (e / C) sum_c w_c (-log p_c); the mean divides
/// by sum_i w_(y_i) (PyTorch's definition). The gradient is
/// (1 - e) w_y (p - onehot_y) + (e / C) (W p - w) per row, W = sum_c w_c. Without a recorded backward
/// pass it is computed in one sweep; when gradients of gradients are requested it is built from
/// tensor operations.
/// </summary>
internal sealed class CrossEntropyFunction<T>(Tensor<long> labels, T[]? weights, double smoothing, LossReduction reduction)
    : CustomFunction<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override string Name => "cross_entropy";

    public Tensor<T> Apply(Tensor<T> logits)
    {
        var z = logits.Detach().Contiguous();
        int n = z.Shape[0], c = z.Shape[1];
        var values = z.AsSpan();
        var perSample = new T[n];
        var label = labels.Contiguous().AsSpan();
        double weightSum = 0;
        for (int i = 0; i < n; i++)
        {
            var row = values.Slice(i * c, c);
            int y = (int)label[i];
            double logSumExp = LogSumExp(row);
            double wy = weights is null ? 1 : double.CreateTruncating(weights[y]);
            double loss = (1 - smoothing) * wy * (logSumExp - double.CreateTruncating(row[y]));
            if (smoothing > 0)
            {
                double smooth = 0;
                for (int k = 0; k < c; k++) smooth += (weights is null ? 1 : double.CreateTruncating(weights[k])) * (logSumExp - double.CreateTruncating(row[k]));
                loss += smoothing / c * smooth;
            }
            perSample[i] = T.CreateTruncating(loss);
            weightSum += wy;
        }
        WeightSum = weightSum;
        Tensor<T> result = reduction switch
        {
            LossReduction.None => Tensor.Wrap(perSample, n),
            LossReduction.Sum => Tensor.Scalar(Sum(perSample)),
            _ => Tensor.Scalar(T.CreateTruncating(double.CreateTruncating(Sum(perSample)) / weightSum)),
        };
        return Record(result, logits);
    }

    /// <summary>Sum of the weights of the samples' labels (the mean's divisor).</summary>
    private double WeightSum { get; set; }

    public override Tensor<T>?[] Backward(Tensor<T> output, Tensor<T> outputGradient, IReadOnlyList<Tensor<T>> inputs, IReadOnlyList<bool> needsGradient)
    {
        var logits = inputs[0];
        int n = logits.Shape[0], c = logits.Shape[1];
        // Per-sample scale of the gradient: dL/dloss_i.
        var scale = reduction switch
        {
            LossReduction.None => outputGradient.Reshape(n, 1),
            LossReduction.Sum => outputGradient.Reshape(1, 1),
            _ => outputGradient.Reshape(1, 1) / T.CreateTruncating(WeightSum),
        };
        if (GradMode.IsEnabled) return [Composite(logits, scale, n, c)];
        return [Direct(logits, scale, n, c)];
    }

    /// <summary>The gradient in one pass over the rows (the normal, non-recorded backward).</summary>
    private Tensor<T> Direct(Tensor<T> logits, Tensor<T> scale, int n, int c)
    {
        var z = logits.Detach().Contiguous().AsSpan();
        var s = scale.Detach().Expand(n, 1).Contiguous().ToArray();
        var label = labels.Contiguous().AsSpan();
        var gradient = new T[n * c];
        double totalWeight = 0;
        if (weights is not null) foreach (var w in weights) totalWeight += double.CreateTruncating(w);
        else totalWeight = c;
        for (int i = 0; i < n; i++)
        {
            var row = z.Slice(i * c, c);
            int y = (int)label[i];
            double max = double.NegativeInfinity;
            foreach (var v in row) max = Math.Max(max, double.CreateTruncating(v));
            double sum = 0;
            for (int k = 0; k < c; k++) sum += Math.Exp(double.CreateTruncating(row[k]) - max);
            double wy = weights is null ? 1 : double.CreateTruncating(weights[y]), si = double.CreateTruncating(s[i]);
            for (int k = 0; k < c; k++)
            {
                double p = Math.Exp(double.CreateTruncating(row[k]) - max) / sum;
                double wk = weights is null ? 1 : double.CreateTruncating(weights[k]);
                double d = (1 - smoothing) * wy * (p - (k == y ? 1 : 0)) + smoothing / c * (totalWeight * p - wk);
                gradient[i * c + k] = T.CreateTruncating(si * d);
            }
        }
        return Tensor.Wrap(gradient, n, c);
    }

    /// <summary>The same gradient from recorded tensor operations (differentiable again).</summary>
    private Tensor<T> Composite(Tensor<T> logits, Tensor<T> scale, int n, int c)
    {
        var p = logits.Softmax(1);
        var onehot = Tensor.Zeros<T>(n, c).ScatterAdd(1, labels.Reshape(n, 1), Tensor.Ones<T>(n, 1)).Detach();
        var w = weights is null ? Tensor.Ones<T>(c) : Tensor.FromArray(weights);
        var wy = w.IndexSelect(0, labels).Reshape(n, 1);
        var gradient = (p - onehot) * wy * T.CreateTruncating(1 - smoothing);
        if (smoothing > 0) gradient += (p * w.Sum() - w) * T.CreateTruncating(smoothing / c);
        return gradient * scale;
    }

    private static double LogSumExp(ReadOnlySpan<T> row)
    {
        double max = double.NegativeInfinity;
        foreach (var v in row) max = Math.Max(max, double.CreateTruncating(v));
        if (double.IsInfinity(max)) return max;
        double sum = 0;
        foreach (var v in row) sum += Math.Exp(double.CreateTruncating(v) - max);
        return max + Math.Log(sum);
    }

    private static T Sum(T[] values)
    {
        double s = 0;
        foreach (var v in values) s += double.CreateTruncating(v);
        return T.CreateTruncating(s);
    }
}
