// Finding allocation calls, inferring what each allocates, and planning how each is rewritten.
using System.Text;
using Liballocs.Instrument.Allocators;
using Liballocs.Instrument.Checks;
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Sites;

/// <summary>
/// Finds the calls to the configured allocators' functions (<see cref="AllocatorConfiguration"/>) in function bodies: allocating
/// calls of the heap and of wrappers become sites whose chunk is given the site after the call (returned, or stored through a
/// <c>result_in</c> argument); a suballocator's allocating calls are recorded as chunks, its frees and releases forgotten. Calls
/// a wrapper or suballocator makes to its own functions are its internals and are left alone. What each site allocates is inferred from its
/// size argument (<see cref="AllocationSize"/>): an array when the size is a product at its top level or the allocator takes a
/// count other than a literal 1; one struct for a struct with a flexible array member plus its elements; nothing for another
/// header plus an array. Failing a <c>sizeof</c>, the configured <c>type</c>; failing that, the pointee of the pointer the result
/// is cast to, initialises, is assigned to or is returned as, when that is unambiguous (a complete type, not <c>void</c> or a
/// character type, and a constant size a multiple of it).
/// </summary>
internal sealed class AllocationSiteFinder
{
    private const string Lazily = "no sizeof found: typed lazily at its first checked cast";

    private readonly ParsedSource source;
    private readonly byte[] text;
    private readonly DiagnosticBag diagnostics;
    private readonly ConfiguredTypes configuredTypes;
    private readonly List<AllocationSite> sites = [];
    private readonly List<ChunkRelease> releases = [];

    /// <summary>The configured wrapper function being searched, when it keeps a header before its objects; null otherwise.</summary>
    private AllocatorFunction? headerWrapper;

    private AllocationSiteFinder(ParsedSource source, byte[] text, DiagnosticBag diagnostics)
    {
        this.source = source;
        this.text = text;
        this.diagnostics = diagnostics;
        configuredTypes = new ConfiguredTypes(source);
    }

    /// <summary>The allocation sites of <paramref name="source"/> (whose bytes are <paramref name="text"/>), numbered from 0 in source order,
    /// and its suballocator frees and releases.</summary>
    public static AllocationFindings Find(ParsedSource source, byte[] text, AllocatorConfiguration allocators, DiagnosticBag diagnostics)
    {
        var finder = new AllocationSiteFinder(source, text, diagnostics);
        foreach (SyntaxNode function in source.Declarations)
        {
            if (function.Kind != SyntaxKind.FunctionDeclaration || !function.IsDefinition)
            {
                continue;
            }

            AllocatorFunction? ownFunction = allocators.Find(function.Spelling, function, text);
            string? own = ownFunction?.Instance;
            finder.headerWrapper = ownFunction is { Kind: AllocatorKind.Wrapper, Role: AllocatorRole.Allocates, Header: > 0 } ? ownFunction : null;
            LocalDefinitions? locals = null;
            foreach (SyntaxNode call in function.DescendantsAndSelf())
            {
                // A wrapper's or suballocator's calls to its own functions are its internals (the outer call records the chunk); a program's
                // own definition of a heap function (strdup) still has its heap calls sited, as the C library's would be by the runtime.
                if (call.Kind == SyntaxKind.Call && call.CalleeName is string name && allocators.Find(name, call, text) is AllocatorFunction called
                    && IsRewritten(called) && (called.Instance != own || called.Kind == AllocatorKind.Heap))
                {
                    locals ??= new LocalDefinitions(function);
                    finder.Consider(function, call, called, locals);
                }
            }
        }

        return new AllocationFindings(finder.sites, finder.releases);
    }

    /// <summary>Whether calls to <paramref name="called"/> are rewritten here: allocating calls of the heap and wrappers, every call of a
    /// suballocator; not frees of the heap or wrappers (the runtime sees the C library's free) nor alloca (<c>AllocaFinder</c>).</summary>
    private static bool IsRewritten(AllocatorFunction called) => called.Kind switch
    {
        AllocatorKind.Stack => false,
        AllocatorKind.Suballocator => true,
        _ => called.Role == AllocatorRole.Allocates,
    };

