// Records' init accessors need this type, which netstandard2.0 (the target a source generator must have) lacks.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit;
