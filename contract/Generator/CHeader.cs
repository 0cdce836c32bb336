// What the contract's C headers define that C# needs too, read from the header text. The headers are ours and written in a
// few plain forms (one #define or enumerator a line, comments after them); this reads those forms only, and says what it
// skipped. No C parser is at hand inside the compiler (libclang is the instrumenter's, not the build's), hence by hand.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Liballocs.Contract.Generator;

/// <summary>An integer a header defines: its C name, value, C# type ("int", "uint" or "ulong") and comment.</summary>
internal sealed record CInteger(string Name, ulong Value, string Type, string Comment, int Line);

/// <summary>A C enumeration: its tag, its enumerators in order (value and comment each) and the comment before it.</summary>
internal sealed record CEnum(string Tag, IReadOnlyList<CInteger> Enumerators, int Line);

/// <summary>One row of an X-macro table <c>#define NAME(X) X(IDENT, value, "text") ...</c>.</summary>
internal sealed record CTableRow(string Ident, ulong Value, string Text, string Comment);

/// <summary>An X-macro table: its macro's name and rows.</summary>
internal sealed record CTable(string Name, IReadOnlyList<CTableRow> Rows, int Line);

/// <summary>The definitions of one header the generator understands, and what it could not read (as "line: why").</summary>
internal sealed class CHeader
{
    private static readonly Regex Define = new(@"^\s*#\s*define\s+([A-Za-z_]\w*)(\(\s*([A-Za-z_]\w*)\s*\))?(.*)$");
    private static readonly Regex IntegerLiteral = new(@"^(~?)(0[xX][0-9a-fA-F]+|[0-9]+)([uUlL]*)$");
    private static readonly Regex EnumStart = new(@"^\s*enum\s+([A-Za-z_]\w*)\s*(\{)?\s*$");
    private static readonly Regex Enumerator = new(@"^\s*([A-Za-z_]\w*)\s*(?:=\s*([^,/]+?))?\s*(,)?\s*(/\*.*)?$");
    private static readonly Regex TableUse = new(@"^\s*[A-Z][A-Z0-9_]*\(\s*[A-Za-z_]\w*\s*\)\s*$");
    private static readonly Regex ContinuationStar = new(@"^\s*\*(?!/)");
    private static readonly Regex TableRow = new(@"^\s*X\(\s*([A-Za-z_]\w*)\s*,\s*([^,]+?)\s*,\s*""([^""\\]*)""\s*\)\s*(/\*.*?\*/)?\s*\\?\s*$");

    /// <summary>Integer object-like macros, in order.</summary>
    public List<CInteger> Integers { get; } = [];

    /// <summary>Enumerations whose enumerators are written out (not expanded from a table).</summary>
    public List<CEnum> Enums { get; } = [];

    /// <summary>X-macro tables.</summary>
    public List<CTable> Tables { get; } = [];

    /// <summary>Definitions that looked like one of the forms but could not be read: "line N: why".</summary>
    public List<string> Skipped { get; } = [];

