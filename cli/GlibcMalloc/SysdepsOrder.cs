// The order in which glibc's build searches its sysdeps directories for a header, derived from the source tree's own
// Implies files as glibc's configure derives it, so a new glibc version brings its own order.
namespace Liballocs.Cli.GlibcMalloc;

/// <summary>The header search path of a glibc source tree for one target.</summary>
public static class SysdepsOrder
{
    /// <summary>Directories relative to <paramref name="glibcTree"/>, searched first to last: <c>include</c>, then the
    /// sysdeps directories for <paramref name="machine"/> (e.g. "x86_64") on Linux, each followed depth-first by what its
    /// <c>Implies</c> file names, then <c>sysdeps/generic</c>, then the tree's top (for paths like
    /// <c>malloc/malloc-internal.h</c>). Only directories that exist are listed.</summary>
    public static IReadOnlyList<string> For(string glibcTree, string machine)
    {
        var order = new List<string> { "include" };
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Add(string dir)
        {
            if (!Directory.Exists(Path.Combine(glibcTree, "sysdeps", dir)) || !seen.Add(dir))
                return;
            order.Add("sysdeps/" + dir);
            var implies = Path.Combine(glibcTree, "sysdeps", dir, "Implies");
            if (!File.Exists(implies))
                return;
            foreach (var line in File.ReadLines(implies))
            {
                var implied = line.Split('#')[0].Trim();
                if (implied.Length > 0)
                    Add(implied);
            }
        }

        // configure's candidates: operating system variants (most specific first) crossed with machine variants.
        string[] systems = ["unix/sysv/linux", "unix/sysv", "unix", ""];
        string[] machines = [$"{machine}/64", machine, ""];
        foreach (var os in systems)
        {
            foreach (var m in machines)
            {
                var dir = string.Join('/', new[] { os, m }.Where(p => p.Length > 0));
                if (dir.Length > 0)
                    Add(dir);
            }
        }
        Add("generic");
        order.Add(".");
        return order;
    }
}
