using DeepMath.Tests.Support;
using System.IO.Compression;
using DeepMath.Data;
using DeepMath.Data.Csv;
using DeepMath.Tensors;
using Xunit;

namespace DeepMath.Tests.Data;

public class CsvTests
{
    private const string DataFolder = "/work/shared/data";

    private static CsvTable Parse(string text, char delimiter = ',', bool? hasHeader = null)
        => CsvFile.Read(new StringReader(text), "t.csv", delimiter, hasHeader);

    [Fact]
    public void Reads_quoted_headers_spaces_crlf_and_special_values()
    {
        var table = Parse("\"sepal, length\" , \"say \"\"hi\"\"\",c\r\n 1.5 , -2e3 ,nan\r\n3,INF,-inf\r\n\r\n");
        Assert.Equal(["sepal, length", "say \"hi\"", "c"], table.Header);
        Assert.Equal([2, 3], table.Values.Shape.ToArray());
        Assert.Equal([1.5, -2000, double.NaN, 3, double.PositiveInfinity, double.NegativeInfinity], table.Values.ToArray());
    }

    [Fact]
    public void Detects_a_header_only_when_a_field_is_not_a_number()
    {
        var plain = Parse("1,2\n3,4\n");
        Assert.Empty(plain.Header);
        Assert.Equal([1.0, 2, 3, 4], plain.Values.ToArray());
        var forced = Parse("1,2\n3,4\n", hasHeader: true);
        Assert.Equal(["1", "2"], forced.Header);
        Assert.Equal([1, 2], forced.Values.Shape.ToArray());
        var headerOnly = Parse("a,b\n");
        Assert.Equal([0, 2], headerOnly.Values.Shape.ToArray());
        var e = Assert.Throws<FileFormatException>(() => Parse("a,b\n1,2\n", hasHeader: false));
        Assert.Equal("t.csv: line 1, column 1: 'a' is not a number.", e.Message);
    }

    [Fact]
    public void Other_delimiters_work()
    {
        Assert.Equal([1.0, -2, 3, 4], Parse("x;y\n1;-2\n3 ; 4\n", ';').Values.ToArray());
        Assert.Equal([1.0, 2, 3, 4], Parse("x\ty\n1\t2\n3\t4\n", '\t').Values.ToArray());
        Assert.Throws<ArgumentException>(() => Parse("1\n", '"'));
    }

    [Theory]
    [InlineData("a,b,c\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n13,14,15\n16,17,abc\n", "t.csv: line 7, column 3: 'abc' is not a number.")]
    [InlineData("a,b,c\n1,2,3\n4,5\n", "t.csv: line 3: 2 fields, but line 1 has 3.")]
    [InlineData("1,2,3\n\n4,5,6,7\n", "t.csv: line 3: 4 fields, but line 1 has 3.")]
    [InlineData("a,b\n1,\n", "t.csv: line 2, column 2: the field is empty.")]
    [InlineData("a,\"b\n1,2\n", "t.csv: line 1, column 2: the quoted field is not closed (fields cannot span lines).")]
    [InlineData("\"a\"x,b\n1,2\n", "t.csv: line 1, column 1: unexpected text after the closing quote.")]
    [InlineData("a,b\n1,0x10\n", "t.csv: line 2, column 2: '0x10' is not a number.")]
    [InlineData("a,b\n1,\"1,000\"\n", "t.csv: line 2, column 2: '1,000' is not a number.")]
    [InlineData("\n  \n", "t.csv: the file holds no lines (it is empty or blank).")]
    public void Errors_name_the_file_line_and_column(string text, string message)
        => Assert.Equal(message, Assert.Throws<FileFormatException>(() => Parse(text)).Message);

