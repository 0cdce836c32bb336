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
    /// Where the compiler writes the dependency file for <paramref name="source"/>: the <c>-MF</c>
    /// file; else, compiling only, the <c>-o</c> file or the source's base name in the current
    /// directory with a <c>.d</c> suffix; when linking, gcc names it after the output and the source.
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

        string outputStem = line.Output is string linked ? Path.ChangeExtension(linked, null) : "a";
        yield return $"{outputStem}-{stem}.d";
        yield return stem + ".d";
    }

    /// <summary>Replaces <paramref name="copy"/> by <paramref name="original"/> in the dependency file, if the compiler wrote one.</summary>
    public static void Fix(CompilerCommandLine line, string original, string copy, DiagnosticBag diagnostics)
    {
        foreach (string file in Candidates(line, original))
        {
            try
            {
                if (!File.Exists(file))
                {
                    continue;
                }

                string text = File.ReadAllText(file);
                string escapedCopy = MakeEscape(copy);
                if (!text.Contains(escapedCopy, StringComparison.Ordinal))
                {
                    continue;
                }

                File.WriteAllText(file, text.Replace(escapedCopy, MakeEscape(original), StringComparison.Ordinal));
                return;
            }
            catch (IOException e)
            {
                diagnostics.Add(DiagnosticDescriptors.DependencyFileNotFixed, $"cannot correct the dependency file ({e.Message})", file);
                return;
            }
            catch (UnauthorizedAccessException e)
            {
                diagnostics.Add(DiagnosticDescriptors.DependencyFileNotFixed, $"cannot correct the dependency file ({e.Message})", file);
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
