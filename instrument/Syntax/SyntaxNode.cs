// A node of the C syntax tree, free of libclang types.
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Syntax;

/// <summary>
/// One node of a C syntax tree read from clang. Cheap facts are read eagerly; the type, the type's
/// spelling and the tokens are read on first use, which is only valid while the
/// <see cref="ParsedSource"/> that produced the node is not disposed.
/// </summary>
internal sealed class SyntaxNode
{
    private readonly Func<SyntaxNode, CType?> readType;
    private readonly Func<SyntaxNode, string> readTypeSpelling;
    private readonly Func<SyntaxNode, IReadOnlyList<string>?> readTokens;
    private readonly Func<SyntaxNode, long?> readIntegerValue;
    private CType? type;
    private bool typeRead;
    private List<SyntaxNode> children = [];

    /// <summary>Creates a node; the delegates read the lazily computed facts from clang.</summary>
    public SyntaxNode(SyntaxKind kind, string spelling, SourcePosition location, SourcePosition start, SourcePosition end,
        Func<SyntaxNode, CType?> readType, Func<SyntaxNode, string> readTypeSpelling, Func<SyntaxNode, IReadOnlyList<string>?> readTokens,
        Func<SyntaxNode, long?> readIntegerValue)
    {
        Kind = kind;
        Spelling = spelling;
        Location = location;
        Start = start;
        End = end;
        this.readType = readType;
        this.readTypeSpelling = readTypeSpelling;
        this.readTokens = readTokens;
        this.readIntegerValue = readIntegerValue;
    }

    /// <summary>What the node is.</summary>
    public SyntaxKind Kind { get; }

    /// <summary>The declared or referenced name (declarations, references, calls, labels), else empty.</summary>
    public string Spelling { get; }

    /// <summary>The node's own location: a declaration's name, an operator's operand start, a call's callee.</summary>
    public SourcePosition Location { get; }

    /// <summary>Start of the node's extent.</summary>
    public SourcePosition Start { get; }

    /// <summary>End of the node's extent, exclusive (one past its last character).</summary>
    public SourcePosition End { get; }

    /// <summary>The enclosing node, or null at top level.</summary>
    public SyntaxNode? Parent { get; private set; }

    /// <summary>Child nodes in source order (for a call: the callee, then the arguments).</summary>
    public IReadOnlyList<SyntaxNode> Children => children;

    /// <summary>For declarations, a number identifying the declared entity; for references, the entity referred to;
    /// null when there is none. Equal numbers within one <see cref="ParsedSource"/> mean the same entity.</summary>
    public int? DeclarationId { get; init; }

    /// <summary>For a call, the name of the function called directly by name; null for calls through pointers.</summary>
    public string? CalleeName { get; init; }

    /// <summary>Storage class of a variable or function declaration.</summary>
    public StorageClass StorageClass { get; init; }

    /// <summary>A declaration that is a definition (tentative definitions of variables included).</summary>
    public bool IsDefinition { get; init; }

    /// <summary>A <c>_Thread_local</c> / <c>__thread</c> variable.</summary>
    public bool IsThreadLocal { get; init; }

    /// <summary>A function declared <c>inline</c>.</summary>
    public bool IsInline { get; init; }

    /// <summary>Opcode of a <see cref="SyntaxKind.UnaryOperator"/>.</summary>
    public UnaryOperatorKind UnaryOperator { get; init; }

    /// <summary>Opcode of a <see cref="SyntaxKind.BinaryOperator"/>.</summary>
    public BinaryOperatorKind BinaryOperator { get; init; }

    /// <summary>The node's type (canonical, unqualified); null for statements and types clang cannot describe.</summary>
    public CType? Type
    {
        get
        {
            if (!typeRead)
            {
                type = readType(this);
                typeRead = true;
            }

            return type;
        }
    }

    /// <summary>The node's type as the source spells it (typedef names kept), e.g. <c>char *</c>.</summary>
    public string TypeSpelling => readTypeSpelling(this);

    /// <summary>The node's tokens as spelled, or null when the node comes from a macro expansion.</summary>
    public IReadOnlyList<string>? Tokens => readTokens(this);

    /// <summary>Reads <see cref="PointeeMayAlias"/>; null when nothing can (then false).</summary>
    public Func<SyntaxNode, bool>? ReadPointeeMayAlias { private get; init; }

    /// <summary>The node's type is a pointer whose pointee is named through a typedef declared <c>__attribute__((may_alias))</c>
    /// (<c>__m128i</c>): like a character type, it may view any object.</summary>
    public bool PointeeMayAlias => ReadPointeeMayAlias?.Invoke(this) ?? false;

    /// <summary>The value of an expression clang can fold to an integer constant (<c>0</c>, <c>1 - 1</c>, <c>'\0'</c>), else null.</summary>
    public long? IntegerValue => readIntegerValue(this);

    /// <summary>For a <see cref="SyntaxKind.VariableDeclaration"/>, the child that is its initialiser; null when it has none
    /// (the other children are parts of its type: tags, typedef names, array bounds, <c>typeof</c> operands).</summary>
    public SyntaxNode? Initializer { get; private set; }

    /// <summary>Records which child is the initialiser (used while the tree is read).</summary>
    public void SetInitializer(SyntaxNode? value) => Initializer = value;

    /// <summary>Sets the children and makes this node their parent (used while the tree is read).</summary>
    public void SetChildren(List<SyntaxNode> value)
    {
        children = value;
        foreach (SyntaxNode child in value)
        {
            child.Parent = this;
        }
    }

    /// <summary>This node and all nodes below it, depth first in source order.</summary>
    public IEnumerable<SyntaxNode> DescendantsAndSelf()
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            SyntaxNode node = stack.Pop();
            yield return node;
            for (int i = node.children.Count - 1; i >= 0; i--)
            {
                stack.Push(node.children[i]);
            }
        }
    }

    /// <summary>The nearest enclosing node of the given kind, or null.</summary>
    public SyntaxNode? Ancestor(SyntaxKind kind)
    {
        for (SyntaxNode? node = Parent; node is not null; node = node.Parent)
        {
            if (node.Kind == kind)
            {
                return node;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind} '{Spelling}' {Start.Line}:{Start.Column}";
}
