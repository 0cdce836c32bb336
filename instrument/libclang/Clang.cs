// libclang binding: the functions of the C API allocscc calls.
using System.Runtime.InteropServices;

namespace Liballocs.Instrument.Libclang;

/// <summary>
/// Raw bindings of the libclang C API (clang-c/Index.h), names as in C. Every struct passes by value
/// and is blittable; visitors are unmanaged function pointers. The library name "libclang" is mapped
/// to the real file by <see cref="LibclangLoader"/>.
/// </summary>
internal static unsafe partial class Clang
{
    private const string Lib = LibclangLoader.LibraryName;

    [LibraryImport(Lib)] public static partial IntPtr clang_createIndex(int excludeDeclarationsFromPCH, int displayDiagnostics);
    [LibraryImport(Lib)] public static partial void clang_disposeIndex(IntPtr index);

    [LibraryImport(Lib)]
    public static partial CXErrorCode clang_parseTranslationUnit2(IntPtr index, byte* source_filename, byte** command_line_args,
        int num_command_line_args, IntPtr unsaved_files, uint num_unsaved_files, uint options, IntPtr* out_TU);

    [LibraryImport(Lib)] public static partial void clang_disposeTranslationUnit(IntPtr tu);
    [LibraryImport(Lib)] public static partial CXCursor clang_getTranslationUnitCursor(IntPtr tu);

    [LibraryImport(Lib)] public static partial uint clang_getNumDiagnostics(IntPtr tu);
    [LibraryImport(Lib)] public static partial IntPtr clang_getDiagnostic(IntPtr tu, uint index);
    [LibraryImport(Lib)] public static partial CXDiagnosticSeverity clang_getDiagnosticSeverity(IntPtr diagnostic);
    [LibraryImport(Lib)] public static partial CXString clang_getDiagnosticSpelling(IntPtr diagnostic);
    [LibraryImport(Lib)] public static partial CXSourceLocation clang_getDiagnosticLocation(IntPtr diagnostic);
    [LibraryImport(Lib)] public static partial void clang_disposeDiagnostic(IntPtr diagnostic);

    [LibraryImport(Lib)]
    public static partial uint clang_visitChildren(CXCursor parent,
        delegate* unmanaged[Cdecl]<CXCursor, CXCursor, IntPtr, CXChildVisitResult> visitor, IntPtr client_data);

