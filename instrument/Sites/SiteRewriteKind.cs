// The shapes an allocation call is rewritten into.
namespace Liballocs.Instrument.Sites;

/// <summary>How an allocation call is rewritten (see <see cref="SiteRewrite"/> for the text of each).</summary>
internal enum SiteRewriteKind
{
    /// <summary>The call returns the chunk: <c>__liballocs_hook_heap_set_site(call, &amp;site)</c>, cast back to the call's type.</summary>
    SetSite,
    /// <summary>A call of the heap's <c>malloc</c>, <c>calloc</c> or <c>realloc</c> goes to its entry point taking the site:
    /// <c>__liballocs_hook_malloc_at(x, &amp;site, malloc)</c> (the function named, as the file's reference resolves it), which returns <c>void *</c> as the function does.</summary>
    SitedEntry,
    /// <summary>The call stores the chunk through an argument (<c>result_in</c>): the argument is kept in a temporary and the chunk it
    /// points to is sited after the call, in a statement expression of the call's type.</summary>
    ResultIn,
    /// <summary>A suballocator's chunk: its size and arena arguments are kept in temporaries and the chunk is recorded with
    /// <c>__liballocs_hook_suballoc_alloc</c> after the call, in a statement expression of the call's type.</summary>
    Suballocation,
}
