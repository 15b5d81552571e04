using System.IO.Compression;
using System.Numerics;
using DeepMath.Data.Csv;
using DeepMath.Data.Idx;
using DeepMath.Tensors;

namespace DeepMath.Data.Datasets;

/// <summary>
/// The data sets DeepMath knows by name: five small classic sets compiled into the assembly (Iris,
/// Digits, Breast Cancer, Wine for classification; Diabetes for regression: no download, no
/// installation) and Fashion-MNIST from Debian's
/// dataset-fashion-mnist package or a folder of its IDX files. The small sets are split
/// stratified with a seed (20% held out by default); tabular features are standardized with the
/// training part's statistics; pixels are scaled to [0, 1].
/// </summary>
public static class BuiltInDatasets
{
    /// <summary>Where Debian's dataset-fashion-mnist package installs the files.</summary>
    public const string FashionMnistFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The classification data sets accepted by <see cref="Load{T}"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["digits", "iris", "breast-cancer", "wine", "fashion-mnist"];

    /// <summary>The regression data sets accepted by <see cref="LoadRegression{T}"/>.</summary>
    public static IReadOnlyList<string> RegressionNames { get; } = ["diabetes"];

    /// <summary>Loads a regression data set by name (one of <see cref="RegressionNames"/>).</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static RegressionSplit<T> LoadRegression<T>(string name, ulong seed = 0, double testFraction = 0.2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "diabetes" => Diabetes<T>(seed, testFraction),
            _ => throw new ArgumentException($"Unknown regression data set '{name}'; choose one of {string.Join(", ", RegressionNames)}.", nameof(name)),
        };
    }

    /// <summary>
    /// scikit-learn's Diabetes (Efron et al., 2004): 442 patients, 10 raw baseline variables (age, sex,
    /// BMI, blood pressure, six serum measurements) and a measure of disease progression one year
    /// later (25-346). A seeded random split; features and target standardized with the training
    /// part's statistics (the target's are kept, so errors can be reported in its units).
    /// </summary>
    public static RegressionSplit<T> Diabetes<T>(ulong seed = 0, double testFraction = 0.2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var features = ReadNumbers("diabetes_data_raw.csv.gz", columns: 10);
        var target = ReadNumbers("diabetes_target.csv.gz", columns: 1);
        if (features.Shape[0] != target.Shape[0])
            throw new FileFormatException("diabetes", $"{features.Shape[0]} feature rows but {target.Shape[0]} targets");
        var all = new TensorDataset<T, T>(features.Cast<T>(), target.Cast<T>(), "diabetes");
        var (train, test) = all.RandomSplit(testFraction, seed);
        var inputScaler = Standardizer<T>.Fit(train.Inputs);
        var targetScaler = Standardizer<T>.Fit(train.Targets);
        TensorDataset<T, T> Scaled(TensorDataset<T, T> part, string name)
            => new(inputScaler.Transform(part.Inputs), targetScaler.Transform(part.Targets), name);
        return new RegressionSplit<T>("diabetes", Scaled(train, "diabetes (train)"), Scaled(test, "diabetes (test)"),
            new FeaturePreparation<T>(1, false, inputScaler,
                $"features and target standardized with the training part's mean and standard deviation; random split, {testFraction:P0} held out, seed {seed}"),
            targetScaler);
    }

    /// <summary>A gzipped table of whitespace-separated numbers, <paramref name="columns"/> per line, as float64 [rows, columns].</summary>
    private static Tensor<double> ReadNumbers(string resource, int columns)
    {
        using var stream = Resource(resource);
        using var unzipped = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(unzipped);
        var values = new List<double>();
        int line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != columns) throw new FileFormatException(resource, $"line {line} has {fields.Length} values, expected {columns}");
            foreach (var field in fields)
            {
                if (!double.TryParse(field, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw new FileFormatException(resource, $"line {line}: '{field}' is not a finite number");
                values.Add(v);
            }
        }
        return Tensor.Wrap(values.ToArray(), values.Count / columns, columns);
    }

    /// <summary>Fashion-MNIST's classes, by label.</summary>
    public static IReadOnlyList<string> FashionMnistClasses { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Loads a data set by name.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="folder">Fashion-MNIST: the folder with the IDX files (default: the Debian package's).</param>
    /// <param name="seed">Seed of the stratified split of the small sets.</param>
    /// <param name="testFraction">Held-out share of the small sets.</param>
    /// <param name="imageSize">Fashion-MNIST: 28, or 14 for 2x2 block means.</param>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    /// <exception cref="FileNotFoundException">Fashion-MNIST is not installed (the message says how to get it).</exception>
    public static DatasetSplit<T> Load<T>(string name, string? folder = null, ulong seed = 0, double testFraction = 0.2, int imageSize = 28)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "digits" => Digits<T>(seed, testFraction),
            "iris" => Tabular<T>("iris", "iris.csv", seed, testFraction),
            "breast-cancer" or "breast_cancer" => Tabular<T>("breast-cancer", "breast_cancer.csv", seed, testFraction),
            "wine" => Tabular<T>("wine", "wine_data.csv", seed, testFraction),
            "fashion-mnist" or "fashion_mnist" => FashionMnist<T>(folder, imageSize),
            _ => throw new ArgumentException($"Unknown data set '{name}'; choose one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    /// <summary>The 8x8 handwritten digits (1,797 images), pixels 0-16 scaled to [0, 1], flattened to 64 features.</summary>
    public static DatasetSplit<T> Digits<T>(ulong seed = 0, double testFraction = 0.2) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var stream = Resource("digits.csv.gz");
        using var unzipped = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(unzipped);
        var table = CsvFile.ReadLabeled(reader, "digits.csv.gz", classCount: 10);
        var features = (table.Features / 16.0).Cast<T>();
        var all = new TensorDataset<T>(features, table.Labels, [.. Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], "digits");
        var (train, test) = all.StratifiedSplit(testFraction, seed);
        return new DatasetSplit<T>("digits", train, test, new FeaturePreparation<T>(16, false, null,
            $"pixels / 16; stratified split, {testFraction:P0} held out, seed {seed}"));
    }

    private static DatasetSplit<T> Tabular<T>(string name, string resource, ulong seed, double testFraction) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var stream = Resource(resource);
        using var reader = new StreamReader(stream);
        var table = CsvFile.ReadLabeled(reader, resource);
        var all = new TensorDataset<T>(table.Features.Cast<T>(), table.Labels, table.ClassNames, name);
        var (train, test) = all.StratifiedSplit(testFraction, seed);
        var scaler = Standardizer<T>.Fit(train.Features);
        return new DatasetSplit<T>(name,
            new TensorDataset<T>(scaler.Transform(train.Features), train.Labels, train.ClassNames, name + " (train)"),
            new TensorDataset<T>(scaler.Transform(test.Features), test.Labels, test.ClassNames, name + " (test)"),
            new FeaturePreparation<T>(1, false, scaler,
                $"standardized with the training part's mean and standard deviation; stratified split, {testFraction:P0} held out, seed {seed}"));
    }

    /// <summary>
    /// Fashion-MNIST (60,000 training and 10,000 test images of 28x28), pixels scaled to [0, 1] and
    /// flattened; <paramref name="imageSize"/> 14 averages 2x2 blocks first (196 features).
    /// </summary>
    /// <exception cref="FileNotFoundException">The files are missing.</exception>
    public static DatasetSplit<T> FashionMnist<T>(string? folder = null, int imageSize = 28) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (imageSize is not (28 or 14)) throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "Fashion-MNIST images can be 28 (original) or 14 (2x2 block means).");
        folder ??= FashionMnistFolder;
        TensorDataset<T> Part(string prefix, string name)
        {
            var images = IdxFile.Read<byte>(Find(folder, $"{prefix}-images-idx3-ubyte"));
            var labels = IdxFile.Read<byte>(Find(folder, $"{prefix}-labels-idx1-ubyte")).Cast<long>();
            if (images.Rank != 3 || images.Shape[1] != 28 || images.Shape[2] != 28 || images.Shape[0] != labels.Length)
                throw new FileFormatException(folder, $"{prefix} images of shape {images.Shape} do not match labels of shape {labels.Shape} (expected [N, 28, 28] and [N])");
            return new TensorDataset<T>(Scale<T>(images, imageSize), labels, FashionMnistClasses, name);
        }
        return new DatasetSplit<T>("fashion-mnist", Part("train", "fashion-mnist (train)"), Part("t10k", "fashion-mnist (test)"),
            new FeaturePreparation<T>(255, imageSize == 14, null,
                imageSize == 14 ? "2x2 block means (14x14), pixels / 255, flattened" : "pixels / 255, flattened"));
    }

    /// <summary>Bytes to [0, 1] in one pass (no intermediate copies of a 60,000-image set), optionally as 2x2 block means.</summary>
    private static Tensor<T> Scale<T>(Tensor<byte> images, int size) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = images.Shape[0], pixels = size * size;
        var source = images.Contiguous().AsSpan();
        var result = GC.AllocateUninitializedArray<T>(count * pixels);
        if (size == 28)
        {
            // Division, not a multiply by 1/255: the correctly rounded values NumPy and PyTorch produce.
            var divisor = T.CreateTruncating(255);
            for (int i = 0; i < result.Length; i++) result[i] = T.CreateTruncating(source[i]) / divisor;
        }
        else
        {
            var divisor = T.CreateTruncating(4 * 255);
            for (int n = 0; n < count; n++)
                for (int r = 0; r < 14; r++)
                    for (int c = 0; c < 14; c++)
                    {
                        int top = n * 784 + 2 * r * 28 + 2 * c;
                        int sum = source[top] + source[top + 1] + source[top + 28] + source[top + 29];
                        result[n * 196 + r * 14 + c] = T.CreateTruncating(sum) / divisor;
                    }
        }
        return Tensor.Wrap(result, count, pixels);
    }

    private static string Find(string folder, string stem)
    {
        foreach (var candidate in new[] { stem + ".gz", stem })
        {
            var path = Path.Combine(folder, candidate);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException(
            $"Fashion-MNIST was not found: {Path.Combine(folder, stem)}(.gz) is missing. Install it with 'apt-get install dataset-fashion-mnist' " +
            $"(files in {FashionMnistFolder}) or pass --data with a folder holding train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, " +
            "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz from https://github.com/zalandoresearch/fashion-mnist.",
            Path.Combine(folder, stem));
    }

    private static Stream Resource(string file)
        => typeof(BuiltInDatasets).Assembly.GetManifestResourceStream("DeepMath.Datasets." + file)
           ?? throw new InvalidOperationException($"The embedded data set {file} is missing from the assembly.");
}