    private void Consider(SyntaxNode function, SyntaxNode call, AllocatorFunction called, LocalDefinitions locals)
    {
        (int Start, int End, SyntaxNode Value)? invocation = null;
        if (!call.Start.InMainFile || call.Start.InMacro || call.End.InMacro)
        {
            // From a macro: an allocating call of the heap or a wrapper whose value is the invocation's (`#define NEW(T) ((T *) xmalloc(sizeof(T)))`,
            // `#define Malloc(n) malloc(n)`) is sited by wrapping the invocation; a free whose argument is written in the invocation's
            // arguments by wrapping that argument.
            invocation = called.Role == AllocatorRole.Allocates && called.Kind != AllocatorKind.Suballocator && called.ResultIn is null
                ? InvocationOf(call) : null;
            if (invocation is null && called.Role is AllocatorRole.Allocates)
            {
                diagnostics.Add(DiagnosticDescriptors.AllocationInMacro,
                    $"call to '{called.Name}' comes from a macro expansion that holds more than the call, or from included text; not instrumented",
                    source.MainFile, call.Start.Line, call.Start.Column);
                return;
            }
        }

        List<SyntaxNode> arguments = [.. call.Children.Skip(1)];
        if (arguments.Count <= called.HighestArgument)
        {
            NotInstrumented(call, $"call to '{called.Name}' has {arguments.Count} arguments, but the allocator configuration ({called.Place}) names "
                + $"argument {called.HighestArgument}; not instrumented");
            return;
        }

        switch (called.Role)
        {
            case AllocatorRole.Allocates when called.Kind == AllocatorKind.Suballocator:
                Suballocation(function, call, called, arguments, locals);
                break;
            case AllocatorRole.Allocates when called.ResultIn is int resultIn:
                ResultIn(function, call, called, arguments, resultIn, locals);
                break;
            case AllocatorRole.Allocates:
                SetSite(function, call, called, arguments, locals, invocation);
                break;
            case AllocatorRole.Frees:
                Release(function, call, called, arguments[called.Frees!.Value], called.Frees.Value, releases: false);
                break;
            case AllocatorRole.Releases:
                Release(function, call, called, arguments[called.Releases!.Value], called.Releases.Value, releases: true);
                break;
        }
    }

    /// <summary>
    /// The bytes of the macro invocation a call comes from, when the invocation's value is the call's (through parentheses, pointer casts
    /// and implicit conversions) and the bytes hold nothing else, with the node of that value; null otherwise.
    /// </summary>
    private (int Start, int End, SyntaxNode Value)? InvocationOf(SyntaxNode call)
    {
        SyntaxNode top = call;
        while (top.Parent is { } parent && (parent.Kind is SyntaxKind.Parenthesized or SyntaxKind.ImplicitExpression
            || (parent.Kind == SyntaxKind.Cast && parent.Type is CPointerType)) && parent.Start.InMacro)
        {
            top = parent;
        }

        return top.Type is CPointerType && CastRegion.Of(top, text) is (int start, int end) ? (start, end, top) : null;
    }

    private void SetSite(SyntaxNode function, SyntaxNode call, AllocatorFunction called, List<SyntaxNode> arguments, LocalDefinitions locals,
        (int Start, int End, SyntaxNode Value)? invocation)
    {
        SyntaxNode value = invocation?.Value ?? call;
        if (value.Type is not CPointerType result)
        {
            NotInstrumented(call, $"call to '{called.Name}' does not return a pointer (is it declared?); not instrumented");
            return;
        }

        string? cast = null;
        if (result.Pointee is not CVoidType)
        {
            cast = value.TypeSpelling;
            if (!IsSpellable(cast))
            {
                NotInstrumented(call, $"call to '{called.Name}' returns '{cast}', which has no name to cast back to; not instrumented");
                return;
            }
        }

        Inference inferred = Infer(function, call, called, arguments, result.Pointee, DestinationOfResult(function, value), locals);
        SiteRewrite rewrite = invocation is null && cast is null && SitedEntryNameEnd(call, called) is int nameEnd
            ? new SiteRewrite(SiteRewriteKind.SitedEntry, call.Start.Offset, call.End.Offset, null, [], NameEnd: nameEnd)
            : new SiteRewrite(SiteRewriteKind.SetSite, invocation?.Start ?? call.Start.Offset, invocation?.End ?? call.End.Offset, cast, []);
        Add(function, call, called, inferred, rewrite);
    }

