// Spelling strings and numbers as C literals.
using System.Globalization;
using System.Text;

namespace Liballocs.Instrument.Emit;

/// <summary>Spells values as C source.</summary>
internal static class CLiteral
{
    /// <summary>
    /// A C string literal for <paramref name="value"/> (UTF-8), escaping quotes, backslashes, '?'
    /// (no trigraphs) and every byte outside printable ASCII as three-digit octal.
    /// </summary>
    public static string String(string? value)
    {
        if (value is null)
        {
            return "0";
        }

        var text = new StringBuilder("\"");
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            switch (b)
            {
                case (byte)'"': text.Append("\\\""); break;
                case (byte)'\\': text.Append("\\\\"); break;
                case (byte)'?': text.Append("\\?"); break;
                case >= 0x20 and < 0x7f: text.Append((char)b); break;
                default: text.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0')); break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>An unsigned long constant, e.g. <c>42ul</c>.</summary>
    public static string UnsignedLong(ulong value) => value.ToString(CultureInfo.InvariantCulture) + "ul";

    /// <summary>An unsigned constant, e.g. <c>42u</c>.</summary>
    public static string Unsigned(ulong value) => value.ToString(CultureInfo.InvariantCulture) + "u";

    /// <summary>A long long constant, spelled so that the most negative value is valid C.</summary>
    public static string LongLong(long value) => value == long.MinValue
        ? "(-9223372036854775807ll - 1)"
        : value.ToString(CultureInfo.InvariantCulture) + "ll";

    /// <summary>A <c>#line</c> file name (a string literal).</summary>
    public static string LineFile(string path) => String(path);
}