    /// <summary>Reads the header text <paramref name="text"/>.</summary>
    public static CHeader Parse(string text)
    {
        var header = new CHeader();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var define = Define.Match(line);
            if (define.Success)
            {
                if (define.Groups[2].Success)
                    i = header.ReadTable(lines, i, define.Groups[1].Value, define.Groups[3].Value);
                else
                    i = header.ReadInteger(lines, i, define.Groups[1].Value, define.Groups[4].Value);
                continue;
            }
            var enumStart = EnumStart.Match(line);
            if (enumStart.Success)
                i = header.ReadEnum(lines, i, enumStart.Groups[1].Value, enumStart.Groups[2].Success);
        }
        return header;
    }

    // An object-like #define: kept when its value is an integer literal; the comment after it may go on for several lines.
    private int ReadInteger(string[] lines, int i, string name, string rest)
    {
        var (value, comment, last) = SplitComment(lines, i, rest);
        if (value.EndsWith("\\", StringComparison.Ordinal))
            return last;   // a multi-line macro body: not a constant
        if (TryInteger(value, out var v, out var type))
            Integers.Add(new CInteger(name, v, type, comment, i + 1));
        else if (name.IndexOf("_F_", StringComparison.Ordinal) > 0)
            Skipped.Add($"line {i + 1}: flag {name}'s value is not an integer literal");   // its family would lack it
        return last;
    }

    // `enum tag` (with its `{` on the same line or the next) up to `};`, one enumerator a line.
    private int ReadEnum(string[] lines, int i, string tag, bool braceSeen)
    {
        var start = i;
        var enumerators = new List<CInteger>();
        ulong next = 0;
        var readable = true;
        string? unreadable = null;
        for (i++; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!braceSeen)
            {
                if (line == "{")
                {
                    braceSeen = true;
                    continue;
                }
                return start;   // a declaration, not a definition
            }
            if (line.StartsWith("}", StringComparison.Ordinal))
                break;
            if (line.Length == 0 || line.StartsWith("/*", StringComparison.Ordinal) || line.StartsWith("*", StringComparison.Ordinal))
                continue;
            var m = Enumerator.Match(line);
            if (!m.Success)
            {
                readable = false;
                // Enumerators expanded from an X-macro table (`TABLE(ROW)`, with the #define and #undef of ROW around it) are the
                // table's, which has its C# side; anything else (#if, two enumerators on a line) is not read.
                if (!TableUse.IsMatch(line) && !line.StartsWith("#define", StringComparison.Ordinal)
                    && !line.StartsWith("#undef", StringComparison.Ordinal))
                    unreadable ??= $"line {i + 1}: enum {tag} has a line that is not one enumerator (NAME = value, /* comment */)";
                continue;
            }
            var value = next;
            var type = "uint";
            if (m.Groups[2].Success && !TryInteger(m.Groups[2].Value.Trim(), out value, out type))
            {
                Skipped.Add($"line {i + 1}: enumerator {m.Groups[1].Value}'s value is not an integer literal");
                readable = false;
                continue;
            }
            var (_, comment, last) = m.Groups[4].Success ? SplitComment(lines, i, m.Groups[4].Value) : ("", "", i);
            enumerators.Add(new CInteger(m.Groups[1].Value, value, type, comment, i + 1));
            next = value + 1;
            i = last;
        }
        if (readable && enumerators.Count > 0)
            Enums.Add(new CEnum(tag, enumerators, start + 1));
        else if (unreadable is not null)
            Skipped.Add(unreadable);
        return i;
    }

    // `#define NAME(X) \` followed by rows `X(IDENT, value, "text") /* comment */ \`, the last without the backslash.
    private int ReadTable(string[] lines, int i, string name, string parameter)
    {
        var start = i;
        var rows = new List<CTableRow>();
        if (parameter != "X" || !lines[i].TrimEnd().EndsWith("\\", StringComparison.Ordinal))
            return i;   // a function-like macro, not a table
        for (i++; i < lines.Length; i++)
        {
            var m = TableRow.Match(lines[i]);
            if (!m.Success || !TryInteger(m.Groups[2].Value, out var value, out _))
            {
                Skipped.Add($"line {i + 1}: a row of table {name} is not X(NAME, integer, \"text\")");
                return i;
            }
            var comment = m.Groups[4].Success ? CleanComment(m.Groups[4].Value) : "";
            rows.Add(new CTableRow(m.Groups[1].Value, value, m.Groups[3].Value, comment));
            if (!lines[i].TrimEnd().EndsWith("\\", StringComparison.Ordinal))
                break;
        }
        Tables.Add(new CTable(name, rows, start + 1));
        return i;
    }

    // The code before a comment on line i (from `rest`), and the comment's text, which may run on to later lines: with the
    // index of the comment's last line.
    private static (string Code, string Comment, int Last) SplitComment(string[] lines, int i, string rest)
    {
        var open = rest.IndexOf("/*", StringComparison.Ordinal);
        if (open < 0)
            return (rest.Trim(), "", i);
        var code = rest.Substring(0, open).Trim();
        var comment = new StringBuilder(rest.Substring(open + 2));
        var last = i;
        while (comment.ToString().IndexOf("*/", StringComparison.Ordinal) < 0 && last + 1 < lines.Length)
            comment.Append(' ').Append(ContinuationStar.Replace(lines[++last], ""));
        return (code, CleanComment("/*" + comment), last);
    }

    // A comment's words on one line: without its delimiters, the leading stars of its continuation lines, and extra spaces.
    private static string CleanComment(string comment)
    {
        var text = comment;
        var close = text.IndexOf("*/", StringComparison.Ordinal);
        if (close >= 0)
            text = text.Substring(0, close);
        if (text.StartsWith("/*", StringComparison.Ordinal))
            text = text.Substring(2);
        return Regex.Replace(text, @"\s+", " ").Trim();
    }

    // A C integer literal (hex or decimal, suffixes u/l in any mix), or ~ of one: its value and the C# type it fits as written.
    private static bool TryInteger(string text, out ulong value, out string type)
    {
        value = 0;
        type = "int";
        var m = IntegerLiteral.Match(text.Trim().Trim('(', ')'));
        if (!m.Success)
            return false;
        var digits = m.Groups[2].Value;
        var hex = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        var octal = !hex && digits.Length > 1 && digits[0] == '0';
        bool parsed;
        if (hex)
            parsed = ulong.TryParse(digits.Substring(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);
        else if (octal)
        {
            parsed = digits.All(c => c >= '0' && c <= '7');
            value = 0;
            foreach (var c in digits)
            {
                parsed &= value >> 61 == 0;   // the next digit would overflow 64 bits
                value = value * 8 + (ulong)(c - '0');
            }
        }
        else
            parsed = ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!parsed)
            return false;
        // C's types of a literal: an unsuffixed decimal too big for int is long; a hex or octal one may be unsigned int first.
        var suffix = m.Groups[3].Value.ToLowerInvariant();
        var isLong = suffix.Contains("l") || value > uint.MaxValue || (value > int.MaxValue && !suffix.Contains("u") && !hex && !octal);
        var isUnsigned = suffix.Contains("u") || (value > int.MaxValue && !isLong);
        type = isLong ? "ulong" : isUnsigned ? "uint" : "int";
        if (m.Groups[1].Value == "~")
        {
            if (!isUnsigned && !isLong)
                return false;   // ~ of a signed int is negative: not a form the contract uses
            value = isLong ? ~value : ~value & uint.MaxValue;
        }
        return true;
    }
}
