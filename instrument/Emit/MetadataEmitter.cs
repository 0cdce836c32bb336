// The C text allocscc adds to a translation unit: prelude, insertions, metadata trailer.
using System.Text;
using Liballocs.Instrument.Checks;
using Liballocs.Instrument.Locals;
using Liballocs.Instrument.Sites;
using Liballocs.Instrument.Statics;
using Liballocs.Instrument.Uniqtypes;

namespace Liballocs.Instrument.Emit;

/// <summary>
/// Writes what allocscc adds to a translation unit: the prelude before the original text (the
/// checks header and forward declarations of the tables and uniqtypes the inserted code refers
/// to), the insertions themselves, and the trailer after it (uniqtypes, the site, cast, local and
/// static tables, and the constructor that registers the unit with the runtime).
/// </summary>
/// <remarks>
/// Uniqtype symbols contain '$' (<c>__uniqtype__int$32</c>), which gcc rejects in identifiers under
/// <c>-std=c89 -pedantic-errors</c> with no way to silence it; so the C identifiers are plain
/// (<c>__liballocs_uniqtype_3</c>) and the symbol name is given by an asm label. Attribute and
/// keyword spellings use the reserved <c>__x__</c> forms so user macros cannot capture them.
/// </remarks>
internal sealed class MetadataEmitter
{
    private const string Weak = "__attribute__((__weak__, __visibility__(\"default\")))";

    private readonly string sourceFile;
    private readonly HashSet<string> designators = new(StringComparer.Ordinal);   // field names the trailer's initializers use
    private readonly string checksIncludeDirectory;
    private readonly IReadOnlyList<AllocationSite> sites;
    private readonly IReadOnlyList<ChunkRelease> releases;
    private readonly IReadOnlyList<CastSite> casts;
    private readonly IReadOnlyList<LocalVariable> locals;
    private readonly IReadOnlyList<AllocaSite> allocas;
    private readonly IReadOnlyList<StaticDefinition> statics;
    private readonly IReadOnlyList<LocalStatic> localStatics;
    private readonly UniqtypeCatalog catalog;
    private readonly Dictionary<Uniqtype, string> identifiers = new(ReferenceEqualityComparer.Instance);
    private readonly List<Uniqtype> declaredInPrelude;

    /// <summary>
    /// Prepares to emit metadata for <paramref name="sourceFile"/> (as given on the command line).
    /// Every type the allocation sites, casts, locals, alloca calls and statics use must already be in <paramref name="catalog"/>.
    /// <paramref name="checksIncludeDirectory"/> holds <c>liballocs_checks.h</c>, which includes the runtime's
    /// <c>liballocs_meta.h</c> (found through the compiler's include path).
    /// </summary>
    public MetadataEmitter(string sourceFile, string checksIncludeDirectory, AllocationFindings allocations, IReadOnlyList<CastSite> casts,
        IReadOnlyList<LocalVariable> locals, IReadOnlyList<AllocaSite> allocas, IReadOnlyList<StaticDefinition> statics,
        IReadOnlyList<LocalStatic> localStatics, UniqtypeCatalog catalog)
    {
        this.sourceFile = sourceFile;
        this.checksIncludeDirectory = checksIncludeDirectory;
        sites = allocations.Sites;
        releases = allocations.Releases;
        this.casts = casts;
        this.locals = locals;
        this.allocas = allocas;
        this.statics = statics;
        this.localStatics = localStatics;
        this.catalog = catalog;
        for (int i = 0; i < catalog.All.Count; i++)
        {
            identifiers.Add(catalog.All[i], $"__liballocs_uniqtype_{i}");
        }

        // The descriptors of block-scope statics, inside the functions, refer to their uniqtypes before the trailer.
        declaredInPrelude = [.. localStatics.Select(s => catalog.Add(s.Type)).Distinct()];
    }

