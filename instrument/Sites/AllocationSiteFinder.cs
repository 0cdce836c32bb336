// Finding allocation calls and inferring what each allocates.
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Sites;

/// <summary>
/// Finds the calls to allocators (<see cref="AllocatorTable"/>) in function bodies and infers what
/// each allocates from its size argument (<see cref="AllocationSize"/>): an array when the size is a
/// product at its top level or the allocator takes a count other than a literal 1; one struct for
/// a struct with a flexible array member plus its elements; nothing for another header plus an
/// array. Failing a <c>sizeof</c>, the type is the pointee of the pointer the result is cast to,
/// initialises, is assigned to or is returned as, unless that is <c>void</c> or a character type.
/// </summary>
internal static class AllocationSiteFinder
{
    /// <summary>The allocation sites of <paramref name="source"/>, numbered from 0 in source order.</summary>
    public static List<AllocationSite> Find(ParsedSource source, DiagnosticBag diagnostics)
    {
        var sites = new List<AllocationSite>();
        foreach (SyntaxNode function in source.Declarations)
        {
            if (function.Kind != SyntaxKind.FunctionDeclaration || !function.IsDefinition)
            {
                continue;
            }

            foreach (SyntaxNode call in function.DescendantsAndSelf())
            {
                if (call.Kind == SyntaxKind.Call && call.CalleeName is string name && AllocatorTable.Find(name) is AllocatorFunction allocator
                    && Site(source, function, call, allocator, sites.Count, diagnostics) is AllocationSite site)
                {
                    sites.Add(site);
                }
            }
        }

        return sites;
    }

    private static AllocationSite? Site(ParsedSource source, SyntaxNode function, SyntaxNode call, AllocatorFunction allocator, int index,
        DiagnosticBag diagnostics)
    {
        if (!call.Start.InMainFile || call.Start.InMacro || call.End.InMacro)
        {
            diagnostics.Add(DiagnosticDescriptors.AllocationInMacro, $"call to '{allocator.Name}' comes from a macro expansion or included text; not instrumented",
                source.MainFile, call.Start.Line, call.Start.Column);
            return null;
        }

        if (call.Type is not CPointerType result)
        {
            diagnostics.Add(DiagnosticDescriptors.AllocationNotInstrumented,
                $"call to '{allocator.Name}' does not return a pointer (is it declared?); not instrumented", source.MainFile, call.Start.Line, call.Start.Column);
            return null;
        }

        string? cast = null;
        if (result.Pointee is not CVoidType)
        {
            cast = call.TypeSpelling;
            if (cast.Contains('(', StringComparison.Ordinal) && (cast.Contains("unnamed", StringComparison.Ordinal) || cast.Contains("anonymous", StringComparison.Ordinal)))
            {
                diagnostics.Add(DiagnosticDescriptors.AllocationNotInstrumented,
                    $"call to '{allocator.Name}' returns '{cast}', which has no name to cast back to; not instrumented", source.MainFile, call.Start.Line,
                    call.Start.Column);
                return null;
            }
        }

        (CType? type, bool isArray, bool isHeaderAndArray) = Infer(source, function, call, allocator, result);
        if (isHeaderAndArray)
        {
            diagnostics.Add(DiagnosticDescriptors.UntypedAllocationSite,
                $"this call to '{allocator.Name}' allocates a header followed by an array of another type, which no type describes; recorded untyped",
                source.MainFile, call.Start.Line, call.Start.Column);
        }
        else if (type is null)
        {
            diagnostics.Add(DiagnosticDescriptors.UntypedAllocationSite, $"cannot infer the type allocated by this call to '{allocator.Name}'",
                source.MainFile, call.Start.Line, call.Start.Column);
        }

        return new AllocationSite(index, allocator.Name, call.Start.Line, call.Start.Column, function.Spelling, type, isArray,
            call.Start.Offset, call.End.Offset, cast);
    }

    private static (CType? Type, bool IsArray, bool IsHeaderAndArray) Infer(ParsedSource source, SyntaxNode function, SyntaxNode call,
        AllocatorFunction allocator, CPointerType result)
    {
        if (allocator.AllocatesResultPointee)
        {
            return (result.Pointee, true, false);
        }

        IReadOnlyList<SyntaxNode> arguments = [.. call.Children.Skip(1)];
        SyntaxNode? size = Argument(arguments, allocator.SizeArgument);
        SyntaxNode? count = Argument(arguments, allocator.CountArgument);
        if (size is not null && count is not null && AllocationSize.IsSizeof(count) && !AllocationSize.IsSizeof(size))
        {
            (size, count) = (count, size); // calloc(sizeof(T), n): the arguments swapped, as the product commutes
        }

        SizeInference inferred = size is null ? SizeInference.Unknown : AllocationSize.Infer(size, source.DataModel);
        if (count is not null && count.IntegerValue != 1)
        {
            // n blocks of a header and its array are no array of one type.
            if (inferred.IsSum && (inferred.IsHeaderAndArray || inferred.Type is not null))
            {
                return (null, false, true);
            }

            CType? element = inferred.Type ?? DestinationPointee(function, call);
            return (element, element is not null, false);
        }

        if (inferred.Type is not null || inferred.IsHeaderAndArray)
        {
            return (inferred.Type, inferred.IsArray, inferred.IsHeaderAndArray);
        }

        return DestinationPointee(function, call) is CType pointee ? (pointee, inferred.IsArray, false) : (null, false, false);
    }

    private static SyntaxNode? Argument(IReadOnlyList<SyntaxNode> arguments, int? position) =>
        position is int i && i < arguments.Count ? arguments[i] : null;

    /// <summary>
    /// The pointee of the pointer the call's result ends up in: the first cast to a useful pointer
    /// type, else the variable it initialises, the lvalue it is assigned to, or the enclosing
    /// function's return type. Useful means not void, character, function or unmodelled.
    /// </summary>
    private static CType? DestinationPointee(SyntaxNode function, SyntaxNode call)
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
                        return cast;
                    }

                    continue;
                case SyntaxKind.VariableDeclaration:
                    return UsefulPointee(node.Type);
                case SyntaxKind.BinaryOperator when node.BinaryOperator == BinaryOperatorKind.Assign && node.Children.Count == 2 && node.Children[1] == from:
                    return UsefulPointee(node.Children[0].Type);
                case SyntaxKind.ReturnStatement:
                    return function.Type is CFunctionType signature ? UsefulPointee(signature.Result) : null;
                default:
                    return null;
            }
        }

        return null;
    }

    private static CType? UsefulPointee(CType? type) =>
        type is CPointerType { Pointee: var pointee } && pointee is not (CVoidType or CFunctionType or COpaqueType)
            && pointee is not CBuiltinType { IsCharacter: true }
            ? pointee
            : null;
}
