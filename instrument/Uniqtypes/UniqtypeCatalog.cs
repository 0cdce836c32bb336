// The uniqtypes a translation unit emits, closed over what they refer to, uniquely named.
using System.Text;
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Uniqtypes;

/// <summary>
/// The uniqtypes one translation unit emits: every type added, and recursively every type it refers
/// to (members, pointees, elements, parameters, return types, underlying types, and each integer's
/// signed/unsigned counterpart). Names are unique within the catalog: when two different records or
/// enumerations would share a name, the later one is renamed (LA1006) so the emitted symbols never clash.
/// </summary>
internal sealed class UniqtypeCatalog
{
    private readonly Dictionary<string, Uniqtype> byName = new(StringComparer.Ordinal);
    private readonly List<Uniqtype> inOrder = [];
    private readonly Dictionary<CType, string> tagNames = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> takenTagNames = new(StringComparer.Ordinal);
    private readonly DiagnosticBag diagnostics;

    /// <summary>Creates an empty catalog reporting renames to <paramref name="diagnostics"/>.</summary>
    public UniqtypeCatalog(DiagnosticBag diagnostics) => this.diagnostics = diagnostics;

    /// <summary>Every uniqtype in the order it was first added.</summary>
    public IReadOnlyList<Uniqtype> All => inOrder;