    /// <summary>The text before the original source, ending with <c>#line 1</c> so line numbers match the original.</summary>
    public string Prelude()
    {
        var text = new StringBuilder();
        // Read with the user's warning flags: keep -std=c89 -pedantic-errors from rejecting the header's
        // 'long long', and -Wc++-compat from rejecting the tentative definitions of the static tables.
        text.Append("#pragma GCC diagnostic push\n");
        text.Append("#pragma GCC diagnostic ignored \"-Wlong-long\"\n");
        text.Append("#pragma GCC diagnostic ignored \"-Wpadded\"\n");
        text.Append("#pragma GCC diagnostic ignored \"-Wc++-compat\"\n");
        text.Append("#include ").Append(CLiteral.String(Path.Combine(checksIncludeDirectory, "liballocs_checks.h"))).Append('\n');
        if (sites.Count > 0)
        {
            text.Append("static const struct __liballocs_allocsite __liballocs_sites[").Append(sites.Count).Append("];\n");
        }

        if (casts.Count > 0)
        {
            text.Append("static const struct __liballocs_castsite __liballocs_casts[").Append(casts.Count).Append("];\n");
        }

        if (locals.Count + allocas.Count > 0)
        {
            text.Append("__extension__ static const struct __liballocs_local_desc __liballocs_locals[").Append(locals.Count + allocas.Count).Append("];\n");
        }

        foreach (Uniqtype u in declaredInPrelude)
        {
            AppendUniqtypeDeclaration(text, u);
        }

        text.Append("#pragma GCC diagnostic pop\n");
        text.Append("#line 1 ").Append(CLiteral.LineFile(sourceFile)).Append('\n');
        return text.ToString();
    }

    /// <summary>The insertions into the original text: the wrapping of each allocation call, suballocator free and checked cast, and each
    /// stack record.</summary>
    public IEnumerable<SourceInsertion> Insertions()
    {
        // Wrapped ranges nest: an outer range's opening text goes before an inner one's at the same offset, its closing text
        // after. A check wraps an allocation call of the same range (`struct foo *p = malloc(...)` checks the wrapped call); an
        // argument kept in a temporary, or wrapped to forget its chunk, is outermost at its range, so it holds the value passed.
        var wraps = new List<(int Start, int End, int Rank, string Open, string Close)>(sites.Count + casts.Count + releases.Count);
        foreach (CastSite cast in casts.Where(c => c.HeaderMacro is null))
        {
            (string open, string close) = CastText(cast);
            wraps.Add((cast.WrapStart, cast.WrapEnd, 0, open, close));
        }

        foreach (SourceInsertion redefinition in HeaderMacroRedefinitions())
        {
            yield return redefinition;
        }

        foreach (AllocationSite site in sites)
        {
            if (site.Rewrite.Kind == SiteRewriteKind.SitedEntry)
            {
                // Replacements, not a wrap: text wrapping the call (a check) goes around them.
                SiteRewrite r = site.Rewrite;
                yield return new SourceInsertion(r.CallStart, SourceInsertion.ReplacementOrder, $"__liballocs_hook_{site.Allocator}_at", r.NameEnd - r.CallStart);
                yield return new SourceInsertion(r.CallEnd - 1, SourceInsertion.ReplacementOrder, $", &__liballocs_sites[{site.Index}], {site.Allocator}");
                continue;
            }

            (string open, string close) = SiteText(site);
            wraps.Add((site.Rewrite.CallStart, site.Rewrite.CallEnd, 1, open, close));
            foreach (ArgumentCapture capture in site.Rewrite.Captures)
            {
                wraps.Add((capture.Start, capture.End, -1, $"({capture.Temporary} = (", "))"));
            }
        }

        foreach (ChunkRelease release in releases)
        {
            string entry = release.Releases ? "__liballocs_hook_suballoc_release(" : "__liballocs_hook_suballoc_free(";
            wraps.Add((release.Start, release.End, -1, entry + (release.ThroughInteger ? "(void *)(__UINTPTR_TYPE__)(" : "("), "))"));
        }

        var enclosing = new Stack<int>();
        foreach (var wrap in wraps.OrderBy(w => w.Start).ThenByDescending(w => w.End).ThenBy(w => w.Rank))
        {
            while (enclosing.Count > 0 && enclosing.Peek() < wrap.End)
            {
                enclosing.Pop();
            }

            int depth = enclosing.Count;
            enclosing.Push(wrap.End);
            yield return new SourceInsertion(wrap.Start, 1 + depth, wrap.Open);
            yield return new SourceInsertion(wrap.End, -1 - depth, wrap.Close);
        }

        // A function's frame array: a record per recorded local (at least one, which also unlinks the records of its alloca'd
        // blocks when it returns), linked at the top of its body; liballocs_meta.h gives the protocol.
        var frames = locals.GroupBy(l => l.FrameAt).ToDictionary(g => g.Key, g => g.Count());
        foreach (int body in allocas.Select(a => a.FrameMarkAt).Where(b => !frames.ContainsKey(b)).Distinct())
        {
            frames[body] = 1;
        }

        foreach (var (body, size) in frames)
        {
            yield return new SourceInsertion(body, SourceInsertion.FrameMarkOrder,
                $" __extension__ struct __liballocs_stack_record __liballocs_frame[{size}] __attribute__((__cleanup__(__liballocs_hook_stack_pop_frame)));"
                + $" __extension__ struct __liballocs_stack_record *__liballocs_frame_top __attribute__((__unused__)) = __liballocs_hook_stack_push_frame(__liballocs_frame, {size});");
        }

        foreach (AllocaSite alloca in allocas)
        {
            yield return new SourceInsertion(alloca.NameStart, SourceInsertion.ReplacementOrder, "__LIBALLOCS_ALLOCA", alloca.NameEnd - alloca.NameStart);
            yield return new SourceInsertion(alloca.CloseParen, SourceInsertion.ReplacementOrder, $", &__liballocs_locals[{locals.Count + alloca.Index}]");
        }

        foreach (LocalStatic local in localStatics)
        {
            // Through an integer: the variable may be const or volatile (-Wcast-qual). __extension__: -pedantic wants an address constant.
            // Positional, unlike the trailer's tables: inside the user's code, a macro of the user's named like a field (`size`)
            // would rewrite a designator, and no #undef can be written mid-line (liballocs_meta.h pins the order it relies on).
            yield return new SourceInsertion(local.InsertAt, 0,
                $" __extension__ static const struct __liballocs_static_desc __liballocs_lstatic_{local.Index} __attribute__((__used__, "
                + $"__section__(\"__liballocs_lstatics\"), __aligned__(8))) = {{ (const void *)(__UINTPTR_TYPE__)&{local.Name}, "
                + $"{CLiteral.String(local.Name)}, {Ref(catalog.Add(local.Type))}, sizeof {local.Name} }};");
        }

        foreach (LocalVariable local in locals)
        {
            // A parameter declared as an array is a pointer, and sizeof on it warns (-Wsizeof-array-argument);
            // its type's size is the same. A local keeps plain sizeof, which is right for VLAs.
            string size = local.IsParameter ? $"sizeof (__typeof__({local.Name}))" : $"sizeof {local.Name}";
            // The block's end marks the record (a cleanup on the pointer the activation returns); the frame outlives it.
            string attribute = local.ScopeEnd is null ? "__unused__" : "__cleanup__(__liballocs_hook_stack_scope_end)";
            string flags = (local.IsVariableLength ? StackFlags.Vla : StackFlags.None).CExpression();
            yield return new SourceInsertion(local.InsertAt, 0,
                $" __extension__ struct __liballocs_stack_record *__liballocs_rec_{local.Index} __attribute__(({attribute})) = "
                + $"__liballocs_hook_stack_activate(&__liballocs_frame[{local.Slot}], (void *)(__UINTPTR_TYPE__)&{local.Name}, {size}, "
                + $"&__liballocs_locals[{local.Index}], {flags});");
        }
    }