    /// <summary>The heap's functions that have an entry point taking the site (<c>__liballocs_malloc_at</c>...).</summary>
    // The functions with sited entry points: LIBALLOCS_SITED_ENTRIES of liballocs_meta.h.
    private static readonly HashSet<string> SitedEntries = [.. SitedEntryTable.Rows.Select(r => r.Text)];

    /// <summary>
    /// One past the callee's name when the call can go to the heap function's sited entry point instead
    /// (<see cref="SiteRewriteKind.SitedEntry"/>): a call written out in the file as <c>name(...)</c>, not <c>(malloc)(n)</c>. The entry
    /// point is given the function the name refers to, so a program's own malloc (or ld's <c>--wrap</c>) still gets the call.
    /// </summary>
    private int? SitedEntryNameEnd(SyntaxNode call, AllocatorFunction called)
    {
        if (called.Kind != AllocatorKind.Heap || !SitedEntries.Contains(called.Name))
        {
            return null;
        }

        int start = call.Start.Offset;
        int nameEnd = start + called.Name.Length;
        bool written = nameEnd < text.Length && text.AsSpan(start, called.Name.Length).SequenceEqual(Encoding.ASCII.GetBytes(called.Name))
            && !char.IsAsciiLetterOrDigit((char)text[nameEnd]) && text[nameEnd] != (byte)'_'
            && MacroInvocation.End(text, start) == call.End.Offset && text[call.End.Offset - 1] == (byte)')';
        return written ? nameEnd : null;
    }

    private void ResultIn(SyntaxNode function, SyntaxNode call, AllocatorFunction called, List<SyntaxNode> arguments, int argument, LocalDefinitions locals)
    {
        SyntaxNode through = arguments[argument];
        if (through.Type is not CPointerType { Pointee: CPointerType stored })
        {
            NotInstrumented(call, $"argument {argument} of '{called.Name}' is not a pointer to a pointer, though the allocator configuration says the "
                + "result is stored through it; not instrumented");
            return;
        }

        (bool spellable, string? resultType) = ResultTemporaryType(call, called);
        if (!spellable || Capture(call, called, through, argument, sites.Count) is not ArgumentCapture capture)
        {
            return;
        }

        Inference inferred = Infer(function, call, called, arguments, stored.Pointee, DestinationThrough(through), locals);
        Add(function, call, called, inferred,
            new SiteRewrite(SiteRewriteKind.ResultIn, call.Start.Offset, call.End.Offset, resultType, [capture], ResultInTemporary: capture.Temporary));
    }

