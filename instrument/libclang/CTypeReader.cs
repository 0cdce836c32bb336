// Converting clang types to the C type model.
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Libclang;

/// <summary>
/// Converts clang types to <see cref="CType"/>: canonical (typedefs and elaborations gone),
/// qualifiers and <c>_Atomic</c> stripped. Records and enumerations are read once per declaration,
/// so the result's reference identity is the declaration's identity and cycles close on themselves.
/// </summary>
internal sealed class CTypeReader(CursorIdentity identity)
{
    private readonly Dictionary<int, CType> tagTypes = [];

    /// <summary>The model of <paramref name="type"/>; never null (unmodelled types become <see cref="COpaqueType"/>).</summary>
    public CType Read(CXType type)
    {
        CXType t = Clang.clang_getUnqualifiedType(Clang.clang_getCanonicalType(type));
        switch (t.kind)
        {
            case CXTypeKind.CXType_Void:
                return CVoidType.Instance;
            case CXTypeKind.CXType_Complex:
                return Read(Clang.clang_getElementType(t)) is CBuiltinType part
                    ? new CComplexType(part, Clang.clang_Type_getSizeOf(t))
                    : Opaque(t);
            case CXTypeKind.CXType_Pointer:
            case CXTypeKind.CXType_BlockPointer:
                return new CPointerType(Read(Clang.clang_getPointeeType(t)), Clang.clang_Type_getSizeOf(t));
            case CXTypeKind.CXType_ConstantArray:
                return new CArrayType(Read(Clang.clang_getArrayElementType(t)), ArrayLength.Constant, Clang.clang_getArraySize(t),
                    isVector: false, SizeOrNull(t));
            case CXTypeKind.CXType_IncompleteArray:
                return new CArrayType(Read(Clang.clang_getArrayElementType(t)), ArrayLength.Unknown, 0, isVector: false, size: null);
            case CXTypeKind.CXType_VariableArray:
                return new CArrayType(Read(Clang.clang_getArrayElementType(t)), ArrayLength.Variable, 0, isVector: false, size: null);
            case CXTypeKind.CXType_Vector:
            case CXTypeKind.CXType_ExtVector:
                return new CArrayType(Read(Clang.clang_getElementType(t)), ArrayLength.Constant, Clang.clang_getNumElements(t),
                    isVector: true, SizeOrNull(t));
            case CXTypeKind.CXType_FunctionProto:
                return ReadFunction(t, hasPrototype: true);
            case CXTypeKind.CXType_FunctionNoProto:
                return ReadFunction(t, hasPrototype: false);
            case CXTypeKind.CXType_Record:
                return ReadRecord(t);
            case CXTypeKind.CXType_Enum:
                return ReadEnum(t);
            case CXTypeKind.CXType_Atomic:
                return Read(Clang.clang_Type_getValueType(t));
            default:
                return BuiltinKindOf(t.kind) is BuiltinKind kind
                    ? new CBuiltinType(kind, Clang.clang_Type_getSizeOf(t))
                    : Opaque(t);
        }
    }

    private static BuiltinKind? BuiltinKindOf(CXTypeKind kind) => kind switch
    {
        CXTypeKind.CXType_Bool => BuiltinKind.Bool,
        CXTypeKind.CXType_Char_S => BuiltinKind.Char,
        CXTypeKind.CXType_Char_U => BuiltinKind.CharUnsigned,
        CXTypeKind.CXType_SChar => BuiltinKind.SignedChar,
        CXTypeKind.CXType_UChar => BuiltinKind.UnsignedChar,
        CXTypeKind.CXType_Short => BuiltinKind.Short,
        CXTypeKind.CXType_UShort => BuiltinKind.UnsignedShort,
        CXTypeKind.CXType_Int => BuiltinKind.Int,
        CXTypeKind.CXType_UInt => BuiltinKind.UnsignedInt,
        CXTypeKind.CXType_Long => BuiltinKind.Long,
        CXTypeKind.CXType_ULong => BuiltinKind.UnsignedLong,
        CXTypeKind.CXType_LongLong => BuiltinKind.LongLong,
        CXTypeKind.CXType_ULongLong => BuiltinKind.UnsignedLongLong,
        CXTypeKind.CXType_Int128 => BuiltinKind.Int128,
        CXTypeKind.CXType_UInt128 => BuiltinKind.UnsignedInt128,
        CXTypeKind.CXType_Float => BuiltinKind.Float,
        CXTypeKind.CXType_Double => BuiltinKind.Double,
        CXTypeKind.CXType_LongDouble => BuiltinKind.LongDouble,
        CXTypeKind.CXType_Float128 => BuiltinKind.Float128,
        CXTypeKind.CXType_Half => BuiltinKind.Half,
        CXTypeKind.CXType_Float16 => BuiltinKind.Float16,
        CXTypeKind.CXType_BFloat16 => BuiltinKind.BFloat16,
        _ => null,
    };