    /// <summary>The uniqtype of <paramref name="type"/>, adding it and everything it refers to.</summary>
    public Uniqtype Add(CType type)
    {
        string name = NameOf(type);
        if (byName.TryGetValue(name, out Uniqtype? known))
        {
            return known;
        }

        switch (type)
        {
            case CVoidType:
                return Register(new Uniqtype(name, UniqtypeKind.Void, UniqtypeFlags.None, 0, isDefined: true));
            case CBuiltinType builtin:
            {
                Uniqtype u = Register(new Uniqtype(name, UniqtypeKind.Base, BaseFlags(builtin), (ulong?)builtin.Size, isDefined: true));
                if (builtin.Counterpart is CBuiltinType counterpart)
                {
                    u.Related = Add(counterpart);
                }

                return u;
            }

            case CComplexType complex:
                return Register(new Uniqtype(name, UniqtypeKind.Base,
                    UniqtypeFlags.Complex | (complex.Element.IsFloatingPoint ? UniqtypeFlags.Float : UniqtypeFlags.None)
                        | (complex.Element.IsSigned ? UniqtypeFlags.Signed : UniqtypeFlags.None),
                    (ulong?)complex.Size, isDefined: true));
            case CPointerType pointer:
            {
                Uniqtype u = Register(new Uniqtype(name, UniqtypeKind.Address, UniqtypeFlags.None, (ulong?)pointer.Size, isDefined: true));
                u.Target = Add(pointer.Pointee);
                return u;
            }

            case CArrayType array:
            {
                bool counted = array.Length == ArrayLength.Constant;
                Uniqtype u = Register(new Uniqtype(name, UniqtypeKind.Array, counted ? UniqtypeFlags.None : UniqtypeFlags.UnknownLength,
                    counted ? (ulong?)array.Size : null, isDefined: true) { ArrayCount = counted ? (ulong)array.Count : 0 });
                u.Target = Add(array.Element);
                return u;
            }

            case CFunctionType function:
            {
                UniqtypeFlags flags = (function.IsVariadic ? UniqtypeFlags.Variadic : UniqtypeFlags.None)
                    | (function.HasPrototype ? UniqtypeFlags.None : UniqtypeFlags.NoPrototype);
                Uniqtype u = Register(new Uniqtype(name, UniqtypeKind.Subprogram, flags, null, isDefined: true));
                u.Target = Add(function.Result);
                u.Members = [.. function.Parameters.Select(p => new UniqtypeMember(null, 0, 0, 0, Add(p)))];
                return u;
            }

            case CRecordType record:
            {
                UniqtypeFlags flags = (record.IsUnion ? UniqtypeFlags.Union : UniqtypeFlags.None)
                    | (record.IsComplete ? UniqtypeFlags.None : UniqtypeFlags.Incomplete);
                Uniqtype u = Register(new Uniqtype(name, UniqtypeKind.Composite, flags, (ulong?)record.Size, record.IsComplete));
                u.Members = [.. record.Fields.Select(MemberOf)];
                return u;
            }

            case CEnumType enumeration:
            {
                Uniqtype u = Register(new Uniqtype(name, UniqtypeKind.Enumeration,
                    enumeration.IsComplete ? UniqtypeFlags.None : UniqtypeFlags.Incomplete, (ulong?)enumeration.Size, enumeration.IsComplete));
                u.Target = Add(enumeration.Underlying);
                u.Enumerators = [.. enumeration.Enumerators.Select(e => new UniqtypeEnumerator(e.Name, e.Value))];
                return u;
            }

            case COpaqueType opaque:
                return Register(new Uniqtype(name, UniqtypeKind.Base, UniqtypeFlags.None, (ulong?)opaque.Size, isDefined: true));
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "unknown kind of C type");
        }
    }

    /// <summary>
    /// The liballocs name of <paramref name="type"/>: base names, <c>__PTR_</c>, <c>__ARR&lt;n&gt;_</c> /
    /// <c>__ARR_</c>, <c>__VEC&lt;n&gt;_</c> for vector types, <c>__FUN_FROM_..__FUN_TO_..</c> (an
    /// unprototyped function takes <c>__VA_</c> like a variadic one: any arguments are accepted), and
    /// struct/union/enum by tag, typedef name or <c>__ANON_</c> place.
    /// </summary>
    public string NameOf(CType type) => type switch
    {
        CVoidType => "void",
        CBuiltinType builtin => UniqtypeNames.Base(builtin),
        CComplexType complex => complex.Element.IsFloatingPoint
            ? $"complex${complex.Size.GetValueOrDefault() * 8}"
            : "__COMPLEX_" + UniqtypeNames.Base(complex.Element),
        CPointerType pointer => "__PTR_" + NameOf(pointer.Pointee),
        CArrayType { IsVector: true } vector => $"__VEC{vector.Count}_{NameOf(vector.Element)}",
        CArrayType { Length: ArrayLength.Constant } array => $"__ARR{array.Count}_{NameOf(array.Element)}",
        CArrayType array => "__ARR_" + NameOf(array.Element),
        CFunctionType function => FunctionName(function),
        CRecordType or CEnumType => TagNameOf(type),
        COpaqueType opaque => "__OPAQUE_" + UniqtypeNames.Sanitize(opaque.Spelling),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown kind of C type"),
    };

    private string FunctionName(CFunctionType function)
    {
        var name = new StringBuilder("__FUN_FROM_");
        for (int i = 0; i < function.Parameters.Count; i++)
        {
            name.Append("__ARG").Append(i).Append('_').Append(NameOf(function.Parameters[i]));
        }

        if (function.IsVariadic || !function.HasPrototype)
        {
            name.Append("__VA_");
        }

        return name.Append("__FUN_TO_").Append(NameOf(function.Result)).ToString();
    }

    private string TagNameOf(CType type)
    {
        if (tagNames.TryGetValue(type, out string? name))
        {
            return name;
        }

        (string? declared, DeclarationPlace place) = type switch
        {
            CRecordType record => (record.Name, record.Place),
            CEnumType enumeration => (enumeration.Name, enumeration.Place),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
        name = declared ?? UniqtypeNames.Anonymous(place);
        if (!takenTagNames.Add(name))
        {
            string renamed = $"{name}__{UniqtypeNames.SanitizedBaseName(place.File)}_{place.Line}_{place.Column}";
            diagnostics.Add(DiagnosticDescriptors.TypeNameCollision,
                $"another type in this file is already named '{name}'; this one is named '{renamed}'", place.File, place.Line, place.Column);
            takenTagNames.Add(renamed);
            name = renamed;
        }

        tagNames.Add(type, name);
        return name;
    }

    private UniqtypeMember MemberOf(CField field)
    {
        Uniqtype type = Add(field.Type);
        return field.BitWidth is int width
            ? new UniqtypeMember(field.Name, (ulong)(field.BitOffset / 8), (ushort)(field.BitOffset % 8), (ushort)width, type)
            : new UniqtypeMember(field.Name, (ulong)(field.BitOffset / 8), 0, 0, type);
    }

    private Uniqtype Register(Uniqtype uniqtype)
    {
        byName.Add(uniqtype.Name, uniqtype);
        inOrder.Add(uniqtype);
        return uniqtype;
    }

    private static UniqtypeFlags BaseFlags(CBuiltinType type) =>
        (type.IsSigned ? UniqtypeFlags.Signed : UniqtypeFlags.None)
        | (type.IsFloatingPoint ? UniqtypeFlags.Float : UniqtypeFlags.None)
        | (type.IsCharacter ? UniqtypeFlags.Char : UniqtypeFlags.None)
        | (type.Kind == BuiltinKind.Bool ? UniqtypeFlags.Bool : UniqtypeFlags.None);
}
