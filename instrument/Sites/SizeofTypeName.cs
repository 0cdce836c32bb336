// Reading the type in sizeof(type-name) from its tokens.
using System.Globalization;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Sites;

/// <summary>
/// Reads the type named in <c>sizeof(type-name)</c> from its tokens. clang's C API exposes no type
/// for that operand (<c>sizeof(int)</c> has no child cursor at all), so allocscc parses the common
/// forms itself: specifiers and qualifiers, a typedef name or tag (resolved through the TypeRef
/// children clang does give), then <c>*</c>s and constant <c>[n]</c>s. Anything else (function
/// types, <c>typeof</c>, parenthesised declarators) is not understood and yields null.
/// </summary>
internal static class SizeofTypeName
{
    private static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal)
    {
        "const", "volatile", "restrict", "__restrict", "__restrict__", "__const", "__const__", "__volatile", "__volatile__",
        "_Atomic", "__extension__",
    };

    private static readonly HashSet<string> BuiltinWords = new(StringComparer.Ordinal)
    {
        "void", "char", "short", "int", "long", "float", "double", "signed", "__signed", "__signed__", "unsigned", "_Bool", "bool",
        "_Complex", "__complex__", "__int128", "_Float16", "__float128", "_Float128", "__bf16",
    };

    /// <summary>
    /// The operand type of a <c>sizeof</c> whose tokens are <paramref name="tokens"/> (starting with
    /// <c>sizeof</c>); <paramref name="namedTypes"/> are the types of its TypeRef children in order.
    /// Returns null when the tokens are not a parenthesised type name this parser understands.
    /// </summary>
    public static CType? Parse(IReadOnlyList<string> tokens, IReadOnlyList<CType> namedTypes, DataModel dataModel)
    {
        if (tokens.Count < 4 || tokens[0] != "sizeof" || tokens[1] != "(" || tokens[^1] != ")")
        {
            return null;
        }

        int position = 2;
        int end = tokens.Count - 1;
        var words = new List<string>();
        CType? named = null;
        int namedIndex = 0;
        while (position < end)
        {
            string token = tokens[position];
            if (Qualifiers.Contains(token))
            {
                position++;
            }
            else if (BuiltinWords.Contains(token))
            {
                words.Add(token);
                position++;
            }
            else if (token is "struct" or "union" or "enum" && position + 1 < end && IsIdentifier(tokens[position + 1]))
            {
                if (named is not null || namedIndex >= namedTypes.Count)
                {
                    return null;
                }

                named = namedTypes[namedIndex++];
                position += 2;
            }
            else if (IsIdentifier(token) && named is null && words.Count == 0)
            {
                if (namedIndex >= namedTypes.Count)
                {
                    return null;
                }

                named = namedTypes[namedIndex++];
                position++;
            }
            else
            {
                break;
            }
        }

        CType? type = named ?? Builtin(words, dataModel);
        if (type is null || (named is not null && words.Count > 0))
        {
            return null;
        }

        while (position < end && (tokens[position] == "*" || Qualifiers.Contains(tokens[position])))
        {
            if (tokens[position] == "*")
            {
                type = dataModel.PointerTo(type);
            }

            position++;
        }

        var dimensions = new List<long>();
        while (position + 2 < end && tokens[position] == "[" && tokens[position + 2] == "]" && ParseInteger(tokens[position + 1]) is long n)
        {
            dimensions.Add(n);
            position += 3;
        }

        if (position != end)
        {
            return null;
        }

        for (int i = dimensions.Count - 1; i >= 0; i--)
        {
            long? size = type.Size is long elementSize ? elementSize * dimensions[i] : null;
            type = new CArrayType(type, ArrayLength.Constant, dimensions[i], isVector: false, size);
        }

        return type;
    }

    private static CType? Builtin(List<string> words, DataModel model)
    {
        if (words.Count == 0)
        {
            return null;
        }

        int Count(string word) => words.Count(w => w == word);
        bool isUnsigned = Count("unsigned") > 0;
        bool isSigned = Count("signed") + Count("__signed") + Count("__signed__") > 0;
        bool isComplex = Count("_Complex") + Count("__complex__") > 0;
        int longs = Count("long");
        BuiltinKind? kind =
            Count("void") > 0 ? null
            : Count("_Bool") + Count("bool") > 0 ? BuiltinKind.Bool
            : Count("char") > 0 ? (isUnsigned ? BuiltinKind.UnsignedChar : isSigned ? BuiltinKind.SignedChar : model.PlainChar)
            : Count("short") > 0 ? (isUnsigned ? BuiltinKind.UnsignedShort : BuiltinKind.Short)
            : Count("__int128") > 0 ? (isUnsigned ? BuiltinKind.UnsignedInt128 : BuiltinKind.Int128)
            : Count("float") > 0 ? BuiltinKind.Float
            : Count("double") > 0 ? (longs > 0 ? BuiltinKind.LongDouble : BuiltinKind.Double)
            : Count("_Float16") > 0 ? BuiltinKind.Float16
            : Count("__float128") + Count("_Float128") > 0 ? BuiltinKind.Float128
            : Count("__bf16") > 0 ? BuiltinKind.BFloat16
            : longs >= 2 ? (isUnsigned ? BuiltinKind.UnsignedLongLong : BuiltinKind.LongLong)
            : longs == 1 ? (isUnsigned ? BuiltinKind.UnsignedLong : BuiltinKind.Long)
            : isUnsigned ? BuiltinKind.UnsignedInt
            : BuiltinKind.Int;
        if (kind is null)
        {
            return words.Count == 1 ? CVoidType.Instance : null;
        }

        CBuiltinType builtin = model.Builtin(kind.Value);
        if (!isComplex)
        {
            return builtin;
        }

        return builtin.IsFloatingPoint ? new CComplexType(builtin, builtin.Size.GetValueOrDefault() * 2) : null;
    }

    private static bool IsIdentifier(string token) =>
        token.Length > 0 && (char.IsAsciiLetter(token[0]) || token[0] == '_') && token.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$');

    private static long? ParseInteger(string token)
    {
        string digits = token.TrimEnd('u', 'U', 'l', 'L');
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return long.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long hex) ? hex : null;
        }

        if (digits.Length > 1 && digits[0] == '0')
        {
            long value = 0;
            foreach (char c in digits)
            {
                if (c is < '0' or > '7')
                {
                    return null;
                }

                value = (value * 8) + (c - '0');
            }

            return value;
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long decimalValue) ? decimalValue : null;
    }
}
