// Golden files: expected text kept under tests/Liballocs.Tests/Baselines, rewritten on request.
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Instrument;

/// <summary>
/// Compares text with a baseline file; with <c>UPDATE_BASELINES=1</c> in the environment, writes
/// the text as the new baseline instead (review the diff, then commit it).
/// </summary>
internal static class Baseline
{
    /// <summary>The folder of baselines in the source tree.</summary>
    public static string Directory => Path.Combine(Repo.Root, "tests", "Liballocs.Tests", "Baselines");

    /// <summary>Asserts that <paramref name="actual"/> equals the baseline <paramref name="name"/> (a file name).</summary>
    public static void Verify(string name, string actual)
    {
        string path = Path.Combine(Directory, name);
        if (Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1")
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"no baseline {path}; run the tests with UPDATE_BASELINES=1 to create it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