    /// <summary>The text wrapped around an allocation call (<see cref="SiteRewrite"/> gives the shapes).</summary>
    private static (string Open, string Close) SiteText(AllocationSite site)
    {
        SiteRewrite rewrite = site.Rewrite;
        string at = $"&__liballocs_sites[{site.Index}]";
        if (rewrite.Kind == SiteRewriteKind.SetSite)
        {
            return rewrite.ResultType is null
                ? ("__liballocs_hook_heap_set_site(", $", {at})")
                : ($"(({rewrite.ResultType})__liballocs_hook_heap_set_site(", $", {at}))");
        }

        // A statement expression declaring the temporaries, then the call (its value kept), then the recording, then the value.
        var open = new StringBuilder("(__extension__ ({ ");
        foreach (ArgumentCapture capture in rewrite.Captures)
        {
            open.Append("__typeof__(").Append(capture.Type).Append(") ").Append(capture.Temporary).Append("; ");
        }

        string value = SiteRewrite.ValueTemporary(site.Index);
        if (rewrite.ResultType is not null)
        {
            open.Append("__typeof__(").Append(rewrite.ResultType).Append(") ").Append(value).Append(" = ");
        }

        string record = rewrite.Kind == SiteRewriteKind.ResultIn
            ? $"__liballocs_hook_heap_set_site((void *)(__UINTPTR_TYPE__)*{rewrite.ResultInTemporary}, {at})"
            : $"__liballocs_hook_suballoc_alloc((void *)(__UINTPTR_TYPE__){value}, {rewrite.Size}, {rewrite.Arena}, {at})";
        string close = rewrite.ResultType is null ? $"; (void){record}; }}))" : $"; {record}; {value}; }}))";
        return (open.ToString(), close);
    }

