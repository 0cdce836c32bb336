// Finding the alloca calls whose blocks get stack records.
using System.Text;
using Liballocs.Instrument.Allocators;
using Liballocs.Instrument.Checks;
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Sites;
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Locals;

/// <summary>
/// Finds the <c>alloca(n)</c> calls (glibc's macro for <c>__builtin_alloca</c>, or a direct call of
/// either: the functions of the configuration's stack allocators) in function bodies. Each block gets a stack record, allocated just after it, linked like
/// a local's and popped when the function returns (by a frame mark at the top of its body); its type
/// is read from the size as for heap allocations (<see cref="AllocationSize"/>). A call that is only
/// part of a larger macro, or whose function body comes from a macro, is left alone.
/// </summary>
internal static class AllocaFinder
{
    /// <summary>The alloca calls of every function defined in <paramref name="source"/> (whose bytes are <paramref name="text"/>), numbered from 0;
    /// the stack allocators' functions of <paramref name="allocators"/> are alloca's spellings.</summary>
    public static List<AllocaSite> Find(ParsedSource source, byte[] text, AllocatorConfiguration allocators, DiagnosticBag diagnostics)
    {
        IReadOnlySet<string> names = allocators.StackFunctions;
        var sites = new List<AllocaSite>();
        foreach (SyntaxNode function in source.Declarations)
        {
            if (function.Kind != SyntaxKind.FunctionDeclaration || !function.IsDefinition
                || function.Children.LastOrDefault(c => c.Kind == SyntaxKind.CompoundStatement) is not SyntaxNode body)
            {
                continue;
            }

            LocalDefinitions? locals = null;
            foreach (SyntaxNode call in body.DescendantsAndSelf())
            {
                // glibc's alloca is a macro for __builtin_alloca: the callee is the builtin, the name written "alloca"; both must be configured.
                if (call.Kind == SyntaxKind.Call && call.CalleeName is string callee && names.Contains(callee)
                    && Site(source, text, names, function, body, call, sites.Count, locals ??= new LocalDefinitions(function), diagnostics) is AllocaSite site)
                {
                    sites.Add(site);
                }
            }
        }

        return sites;
    }

    private static AllocaSite? Site(ParsedSource source, byte[] text, IReadOnlySet<string> names, SyntaxNode function, SyntaxNode body, SyntaxNode call,
        int index, LocalDefinitions locals, DiagnosticBag diagnostics)
    {
        int start = call.Start.Offset;
        string? name = call.Start.InMainFile && !call.End.InMacro && call.End.InMainFile ? NameAt(text, start, names) : null;
        if (name is null || MacroInvocation.End(text, start) != call.End.Offset || text[call.End.Offset - 1] != (byte)')')
        {
            NotTracked(source, call, "it comes from a larger macro expansion or included text", diagnostics);
            return null;
        }

        if (!body.Start.IsRewritable)
        {
            NotTracked(source, call, "the function body comes from a macro", diagnostics);
            return null;
        }

        SizeInference size = call.Children.Count > 1
            ? new AllocationSize(source.DataModel, text, locals).Infer(call.Children[1], "the size argument")
            : SizeInference.Unknown;
        CType? type = size.Type is null ? null
            : size.IsArray ? new CArrayType(size.Type, ArrayLength.Unknown, 0, isVector: false, size: null)
            : size.Type;
        if (type is null)
        {
            diagnostics.Add(DiagnosticDescriptors.UntypedAllocationSite, "cannot infer the type allocated by this call to 'alloca'", source.MainFile,
                call.Start.Line, call.Start.Column);
        }

        return new AllocaSite(index, name, call.Start.Line, call.Start.Column, function.Spelling, type, size.Why ?? "no sizeof found: untyped", start,
            start + name.Length, call.End.Offset - 1, body.Start.Offset + 1);
    }

    /// <summary>The callee name written at <paramref name="offset"/> when it is one of the alloca spellings, else null (another macro's name).</summary>
    private static string? NameAt(byte[] text, int offset, IReadOnlySet<string> names)
    {
        int end = offset;
        while (end < text.Length && (char.IsAsciiLetterOrDigit((char)text[end]) || text[end] == (byte)'_'))
        {
            end++;
        }

        string name = Encoding.ASCII.GetString(text, offset, end - offset);
        return names.Contains(name) ? name : null;
    }

    private static void NotTracked(ParsedSource source, SyntaxNode call, string reason, DiagnosticBag diagnostics) =>
        diagnostics.Add(DiagnosticDescriptors.AllocaNotTracked, $"alloca'd block gets no stack record: {reason}", source.MainFile, call.Start.Line,
            call.Start.Column);
}
