// Where the repository is: the tool runs from artifacts/, scripts live in corpus/.
namespace Liballocs.Cli;

/// <summary>Finds the repository root.</summary>
public static class Repository
{
    /// <summary>The first directory above this program's files, then above the current directory, that
    /// holds corpus/real/lib.sh; null when neither is inside the repository.</summary>
    public static string? Root()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "corpus", "real", "lib.sh")))
                    return dir.FullName;
            }
        }
        return null;
    }

    /// <summary><see cref="Root"/>, or null after saying on stderr that it was not found.</summary>
    public static string? RootOrSayWhy()
    {
        var root = Root();
        if (root is null)
            Console.Error.WriteLine("liballocs: cannot find the repository (corpus/real/lib.sh) above this program or the current directory");
        return root;
    }
}
