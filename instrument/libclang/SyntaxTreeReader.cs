// Reading clang's AST into SyntaxNode trees.
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Libclang;

/// <summary>
/// Reads clang's AST of one translation unit into <see cref="SyntaxNode"/> trees: the file-scope
/// function and variable declarations the main file makes, each with everything below it. Types,
/// type spellings and tokens are read on demand through this reader, which owns the translation unit.
/// </summary>
internal sealed unsafe class SyntaxTreeReader : IDisposable
{
    private readonly IntPtr index;
    private readonly IntPtr tu;
    private readonly IntPtr mainFile;
    private readonly DataModel dataModel;
    private readonly CursorIdentity identity = new();
    private readonly CTypeReader types;
    private readonly Dictionary<SyntaxNode, CXCursor> cursors = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IntPtr, (string Name, bool IsSystem)> spellingFiles = [];
    private readonly Func<SyntaxNode, CType?> readType;
    private readonly Func<SyntaxNode, string> readTypeSpelling;
    private readonly Func<SyntaxNode, IReadOnlyList<string>?> readTokens;
    private readonly Func<SyntaxNode, bool> readPointeeMayAlias;
    private readonly Dictionary<string, bool> mayAliasTypedefs = new(StringComparer.Ordinal);
    private readonly Func<SyntaxNode, long?> readIntegerValue;
    private bool disposed;

    /// <summary>
    /// Takes ownership of <paramref name="tu"/> and the <paramref name="index"/> it was created in,
    /// parsed from <paramref name="mainFilePath"/> for a <paramref name="dataModel"/> target.
    /// </summary>
    public SyntaxTreeReader(IntPtr index, IntPtr tu, string mainFilePath, DataModel dataModel)
    {
        this.index = index;
        this.tu = tu;
        this.dataModel = dataModel;
        byte[] path = NullTerminated(mainFilePath);
        fixed (byte* p = path)
        {
            mainFile = Clang.clang_getFile(tu, p);
        }

        types = new CTypeReader(identity);
        readType = ReadType;
        readTypeSpelling = ReadTypeSpelling;
        readTokens = ReadTokens;
        readPointeeMayAlias = ReadPointeeMayAlias;
        readIntegerValue = ReadIntegerValue;
    }

    /// <summary>File-scope function and variable declarations whose location is in the main file, with their subtrees.</summary>
    public List<SyntaxNode> ReadDeclarations()
    {
        var declarations = new List<SyntaxNode>();
        foreach (CXCursor cursor in CursorChildren.Of(Clang.clang_getTranslationUnitCursor(tu)))
        {
            if (cursor.kind is CXCursorKind.CXCursor_FunctionDecl or CXCursorKind.CXCursor_VarDecl
                && Position(Clang.clang_getCursorLocation(cursor)).InMainFile)
            {
                declarations.Add(ReadTree(cursor));
            }
        }

        return declarations;
    }

