// The order in which glibc's build searches its sysdeps directories for a header, derived from the source tree's own
// Implies files as glibc's configure derives it, so a new glibc version brings its own order. For x86_64 this gives
// configure's list but for the fpu and multiarch directories, which configure options add and which hold no header the
// allocator uses.
namespace Liballocs.Cli.GlibcMalloc;

/// <summary>The header search path of a glibc source tree for one target.</summary>
public static class SysdepsOrder
{
    /// <summary>Directories relative to <paramref name="glibcTree"/>, searched first to last: <c>include</c>, then the
    /// sysdeps directories for <paramref name="machine"/> (e.g. "x86_64") on Linux, each preceded by what its
    /// <c>Implies-before</c> file names and followed depth-first by what its <c>Implies</c> file names, then those named
    /// by <c>Implies-after</c> files, then the parents of all of them, then <c>sysdeps/generic</c>, then the tree's top
    /// (for paths like <c>malloc/malloc-internal.h</c>). Only directories that exist are listed.</summary>
    public static IReadOnlyList<string> For(string glibcTree, string machine)
    {
        var order = new List<string> { "include" };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var after = new List<string>();

        IEnumerable<string> Listed(string dir, string file)
        {
            var path = Path.Combine(glibcTree, "sysdeps", dir, file);
            return File.Exists(path)
                ? File.ReadLines(path).Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0)
                : [];
        }

        void Add(string dir)
        {
            if (!Directory.Exists(Path.Combine(glibcTree, "sysdeps", dir)) || seen.Contains(dir))
                return;
            foreach (var before in Listed(dir, "Implies-before"))
                Add(before);
            seen.Add(dir);
            order.Add("sysdeps/" + dir);
            foreach (var implied in Listed(dir, "Implies"))
                Add(implied);
            after.AddRange(Listed(dir, "Implies-after"));
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
        // Then what asked to come after everything (Implies-after), then the parents of every directory so far
        // (ieee754 for ieee754/dbl-64), as configure appends them.
        foreach (var dir in after)
            Add(dir);
        foreach (var dir in order.Where(d => d.StartsWith("sysdeps/", StringComparison.Ordinal)).ToList())
        {
            for (var parent = Path.GetDirectoryName(dir["sysdeps/".Length..]); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
                Add(parent);
        }
        Add("generic");
        order.Add(".");
        return order;
    }
}