    private void Suballocation(SyntaxNode function, SyntaxNode call, AllocatorFunction called, List<SyntaxNode> arguments, LocalDefinitions locals)
    {
        if (call.Type is not CPointerType result)
        {
            NotInstrumented(call, $"call to '{called.Name}' does not return a pointer (is it declared?); not instrumented");
            return;
        }

        if (ResultTemporaryType(call, called) is not (true, string resultType))
        {
            return;
        }

        int index = sites.Count;
        var captures = new SortedDictionary<int, ArgumentCapture>();
        string? arena = "0";
        if (called.Arena is int arenaArgument)
        {
            if (arguments[arenaArgument].Type is CPointerType or CBuiltinType { IsInteger: true } or CEnumType)
            {
                if (Capture(call, called, arguments[arenaArgument], arenaArgument, index) is not ArgumentCapture capture)
                {
                    return;
                }

                captures.Add(arenaArgument, capture);
                arena = $"(const void *)(__UINTPTR_TYPE__){capture.Temporary}";
            }
            else
            {
                NotInstrumented(call, $"the arena (argument {arenaArgument}) of '{called.Name}' is neither a pointer nor an integer; its chunks are recorded "
                    + "without an arena, so releasing it does not forget them");
            }
        }

        foreach (int sizing in new[] { called.Size, called.Count }.OfType<int>())
        {
            if (Capture(call, called, arguments[sizing], sizing, index) is not ArgumentCapture capture)
            {
                return;
            }

            captures.Add(sizing, capture);
        }

        string size = $"(unsigned long){captures[called.Size!.Value].Temporary}";
        if (called.Count is int count)
        {
            size = $"(unsigned long){captures[count].Temporary} * {size}";
        }

        Inference inferred = Infer(function, call, called, arguments, result.Pointee, DestinationOfResult(function, call), locals);
        Add(function, call, called, inferred,
            new SiteRewrite(SiteRewriteKind.Suballocation, call.Start.Offset, call.End.Offset, resultType, [.. captures.Values], Size: size, Arena: arena));
    }

    private void Release(SyntaxNode function, SyntaxNode call, AllocatorFunction called, SyntaxNode argument, int index, bool releases)
    {
        string what = releases ? "its arena's chunks are" : "the chunk's record is";
        if (argument.Type is not CPointerType)
        {
            NotInstrumented(call, $"argument {index} of '{called.Name}' is not a pointer; {what} not forgotten");
            return;
        }

        (int Start, int End)? region = CastRegion.Of(argument, text);
        SyntaxNode written = argument;
        while (region is null && !(written.Start.InMacroArgument && written.End.InMacroArgument)
            && written is { Kind: SyntaxKind.Parenthesized or SyntaxKind.ImplicitExpression, Children.Count: 1 })
        {
            written = written.Children[0];   // the body's parentheses around the parameter: the value is the argument's
        }

        if (region is null && written.Start.InMacroArgument && written.End.InMacroArgument && written.Start.SpellingOffset < written.End.SpellingOffset
            && written.End.SpellingOffset <= text.Length)
        {
            // Written in an argument of the macro the call comes from (`#define FREE(p) pool_free(pool, p)`): wrap it there, provided the
            // macro uses it only as this argument (wrapping changes every use: `(p)->next`, `p = NULL` or a test before the free would
            // meet the wrapper, or forget a chunk the program keeps).
            int uses = function.DescendantsAndSelf().Count(n => n.Kind == written.Kind && n.Start.InMacroArgument
                && n.Start.SpellingOffset == written.Start.SpellingOffset);
            if (uses != 1)
            {
                NotInstrumented(call, $"argument {index} of '{called.Name}' is a macro argument the macro uses {uses} times; {what} not forgotten");
                return;
            }

            region = (written.Start.SpellingOffset, written.End.SpellingOffset);
        }

        if (region is not (int start, int end))
        {
            NotInstrumented(call, $"argument {index} of '{called.Name}' is part of a macro expansion that holds more; {what} not forgotten");
            return;
        }

        this.releases.Add(new ChunkRelease(called.Name, called.Instance, call.Start.Line, call.Start.Column, releases, start, end,
            ThroughInteger: HasQualifier(argument.TypeSpelling)));
    }

    /// <summary>
    /// The type of the temporary holding the call's result, spelled: (true, null) when the function returns void; (false, _), with a
    /// note, when the type cannot be spelled again.
    /// </summary>
    private (bool Ok, string? Type) ResultTemporaryType(SyntaxNode call, AllocatorFunction called)
    {
        if (call.Type is CVoidType)
        {
            return (true, null);
        }

        string spelling = TopLevelUnqualified(call);
        if (!IsSpellable(spelling))
        {
            NotInstrumented(call, $"call to '{called.Name}' returns '{spelling}', which has no name to declare a temporary of; not instrumented");
            return (false, null);
        }

        return (true, spelling);
    }