    /// <summary>
    /// For each header macro with checked cast operands: <c>#undef</c> and <c>#define</c> again with the operands wrapped, then <c>#line</c>
    /// to restore the numbering, at the start of the line of its first use (before the first such line when several casts share one
    /// macro). The header keeps its text; the repeated body keeps its line splices.
    /// </summary>
    private IEnumerable<SourceInsertion> HeaderMacroRedefinitions()
    {
        foreach (IGrouping<(string File, int NameStart), CastSite> macro in casts.Where(c => c.HeaderMacro is not null)
                     .GroupBy(c => (c.HeaderMacro!.File, c.HeaderMacro.Definition.NameStart)))
        {
            HeaderMacro first = macro.MinBy(c => c.HeaderMacro!.InsertAt)!.HeaderMacro!;
            byte[] header = first.Text;
            MacroDefinition definition = first.Definition;
            var body = new StringBuilder();
            int at = definition.BodyStart;
            foreach (CastSite cast in macro.OrderBy(c => c.WrapStart))
            {
                (string open, string close) = CastText(cast);
                body.Append(Encoding.UTF8.GetString(header, at, cast.WrapStart - at)).Append(open)
                    .Append(Encoding.UTF8.GetString(header, cast.WrapStart, cast.WrapEnd - cast.WrapStart)).Append(close);
                at = cast.WrapEnd;
            }

            body.Append(Encoding.UTF8.GetString(header, at, definition.End - at));
            string head = Encoding.UTF8.GetString(header, definition.NameStart, definition.BodyStart - definition.NameStart);
            string name = CLiteral.String(definition.Name);
            string repeat = $"#pragma push_macro({name})\n#undef {definition.Name}\n#define {head}{body.ToString().TrimEnd('\r')}\n";
            string file = CLiteral.LineFile(sourceFile);
            yield return new SourceInsertion(first.InsertAt, SourceInsertion.FrameMarkOrder, $"{repeat}#line {first.InsertLine} {file}\n", Directives: true);
            foreach (IncludeLine include in first.LaterIncludes)
            {
                // What the #include brings in was never read here: it gets the header's own definition.
                yield return new SourceInsertion(include.Start, SourceInsertion.FrameMarkOrder, $"#pragma pop_macro({name})\n#line {include.Line} {file}\n",
                    Directives: true);
                if (include.Next >= 0)
                {
                    yield return new SourceInsertion(include.Next, SourceInsertion.FrameMarkOrder, $"{repeat}#line {include.Line + 1} {file}\n",
                        Directives: true);
                }
            }
        }
    }

    /// <summary>The text wrapped around a checked cast's range (contract/include/liballocs_checks.h).</summary>
    private static (string Open, string Close) CastText(CastSite cast)
    {
        string site = $"&__liballocs_casts[{cast.Index}]";
        string check = cast.IsFunction ? "__liballocs_check_function((void (*)(void))(" : "__liballocs_check((const volatile void *)(";
        return cast.Rewrite switch
        {
            CastRewrite.Operand => (check, $"), {site})"),
            // __LINE__ in a macro's body is the line of its use, which the report then names.
            CastRewrite.DefinitionOperand or CastRewrite.HeaderDefinitionOperand when cast.IsFunction => ("__liballocs_check_function_at_line((void (*)(void))(", $"), {site}, __LINE__)"),
            CastRewrite.DefinitionOperand or CastRewrite.HeaderDefinitionOperand => ("__liballocs_check_at_line((const volatile void *)(", $"), {site}, __LINE__)"),
            CastRewrite.Converted when !cast.IsFunction => ("__liballocs_check(", $", {site})"),
            _ => ($"(({cast.TargetCType}) {check}", $"), {site}))"),
        };
    }