    private static long? SizeOrNull(CXType t)
    {
        long size = Clang.clang_Type_getSizeOf(t);
        return size >= 0 ? size : null;
    }

    /// <summary>An unmodelled type. clang crashes measuring some unexposed ones (a builtin function's <c>&lt;builtin fn type&gt;</c>), which have no size anyway.</summary>
    private static COpaqueType Opaque(CXType t) =>
        new(Clang.ToManaged(Clang.clang_getTypeSpelling(t)), t.kind == CXTypeKind.CXType_Unexposed ? null : SizeOrNull(t));

    private CFunctionType ReadFunction(CXType t, bool hasPrototype)
    {
        CType result = Read(Clang.clang_getResultType(t));
        var parameters = new List<CType>();
        if (hasPrototype)
        {
            int count = Clang.clang_getNumArgTypes(t);
            for (uint i = 0; i < count; i++)
            {
                parameters.Add(Read(Clang.clang_getArgType(t, i)));
            }
        }

        return new CFunctionType(result, parameters, hasPrototype && Clang.clang_isFunctionTypeVariadic(t) != 0, hasPrototype);
    }

    private CType ReadRecord(CXType t)
    {
        CXCursor declaration = Clang.clang_getTypeDeclaration(t);
        int id = identity.IdOf(declaration) ?? throw new InvalidOperationException("record type without a declaration");
        if (tagTypes.TryGetValue(id, out CType? known))
        {
            return known;
        }

        CXCursor definition = Clang.clang_getCursorDefinition(declaration);
        CXCursor named = Clang.clang_Cursor_isNull(definition) == 0 ? definition : declaration;
        var record = new CRecordType(declaration.kind == CXCursorKind.CXCursor_UnionDecl, TagName(named), PlaceOf(named), SizeOrNull(t));
        tagTypes.Add(id, record);
        if (record.IsComplete)
        {
            var fields = new List<CField>();
            foreach (CXCursor field in CursorChildren.FieldsOf(t))
            {
                string? name = MemberName(field);
                bool isBitField = Clang.clang_Cursor_isBitField(field) != 0;
                if (name is null && isBitField)
                {
                    continue; // an unnamed bit-field is padding, not a member (DWARF omits it too)
                }

                fields.Add(new CField(name, Clang.clang_Cursor_getOffsetOfField(field),
                    isBitField ? Clang.clang_getFieldDeclBitWidth(field) : null, Read(Clang.clang_getCursorType(field))));
            }

            record.SetFields(fields);
        }

        return record;
    }

    private CType ReadEnum(CXType t)
    {
        CXCursor declaration = Clang.clang_getTypeDeclaration(t);
        int id = identity.IdOf(declaration) ?? throw new InvalidOperationException("enumeration type without a declaration");
        if (tagTypes.TryGetValue(id, out CType? known))
        {
            return known;
        }

        CXCursor definition = Clang.clang_getCursorDefinition(declaration);
        bool defined = Clang.clang_Cursor_isNull(definition) == 0;
        CXCursor named = defined ? definition : declaration;
        CType underlying = Read(Clang.clang_getEnumDeclIntegerType(named));
        bool isSigned = underlying is CBuiltinType { IsSigned: true };
        var enumerators = new List<CEnumerator>();
        if (defined)
        {
            foreach (CXCursor child in CursorChildren.Of(definition))
            {
                if (child.kind == CXCursorKind.CXCursor_EnumConstantDecl)
                {
                    long value = isSigned
                        ? Clang.clang_getEnumConstantDeclValue(child)
                        : unchecked((long)Clang.clang_getEnumConstantDeclUnsignedValue(child));
                    enumerators.Add(new CEnumerator(Clang.ToManaged(Clang.clang_getCursorSpelling(child)), value));
                }
            }
        }

        var enumeration = new CEnumType(TagName(named), PlaceOf(named), defined ? SizeOrNull(t) : null, underlying, enumerators);
        tagTypes.Add(id, enumeration);
        return enumeration;
    }

    /// <summary>The tag, or the typedef name clang records for an untagged type named by a typedef; null when anonymous.</summary>
    private static string? TagName(CXCursor declaration) =>
        Clang.clang_Cursor_isAnonymous(declaration) != 0 ? null : Clang.ToManaged(Clang.clang_getCursorSpelling(declaration));

    private static string? MemberName(CXCursor field)
    {
        string name = Clang.ToManaged(Clang.clang_getCursorSpelling(field));
        return name.Length == 0 || name.Contains('(', StringComparison.Ordinal) ? null : name;
    }

    private static unsafe DeclarationPlace PlaceOf(CXCursor declaration)
    {
        IntPtr file;
        uint line, column, offset;
        Clang.clang_getExpansionLocation(Clang.clang_getCursorLocation(declaration), &file, &line, &column, &offset);
        string name = file == IntPtr.Zero ? "" : Clang.ToManaged(Clang.clang_getFileName(file));
        return new DeclarationPlace(name, (int)line, (int)column);
    }
}
