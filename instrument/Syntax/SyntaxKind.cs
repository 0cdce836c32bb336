// The kinds of C syntax the instrumenter distinguishes.
namespace Liballocs.Instrument.Syntax;

/// <summary>The kinds of C syntax the instrumenter distinguishes; everything else is <see cref="Other"/>.</summary>
internal enum SyntaxKind
{
    /// <summary>Any construct the instrumenter does not look at by kind.</summary>
    Other,
    /// <summary>A function declaration or definition.</summary>
    FunctionDeclaration,
    /// <summary>A variable declaration (file scope or block scope).</summary>
    VariableDeclaration,
    /// <summary>A function parameter.</summary>
    ParameterDeclaration,
    /// <summary>A reference to a type by name (typedef name or tag) inside a declaration or <c>sizeof</c>.</summary>
    TypeReference,
    /// <summary>A reference to a label, in <c>goto L</c>.</summary>
    LabelReference,
    /// <summary>An expression naming a variable, parameter, function or enumerator.</summary>
    DeclarationReference,
    /// <summary><c>a.b</c> or <c>a-&gt;b</c>.</summary>
    MemberReference,
    /// <summary>A function call.</summary>
    Call,
    /// <summary><c>( e )</c>.</summary>
    Parenthesized,
    /// <summary>A conversion the compiler inserted (array decay, lvalue-to-rvalue, integer promotion...).</summary>
    ImplicitExpression,
    /// <summary>A prefix or postfix unary operator; see <see cref="SyntaxNode.UnaryOperator"/>.</summary>
    UnaryOperator,
    /// <summary>A binary operator; see <see cref="SyntaxNode.BinaryOperator"/>.</summary>
    BinaryOperator,
    /// <summary><c>a op= b</c>.</summary>
    CompoundAssignment,
    /// <summary><c>a[i]</c>.</summary>
    ArraySubscript,
    /// <summary><c>(T) e</c>.</summary>
    Cast,
    /// <summary><c>c ? a : b</c>.</summary>
    ConditionalOperator,
    /// <summary><c>sizeof</c>, <c>_Alignof</c> and their GNU spellings.</summary>
    SizeofOrAlignof,
    /// <summary><c>&amp;&amp;label</c> (GNU).</summary>
    LabelAddress,
    /// <summary><c>{ ... }</c> block.</summary>
    CompoundStatement,
    /// <summary>A declaration used as a statement (one or more declarators and the semicolon).</summary>
    DeclarationStatement,
    /// <summary><c>label: stmt</c>.</summary>
    LabelStatement,
    /// <summary><c>case v: stmt</c>.</summary>
    CaseStatement,
    /// <summary><c>default: stmt</c>.</summary>
    DefaultStatement,
    /// <summary><c>switch (e) stmt</c>.</summary>
    SwitchStatement,
    /// <summary><c>for (init; cond; inc) stmt</c>.</summary>
    ForStatement,
    /// <summary><c>goto label</c>.</summary>
    GotoStatement,
    /// <summary><c>goto *e</c> (GNU).</summary>
    IndirectGotoStatement,
    /// <summary><c>return e</c>.</summary>
    ReturnStatement,
    /// <summary><c>_Generic(e, T: a, ...)</c>.</summary>
    GenericSelection,
    /// <summary><c>{ a, b }</c> in an initialiser or compound literal.</summary>
    InitializerList,
    /// <summary>A struct, union, enum, field or typedef declaration (inside a function: only constant expressions below it).</summary>
    TypeDeclaration,
}