    /// <summary>The text after the original source: all definitions of metadata and the registering constructor.</summary>
    public string Trailer()
    {
        var text = new StringBuilder();
        text.Append("\n#line 1 ").Append(CLiteral.LineFile(sourceFile + ".allocs-meta")).Append('\n');
        text.Append("#pragma GCC diagnostic push\n");
        text.Append("#pragma GCC diagnostic ignored \"-Wpedantic\"\n");
        text.Append("#pragma GCC diagnostic ignored \"-Woverlength-strings\"\n");
        text.Append("#pragma GCC diagnostic ignored \"-Wlong-long\"\n");
        text.Append("#pragma GCC diagnostic ignored \"-Wpadded\"\n");
        text.Append("#pragma GCC diagnostic ignored \"-Wc++-compat\"\n");
        var tables = new StringBuilder();
        AppendUniqtypes(tables);
        AppendSites(tables);
        AppendCasts(tables);
        AppendLocals(tables);
        AppendStatics(tables);
        AppendTranslationUnit(tables);
        // The program's own macros are still defined here: one named like a field (`#define count ...`) would rewrite the
        // designators, so each field name is set aside while the tables are written, and restored after.
        List<string> fields = [.. designators.Order(StringComparer.Ordinal)];
        foreach (string field in fields)
        {
            text.Append("#pragma push_macro(\"").Append(field).Append("\")\n#undef ").Append(field).Append('\n');
        }

        text.Append(tables);
        foreach (string field in fields)
        {
            text.Append("#pragma pop_macro(\"").Append(field).Append("\")\n");
        }

        text.Append("#pragma GCC diagnostic pop\n");
        return text.ToString();
    }

    private static AllocsiteFlags SiteFlags(AllocationSite site) =>
        (site.IsArray ? AllocsiteFlags.Array : 0) | (site.IsHead ? AllocsiteFlags.Head : 0) | (site.IsInner ? AllocsiteFlags.Inner : 0);

    /// <summary>A designated initializer, <c>{ .field = value, ... }</c>: gcc checks every name against the header's structure, so the
    /// emitted tables cannot drift from its layout (the declarations carry <c>__extension__</c> for C89 builds with
    /// <c>-pedantic-errors</c>). The field names are remembered, for <see cref="Trailer"/> to set aside macros of those names.</summary>
    private string Initializer(params (string Field, string Value)[] fields)
    {
        designators.UnionWith(fields.Select(f => f.Field));
        return "{ " + string.Join(", ", fields.Select(f => $".{f.Field} = {f.Value}")) + " }";
    }

    private string Ref(Uniqtype? uniqtype) => uniqtype is null ? "0" : "&" + identifiers[uniqtype];

    private void AppendUniqtypes(StringBuilder text)
    {
        // Declarations first: uniqtypes refer to each other (and to themselves) in any order. Once each (-Wredundant-decls).
        foreach (Uniqtype u in catalog.All.Except(declaredInPrelude))
        {
            AppendUniqtypeDeclaration(text, u);
        }

        for (int i = 0; i < catalog.All.Count; i++)
        {
            Uniqtype u = catalog.All[i];
            if (!u.IsDefined)
            {
                continue;
            }

            if (u.Members.Count > 0)
            {
                text.Append("__extension__ static const struct uniqtype_member __liballocs_members_").Append(i).Append("[] = {");
                foreach (UniqtypeMember m in u.Members)
                {
                    text.Append(' ').Append(Initializer(("name", CLiteral.String(m.Name)), ("offset", CLiteral.UnsignedLong(m.Offset)),
                        ("bit_offset", CLiteral.Unsigned(m.BitOffset)), ("bit_size", CLiteral.Unsigned(m.BitSize)), ("type", Ref(m.Type)))).Append(',');
                }

                text.Append(" };\n");
            }

            if (u.Enumerators.Count > 0)
            {
                text.Append("__extension__ static const struct uniqtype_enumerator __liballocs_enumerators_").Append(i).Append("[] = {");
                foreach (UniqtypeEnumerator e in u.Enumerators)
                {
                    text.Append(' ').Append(Initializer(("name", CLiteral.String(e.Name)), ("value", CLiteral.LongLong(e.Value)))).Append(',');
                }

                text.Append(" };\n");
            }

            text.Append("__extension__ const struct uniqtype ").Append(identifiers[u]).Append(" __asm__(")
                .Append(CLiteral.String(UniqtypeNames.SymbolPrefix + u.Name)).Append(") ").Append(Weak).Append(" = ")
                .Append(Initializer(("name", CLiteral.String(u.Name)), ("kind", u.Kind.CName()), ("flags", u.Flags.CExpression()),
                    ("size", u.Size is ulong size ? CLiteral.UnsignedLong(size) : "UNIQTYPE_SIZE_UNKNOWN"), ("count", CLiteral.UnsignedLong(u.Count)),
                    ("target", Ref(u.Target)), ("members", u.Members.Count > 0 ? $"__liballocs_members_{i}" : "0"),
                    ("enumerators", u.Enumerators.Count > 0 ? $"__liballocs_enumerators_{i}" : "0"), ("related", Ref(u.Related))))
                .Append(";\n");
        }

        List<Uniqtype> defined = [.. catalog.All.Where(u => u.IsDefined)];
        if (defined.Count > 0)
        {
            text.Append("static const struct uniqtype *const __liballocs_types[] = {");
            foreach (Uniqtype u in defined)
            {
                text.Append(' ').Append(Ref(u)).Append(',');
            }

            text.Append(" };\n");
        }
    }

