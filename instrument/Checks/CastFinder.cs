// Finding the pointer casts to check in function bodies.
using Liballocs.Instrument.Allocators;
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Checks;

/// <summary>
/// Finds the pointer casts of every function body (checks/README.md, "Which casts are checked"):
/// explicit casts to pointer types, implicit conversions of <c>void *</c> to <c>T *</c> in
/// initialisation, assignment, argument passing and return, and <c>va_arg(ap, T *)</c>. Elides the
/// ones statically fine (<see cref="CastElision"/>); leaves out unevaluated operands and constant
/// expressions (<c>sizeof</c>, <c>_Alignof</c>, <c>typeof</c>, <c>_Generic</c>, <c>offsetof</c>,
/// initialisers of static storage, <c>case</c> labels, array bounds, local type declarations) and
/// the bodies of allocators (any function of the allocator configuration: failures inside allocator code are never reported); skips, with a
/// verbose diagnostic, casts whose text cannot be wrapped on its own (parts of macro expansions).
/// A cast written inside a larger macro defined in the main file is checked by rewriting the
/// definition once for all its expansions (<see cref="CastRewrite.DefinitionOperand"/>), unless some
/// expansion lies where no call may go or is not evaluated.
/// </summary>
internal sealed class CastFinder
{
    private readonly ParsedSource source;
    private readonly AllocatorConfiguration allocators;
    private readonly byte[] text;
    private readonly IReadOnlySet<string> likeTypes;
    private readonly IReadOnlyDictionary<(int Line, int Column), CType> typedAllocations;
    private readonly DiagnosticBag diagnostics;
    private readonly List<(int Sequence, CastSite Site)> sites = [];
    private readonly Dictionary<int, List<DefinitionCastUse>> definitionCasts = [];
    private readonly Dictionary<int, MacroDefinition?> definitions = [];
    private readonly Dictionary<HeaderOperandKey, List<HeaderOperandUse>> headerOperandCasts = [];
    private readonly Dictionary<string, byte[]?> headerTexts = new(StringComparer.Ordinal);
    private CastStatistics statistics = CastStatistics.None;
    // The parameters and the variables defined in the function definitions visited so far (extern declarations left out):
    // objects whose type is the one declared here.
    private readonly HashSet<int> functionVariables = [];
    private int sequence;

    private CastFinder(ParsedSource source, byte[] text, IReadOnlySet<string> likeTypes, AllocatorConfiguration allocators,
        IReadOnlyDictionary<(int Line, int Column), CType> typedAllocations, DiagnosticBag diagnostics)
    {
        this.source = source;
        this.allocators = allocators;
        this.text = text;
        this.likeTypes = likeTypes;
        this.typedAllocations = typedAllocations;
        this.diagnostics = diagnostics;
    }

    /// <summary>What to check in <paramref name="source"/>, whose bytes (as offsets count them) are <paramref name="text"/>.</summary>
    /// <param name="source">The parsed file.</param>
    /// <param name="text">The file's bytes.</param>
    /// <param name="likeTypes">Struct tags checked with <c>like_a</c>.</param>
    /// <param name="allocators">The allocator configuration, whose functions' bodies are allocator code.</param>
    /// <param name="typedAllocations">The element type each typed allocation call allocates, by the call's start (line, column).</param>
    /// <param name="diagnostics">Receives a verbose note for each cast skipped.</param>
    public static CastFindings Find(ParsedSource source, byte[] text, IReadOnlySet<string> likeTypes, AllocatorConfiguration allocators,
        IReadOnlyDictionary<(int Line, int Column), CType> typedAllocations, DiagnosticBag diagnostics)
    {
        var finder = new CastFinder(source, text, likeTypes, allocators, typedAllocations, diagnostics);
        foreach (SyntaxNode function in source.Declarations)
        {
            if (function.Kind == SyntaxKind.FunctionDeclaration && function.IsDefinition && !allocators.IsAllocatorCode(function, text)
                && function.Children.LastOrDefault(c => c.Kind == SyntaxKind.CompoundStatement) is SyntaxNode body)
            {
                finder.NoteVariablesOf(function);   // a cast names only its own function's parameters and locals
                finder.Visit(function, body);
            }
        }

        finder.DecideDefinitionCasts();
        finder.DecideHeaderOperandCasts();
        List<CastSite> sites = [.. finder.sites.OrderBy(s => s.Sequence).Select((s, i) => s.Site with { Index = i })];
        return new CastFindings(sites, finder.statistics);
    }

    private enum Candidate
    {
        None,
        Explicit,
        Implicit,
        VaArg,
    }

