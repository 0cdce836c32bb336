// How a checked cast's text is rewritten.
namespace Liballocs.Instrument.Checks;

/// <summary>What text of a checked cast is wrapped, and so what the wrapper must say.</summary>
internal enum CastRewrite
{
    /// <summary>The operand of an explicit cast <c>(T *) e</c>: <c>(T *) __liballocs_check((const volatile void *)(e), &amp;site)</c>
    /// (to a function pointer, <c>__liballocs_check_function((void (*)(void))(e), &amp;site)</c>).</summary>
    Operand,
    /// <summary>A <c>void *</c> expression implicitly converted to <c>T *</c>: <c>__liballocs_check(e, &amp;site)</c>, which returns
    /// <c>void *</c> so the conversion stays (to a function pointer, <c>((F) __liballocs_check_function(...))</c>).</summary>
    Converted,
    /// <summary>The operand of an explicit cast written in the body of a macro defined in the file being compiled, when the macro holds more
    /// than the cast: the definition itself becomes <c>(T *) __liballocs_check_at_line((const volatile void *)(e), &amp;site, __LINE__)</c>
    /// (to a function pointer, <c>__liballocs_check_function_at_line</c>), once for all its expansions, each of which reports the line of
    /// its use.</summary>
    DefinitionOperand,
    /// <summary>The operand of an explicit cast, written in the body of a macro defined in a (non-system) header, wrapped as for
    /// <see cref="DefinitionOperand"/> in a redefinition of that macro the instrumented file makes before its first use
    /// (<see cref="CastSite.HeaderMacro"/>): the header itself is left as it is.</summary>
    HeaderDefinitionOperand,
    /// <summary>A whole expression of the target type (a macro invocation that is exactly a cast, <c>va_arg(ap, T *)</c>):
    /// <c>((T *) __liballocs_check((const volatile void *)(e), &amp;site))</c>.</summary>
    Whole,
}