    [Fact]
    public void Writes_what_it_reads_bit_for_bit()
    {
        double[] special = [0.1, -0.0, double.Epsilon, double.MaxValue, double.MinValue, 1e-310, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.0 / 3];
        var random = Tensor.Normal<double>([5, 4], 0, 1e3, 9).ToArray();
        var values = Tensor.FromArray([.. special, .. random], 6, 5);
        var table = new CsvTable(["plain", "with,comma", "with \"quote\"", " padded ", ""], values);
        using var folder = new TempFolder();
        CsvFile.Write(folder.File("t.csv"), table);
        var back = CsvFile.Read(folder.File("t.csv"));
        Assert.Equal(table.Header, back.Header);
        Assert.Equal(values.ToArray().Select(BitConverter.DoubleToInt64Bits), back.Values.ToArray().Select(BitConverter.DoubleToInt64Bits));
        CsvFile.Write(folder.File("n.tsv"), new CsvTable([], values.Transpose()), '\t');
        Assert.Equal(values.Transpose().ToArray().Select(BitConverter.DoubleToInt64Bits), CsvFile.Read(folder.File("n.tsv"), '\t').Values.ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.Throws<ArgumentException>(() => CsvFile.Write(folder.File("x.csv"), new CsvTable(["a"], values)));
        Assert.Throws<ArgumentException>(() => CsvFile.Write(folder.File("x.csv"), new CsvTable([], Tensor.Zeros<double>(3))));
    }

    [Theory]
    [InlineData("iris.csv", 150, 4, new[] { "setosa", "versicolor", "virginica" })]
    [InlineData("wine_data.csv", 178, 13, new[] { "class_0", "class_1", "class_2" })]
    [InlineData("breast_cancer.csv", 569, 30, new[] { "malignant", "benign" })]
    public void Reads_the_bundled_labeled_data_sets(string file, int samples, int features, string[] classes)
    {
        var path = Path.Combine(DataFolder, file);
        if (!File.Exists(path)) return; // shared data folder absent on this machine
        var table = CsvFile.ReadLabeled(path);
        Assert.Equal([samples, features], table.Features.Shape.ToArray());
        Assert.Equal([samples], table.Labels.Shape.ToArray());
        Assert.Equal(classes, table.ClassNames);
        Assert.All(table.Labels.ToArray(), l => Assert.InRange(l, 0, classes.Length - 1));
        Assert.Equal(Enumerable.Range(0, classes.Length).Select(c => (long)c), table.Labels.ToArray().Distinct().Order());
        using var reader = File.OpenText(path);
        Assert.Equal(table.Features.ToArray(), CsvFile.ReadLabeled(reader, file).Features.ToArray());
        if (file == "iris.csv")
        {
            Assert.Equal([5.1, 3.5, 1.4, 0.2], table.Features[0, ..].ToArray());
            Assert.All(Enumerable.Range(0, 3), c => Assert.Equal(50, table.Labels.ToArray().Count(l => l == c)));
        }
    }

    [Fact]
    public void Reads_the_digits_without_a_header_line()
    {
        var path = Path.Combine(DataFolder, "digits.csv.gz");
        if (!File.Exists(path)) return;
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var digits = CsvFile.ReadLabeled(reader, "digits.csv.gz", classCount: 10);
        Assert.Equal([1797, 64], digits.Features.Shape.ToArray());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), digits.ClassNames);
        Assert.All(digits.Features.ToArray(), v => Assert.True(v is >= 0 and <= 16 && v == Math.Floor(v)));
        Assert.Equal(Enumerable.Range(0, 10).Select(c => (long)c), digits.Labels.ToArray().Distinct().Order());
        Assert.Equal(digits.Labels.ToArray(), CsvFile.ReadLabeled(path, 10).Labels.ToArray());
        Assert.Throws<FileFormatException>(() => CsvFile.ReadLabeled(path));
    }

    [Theory]
    [InlineData("2,1,a,b\n1.5,0\n2.5,1\n3.5,1\n", "t.csv: line 4: more rows than the 2 samples the header declares.")]
    [InlineData("3,1,a,b\n1.5,0\n2.5,1\n", "t.csv: the header declares 3 samples but the file has 2 rows.")]
    [InlineData("2,1,a,b\n1.5,0\n2.5,2\n", "t.csv: line 3, column 2: the class '2' is not an integer in [0, 2).")]
    [InlineData("2,1,a,b\n1.5,0\n2.5,1.0\n", "t.csv: line 3, column 2: the class '1.0' is not an integer in [0, 2).")]
    [InlineData("2,1,a,b\n1.5,0\n2.5,-1\n", "t.csv: line 3, column 2: the class '-1' is not an integer in [0, 2).")]
    [InlineData("2,1,a,b\n1.5,0\n2.5,3,1\n", "t.csv: line 3: 3 fields, but the header declares 1 features and a class (for a file without that line, pass the class count).")]
    [InlineData("2,1,a,b\n1.5,0\nx,1\n", "t.csv: line 3, column 1: 'x' is not a number.")]
    [InlineData("iris,4,a\n1.5,0\n", "t.csv: line 1: expected 'n_samples,n_features,class names...' (for a file without that line, pass the class count).")]
    [InlineData("", "t.csv: the file holds no lines (it is empty or blank).")]
    public void Labeled_errors_name_the_line_and_problem(string text, string message)
        => Assert.Equal(message, Assert.Throws<FileFormatException>(() => CsvFile.ReadLabeled(new StringReader(text), "t.csv")).Message);

    [Fact]
    public void Labeled_rows_without_a_header_line_must_agree()
    {
        var table = CsvFile.ReadLabeled(new StringReader("1,2,0\r\n3,4,2\r\n"), "t.csv", classCount: 3);
        Assert.Equal([1.0, 2, 3, 4], table.Features.ToArray());
        Assert.Equal([0L, 2], table.Labels.ToArray());
        var e = Assert.Throws<FileFormatException>(() => CsvFile.ReadLabeled(new StringReader("1,2,0\n3,2\n"), "t.csv", classCount: 3));
        Assert.Equal("t.csv: line 2: 2 fields, but line 1 has 3.", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => CsvFile.ReadLabeled(new StringReader("1,0\n"), "t.csv", classCount: 0));
    }

    [Fact]
    public void Mutated_files_give_a_table_or_a_format_error()
    {
        var seeds = new[]
        {
            "a,\"b,c\",d\n1.5,-2e-3,nan\n3,4,5\n",
            "1,2,3\r\n4,5,6\r\n\r\n",
            "3,2,x,y\n1,2,0\n3,4,1\n5,6,1\n",
        }.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
        var rng = new RandomGenerator(31);
        int formatErrors = 0, successes = 0;
        for (int i = 0; i < 4000; i++)
        {
            int which = rng.NextInt(seeds.Length);
            var bytes = Mutations.Mutate(seeds[which], rng, 64, ",,,\"\"\n\r \t.-+e0123456789nainfxNI");
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            try
            {
                if (which == 2)
                {
                    var labeled = CsvFile.ReadLabeled(new StringReader(text), "fuzz.csv");
                    Assert.Equal(labeled.Labels.Length, labeled.Features.Shape[0]);
                }
                else Assert.Equal(2, Parse(text).Values.Rank);
                successes++;
            }
            catch (FileFormatException e)
            {
                Assert.StartsWith(which == 2 ? "fuzz.csv: " : "t.csv: ", e.Message);
                formatErrors++;
            }
        }
        Assert.True(formatErrors > 1000 && successes > 500, $"{formatErrors} format errors, {successes} successes");
    }
}
