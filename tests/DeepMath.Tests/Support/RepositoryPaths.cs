namespace DeepMath.Tests.Support;

/// <summary>Where the repository's files are, found from the test binaries.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding DeepMath.slnx.</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DeepMath.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("The repository root (DeepMath.slnx) was not found above the test binaries.");
        }
    }
}