    /// <summary>The capture of argument <paramref name="index"/>, or null (with a note) when its text or type cannot be used.</summary>
    private ArgumentCapture? Capture(SyntaxNode call, AllocatorFunction called, SyntaxNode argument, int index, int site)
    {
        if (CastRegion.Of(argument, text) is not (int start, int end))
        {
            NotInstrumented(call, $"argument {index} of '{called.Name}' is part of a macro expansion that holds more; not instrumented");
            return null;
        }

        string type = TopLevelUnqualified(argument);
        if (!IsSpellable(type))
        {
            NotInstrumented(call, $"argument {index} of '{called.Name}' has type '{type}', which has no name to declare a temporary of; not instrumented");
            return null;
        }

        return new ArgumentCapture(start, end, SiteRewrite.ArgumentTemporary(site, index), type);
    }

    /// <summary>What a site allocates and why.</summary>
    private readonly record struct Inference(CType? Type, bool IsArray, string Why, bool IsHeaderAndArray = false, bool IsHead = false);

    /// <summary>Where the result ends up, for the declared-type fallback: its pointee and how to name it.</summary>
    private readonly record struct Destination(CType Pointee, string Why);

    private Inference Infer(SyntaxNode function, SyntaxNode call, AllocatorFunction called, List<SyntaxNode> arguments, CType resultPointee,
        Destination? destination, LocalDefinitions locals)
    {
        CType? configured = called.TypeName is string typeName ? ConfiguredType(call, called, typeName) : null;
        string configuredWhy = $"type {called.TypeName} in the allocator configuration";
        if (called.String is int copied)
        {
            CType? character = configured ?? (resultPointee is CVoidType ? null : resultPointee);
            return new Inference(character, character is not null,
                configured is not null ? configuredWhy : $"a copy of the string in argument {copied}");
        }

        SyntaxNode? size = called.Size is int s ? arguments[s] : null;
        SyntaxNode? count = called.Count is int c ? arguments[c] : null;
        string where = "the size argument";
        if (size is not null && count is not null && AllocationSize.IsSizeof(count) && !AllocationSize.IsSizeof(size))
        {
            (size, count) = (count, size); // calloc(sizeof(T), n): the arguments swapped, as the product commutes
            where = "the count argument";
        }

        var sizer = new AllocationSize(source.DataModel, text, locals);
        SizeInference inferred = size is null ? SizeInference.Unknown : sizer.Infer(size, where);
        long? constant = size is null ? null : Constant(size, locals);
        if (count is not null && count.IntegerValue != 1)
        {
            // n blocks of a header and its array are no array of one type.
            if (inferred.IsSum && (inferred.IsHeaderAndArray || inferred.Type is not null))
            {
                return new Inference(null, false, $"{inferred.Why}, {ExpressionText.Of(count, text)} times: blocks of a header and an array, "
                    + "which no type describes", IsHeaderAndArray: true);
            }

            string times = $", {ExpressionText.Of(count, text)} elements";
            if (inferred.Type is not null)
            {
                return new Inference(inferred.Type, true, inferred.Why + times);
            }

            if (configured is not null)
            {
                return new Inference(configured, true, configuredWhy);
            }

            return Unambiguous(destination, constant) is Destination d ? new Inference(d.Pointee, true, d.Why) : new Inference(null, false, Lazily);
        }

        if (inferred.IsHeaderAndArray)
        {
            return new Inference(null, false, $"{inferred.Why}: a header followed by an array of another type, which no type describes",
                IsHeaderAndArray: true);
        }

        if (inferred.Type is not null)
        {
            return new Inference(inferred.Type, inferred.IsArray, inferred.Why!, IsHead: inferred.IsHead);
        }

        if (configured is not null)
        {
            return new Inference(configured, constant is null || constant != configured.Size, configuredWhy);
        }

        if (Unambiguous(destination, constant) is Destination found)
        {
            // A size we cannot read (n + extra, a size computed elsewhere) may hold more than the declared type: it names the head only.
            bool isArray = inferred.IsArray || (constant is long bytes && found.Pointee.Size is long one && bytes > one);
            return new Inference(found.Pointee, isArray, found.Why,
                IsHead: constant is null);
        }

        return new Inference(null, false, Lazily);
    }

