// libclang binding: enum CXTokenKind.
namespace Liballocs.Instrument.Libclang;

/// <summary>Lexical category of a token.</summary>
internal enum CXTokenKind
{
    CXToken_Punctuation = 0,
    CXToken_Keyword = 1,
    CXToken_Identifier = 2,
    CXToken_Literal = 3,
    CXToken_Comment = 4,
}
