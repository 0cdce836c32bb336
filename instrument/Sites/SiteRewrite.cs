// How one allocation call's text is rewritten.
namespace Liballocs.Instrument.Sites;

/// <summary>
/// How an allocation call's text [<see cref="CallStart"/>, <see cref="CallEnd"/>) is rewritten. Every operand is still
/// evaluated exactly once, in its place (<see cref="ArgumentCapture"/>); <c>S</c> is the site, <c>v</c> and <c>a</c> temporaries:
/// <list type="bullet">
/// <item><see cref="SiteRewriteKind.SetSite"/>: <c>((R)__liballocs_hook_heap_set_site(f(x), &amp;S))</c>, no cast when R is <c>void *</c>.</item>
/// <item><see cref="SiteRewriteKind.SitedEntry"/>: <c>__liballocs_hook_f_at(x, &amp;S, f)</c>, the name <c>f</c> replaced and the site and
/// the function added before the closing parenthesis.</item>
/// <item><see cref="SiteRewriteKind.ResultIn"/>: <c>(__extension__ ({ __typeof__(T) a; __typeof__(R) v = f(..., (a = (x)), ...);
/// __liballocs_hook_heap_set_site((void *)(__UINTPTR_TYPE__)*a, &amp;S); v; }))</c>, without <c>v</c> when f returns void.</item>
/// <item><see cref="SiteRewriteKind.Suballocation"/>: <c>(__extension__ ({ __typeof__(TA) aa; __typeof__(TN) an; __typeof__(R) v =
/// f((aa = (a)), (an = (n))); __liballocs_hook_suballoc_alloc((void *)(__UINTPTR_TYPE__)v, SIZE, ARENA, &amp;S); v; }))</c>.</item>
/// </list>
/// </summary>
/// <param name="Kind">The shape.</param>
/// <param name="CallStart">Byte offset of the call's first character.</param>
/// <param name="CallEnd">Byte offset one past the call's last character.</param>
/// <param name="ResultType">The call's type as C: for <see cref="SiteRewriteKind.SetSite"/> the type to cast back to (null for <c>void *</c>); for
/// the others the result temporary's type (null when the function returns void).</param>
/// <param name="Captures">Arguments kept in temporaries, in argument order.</param>
/// <param name="ResultInTemporary">(<see cref="SiteRewriteKind.ResultIn"/>) the temporary holding the pointer the result is stored through.</param>
/// <param name="Size">(<see cref="SiteRewriteKind.Suballocation"/>) the chunk's size in bytes, as C over the temporaries.</param>
/// <param name="Arena">(<see cref="SiteRewriteKind.Suballocation"/>) the arena, as a C <c>const void *</c> over the temporaries, or <c>0</c>.</param>
/// <param name="NameEnd">(<see cref="SiteRewriteKind.SitedEntry"/>) byte offset one past the function's name, which starts the call.</param>
internal sealed record SiteRewrite(SiteRewriteKind Kind, int CallStart, int CallEnd, string? ResultType, IReadOnlyList<ArgumentCapture> Captures,
    string? ResultInTemporary = null, string? Size = null, string? Arena = null, int NameEnd = 0)
{
    /// <summary>The temporary holding the call's result in the statement-expression shapes.</summary>
    public static string ValueTemporary(int site) => $"__liballocs_v{site}";

    /// <summary>The temporary holding argument <paramref name="argument"/> of site <paramref name="site"/>.</summary>
    public static string ArgumentTemporary(int site, int argument) => $"__liballocs_a{site}_{argument}";
}