    private void AppendUniqtypeDeclaration(StringBuilder text, Uniqtype u) =>
        text.Append("extern const struct uniqtype ").Append(identifiers[u]).Append(" __asm__(")
            .Append(CLiteral.String(UniqtypeNames.SymbolPrefix + u.Name)).Append(") ").Append(Weak).Append(";\n");

    private void AppendSites(StringBuilder text)
    {
        if (sites.Count == 0)
        {
            return;
        }

        text.Append("__extension__ static const struct __liballocs_allocsite __liballocs_sites[").Append(sites.Count).Append("] = {\n");
        foreach (AllocationSite site in sites)
        {
            Uniqtype? type = site.ElementType is null ? null : catalog.Add(site.ElementType);
            text.Append("  ").Append(Initializer(("file", CLiteral.String(sourceFile)), ("line", CLiteral.Unsigned((ulong)site.Line)),
                ("column", CLiteral.Unsigned((ulong)site.Column)), ("function", CLiteral.String(site.Function)),
                ("allocator", CLiteral.String(site.Allocator)), ("type", Ref(type)), ("flags", SiteFlags(site).CExpression()),
                ("header", CLiteral.Unsigned((ulong)site.Header)), ("instance", CLiteral.String(site.Instance)))).Append(",\n");
        }

        text.Append("};\n");
    }

    private void AppendCasts(StringBuilder text)
    {
        if (casts.Count == 0)
        {
            return;
        }

        text.Append("__extension__ static const struct __liballocs_castsite __liballocs_casts[").Append(casts.Count).Append("] = {\n");
        foreach (CastSite cast in casts)
        {
            Uniqtype? target = cast.Target is null ? null : catalog.Add(cast.Target);
            text.Append("  ").Append(Initializer(("file", CLiteral.String(sourceFile)), ("line", CLiteral.Unsigned((ulong)cast.Line)),
                ("column", CLiteral.Unsigned((ulong)cast.Column)), ("function", cast.Function is null ? "0" : CLiteral.String(cast.Function)),
                ("kind", CheckKinds.Of(cast.Kind).Enumerator), ("degree", CLiteral.Unsigned((ulong)cast.Degree)), ("target", Ref(target)),
                ("target_type_name", CLiteral.String(target?.Name ?? cast.TargetTag)), ("target_c_type", CLiteral.String(cast.TargetCType))))
                .Append(",\n");
        }

        text.Append("};\n");
    }

    private void AppendLocals(StringBuilder text)
    {
        if (locals.Count + allocas.Count == 0)
        {
            return;
        }

        text.Append("__extension__ static const struct __liballocs_local_desc __liballocs_locals[").Append(locals.Count + allocas.Count).Append("] = {\n");
        foreach (LocalVariable local in locals)
        {
            AppendLocal(text, local.Name, catalog.Add(local.Type), local.Function, local.Line, local.Column, local.IsParameter, local.ScopeEnd);
        }

        // alloca'd blocks follow, described as locals named "alloca".
        foreach (AllocaSite alloca in allocas)
        {
            AppendLocal(text, "alloca", alloca.Type is null ? null : catalog.Add(alloca.Type), alloca.Function, alloca.Line, alloca.Column, false, null);
        }

        text.Append("};\n");
    }

