// Expanding gcc's @file arguments before anything else reads the command line.
using System.Text;

namespace Liballocs.Instrument.Driver;

/// <summary>
/// Expands <c>@file</c> arguments as gcc (libiberty's <c>expandargv</c>) does: the file's words replace the argument, and are expanded in
/// turn; a file that does not exist or cannot be read (or a directory) is left as the literal argument, for the compiler to treat as gcc
/// would. Without this, sources and <c>-D</c>/<c>-I</c> options inside a response file would go uninstrumented or unseen by libclang.
/// </summary>
internal static class ResponseFiles
{
    /// <summary>gcc gives up after this many expansions (a file that names itself); so does allocscc.</summary>
    private const int ExpansionLimit = 2000;

    /// <summary>The arguments with every readable <c>@file</c> replaced by its words, recursively.</summary>
    public static List<string> Expand(IReadOnlyList<string> args)
    {
        var result = new List<string>(args);
        int expansions = 0;
        for (int i = 0; i < result.Count; i++)
        {
            string a = result[i];
            if (a.Length < 2 || a[0] != '@' || expansions >= ExpansionLimit)
            {
                continue;
            }

            string path = a[1..];
            string text;
            try
            {
                if (!File.Exists(path))
                {
                    continue; // gcc passes it on literally
                }

                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            expansions++;
            result.RemoveAt(i);
            result.InsertRange(i, Split(text));
            i--; // the first inserted word may be a response file itself
        }

        return result;
    }

    /// <summary>
    /// Splits a response file into words as libiberty's <c>buildargv</c> does: whitespace separates words, single and double quotes group,
    /// and a backslash takes the next character literally everywhere, inside quotes too (unlike a POSIX shell).
    /// </summary>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false, escaped = false;
        char quote = '\0';
        foreach (char c in text)
        {
            if (escaped)
            {
                escaped = false;
                word.Append(c);
            }
            else if (c == '\\')
            {
                escaped = true;
                inWord = true;
            }
            else if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                inWord = true;
                if (c is '\'' or '"')
                {
                    quote = c;
                }
                else
                {
                    word.Append(c);
                }
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
