// Finding allocation calls and inferring what each allocates.
using Liballocs.Instrument.Diagnostics;
using Liballocs.Instrument.Syntax;
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Sites;

/// <summary>
/// Finds the calls to allocators (<see cref="AllocatorTable"/>) in function bodies and infers what
/// each allocates: the type in a <c>sizeof</c> in its size or count argument, an array when that
/// <c>sizeof</c> is multiplied or the allocator takes a count; failing that, the pointee of the
/// pointer the result is cast to, initialises, is assigned to or is returned as, unless that is
/// <c>void</c> or a character type.
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

        (CType? type, bool isArray) = Infer(source, function, call, allocator, result);
        if (type is null)
        {
            diagnostics.Add(DiagnosticDescriptors.UntypedAllocationSite, $"cannot infer the type allocated by this call to '{allocator.Name}'",
                source.MainFile, call.Start.Line, call.Start.Column);
        }

        return new AllocationSite(index, allocator.Name, call.Start.Line, call.Start.Column, function.Spelling, type, isArray,
            call.Start.Offset, call.End.Offset, cast);
    }

    private static (CType? Type, bool IsArray) Infer(ParsedSource source, SyntaxNode function, SyntaxNode call, AllocatorFunction allocator,
        CPointerType result)
    {
        if (allocator.AllocatesResultPointee)
        {
            return (result.Pointee, true);
        }

        IReadOnlyList<SyntaxNode> arguments = [.. call.Children.Skip(1)];
        var sizeArguments = new List<SyntaxNode>();
        foreach (int? i in new[] { allocator.CountArgument, allocator.SizeArgument })
        {
            if (i is int position && position < arguments.Count)
            {
                sizeArguments.Add(arguments[position]);
            }
        }

        bool hasCount = allocator.CountArgument is not null;
        var inProduct = new List<CType>();
        foreach (SyntaxNode argument in sizeArguments)
        {
            foreach (SyntaxNode node in argument.DescendantsAndSelf())
            {
                if (node.Kind != SyntaxKind.SizeofOrAlignof || OperandOfSizeof(node, source.DataModel) is not CType operand)
                {
                    continue;
                }

                bool multiplied = IsMultiplied(node, argument);
                if (!multiplied && !hasCount)
                {
                    return (operand, false);
                }

                inProduct.Add(operand);
            }
        }

        if (inProduct.Count > 0)
        {
            return (inProduct[0], true);
        }

        bool sizeIsProduct = sizeArguments.Exists(a => a.DescendantsAndSelf().Any(n => n.Kind == SyntaxKind.BinaryOperator
            && n.BinaryOperator == BinaryOperatorKind.Multiply));
        return DestinationPointee(function, call) is CType pointee ? (pointee, hasCount || sizeIsProduct) : (null, false);
    }

    /// <summary>The type <c>sizeof</c> measures, or null when the node is <c>_Alignof</c> or the operand cannot be read.</summary>
    private static CType? OperandOfSizeof(SyntaxNode node, DataModel dataModel)
    {
        IReadOnlyList<string>? tokens = node.Tokens;
        if (tokens is { Count: > 0 } && tokens[0] != "sizeof")
        {
            return null;
        }

        // The operand is an expression when a child ends where the sizeof ends (`sizeof *p`, `sizeof (x)`);
        // a type name's children (`sizeof(int[4])`'s 4) end inside the parentheses.
        bool inMacro = node.Start.InMacro || node.End.InMacro;
        SyntaxNode? expression = node.Children.FirstOrDefault(c => c.Kind != SyntaxKind.TypeReference
            && (inMacro ? IsOperandExpression(c) && node.Children.Count == 1 : c.End.Offset == node.End.Offset));
        if (expression is not null)
        {
            return expression.Type;
        }

        if (tokens is null)
        {
            return null; // a type name spelled inside a macro: its tokens are not in the file
        }

        return SizeofTypeName.Parse(tokens, [.. node.Children.Select(c => c.Type).OfType<CType>()], dataModel);
    }

    /// <summary>Kinds that can only be an expression operand, never part of a type name (unlike a literal array bound).</summary>
    private static bool IsOperandExpression(SyntaxNode node) => node.Kind is SyntaxKind.Parenthesized or SyntaxKind.UnaryOperator
        or SyntaxKind.DeclarationReference or SyntaxKind.MemberReference or SyntaxKind.ArraySubscript or SyntaxKind.Call or SyntaxKind.Cast;

    private static bool IsMultiplied(SyntaxNode node, SyntaxNode argument)
    {
        for (SyntaxNode? n = node; n is not null && n != argument.Parent; n = n.Parent)
        {
            if (n != node && ((n.Kind == SyntaxKind.BinaryOperator && n.BinaryOperator == BinaryOperatorKind.Multiply)
                || n.Kind == SyntaxKind.CompoundAssignment))
            {
                return true;
            }
        }

        return false;
    }

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