    private void AppendLocal(StringBuilder text, string name, Uniqtype? type, string function, int line, int column, bool isParameter,
        (int Line, int Column)? scopeEnd) =>
        text.Append("  ").Append(Initializer(("name", CLiteral.String(name)), ("type", Ref(type)), ("function", CLiteral.String(function)),
            ("file", CLiteral.String(sourceFile)), ("line", CLiteral.Unsigned((ulong)line)), ("column", CLiteral.Unsigned((ulong)column)),
            ("is_parameter", isParameter ? "1u" : "0u"), ("scope_end_line", CLiteral.Unsigned((ulong)(scopeEnd?.Line ?? 0))),
            ("scope_end_column", CLiteral.Unsigned((ulong)(scopeEnd?.Column ?? 0))))).Append(",\n");

    private void AppendStatics(StringBuilder text)
    {
        if (statics.Count == 0)
        {
            return;
        }

        // The user may have defined a macro of a static's name after its definition (static int level; ... #define level get_level()):
        // the table names the objects, so each name is set aside while it is spelled and restored after.
        List<string> names = [.. statics.Select(s => s.Name).Distinct(StringComparer.Ordinal)];
        foreach (string name in names)
        {
            text.Append("#pragma push_macro(").Append(CLiteral.String(name)).Append(")\n#undef ").Append(name).Append('\n');
        }

        // Naming a deprecated definition is the program's business, not the table's (-Werror=deprecated-declarations builds).
        text.Append("#pragma GCC diagnostic push\n#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"\n");
        text.Append("__extension__ static const struct __liballocs_static_desc __liballocs_statics[] = {\n");
        foreach (StaticDefinition definition in statics)
        {
            // Through an integer: the object may be const or volatile (-Wcast-qual) or a function (-Wpedantic). An object whose type
            // is still incomplete (int arr[]; never completed) has no size to take.
            string size = definition.IsFunction || definition.IsIncompleteInSource || definition.Type.Size is null
                ? "0ul"
                : $"sizeof ({definition.Name})";
            text.Append("  ").Append(Initializer(("addr", $"(const void *)(__UINTPTR_TYPE__)&{definition.Name}"),
                ("name", CLiteral.String(definition.Name)), ("type", Ref(catalog.Add(definition.Type))), ("size", size))).Append(",\n");
        }

        text.Append("};\n#pragma GCC diagnostic pop\n");
        foreach (string name in names)
        {
            text.Append("#pragma pop_macro(").Append(CLiteral.String(name)).Append(")\n");
        }
    }

    private void AppendTranslationUnit(StringBuilder text)
    {
        int types = catalog.All.Count(u => u.IsDefined);
        if (localStatics.Count > 0)
        {
            // The linker defines these around the section holding every block-scope static's descriptor of the linked object (this
            // unit's and others'); hidden, so each object finds its own; weak, as a last resort when the section is discarded.
            text.Append("extern const struct __liballocs_static_desc __start___liballocs_lstatics[] __attribute__((__weak__, __visibility__(\"hidden\")));\n");
            text.Append("extern const struct __liballocs_static_desc __stop___liballocs_lstatics[] __attribute__((__weak__, __visibility__(\"hidden\")));\n");
        }

        text.Append("__extension__ static struct __liballocs_tu_meta __liballocs_tu = ")
            .Append(Initializer(("version", "LIBALLOCS_META_VERSION"), ("source_file", CLiteral.String(sourceFile)),
                ("nstatics", CLiteral.UnsignedLong((ulong)statics.Count)), ("statics", statics.Count > 0 ? "__liballocs_statics" : "0"),
                ("nsites", CLiteral.UnsignedLong((ulong)sites.Count)), ("sites", sites.Count > 0 ? "__liballocs_sites" : "0"),
                ("ntypes", CLiteral.UnsignedLong((ulong)types)), ("types", types > 0 ? "__liballocs_types" : "0"),
                ("local_statics_begin", localStatics.Count > 0 ? "__start___liballocs_lstatics" : "0"),
                ("local_statics_end", localStatics.Count > 0 ? "__stop___liballocs_lstatics" : "0"), ("next", "0")))
            .Append(";\n");
        text.Append("static void __liballocs_register_this_tu(void) __attribute__((__constructor__));\n");
        text.Append("static void __liballocs_register_this_tu(void) { __liballocs_hook_register_tu(&__liballocs_tu); }\n");
    }
}