    [LibraryImport(Lib)] public static partial CXString clang_getCursorSpelling(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXType clang_getCursorType(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXSourceRange clang_getCursorExtent(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXSourceLocation clang_getCursorLocation(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXCursor clang_getCursorReferenced(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXCursor clang_getCursorDefinition(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXCursor clang_getCanonicalCursor(CXCursor cursor);
    [LibraryImport(Lib)] public static partial int clang_Cursor_isNull(CXCursor cursor);
    [LibraryImport(Lib)] public static partial uint clang_equalCursors(CXCursor a, CXCursor b);
    [LibraryImport(Lib)] public static partial uint clang_hashCursor(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CX_StorageClass clang_Cursor_getStorageClass(CXCursor cursor);
    [LibraryImport(Lib)] public static partial uint clang_isCursorDefinition(CXCursor cursor);
    [LibraryImport(Lib)] public static partial uint clang_Cursor_isBitField(CXCursor cursor);
    [LibraryImport(Lib)] public static partial int clang_getFieldDeclBitWidth(CXCursor cursor);
    [LibraryImport(Lib)] public static partial long clang_Cursor_getOffsetOfField(CXCursor cursor);
    [LibraryImport(Lib)] public static partial uint clang_Cursor_isAnonymous(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXType clang_getEnumDeclIntegerType(CXCursor cursor);
    [LibraryImport(Lib)] public static partial long clang_getEnumConstantDeclValue(CXCursor cursor);
    [LibraryImport(Lib)] public static partial ulong clang_getEnumConstantDeclUnsignedValue(CXCursor cursor);
    [LibraryImport(Lib)] public static partial uint clang_Cursor_isFunctionInlined(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXTLSKind clang_getCursorTLSKind(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXUnaryOperatorKind clang_getCursorUnaryOperatorKind(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXBinaryOperatorKind clang_getCursorBinaryOperatorKind(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXCursor clang_Cursor_getVarDeclInitializer(CXCursor cursor);

    [LibraryImport(Lib)] public static partial IntPtr clang_Cursor_Evaluate(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXEvalResultKind clang_EvalResult_getKind(IntPtr result);
    [LibraryImport(Lib)] public static partial long clang_EvalResult_getAsLongLong(IntPtr result);
    [LibraryImport(Lib)] public static partial void clang_EvalResult_dispose(IntPtr result);

    [LibraryImport(Lib)] public static partial CXType clang_getCanonicalType(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getUnqualifiedType(CXType type);
    [LibraryImport(Lib)] public static partial uint clang_isConstQualifiedType(CXType type);
    [LibraryImport(Lib)] public static partial uint clang_isVolatileQualifiedType(CXType type);
    [LibraryImport(Lib)] public static partial CXString clang_getTypeSpelling(CXType type);
    [LibraryImport(Lib)] public static partial long clang_Type_getSizeOf(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getPointeeType(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getArrayElementType(CXType type);
    [LibraryImport(Lib)] public static partial long clang_getArraySize(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getElementType(CXType type);
    [LibraryImport(Lib)] public static partial long clang_getNumElements(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getResultType(CXType type);
    [LibraryImport(Lib)] public static partial int clang_getNumArgTypes(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getArgType(CXType type, uint index);
    [LibraryImport(Lib)] public static partial uint clang_isFunctionTypeVariadic(CXType type);
    [LibraryImport(Lib)] public static partial CXCursor clang_getTypeDeclaration(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_getTypedefDeclUnderlyingType(CXCursor cursor);
    [LibraryImport(Lib)] public static partial CXType clang_Type_getNamedType(CXType type);
    [LibraryImport(Lib)] public static partial CXType clang_Type_getValueType(CXType type);

    [LibraryImport(Lib)]
    public static partial uint clang_Type_visitFields(CXType type,
        delegate* unmanaged[Cdecl]<CXCursor, IntPtr, CXVisitorResult> visitor, IntPtr client_data);

    [LibraryImport(Lib)]
    public static partial void clang_getExpansionLocation(CXSourceLocation location, IntPtr* file, uint* line, uint* column, uint* offset);

    [LibraryImport(Lib)]
    public static partial void clang_getSpellingLocation(CXSourceLocation location, IntPtr* file, uint* line, uint* column, uint* offset);

    [LibraryImport(Lib)] public static partial CXString clang_getFileName(IntPtr file);
    [LibraryImport(Lib)] public static partial IntPtr clang_getFile(IntPtr tu, byte* file_name);
    [LibraryImport(Lib)] public static partial int clang_File_isEqual(IntPtr file1, IntPtr file2);
    [LibraryImport(Lib)] public static partial CXSourceLocation clang_getRangeStart(CXSourceRange range);
    [LibraryImport(Lib)] public static partial CXSourceLocation clang_getRangeEnd(CXSourceRange range);
    [LibraryImport(Lib)] public static partial int clang_Location_isFromMainFile(CXSourceLocation location);
    [LibraryImport(Lib)] public static partial CXSourceLocation clang_getLocationForOffset(IntPtr tu, IntPtr file, uint offset);
    [LibraryImport(Lib)] public static partial int clang_Location_isInSystemHeader(CXSourceLocation location);
    [LibraryImport(Lib)] public static partial CXSourceRange clang_getRange(CXSourceLocation begin, CXSourceLocation end);

    [LibraryImport(Lib)] public static partial void clang_tokenize(IntPtr tu, CXSourceRange range, CXToken** tokens, uint* num_tokens);
    [LibraryImport(Lib)] public static partial void clang_disposeTokens(IntPtr tu, CXToken* tokens, uint num_tokens);
    [LibraryImport(Lib)] public static partial CXString clang_getTokenSpelling(IntPtr tu, CXToken token);

    [LibraryImport(Lib)] public static partial byte* clang_getCString(CXString str);
    [LibraryImport(Lib)] public static partial void clang_disposeString(CXString str);

    /// <summary>Copies a <see cref="CXString"/> into a managed string (UTF-8) and releases it.</summary>
    public static string ToManaged(CXString str)
    {
        try
        {
            return Marshal.PtrToStringUTF8((IntPtr)clang_getCString(str)) ?? "";
        }
        finally
        {
            clang_disposeString(str);
        }
    }
}
