// Pointing -MD/-MMD dependency files back at the original sources.
using System.Text;
using Liballocs.Instrument.Diagnostics;

namespace Liballocs.Instrument.Driver;

/// <summary>
/// Corrects the dependency files that <c>-MD</c>/<c>-MMD</c> write: the compiler saw the instrumented
/// copy, so it lists that copy's temporary path where the original source belongs.
/// </summary>
internal static class DependencyFiles
{
    /// <summary>
    /// Where gcc 12 writes the dependency file for <paramref name="source"/>: the <c>-MF</c> file (or kbuild's <c>-Wp,-MD,FILE</c>); else,
    /// compiling only, the <c>-o</c> file or the source's base name in the current directory, with a <c>.d</c> suffix; when linking in
    /// one step, the output's name with a <c>.d</c> suffix (<c>prog.d</c> for <c>-o prog</c>, every source writing it in turn), or without
    /// <c>-o</c> <c>a-name.d</c> when several sources are compiled and <c>name.d</c> when one is. The most likely comes first.
    /// </summary>
    public static IEnumerable<string> Candidates(CompilerCommandLine line, string source)
    {
        if (line.DependencyFile is string explicitFile)
        {
            yield return explicitFile;
            yield break;
        }

        string stem = Path.GetFileNameWithoutExtension(source);
        if (line.StopsBeforeLinking)
        {
            yield return line.Output is string output ? Path.ChangeExtension(output, ".d") : stem + ".d";
            yield break;
        }

        if (line.Output is string linked)
        {
            yield return Path.ChangeExtension(linked, ".d");
            yield break;
        }

        yield return $"a-{stem}.d";
        yield return stem + ".d";
    }

    /// <summary>
    /// Replaces <paramref name="copy"/> by <paramref name="original"/> in the dependency file, if the compiler wrote one. Where gcc named
    /// the file and its target after the copy (linking without <c>-o</c>), the file is moved to, and its target renamed to, what the
    /// original would have given.
    /// </summary>
    public static void Fix(CompilerCommandLine line, string original, string copy, DiagnosticBag diagnostics)
    {
        // Compiling only, allocscc passes -o with the original's name, so gcc already names the file after the original.
        foreach ((string written, string wanted) in Candidates(line, line.StopsBeforeLinking ? original : copy).Zip(Candidates(line, original)))
        {
            try
            {
                if (!File.Exists(written))
                {
                    continue;
                }

                string text = File.ReadAllText(written);
                string escapedCopy = MakeEscape(copy);
                if (!text.Contains(escapedCopy, StringComparison.Ordinal))
                {
                    continue;
                }

                text = text.Replace(escapedCopy, MakeEscape(original), StringComparison.Ordinal);
                if (written != wanted)
                {
                    string copyTarget = MakeEscape(Path.GetFileNameWithoutExtension(copy) + ".o:");
                    if (text.StartsWith(copyTarget, StringComparison.Ordinal))
                    {
                        text = MakeEscape(Path.GetFileNameWithoutExtension(original) + ".o:") + text[copyTarget.Length..];
                    }

                    File.Delete(written);
                }

                File.WriteAllText(wanted, text);
                return;
            }
            catch (IOException e)
            {
                diagnostics.Add(DiagnosticDescriptors.DependencyFileNotFixed, $"cannot correct the dependency file ({e.Message})", written);
                return;
            }
            catch (UnauthorizedAccessException e)
            {
                diagnostics.Add(DiagnosticDescriptors.DependencyFileNotFixed, $"cannot correct the dependency file ({e.Message})", written);
                return;
            }
        }
    }

    /// <summary>A path spelled as gcc writes it in a make rule (spaces and '#' escaped, '$' doubled).</summary>
    public static string MakeEscape(string path)
    {
        var text = new StringBuilder(path.Length);
        foreach (char c in path)
        {
            switch (c)
            {
                case ' ': text.Append("\\ "); break;
                case '#': text.Append("\\#"); break;
                case '$': text.Append("$$"); break;
                default: text.Append(c); break;
            }
        }

        return text.ToString();
    }
}