    private void Add(SyntaxNode function, SyntaxNode call, AllocatorFunction called, Inference inferred, SiteRewrite rewrite)
    {
        if (headerWrapper is { } wrapper && called.Kind == AllocatorKind.Heap)
        {
            // The wrapper's own call to the heap: its size measures the header too, and the wrapper's callers may call it through a
            // pointer, out of sight. The chunk's object starts after the header and is typed at its first cast (or by a caller's site).
            sites.Add(new AllocationSite(sites.Count, called.Name, called.Instance, call.Start.Line, call.Start.Column, function.Spelling, null,
                false, $"inside '{wrapper.Name}', whose objects start {wrapper.Header} bytes into the chunk: typed at the object's first cast",
                rewrite, Header: wrapper.Header, IsInner: true));
            return;
        }

        if (inferred.IsHeaderAndArray)
        {
            diagnostics.Add(DiagnosticDescriptors.UntypedAllocationSite,
                $"this call to '{called.Name}' allocates a header followed by an array of another type, which no type describes; recorded untyped",
                source.MainFile, call.Start.Line, call.Start.Column);
        }
        else if (inferred.Type is null)
        {
            diagnostics.Add(DiagnosticDescriptors.UntypedAllocationSite, $"cannot infer the type allocated by this call to '{called.Name}'",
                source.MainFile, call.Start.Line, call.Start.Column);
        }

        sites.Add(new AllocationSite(sites.Count, called.Name, called.Instance, call.Start.Line, call.Start.Column, function.Spelling, inferred.Type,
            inferred.IsArray, inferred.Why, rewrite, inferred.IsHead, called.Header));
    }

    private CType? ConfiguredType(SyntaxNode call, AllocatorFunction called, string typeName)
    {
        CType? type = configuredTypes.Resolve(typeName);
        if (type is null)
        {
            diagnostics.Add(DiagnosticDescriptors.ConfiguredTypeUnknown,
                $"the allocator configuration ({called.Place}) gives '{called.Name}' the type '{typeName}', which this file does not declare",
                source.MainFile, call.Start.Line, call.Start.Column);
        }

        return type;
    }

    /// <summary>The size's value when it is constant, directly or through a local holding a constant.</summary>
    private static long? Constant(SyntaxNode size, LocalDefinitions locals) =>
        size.IntegerValue ?? locals.ValueAt(AllocationSize.Strip(size), size)?.Value.IntegerValue;

    /// <summary>The destination's pointee when it says what was allocated without doubt: a complete type that a constant size is a multiple of.</summary>
    private static Destination? Unambiguous(Destination? destination, long? constant) =>
        destination is Destination d && d.Pointee.Size is long size && size > 0 && (constant is not long bytes || (bytes > 0 && bytes % size == 0))
            ? d
            : null;

