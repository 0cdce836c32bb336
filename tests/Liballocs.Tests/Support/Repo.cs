// Paths of the repository and its built artifacts, for tests that run the real tools.
namespace Liballocs.Tests.Support;

/// <summary>Locates the repository root (the folder holding liballocs.sln) and what bin/setup built.</summary>
public static class Repo
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>bin/allocscc, the wrapper users run.</summary>
    public static string Allocscc => Path.Combine(Root, "bin", "allocscc");

    /// <summary>artifacts/lib, where the runtime libraries are built.</summary>
    public static string Lib => Path.Combine(Root, "artifacts", "lib");

    /// <summary>The contract's headers (allocs.h, uniqtype.h, liballocs_meta.h, liballocs_checks.h, shim_api.h).</summary>
    public static string Include => Path.Combine(Root, "contract", "include");

    /// <summary>The corpus of C programs.</summary>
    public static string Corpus => Path.Combine(Root, "corpus");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "liballocs.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the repository root (liballocs.sln) above " + AppContext.BaseDirectory);
    }
}
