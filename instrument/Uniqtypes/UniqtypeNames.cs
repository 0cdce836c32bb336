// liballocs names of base types and anonymous types.
using System.Text;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Uniqtypes;

/// <summary>The liballocs spellings of type names that do not depend on tags.</summary>
internal static class UniqtypeNames
{
    /// <summary>Prefix of every uniqtype's symbol.</summary>
    public const string SymbolPrefix = "__uniqtype__";

    /// <summary>
    /// Name of a built-in type: <c>signed_char$8</c> for char and signed char, <c>unsigned_char$8</c>,
    /// <c>int$N</c> / <c>uint$N</c> for other integers, <c>bool$8</c>, <c>float$N</c> (long double is
    /// <c>float$128</c> on x86-64); the rarer floating types get names of their own so they never
    /// collide with float, double or long double.
    /// </summary>
    public static string Base(CBuiltinType type)
    {
        long bits = type.Size.GetValueOrDefault() * 8;
        return type.Kind switch
        {
            BuiltinKind.Bool => $"bool${bits}",
            BuiltinKind.Char or BuiltinKind.SignedChar => $"signed_char${bits}",
            BuiltinKind.CharUnsigned or BuiltinKind.UnsignedChar => $"unsigned_char${bits}",
            BuiltinKind.Float or BuiltinKind.Double or BuiltinKind.LongDouble or BuiltinKind.Float16 => $"float${bits}",
            BuiltinKind.Float128 => $"float128${bits}",
            BuiltinKind.Half => $"fp16${bits}",
            BuiltinKind.BFloat16 => $"bfloat${bits}",
            _ when type.IsSigned => $"int${bits}",
            _ => $"uint${bits}",
        };
    }

    /// <summary>Name of an untagged, un-typedef'd struct/union/enum: <c>__ANON_&lt;file&gt;_&lt;line&gt;_&lt;column&gt;</c>,
    /// stable across translation units that include the same header.</summary>
    public static string Anonymous(DeclarationPlace place) => $"__ANON_{SanitizedBaseName(place.File)}_{place.Line}_{place.Column}";

    /// <summary>A file's base name with every character other than letters, digits and '_' replaced by '_'.</summary>
    public static string SanitizedBaseName(string file) => Sanitize(Path.GetFileName(file));

    /// <summary><paramref name="text"/> with every character other than ASCII letters, digits and '_' replaced by '_'.</summary>
    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return builder.ToString();
    }
}