    /// <summary>
    /// Where the call's result ends up: the first cast to a useful pointer type, else the variable it initialises, the lvalue it is
    /// assigned to, or the enclosing function's return type. Useful means not void, character, function or unmodelled.
    /// </summary>
    private Destination? DestinationOfResult(SyntaxNode function, SyntaxNode call)
    {
        SyntaxNode from = call;
        for (SyntaxNode? node = call.Parent; node is not null; from = node, node = node.Parent)
        {
            switch (node.Kind)
            {
                case SyntaxKind.Parenthesized:
                case SyntaxKind.ImplicitExpression:
                    continue;
                case SyntaxKind.Cast:
                    if (UsefulPointee(node.Type) is CType cast)
                    {
                        return new Destination(cast, $"cast to {node.TypeSpelling}");
                    }

                    continue;
                case SyntaxKind.VariableDeclaration:
                    return UsefulPointee(node.Type) is CType declared ? new Destination(declared, $"declared type of {node.Spelling}") : null;
                case SyntaxKind.BinaryOperator when node.BinaryOperator == BinaryOperatorKind.Assign && node.Children.Count == 2 && node.Children[1] == from:
                    return UsefulPointee(node.Children[0].Type) is CType assigned
                        ? new Destination(assigned, $"declared type of {ExpressionText.Of(node.Children[0], text)}")
                        : null;
                case SyntaxKind.ReturnStatement:
                    return function.Type is CFunctionType signature && UsefulPointee(signature.Result) is CType returned
                        ? new Destination(returned, $"return type of {function.Spelling}")
                        : null;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>For a result stored through <paramref name="through"/> (<c>&amp;p</c>, <c>(void **)&amp;p</c>): the pointee of <c>p</c>.</summary>
    private Destination? DestinationThrough(SyntaxNode through)
    {
        SyntaxNode stripped = AllocationSize.Strip(through);
        if (stripped.Type is not CPointerType { Pointee: CPointerType stored } || UsefulPointee(stored) is not CType pointee)
        {
            return null;
        }

        string name = stripped.Kind == SyntaxKind.UnaryOperator && stripped.UnaryOperator == UnaryOperatorKind.AddressOf && stripped.Children.Count == 1
            ? ExpressionText.Of(stripped.Children[0], text)
            : $"*{ExpressionText.Of(stripped, text)}";
        return new Destination(pointee, $"declared type of {name}");
    }

    private static CType? UsefulPointee(CType? type) =>
        type is CPointerType { Pointee: var pointee } && pointee is not (CVoidType or CFunctionType or COpaqueType)
            && pointee is not CBuiltinType { IsCharacter: true }
            ? pointee
            : null;

    /// <summary>
    /// The node's type as the source spells it, without top-level qualifiers (a temporary is assigned after its declaration) and with
    /// <c>restrict</c> spelled <c>__restrict</c> (valid in every C dialect gcc and clang accept).
    /// </summary>
    private static string TopLevelUnqualified(SyntaxNode node)
    {
        string spelling = string.Join(' ', node.TypeSpelling.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w == "restrict" ? "__restrict" : w.Replace("*restrict", "*__restrict", StringComparison.Ordinal)));
        string[] qualifiers = ["const", "volatile", "__restrict", "_Atomic"];
        bool stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (string q in qualifiers)
            {
                if (node.Type is CPointerType && spelling.EndsWith(q, StringComparison.Ordinal) && spelling.Length > q.Length
                    && spelling[^(q.Length + 1)] is ' ' or '*')
                {
                    spelling = spelling[..^q.Length].TrimEnd();
                    stripped = true;
                }
                else if (node.Type is not (CPointerType or null) && spelling.StartsWith(q + " ", StringComparison.Ordinal))
                {
                    spelling = spelling[(q.Length + 1)..];
                    stripped = true;
                }
            }
        }

        return spelling;
    }

    /// <summary>A type spelling that can be written again here: not an anonymous struct's made-up name, no <c>typeof</c>.</summary>
    private static bool IsSpellable(string spelling) => spelling.Length > 0 && !spelling.Contains("(unnamed", StringComparison.Ordinal)
        && !spelling.Contains("(anonymous", StringComparison.Ordinal) && !spelling.Contains("typeof", StringComparison.Ordinal);

    private static bool HasQualifier(string spelling) =>
        spelling.Split([' ', '*'], StringSplitOptions.RemoveEmptyEntries).Any(w => w is "const" or "volatile" or "__const" or "__volatile");

    private void NotInstrumented(SyntaxNode call, string message) =>
        diagnostics.Add(DiagnosticDescriptors.AllocationNotInstrumented, message, source.MainFile, call.Start.Line, call.Start.Column);
}