    /// <summary>Visits the evaluated nodes below <paramref name="root"/> in source order (explicit stack: bodies nest deeply).</summary>
    private void Visit(SyntaxNode function, SyntaxNode root)
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            SyntaxNode node = stack.Pop();
            Consider(function, node);
            for (int i = node.Children.Count - 1; i >= 0; i--)
            {
                if (IsEvaluated(node, node.Children[i]))
                {
                    stack.Push(node.Children[i]);
                }
            }
        }
    }

    /// <summary>Whether <paramref name="child"/> is evaluated at run time as part of <paramref name="parent"/>.</summary>
    private static bool IsEvaluated(SyntaxNode parent, SyntaxNode child) => parent.Kind switch
    {
        SyntaxKind.SizeofOrAlignof or SyntaxKind.GenericSelection or SyntaxKind.TypeDeclaration or SyntaxKind.ParameterDeclaration => false,
        // Only the initialiser, and not for static storage (a constant expression); the rest is the type (typeof, array bounds).
        SyntaxKind.VariableDeclaration => child == parent.Initializer && parent.StorageClass is not (StorageClass.Static or StorageClass.Extern)
            && !parent.IsThreadLocal,
        SyntaxKind.CaseStatement => child == parent.Children[^1],
        SyntaxKind.Cast => child == parent.Children[^1],
        SyntaxKind.ImplicitExpression => !IsOffsetof(parent),
        _ => true,
    };

    /// <summary><c>__builtin_offsetof(T, m)</c>: an integer expression naming a type (libclang exposes it as an unexposed expression).</summary>
    private static bool IsOffsetof(SyntaxNode node) =>
        node.Type is CBuiltinType { IsInteger: true } && node.Children.Any(c => c.Kind == SyntaxKind.TypeReference);

    private void Consider(SyntaxNode function, SyntaxNode node)
    {
        Candidate candidate = Classify(node);
        if (candidate == Candidate.None)
        {
            return;
        }

        int order = sequence++;
        var target = (CPointerType)node.Type!;
        SyntaxNode? operand = candidate switch
        {
            Candidate.Explicit => node.Children[^1],
            Candidate.Implicit => node.Children[0],
            _ => null,
        };
        int? definitionCast = candidate == Candidate.Explicit ? DefinitionCastOffset(node) : null;
        CastElision? elision = Elide(target, operand, node) ?? ElideAllocation(target, operand) ?? ElideCounterpart(target, operand);
        if (elision is CastElision reason)
        {
            statistics = statistics.WithElided(reason);
        }

        if (definitionCast is int at)
        {
            // Decided once every expansion has been seen.
            if (!definitionCasts.TryGetValue(at, out List<DefinitionCastUse>? uses))
            {
                uses = [];
                definitionCasts.Add(at, uses);
            }

            uses.Add(new DefinitionCastUse(node, function.Spelling, order, elision is not null));
            return;
        }

        if (candidate == Candidate.Explicit && node.Start.InMacro && Whole(node) is null && HeaderOperand(node) is (HeaderOperandKey key, bool sameDefinition))
        {
            // Decided once every expansion has been seen.
            if (!headerOperandCasts.TryGetValue(key, out List<HeaderOperandUse>? uses))
            {
                uses = [];
                headerOperandCasts.Add(key, uses);
            }

            uses.Add(new HeaderOperandUse(node, function, order, elision is not null, sameDefinition));
            return;
        }

        if (elision is not null)
        {
            return;
        }

        Plan? plan = candidate switch
        {
            Candidate.Explicit when !node.Start.InMacro && CastRegion.Of(operand!, text) is { } region =>
                new Plan(CastRewrite.Operand, node.Start.Line, node.Start.Column, region),
            Candidate.Explicit => Whole(node),
            Candidate.Implicit when CastRegion.Of(operand!, text) is { } region =>
                new Plan(CastRewrite.Converted, operand!.Start.Line, operand.Start.Column, region),
            Candidate.VaArg => Whole(node),
            _ => null,
        };
        if (plan is null)
        {
            Skip(node, $"pointer cast to '{node.TypeSpelling}' is part of a macro expansion that holds more than the cast; not checked");
            return;
        }

        Add(order, function.Spelling, node, plan.Value);
    }

    /// <summary>Where a checked cast's text is rewritten, and the place its reports name.</summary>
    private readonly record struct Plan(CastRewrite Rewrite, int Line, int Column, (int Start, int End) Region);

    private void Add(int order, string? function, SyntaxNode node, Plan plan, HeaderMacro? headerMacro = null)
    {
        var target = (CPointerType)node.Type!;
        bool isFunction = target.Pointee is CFunctionType;
        string spelling = node.TypeSpelling;
        bool needsSpelling = plan.Rewrite == CastRewrite.Whole || (plan.Rewrite == CastRewrite.Converted && isFunction);
        if (needsSpelling && !IsSpellable(spelling))
        {
            Skip(node, $"pointer cast to '{spelling}' would need the type spelled again, which C cannot; not checked");
            return;
        }

        (CheckKind kind, int degree) = CheckSelection.Select(target, likeTypes);
        string? tag = kind == CheckKind.NamedA ? TagOf(target.Pointee) : null;
        sites.Add((order, new CastSite(0, plan.Line, plan.Column, function, kind, degree, kind == CheckKind.NamedA ? null : target.Pointee, tag,
            spelling, plan.Rewrite, isFunction, plan.Region.Start, plan.Region.End, headerMacro)));
        statistics = statistics with { Checked = statistics.Checked + 1 };
    }

    /// <summary>
    /// The offset of a cast's opening parenthesis when it is written in the body of a macro defined in the main file (its
    /// expansions are then decided together), else null.
    /// </summary>
    private int? DefinitionCastOffset(SyntaxNode cast)
    {
        SourcePosition start = cast.Start;
        if (!start.InMacro || !start.InMainFile || !start.SpellingInMainFile || start.InMacroArgument)
        {
            return null;
        }

        if (!definitions.TryGetValue(start.SpellingOffset, out MacroDefinition? definition))
        {
            definition = MacroDefinition.Containing(text, start.SpellingOffset);
            definitions.Add(start.SpellingOffset, definition);
        }

        return definition is null ? null : start.SpellingOffset;
    }

    /// <summary>
    /// Decides, for each cast written in a macro defined in the main file, how its expansions are checked: each wrapped whole
    /// when every one is exactly the macro's invocation (as for macros in headers); else by rewriting the definition once, which
    /// needs every expansion in the file to be evaluated code (a call cannot go in a static initialiser, and a check must not go
    /// in an unevaluated operand or an allocator), of one type, and the operand's end to be found in the definition; failing
    /// that, as for a macro in a header (whole where possible, else skipped).
    /// </summary>
    private void DecideDefinitionCasts()
    {
        if (definitionCasts.Count == 0)
        {
            return;
        }

        Dictionary<int, int> expansions = CountDefinitionCastExpansions();
        foreach ((int at, List<DefinitionCastUse> uses) in definitionCasts.OrderBy(d => d.Value[0].Sequence))
        {
            List<DefinitionCastUse> live = uses.FindAll(u => !u.Elided);
            if (live.Count == 0)
            {
                continue;
            }

            List<Plan?> wholes = live.ConvertAll(u => Whole(u.Cast));
            if (wholes.TrueForAll(w => w is not null))
            {
                for (int i = 0; i < live.Count; i++)
                {
                    Add(live[i].Sequence, live[i].Function, live[i].Cast, wholes[i]!.Value);
                }

                continue;
            }

            MacroDefinition definition = definitions[at]!;
            SyntaxNode first = live[0].Cast;
            string? reason =
                uses.Count != expansions.GetValueOrDefault(at)
                    ? "is also expanded where no check may go (a static initialiser, an unevaluated operand or an allocator)"
                : uses.Exists(u => !CTypeEquality.AreSame(u.Cast.Type!, first.Type!)) ? "casts to different types in different expansions"
                : null;
            (int Start, int End)? region = reason is null ? OperandInDefinition(definition, at, first) : null;
            if (region is null)
            {
                // As for a macro defined in a header: the expansions that are exactly the invocation are still wrapped whole.
                reason ??= "has a cast whose operand allocscc cannot delimit";
                for (int i = 0; i < live.Count; i++)
                {
                    if (wholes[i] is Plan whole)
                    {
                        Add(live[i].Sequence, live[i].Function, live[i].Cast, whole);
                    }
                    else
                    {
                        Skip(live[i].Cast, $"pointer cast to '{live[i].Cast.TypeSpelling}' is part of macro '{definition.Name}', which {reason}; not checked");
                    }
                }

                continue;
            }

            // The table names the definition; each report names the line of the use it ran in.
            string? function = live.TrueForAll(u => u.Function == live[0].Function) ? live[0].Function : null;
            Add(live[0].Sequence, function, first, new Plan(CastRewrite.DefinitionOperand, first.Start.SpellingLine, first.Start.SpellingColumn, region.Value));
        }
    }

    /// <summary>Where a cast's operand is written in a header macro's body: the file, the offset of its first byte, and its kind.</summary>
    private readonly record struct HeaderOperandKey(string File, int Offset, SyntaxKind Kind);

    /// <summary>One expansion of a cast whose operand is written in a header macro's body.</summary>
    /// <param name="Cast">The cast in this expansion.</param>
    /// <param name="Declaration">The top-level declaration (a function) it is expanded in.</param>
    /// <param name="Sequence">Its place in the order the finder met casts.</param>
    /// <param name="Elided">This expansion needs no check.</param>
    /// <param name="SameDefinition">The cast is written in that body too (its operand is found from the cast's parenthesis); else the
    /// operand is a whole parenthesised expression or identifier there (an argument the body passes to another macro that casts).</param>
    private sealed record HeaderOperandUse(SyntaxNode Cast, SyntaxNode Declaration, int Sequence, bool Elided, bool SameDefinition);

    /// <summary>
    /// Where the operand of <paramref name="cast"/> (expanded from a macro) is written in the body of a macro defined in a header other
    /// than a system header: the first node, from the operand down through parentheses and implicit conversions, spelled in a body other
    /// than the cast's own
    /// (Lua's <c>cast_u(o)</c> passes <c>(o)</c> to <c>cast(t, exp)</c>), else the operand itself when the cast is written in such a body
    /// with its operand. Null when neither.
    /// </summary>
    private (HeaderOperandKey Key, bool SameDefinition)? HeaderOperand(SyntaxNode cast)
    {
        SourcePosition at = cast.Start;
        MacroDefinition? castDefinition = at.SpellingFile is string castFile && !at.SpellingInSystemHeader && HeaderText(castFile) is byte[] castText
            ? MacroDefinition.Containing(castText, at.SpellingOffset)
            : null;
        SyntaxNode operand = cast.Children[^1];
        while (operand is { Kind: SyntaxKind.ImplicitExpression, Children.Count: 1 })
        {
            operand = operand.Children[0];
        }

        for (SyntaxNode n = operand; ; n = n.Children[0])
        {
            SourcePosition s = n.Start;
            if (s.InMacro && s.SpellingFile is string file && !s.SpellingInSystemHeader)
            {
                bool same = file == at.SpellingFile && castDefinition is not null && s.SpellingOffset >= castDefinition.BodyStart
                    && s.SpellingOffset < castDefinition.End;
                if (!same && n.Kind is SyntaxKind.Parenthesized or SyntaxKind.DeclarationReference)
                {
                    return (new HeaderOperandKey(file, s.SpellingOffset, n.Kind), false);
                }
            }

            if (n.Kind is not (SyntaxKind.Parenthesized or SyntaxKind.ImplicitExpression) || n.Children.Count != 1)
            {
                break;
            }
        }

        SourcePosition o = operand.Start;
        return castDefinition is not null && o.SpellingFile == at.SpellingFile && o.SpellingOffset >= castDefinition.BodyStart
            && o.SpellingOffset < castDefinition.End
            ? (new HeaderOperandKey(at.SpellingFile!, o.SpellingOffset, operand.Kind), true)
            : null;
    }

    /// <summary>A header's bytes, read once; null when it cannot be read.</summary>
    private byte[]? HeaderText(string file)
    {
        if (!headerTexts.TryGetValue(file, out byte[]? bytes))
        {
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                bytes = null;
            }

            headerTexts.Add(file, bytes);
        }

        return bytes;
    }

    /// <summary>
    /// Decides, for each operand written in a header macro's body, whether its casts are checked by repeating that macro's definition
    /// in the file, the operand wrapped: every expansion of it in the file must be the operand of a cast to one type in evaluated code
    /// (no static initialiser, unevaluated operand or allocator), the operand must be delimited in the body, and the first use must
    /// be in a declaration starting a line of its own, where the redefinition goes. Otherwise its expansions are skipped.
    /// </summary>
    private void DecideHeaderOperandCasts()
    {
        if (headerOperandCasts.Count == 0)
        {
            return;
        }

        HashSet<HeaderOperandKey> misplaced = ExpandedWhereNoCallMayGo();
        Dictionary<HeaderOperandKey, int> evaluated = EvaluatedExpansions();
        var regions = new Dictionary<(string File, int NameStart), List<(int Start, int End)>>();
        foreach ((HeaderOperandKey key, List<HeaderOperandUse> uses) in headerOperandCasts.OrderBy(h => h.Value[0].Sequence))
        {
            List<HeaderOperandUse> live = uses.FindAll(u => !u.Elided);
            if (live.Count == 0)
            {
                continue;
            }

            HeaderOperandUse first = live[0];
            byte[]? text = HeaderText(key.File);
            MacroDefinition? definition = text is null ? null : MacroDefinition.Containing(text, key.Offset);
            (int Start, int End)? region = definition is null ? null : OperandInHeader(text!, definition, key, first);
            (int Offset, int Line)? insertAt = InsertionBefore(uses.Min(u => u.Declaration.Start.Offset), uses.Select(u => u.Declaration));
            string? reason =
                definition is null ? "whose definition allocscc cannot read"
                : misplaced.Contains(key)
                    ? "which is also expanded where no check may go (a static initialiser, a case label, a type or an allocator)"
                : evaluated.GetValueOrDefault(key) != uses.Count ? "which is also expanded where it is not the operand of such a cast"
                : uses.Exists(u => !CTypeEquality.AreSame(u.Cast.Type!, first.Cast.Type!)) ? "which casts to different types in different expansions"
                : region is null ? "whose cast operand allocscc cannot delimit"
                : OpensComment(text!, definition!) ? "whose definition goes on in a comment past its line"
                : LaterLineDirective(insertAt?.Offset ?? 0) ? "and the file numbers its own lines (#line), which the repetition's #line would undo"
                : insertAt is null ? "whose first use does not start a line of its own, where the macro could be redefined"
                : null;
            if (reason is null)
            {
                List<(int Start, int End)> taken = regions.TryGetValue((key.File, definition!.NameStart), out var list) ? list : regions[(key.File, definition.NameStart)] = [];
                if (taken.Exists(r => r.Start < region!.Value.End && region.Value.Start < r.End))
                {
                    reason = "whose operand overlaps another checked operand of the same macro";
                }
                else
                {
                    taken.Add(region!.Value);
                    string? function = live.TrueForAll(u => u.Declaration == first.Declaration) ? first.Declaration.Spelling : null;
                    var macro = new HeaderMacro(key.File, text!, definition, insertAt!.Value.Offset, insertAt.Value.Line,
                        LaterIncludes(insertAt.Value.Offset));
                    Add(first.Sequence, function, first.Cast, new Plan(CastRewrite.HeaderDefinitionOperand, first.Cast.Start.Line, first.Cast.Start.Column,
                        region!.Value), macro);
                    continue;
                }
            }

            foreach (HeaderOperandUse use in live)
            {
                Skip(use.Cast, $"pointer cast to '{use.Cast.TypeSpelling}' has its operand in macro '{definition?.Name ?? "?"}' of {key.File}, {reason}; not checked");
            }
        }
    }

    /// <summary>The operand's bytes in <paramref name="definition"/>'s body: found from the cast's parenthesis when the cast is written
    /// there too, else the whole parenthesised expression or identifier at the key's offset. Null when unclear.</summary>
    private static (int Start, int End)? OperandInHeader(byte[] text, MacroDefinition definition, HeaderOperandKey key, HeaderOperandUse use)
    {
        List<MacroBodyToken> tokens = MacroBodyTokenizer.Tokenize(text, definition.BodyStart, definition.End);
        if (use.SameDefinition)
        {
            int open = tokens.FindIndex(t => t.Start == use.Cast.Start.SpellingOffset);
            return CastOperandParser.Operand(tokens, open, use.Cast) is { } span && tokens[span.Start].Start == key.Offset
                ? (tokens[span.Start].Start, tokens[span.End - 1].End)
                : null;
        }

        int at = tokens.FindIndex(t => t.Start == key.Offset);
        if (at < 0 || tokens.Exists(t => t.Is("#") || t.Is("##")))
        {
            return null;
        }

        if (key.Kind == SyntaxKind.DeclarationReference)
        {
            return tokens[at].Kind == MacroBodyTokenKind.Identifier ? (tokens[at].Start, tokens[at].End) : null;
        }

        return CastOperandParser.Closing(tokens, at) is int close ? (tokens[at].Start, tokens[close].End) : null;
    }

    /// <summary>
    /// The operands written in header macro bodies that the file also expands where a function call cannot go or a check must not:
    /// initialisers of static storage (constant expressions), <c>case</c> labels and type declarations (enumerators, bit-field widths),
    /// and allocator code. Unevaluated operands are fine: a call in <c>sizeof</c> or <c>typeof</c> is never made.
    /// </summary>
    private HashSet<HeaderOperandKey> ExpandedWhereNoCallMayGo()
    {
        var misplaced = new HashSet<HeaderOperandKey>();
        void Collect(SyntaxNode root)
        {
            var pending = new Stack<SyntaxNode>([root]);
            while (pending.TryPop(out SyntaxNode? node))
            {
                if (node.Kind == SyntaxKind.SizeofOrAlignof)
                {
                    continue;   // never evaluated, even in a constant expression
                }

                if (RecordedOperandKey(node) is HeaderOperandKey key)
                {
                    misplaced.Add(key);
                }

                foreach (SyntaxNode child in node.Children)
                {
                    pending.Push(child);
                }
            }
        }

        foreach (SyntaxNode declaration in source.Declarations)
        {
            if (declaration.Kind != SyntaxKind.FunctionDeclaration || allocators.IsAllocatorCode(declaration, text))
            {
                Collect(declaration);
                continue;
            }

            foreach (SyntaxNode node in declaration.DescendantsAndSelf())
            {
                if (node.Kind == SyntaxKind.TypeDeclaration
                    || (node.Kind == SyntaxKind.VariableDeclaration && node.Initializer is SyntaxNode initializer
                        && (node.StorageClass is StorageClass.Static or StorageClass.Extern || node.IsThreadLocal)))
                {
                    Collect(node);
                }
                else if (node.Kind == SyntaxKind.CaseStatement)
                {
                    foreach (SyntaxNode label in node.Children.Take(node.Children.Count - 1))
                    {
                        Collect(label);
                    }
                }
            }
        }

        return misplaced;
    }

    /// <summary>The key of <paramref name="node"/> when it is an expansion of an operand some recorded cast has in a header macro's body.</summary>
    private HeaderOperandKey? RecordedOperandKey(SyntaxNode node)
    {
        if (node.Start is not { InMacro: true, SpellingFile: string file } start)
        {
            return null;
        }

        var key = new HeaderOperandKey(file, start.SpellingOffset, node.Kind);
        return headerOperandCasts.ContainsKey(key) ? key : null;
    }

    /// <summary>
    /// How many times each operand written in a header macro's body is expanded in evaluated code of the file's functions (allocators
    /// aside): each must be one of the casts recorded for it, or the redefinition would check expansions of other types.
    /// </summary>
    private Dictionary<HeaderOperandKey, int> EvaluatedExpansions()
    {
        var counts = new Dictionary<HeaderOperandKey, int>();
        foreach (SyntaxNode function in source.Declarations)
        {
            if (function.Kind != SyntaxKind.FunctionDeclaration || !function.IsDefinition || allocators.IsAllocatorCode(function, text)
                || function.Children.LastOrDefault(c => c.Kind == SyntaxKind.CompoundStatement) is not SyntaxNode body)
            {
                continue;
            }

            var pending = new Stack<SyntaxNode>([body]);
            while (pending.TryPop(out SyntaxNode? node))
            {
                if (RecordedOperandKey(node) is HeaderOperandKey key)
                {
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }

                foreach (SyntaxNode child in node.Children.Where(c => IsEvaluated(node, c)))
                {
                    pending.Push(child);
                }
            }
        }

        return counts;
    }

    /// <summary>Whether a comment opened in <paramref name="definition"/>'s body runs past the directive's line (it then goes on, as one
    /// blank, on the next lines), which a copy of the line would cut open.</summary>
    private static bool OpensComment(byte[] text, MacroDefinition definition)
    {
        ReadOnlySpan<byte> body = text.AsSpan(definition.BodyStart, definition.End - definition.BodyStart);
        int open = body.LastIndexOf("/*"u8);
        return open >= 0 && body[open..].IndexOf("*/"u8) < 0;
    }

    /// <summary>Whether the main file has a <c>#line</c> directive (or a <c># N</c> line marker) after <paramref name="offset"/>: it numbers
    /// its own lines (generated code), which a repetition's <c>#line</c> would undo.</summary>
    private bool LaterLineDirective(int offset) => Directives().Exists(d => d.Start >= offset && !d.IsInclude);

    /// <summary>
    /// The main file's <c>#include</c> (<c>#import</c>) lines after <paramref name="offset"/>: the text they bring in was never walked
    /// here, so the macro's original definition is restored around each (<c>pop_macro</c> before, the repetition again after).
    /// </summary>
    private List<IncludeLine> LaterIncludes(int offset) =>
        [.. Directives().Where(d => d.Start >= offset && d.IsInclude).Select(d => new IncludeLine(d.Start, d.Line, d.Next < text.Length ? d.Next : -1))];

    private List<(int Start, int Line, int Next, bool IsInclude)>? directives;

    /// <summary>The main file's <c>#include</c>, <c>#import</c> and <c>#line</c> directives (and <c># N</c> line markers): where each
    /// starts, its 1-based line, where the next line starts (the file's length at its end).</summary>
    private List<(int Start, int Line, int Next, bool IsInclude)> Directives()
    {
        if (directives is not null)
        {
            return directives;
        }

        directives = [];
        int number = 1;
        for (int line = 0; line < text.Length; number++)
        {
            int newline = Array.IndexOf(text, (byte)'\n', line);
            int next = newline < 0 ? text.Length : newline + 1;
            int i = line;
            while (i < next && text[i] is (byte)' ' or (byte)'\t')
            {
                i++;
            }

            if (i < next && text[i] == (byte)'#')
            {
                i++;
                while (i < next && text[i] is (byte)' ' or (byte)'\t')
                {
                    i++;
                }

                ReadOnlySpan<byte> rest = text.AsSpan(i, next - i);
                if (rest.StartsWith("include"u8) || rest.StartsWith("import"u8))
                {
                    directives.Add((line, number, next, true));
                }
                else if (rest.StartsWith("line"u8) || (rest.Length > 0 && char.IsAsciiDigit((char)rest[0])))
                {
                    directives.Add((line, number, next, false));
                }
            }

            line = next;
        }

        return directives;
    }

    /// <summary>
    /// The start of the line of the main file where the declaration at <paramref name="offset"/> begins, and that line's number, when
    /// only blanks precede the declaration on it (a directive may go there); null otherwise.
    /// </summary>
    private (int Offset, int Line)? InsertionBefore(int offset, IEnumerable<SyntaxNode> declarations)
    {
        SyntaxNode? declaration = declarations.FirstOrDefault(d => d.Start.Offset == offset);
        if (declaration is null || !declaration.Start.IsRewritable || offset > text.Length)
        {
            return null;
        }

        int lineStart = offset;
        while (lineStart > 0 && text[lineStart - 1] != (byte)'\n')
        {
            lineStart--;
            if (text[lineStart] is not ((byte)' ' or (byte)'\t'))
            {
                return null;
            }
        }

        int beforeBreak = lineStart >= 2 && text[lineStart - 2] == (byte)'\r' ? lineStart - 3 : lineStart - 2;
        bool spliced = beforeBreak >= 0 && text[beforeBreak] == (byte)'\\';
        return spliced ? null : (lineStart, declaration.Start.Line);
    }

    /// <summary>
    /// How many times each cast written in a main-file macro definition is expanded anywhere in the file's declarations: in
    /// function bodies (allocators included) and in unevaluated operands, static initialisers and array bounds.
    /// </summary>
    private Dictionary<int, int> CountDefinitionCastExpansions()
    {
        var counts = new Dictionary<int, int>();
        foreach (SyntaxNode declaration in source.Declarations)
        {
            foreach (SyntaxNode node in declaration.DescendantsAndSelf())
            {
                if (node.Kind == SyntaxKind.Cast && Classify(node) == Candidate.Explicit && DefinitionCastOffset(node) is int at)
                {
                    counts[at] = counts.GetValueOrDefault(at) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>The bytes of the operand of the cast at <paramref name="at"/> in <paramref name="definition"/>'s body, or null when unclear.</summary>
    private (int Start, int End)? OperandInDefinition(MacroDefinition definition, int at, SyntaxNode cast)
    {
        List<MacroBodyToken> tokens = MacroBodyTokenizer.Tokenize(text, definition.BodyStart, definition.End);
        if (CastOperandParser.Operand(tokens, tokens.FindIndex(t => t.Start == at), cast) is not { } span)
        {
            return null;
        }

        (int start, int end) = (tokens[span.Start].Start, tokens[span.End - 1].End);
        // Where the operand itself is written in the body, the AST must agree on its start.
        SourcePosition operand = cast.Children[^1].Start;
        bool writtenInBody = operand.SpellingInMainFile && operand.SpellingOffset >= definition.BodyStart && operand.SpellingOffset < definition.End;
        return writtenInBody && operand.SpellingOffset != start ? null : (start, end);
    }

    private static Candidate Classify(SyntaxNode node)
    {
        if (node.Kind == SyntaxKind.Cast)
        {
            return node.Type is CPointerType && node.Children.Count > 0 && node.Children[^1].Kind != SyntaxKind.TypeReference
                ? Candidate.Explicit
                : Candidate.None;
        }

        if (node.Kind != SyntaxKind.ImplicitExpression || node.Type is not CPointerType target)
        {
            return Candidate.None;
        }

        if (IsVaArg(node))
        {
            return Candidate.VaArg;
        }

        return node.Children.Count == 1 && node.Children[0].Type is CPointerType { Pointee: CVoidType } && target.Pointee is not CVoidType
            && IsConversionContext(node)
            ? Candidate.Implicit
            : Candidate.None;
    }

    /// <summary>
    /// <c>va_arg(ap, T)</c> (<c>__builtin_va_arg</c>): libclang shows it as an unexposed expression
    /// over <c>ap</c>, which unlike an implicit conversion does not span the same text as its operand.
    /// </summary>
    private static bool IsVaArg(SyntaxNode node)
    {
        List<SyntaxNode> operands = [.. node.Children.Where(c => c.Kind != SyntaxKind.TypeReference)];
        if (operands.Count != 1)
        {
            return false;
        }

        SyntaxNode ap = operands[0];
        bool spansMore = ap.Start.Offset != node.Start.Offset || ap.End.Offset != node.End.Offset || ap.End.InMacro != node.End.InMacro
            || operands.Count != node.Children.Count;
        return spansMore && IsVaList(ap);
    }

    private static bool IsVaList(SyntaxNode node) =>
        node.Type is CPointerType { Pointee: CRecordType { Name: "__va_list_tag" } } or CArrayType { Element: CRecordType { Name: "__va_list_tag" } }
        || node.TypeSpelling.Contains("va_list", StringComparison.Ordinal);

    /// <summary>Initialisation, assignment, argument passing and return: where C converts <c>void *</c> to <c>T *</c> for the program.</summary>
    private static bool IsConversionContext(SyntaxNode node) => node.Parent switch
    {
        { Kind: SyntaxKind.VariableDeclaration } declaration => declaration.Initializer == node,
        { Kind: SyntaxKind.BinaryOperator, BinaryOperator: BinaryOperatorKind.Assign } assignment =>
            assignment.Children.Count == 2 && assignment.Children[1] == node,
        { Kind: SyntaxKind.Call } call => call.Children.Count > 0 && call.Children[0] != node,
        { Kind: SyntaxKind.ReturnStatement or SyntaxKind.InitializerList } => true,
        _ => false,
    };

    private static CastElision? Elide(CPointerType target, SyntaxNode? operand, SyntaxNode cast)
    {
        // A may_alias type (SIMD vectors: __m128i) views any object's bytes, as a character type does.
        if (target.Pointee is CVoidType or CBuiltinType { IsCharacter: true } || cast.PointeeMayAlias)
        {
            return CastElision.VoidOrChar;
        }

        if (operand is null)
        {
            return null;
        }

        if (IntegerConstantValue(operand) is { } constant)
        {
            if (constant == 0)
            {
                return CastElision.NullPointer;
            }

            if (NeverMapped((ulong)constant))
            {
                return CastElision.IntegerConstant;
            }
        }

        if (IsWrittenUpcast(operand, target.Pointee))
        {
            return CastElision.Upcast;
        }

        CType? source = operand.Type;
        if (source is CPointerType pointer && CTypeEquality.AreSame(pointer, target))
        {
            return CastElision.Identical;
        }

        return source is CPointerType from && StartsWith(from.Pointee, target.Pointee, depth: 0) ? CastElision.Upcast : null;
    }

    /// <summary>Notes the parameters and variables <paramref name="function"/> defines.</summary>
    private void NoteVariablesOf(SyntaxNode function)
    {
        foreach (SyntaxNode node in function.DescendantsAndSelf())
        {
            if (node.Kind is SyntaxKind.ParameterDeclaration or SyntaxKind.VariableDeclaration && node.DeclarationId is int id
                && node.StorageClass != StorageClass.Extern)
            {
                functionVariables.Add(id);
            }
        }
    }

    /// <summary><c>&amp;v</c>, <paramref name="operand"/> in parentheses or not, for a variable <c>v</c> of
    /// <see cref="functionVariables"/> of an integer type whose signed or unsigned counterpart is the target's pointee (see
    /// <see cref="CastElision.Counterpart"/>).</summary>
    private CastElision? ElideCounterpart(CPointerType target, SyntaxNode? operand)
    {
        if (operand is null || target.Pointee is not CBuiltinType { IsInteger: true } to)
        {
            return null;
        }

        SyntaxNode e = StripParentheses(operand);
        if (e.Kind != SyntaxKind.UnaryOperator || e.UnaryOperator != UnaryOperatorKind.AddressOf || e.Children.Count != 1)
        {
            return null;
        }

        SyntaxNode v = StripParentheses(e.Children[0]);
        return v.Kind == SyntaxKind.DeclarationReference && v.DeclarationId is int id && functionVariables.Contains(id)
            && v.Type is CBuiltinType { IsInteger: true } from && from.Counterpart is { } counterpart && CTypeEquality.AreSame(counterpart, to)
            ? CastElision.Counterpart : null;
    }

    /// <summary>An allocation call (in parentheses or casts) whose site types the chunk as the target's pointee.</summary>
    private CastElision? ElideAllocation(CPointerType target, SyntaxNode? operand) =>
        operand is not null && Strip(operand) is { Kind: SyntaxKind.Call } call
            && typedAllocations.TryGetValue((call.Start.Line, call.Start.Column), out CType? allocated)
            && CTypeEquality.AreSame(allocated, target.Pointee)
            ? CastElision.Allocation : null;

    /// <summary>
    /// Whether no mapping of a process can hold <paramref name="address"/>: below Linux's default <c>vm.mmap_min_addr</c>
    /// (64 KiB) or at and above 2^56 (kernel and non-canonical addresses). The runtime's <c>ProcMaps.NeverMapped</c> draws the
    /// same line; a constant between them may be a fixed mapping's address (<c>MAP_FIXED</c>, <c>shmat</c>) and stays checked.
    /// </summary>
    private static bool NeverMapped(ulong address) => address < 0x10000 || address >= 1UL << 56;

    /// <summary>The value of an integer constant, possibly cast to <c>void *</c> (<c>NULL</c>, <c>(void *)-1</c>), in parentheses
    /// or not; null when the node is none.</summary>
    private static long? IntegerConstantValue(SyntaxNode node)
    {
        SyntaxNode e = Strip(node);
        if (e.Type is CBuiltinType { IsInteger: true } or CEnumType)
        {
            return e.IntegerValue;
        }

        return e.Kind == SyntaxKind.Cast && e.Type is CPointerType { Pointee: CVoidType } && e.Children.Count > 0
            && Strip(e.Children[^1]).Type is CBuiltinType { IsInteger: true } or CEnumType ? IntegerConstantValue(e.Children[^1]) : null;
    }

    /// <summary>
    /// Upcasts the text shows: <c>&amp;s-&gt;m</c> or <c>&amp;s.m</c> with <c>m</c> at offset 0 of exactly the
    /// target type, <c>&amp;a[0]</c> and an array decaying to its element type.
    /// </summary>
    private static bool IsWrittenUpcast(SyntaxNode operand, CType pointee)
    {
        SyntaxNode e = StripParentheses(operand);
        if (e.Kind == SyntaxKind.ImplicitExpression && e.Children.Count == 1
            && StripParentheses(e.Children[0]).Type is CArrayType { IsVector: false } decayed)
        {
            return CTypeEquality.AreSame(decayed.Element, pointee);
        }

        if (e.Kind != SyntaxKind.UnaryOperator || e.UnaryOperator != UnaryOperatorKind.AddressOf || e.Children.Count != 1)
        {
            return false;
        }

        SyntaxNode m = StripParentheses(e.Children[0]);
        if (m.Kind == SyntaxKind.MemberReference && FieldOf(m) is CField field)
        {
            return field.BitOffset == 0 && field.BitWidth is null && CTypeEquality.AreSame(field.Type, pointee);
        }

        return m.Kind == SyntaxKind.ArraySubscript && m.Children.Count == 2 && m.Children[1].IntegerValue == 0
            && Strip(m.Children[0]).Type is CArrayType { IsVector: false } array && CTypeEquality.AreSame(array.Element, pointee);
    }

    /// <summary>The member a member reference names, when it is a direct member of a complete record.</summary>
    private static CField? FieldOf(SyntaxNode member)
    {
        if (member.Children.Count == 0)
        {
            return null;
        }

        CRecordType? record = member.Children[0].Type switch
        {
            CPointerType { Pointee: CRecordType r } => r,
            CRecordType r => r,
            _ => null,
        };
        return record?.Fields.FirstOrDefault(f => f.Name == member.Spelling);
    }

    /// <summary>Whether an object of type <paramref name="outer"/> has a subobject of type <paramref name="inner"/> at offset 0
    /// (its first member, any union arm, its first element, at any depth), so a pointer to one is a pointer to the other.</summary>
    private static bool StartsWith(CType outer, CType inner, int depth)
    {
        if (depth > 32)
        {
            return false;
        }

        switch (outer)
        {
            case CRecordType { IsComplete: true } record:
                foreach (CField field in record.Fields)
                {
                    if (field.BitOffset != 0 || field.BitWidth is not null)
                    {
                        break;
                    }

                    if (CTypeEquality.AreSame(field.Type, inner) || StartsWith(field.Type, inner, depth + 1))
                    {
                        return true;
                    }

                    if (!record.IsUnion)
                    {
                        break;
                    }
                }

                return false;
            case CArrayType { IsVector: false } array:
                return CTypeEquality.AreSame(array.Element, inner) || StartsWith(array.Element, inner, depth + 1);
            default:
                return false;
        }
    }

    /// <summary>
    /// Wrapping a whole expression of the target type: the cast or <c>va_arg</c> with the parentheses
    /// its macro puts around it, when exactly that text is in the file (the whole macro invocation).
    /// </summary>
    private Plan? Whole(SyntaxNode node)
    {
        SyntaxNode n = node;
        while (n.Parent is { Kind: SyntaxKind.Parenthesized } parent && parent.Start.InMacro && parent.Start.Offset == node.Start.Offset)
        {
            n = parent;
        }

        return CastRegion.Of(n, text) is { } region ? new Plan(CastRewrite.Whole, n.Start.Line, n.Start.Column, region) : null;
    }

    private void Skip(SyntaxNode node, string message)
    {
        statistics = statistics with { Skipped = statistics.Skipped + 1 };
        diagnostics.Add(DiagnosticDescriptors.CastNotChecked, message, source.MainFile, node.Start.Line, node.Start.Column);
    }

    /// <summary>A type spelling that can be written in a cast here: not an anonymous struct's made-up name, no <c>typeof</c>.</summary>
    private static bool IsSpellable(string spelling) => spelling.Length > 0 && !spelling.Contains("(unnamed", StringComparison.Ordinal)
        && !spelling.Contains("(anonymous", StringComparison.Ordinal) && !spelling.Contains("typeof", StringComparison.Ordinal);

    private static string? TagOf(CType type) => type switch
    {
        CRecordType record => record.Name,
        CEnumType enumeration => enumeration.Name,
        _ => null,
    };

    private static SyntaxNode StripParentheses(SyntaxNode node)
    {
        while (node.Kind == SyntaxKind.Parenthesized && node.Children.Count == 1)
        {
            node = node.Children[0];
        }

        return node;
    }

    /// <summary>Through parentheses and implicit conversions.</summary>
    private static SyntaxNode Strip(SyntaxNode node)
    {
        while (node.Kind is SyntaxKind.Parenthesized or SyntaxKind.ImplicitExpression && node.Children.Count == 1)
        {
            node = node.Children[0];
        }

        return node;
    }
}
