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
    /// <summary>A whole expression of the target type (a macro invocation that is exactly a cast, <c>va_arg(ap, T *)</c>):
    /// <c>((T *) __liballocs_check((const volatile void *)(e), &amp;site))</c>.</summary>
    Whole,
}