    /// <summary>Disposes the translation unit and its index; nodes can no longer read types or tokens.</summary>
    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            Clang.clang_disposeTranslationUnit(tu);
            Clang.clang_disposeIndex(index);
        }
    }

    /// <summary>Encodes a string as UTF-8 with a terminating NUL, for C string parameters.</summary>
    public static byte[] NullTerminated(string value)
    {
        byte[] bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(value) + 1];
        System.Text.Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }

    private SyntaxNode ReadTree(CXCursor cursor)
    {
        SyntaxNode node = ReadNode(cursor);
        List<CXCursor> childCursors = CursorChildren.Of(cursor);
        var children = new List<SyntaxNode>(childCursors.Count);
        CXCursor initializer = cursor.kind == CXCursorKind.CXCursor_VarDecl ? Clang.clang_Cursor_getVarDeclInitializer(cursor) : default;
        bool hasInitializer = cursor.kind == CXCursorKind.CXCursor_VarDecl && Clang.clang_Cursor_isNull(initializer) == 0;
        foreach (CXCursor child in childCursors)
        {
            SyntaxNode read = ReadTree(child);
            children.Add(read);
            if (hasInitializer && Clang.clang_equalCursors(child, initializer) != 0)
            {
                node.SetInitializer(read);
            }
        }

        node.SetChildren(children);
        return node;
    }

    private SyntaxNode ReadNode(CXCursor cursor)
    {
        SyntaxKind kind = KindOf(cursor.kind);
        CXSourceRange extent = Clang.clang_getCursorExtent(cursor);
        bool named = kind is SyntaxKind.FunctionDeclaration or SyntaxKind.VariableDeclaration or SyntaxKind.ParameterDeclaration
            or SyntaxKind.DeclarationReference or SyntaxKind.MemberReference or SyntaxKind.Call or SyntaxKind.LabelStatement
            or SyntaxKind.LabelReference or SyntaxKind.TypeReference;
        string spelling = named ? Clang.ToManaged(Clang.clang_getCursorSpelling(cursor)) : "";
        bool isDeclaration = kind is SyntaxKind.FunctionDeclaration or SyntaxKind.VariableDeclaration or SyntaxKind.ParameterDeclaration;

        var node = new SyntaxNode(kind, spelling, Position(Clang.clang_getCursorLocation(cursor)),
            Position(Clang.clang_getRangeStart(extent)), Position(Clang.clang_getRangeEnd(extent)), readType, readTypeSpelling, readTokens,
            readIntegerValue)
        {
            ReadPointeeMayAlias = readPointeeMayAlias,
            DeclarationId = kind switch
            {
                _ when isDeclaration => identity.IdOf(cursor),
                SyntaxKind.DeclarationReference => identity.IdOf(Clang.clang_getCursorReferenced(cursor)),
                _ => null,
            },
            CalleeName = kind == SyntaxKind.Call ? CalleeNameOf(cursor) : null,
            StorageClass = isDeclaration ? StorageClassOf(cursor) : StorageClass.None,
            IsDefinition = isDeclaration && Clang.clang_isCursorDefinition(cursor) != 0,
            IsThreadLocal = kind == SyntaxKind.VariableDeclaration && Clang.clang_getCursorTLSKind(cursor) != CXTLSKind.CXTLS_None,
            IsInline = kind == SyntaxKind.FunctionDeclaration && Clang.clang_Cursor_isFunctionInlined(cursor) != 0,
            UnaryOperator = kind == SyntaxKind.UnaryOperator ? UnaryOperatorOf(cursor) : UnaryOperatorKind.Other,
            BinaryOperator = kind == SyntaxKind.BinaryOperator ? BinaryOperatorOf(cursor) : BinaryOperatorKind.Other,
        };
        cursors.Add(node, cursor);
        return node;
    }

    private static SyntaxKind KindOf(CXCursorKind kind) => kind switch
    {
        CXCursorKind.CXCursor_FunctionDecl => SyntaxKind.FunctionDeclaration,
        CXCursorKind.CXCursor_VarDecl => SyntaxKind.VariableDeclaration,
        CXCursorKind.CXCursor_ParmDecl => SyntaxKind.ParameterDeclaration,
        CXCursorKind.CXCursor_TypeRef => SyntaxKind.TypeReference,
        CXCursorKind.CXCursor_LabelRef => SyntaxKind.LabelReference,
        CXCursorKind.CXCursor_DeclRefExpr => SyntaxKind.DeclarationReference,
        CXCursorKind.CXCursor_MemberRefExpr => SyntaxKind.MemberReference,
        CXCursorKind.CXCursor_CallExpr => SyntaxKind.Call,
        CXCursorKind.CXCursor_ParenExpr => SyntaxKind.Parenthesized,
        CXCursorKind.CXCursor_UnexposedExpr => SyntaxKind.ImplicitExpression,
        CXCursorKind.CXCursor_UnaryOperator => SyntaxKind.UnaryOperator,
        CXCursorKind.CXCursor_BinaryOperator => SyntaxKind.BinaryOperator,
        CXCursorKind.CXCursor_CompoundAssignOperator => SyntaxKind.CompoundAssignment,
        CXCursorKind.CXCursor_ArraySubscriptExpr => SyntaxKind.ArraySubscript,
        CXCursorKind.CXCursor_CStyleCastExpr => SyntaxKind.Cast,
        CXCursorKind.CXCursor_ConditionalOperator => SyntaxKind.ConditionalOperator,
        CXCursorKind.CXCursor_UnaryExpr => SyntaxKind.SizeofOrAlignof,
        CXCursorKind.CXCursor_AddrLabelExpr => SyntaxKind.LabelAddress,
        CXCursorKind.CXCursor_CompoundStmt => SyntaxKind.CompoundStatement,
        CXCursorKind.CXCursor_DeclStmt => SyntaxKind.DeclarationStatement,
        CXCursorKind.CXCursor_LabelStmt => SyntaxKind.LabelStatement,
        CXCursorKind.CXCursor_CaseStmt => SyntaxKind.CaseStatement,
        CXCursorKind.CXCursor_DefaultStmt => SyntaxKind.DefaultStatement,
        CXCursorKind.CXCursor_SwitchStmt => SyntaxKind.SwitchStatement,
        CXCursorKind.CXCursor_ForStmt => SyntaxKind.ForStatement,
        CXCursorKind.CXCursor_GotoStmt => SyntaxKind.GotoStatement,
        CXCursorKind.CXCursor_IndirectGotoStmt => SyntaxKind.IndirectGotoStatement,
        CXCursorKind.CXCursor_ReturnStmt => SyntaxKind.ReturnStatement,
        CXCursorKind.CXCursor_GenericSelectionExpr => SyntaxKind.GenericSelection,
        CXCursorKind.CXCursor_InitListExpr => SyntaxKind.InitializerList,
        CXCursorKind.CXCursor_StructDecl or CXCursorKind.CXCursor_UnionDecl or CXCursorKind.CXCursor_EnumDecl or CXCursorKind.CXCursor_FieldDecl
            or CXCursorKind.CXCursor_TypedefDecl => SyntaxKind.TypeDeclaration,
        _ => SyntaxKind.Other,
    };

    private static string? CalleeNameOf(CXCursor call)
    {
        CXCursor callee = Clang.clang_getCursorReferenced(call);
        return callee.kind == CXCursorKind.CXCursor_FunctionDecl ? Clang.ToManaged(Clang.clang_getCursorSpelling(callee)) : null;
    }

    private static StorageClass StorageClassOf(CXCursor cursor) => Clang.clang_Cursor_getStorageClass(cursor) switch
    {
        CX_StorageClass.CX_SC_None => StorageClass.None,
        CX_StorageClass.CX_SC_Extern => StorageClass.Extern,
        CX_StorageClass.CX_SC_Static => StorageClass.Static,
        CX_StorageClass.CX_SC_Auto => StorageClass.Auto,
        CX_StorageClass.CX_SC_Register => StorageClass.Register,
        _ => StorageClass.Other,
    };

    private static UnaryOperatorKind UnaryOperatorOf(CXCursor cursor) => Clang.clang_getCursorUnaryOperatorKind(cursor) switch
    {
        CXUnaryOperatorKind.CXUnaryOperator_AddrOf => UnaryOperatorKind.AddressOf,
        CXUnaryOperatorKind.CXUnaryOperator_Deref => UnaryOperatorKind.Dereference,
        CXUnaryOperatorKind.CXUnaryOperator_Extension => UnaryOperatorKind.Extension,
        CXUnaryOperatorKind.CXUnaryOperator_PreInc or CXUnaryOperatorKind.CXUnaryOperator_PostInc => UnaryOperatorKind.Increment,
        CXUnaryOperatorKind.CXUnaryOperator_PreDec or CXUnaryOperatorKind.CXUnaryOperator_PostDec => UnaryOperatorKind.Decrement,
        _ => UnaryOperatorKind.Other,
    };

    private static BinaryOperatorKind BinaryOperatorOf(CXCursor cursor) => Clang.clang_getCursorBinaryOperatorKind(cursor) switch
    {
        CXBinaryOperatorKind.CXBinaryOperator_Mul => BinaryOperatorKind.Multiply,
        CXBinaryOperatorKind.CXBinaryOperator_Add => BinaryOperatorKind.Add,
        CXBinaryOperatorKind.CXBinaryOperator_Div => BinaryOperatorKind.Divide,
        CXBinaryOperatorKind.CXBinaryOperator_Assign => BinaryOperatorKind.Assign,
        CXBinaryOperatorKind.CXBinaryOperator_Comma => BinaryOperatorKind.Comma,
        _ => BinaryOperatorKind.Other,
    };

    private SourcePosition Position(CXSourceLocation location)
    {
        IntPtr expansionFile, spellingFile;
        uint line, column, offset, spellingLine, spellingColumn, spellingOffset;
        Clang.clang_getExpansionLocation(location, &expansionFile, &line, &column, &offset);
        Clang.clang_getSpellingLocation(location, &spellingFile, &spellingLine, &spellingColumn, &spellingOffset);
        bool inMainFile = expansionFile != IntPtr.Zero && mainFile != IntPtr.Zero && Clang.clang_File_isEqual(expansionFile, mainFile) != 0;
        bool inMacro = expansionFile != spellingFile || offset != spellingOffset;
        bool spellingInMainFile = spellingFile != IntPtr.Zero && mainFile != IntPtr.Zero && Clang.clang_File_isEqual(spellingFile, mainFile) != 0;
        (string Name, bool IsSystem)? header = inMacro && !spellingInMainFile && spellingFile != IntPtr.Zero ? SpellingFile(spellingFile) : null;
        return new SourcePosition((int)line, (int)column, (int)offset, inMainFile, inMacro)
        {
            SpellingOffset = (int)spellingOffset,
            SpellingLine = (int)spellingLine,
            SpellingColumn = (int)spellingColumn,
            SpellingInMainFile = spellingInMainFile,
            SpellingFile = header?.Name,
            SpellingInSystemHeader = header?.IsSystem ?? false,
        };
    }

    /// <summary>The name of an included file text was spelled in, and whether it is a system header (found through a system include
    /// directory), once per file.</summary>
    private (string Name, bool IsSystem) SpellingFile(IntPtr file)
    {
        if (!spellingFiles.TryGetValue(file, out (string Name, bool IsSystem) known))
        {
            known = (Clang.ToManaged(Clang.clang_getFileName(file)), Clang.clang_Location_isInSystemHeader(Clang.clang_getLocationForOffset(tu, file, 0)) != 0);
            spellingFiles.Add(file, known);
        }

        return known;
    }

    private CXCursor CursorOf(SyntaxNode node)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return cursors[node];
    }

    private CType? ReadType(SyntaxNode node)
    {
        CXType type = Clang.clang_getCursorType(CursorOf(node));
        if (type.kind == CXTypeKind.CXType_Invalid)
        {
            return null;
        }

        CType read = types.Read(type);
        // libclang gives a parameter its type as written; the parameter itself is the adjusted pointer.
        return node.Kind != SyntaxKind.ParameterDeclaration ? read : read switch
        {
            CArrayType array => dataModel.PointerTo(array.Element),
            CFunctionType function => dataModel.PointerTo(function),
            _ => read,
        };
    }

    private long? ReadIntegerValue(SyntaxNode node)
    {
        if (node.Type is not CBuiltinType { IsInteger: true } and not CEnumType)
        {
            return null;
        }

        IntPtr result = Clang.clang_Cursor_Evaluate(CursorOf(node));
        if (result == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Clang.clang_EvalResult_getKind(result) == CXEvalResultKind.CXEval_Int ? Clang.clang_EvalResult_getAsLongLong(result) : null;
        }
        finally
        {
            Clang.clang_EvalResult_dispose(result);
        }
    }

    private string ReadTypeSpelling(SyntaxNode node) => Clang.ToManaged(Clang.clang_getTypeSpelling(Clang.clang_getCursorType(CursorOf(node))));

    /// <summary>Whether the node's type is a pointer whose pointee is named, through typedefs, by one declared <c>may_alias</c>.</summary>
    private bool ReadPointeeMayAlias(SyntaxNode node)
    {
        CXType t = Clang.clang_getCursorType(CursorOf(node));
        for (int depth = 0; depth < 32 && t.kind is CXTypeKind.CXType_Typedef or CXTypeKind.CXType_Elaborated; depth++)
        {
            t = t.kind == CXTypeKind.CXType_Typedef ? Clang.clang_getTypedefDeclUnderlyingType(Clang.clang_getTypeDeclaration(t)) : Clang.clang_Type_getNamedType(t);
        }

        if (t.kind != CXTypeKind.CXType_Pointer)
        {
            return false;
        }

        CXType pointee = Clang.clang_getPointeeType(t);
        for (int depth = 0; depth < 32 && pointee.kind is CXTypeKind.CXType_Typedef or CXTypeKind.CXType_Elaborated; depth++)
        {
            if (pointee.kind == CXTypeKind.CXType_Elaborated)
            {
                pointee = Clang.clang_Type_getNamedType(pointee);
                continue;
            }

            CXCursor declaration = Clang.clang_getTypeDeclaration(pointee);
            string name = Clang.ToManaged(Clang.clang_getCursorSpelling(declaration));
            if (!mayAliasTypedefs.TryGetValue(name, out bool mayAlias))
            {
                mayAlias = TokensOf(Clang.clang_getCursorExtent(declaration)).Exists(t => t is "may_alias" or "__may_alias__")
                    || IsIntrinsicVector(declaration, name);
                mayAliasTypedefs.Add(name, mayAlias);
            }

            if (mayAlias)
            {
                return true;
            }

            pointee = Clang.clang_getTypedefDeclUnderlyingType(declaration);
        }

        return false;
    }

    /// <summary>
    /// An x86 intrinsics vector type (<c>__m64</c>, <c>__m128i</c>, <c>__m256d</c>...): a typedef of a vector named <c>__m...</c> in a
    /// system header. libclang reads clang's own intrinsics headers, which declare these without <c>may_alias</c>; gcc's, which the
    /// program is compiled with, declare every one of them <c>may_alias</c>.
    /// </summary>
    private static bool IsIntrinsicVector(CXCursor declaration, string name) =>
        name.StartsWith("__m", StringComparison.Ordinal) && name.Length > 3 && char.IsAsciiDigit(name[3])
        && Clang.clang_Location_isInSystemHeader(Clang.clang_getCursorLocation(declaration)) != 0
        && Clang.clang_getCanonicalType(Clang.clang_getTypedefDeclUnderlyingType(declaration)).kind is CXTypeKind.CXType_Vector or CXTypeKind.CXType_ExtVector;

    private List<string>? ReadTokens(SyntaxNode node)
    {
        CXCursor cursor = CursorOf(node);
        CXSourceRange range;
        if (!node.Start.InMacro && !node.End.InMacro)
        {
            range = Clang.clang_getCursorExtent(cursor);
        }
        else if (node.Start.InMacroArgument && node.End.InMacroArgument && node.End.SpellingOffset > node.Start.SpellingOffset)
        {
            // Wholly inside one macro argument (`alloca(n * sizeof(int))`): the argument's text, where it is written.
            range = Clang.clang_getRange(Clang.clang_getLocationForOffset(tu, mainFile, (uint)node.Start.SpellingOffset),
                Clang.clang_getLocationForOffset(tu, mainFile, (uint)node.End.SpellingOffset));
        }
        else
        {
            return null;
        }

        return TokensOf(range);
    }

    private List<string> TokensOf(CXSourceRange range)
    {
        CXToken* tokens;
        uint count;
        Clang.clang_tokenize(tu, range, &tokens, &count);
        try
        {
            var spellings = new List<string>((int)count);
            for (uint i = 0; i < count; i++)
            {
                spellings.Add(Clang.ToManaged(Clang.clang_getTokenSpelling(tu, tokens[i])));
            }

            return spellings;
        }
        finally
        {
            if (tokens != null)
            {
                Clang.clang_disposeTokens(tu, tokens, count);
            }
        }
    }
}
