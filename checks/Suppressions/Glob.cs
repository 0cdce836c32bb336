// Shell-style patterns for suppression rules: * and ?, matched against the whole value.
namespace Liballocs.Checks.Suppressions;

/// <summary>Glob matching with <c>*</c> (any run, including empty) and <c>?</c> (any one character).</summary>
public static class Glob
{
    /// <summary>True when <paramref name="pattern"/> matches all of <paramref name="value"/>.</summary>
    public static bool Matches(string pattern, string value)
    {
        int p = 0, v = 0, starP = -1, starV = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == value[v]))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starV = v;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                v = ++starV;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }

    /// <summary>True when <paramref name="pattern"/> has a wildcard.</summary>
    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;
}
