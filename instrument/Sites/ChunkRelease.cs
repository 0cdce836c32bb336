// A call that frees a suballocator's chunk or releases its arena, and how its argument is wrapped.
namespace Liballocs.Instrument.Sites;

/// <summary>
/// A call to a suballocator's freeing or releasing function. Its argument's text [<see cref="Start"/>, <see cref="End"/>) is
/// wrapped so the runtime forgets the chunk (or every chunk of the arena) before the call:
/// <c>pool_free(a, __liballocs_hook_suballoc_free(p))</c>, <c>pool_destroy(__liballocs_hook_suballoc_release(a))</c>. Both return their argument
/// as <c>void *</c>, which C converts back to the parameter's pointer type.
/// </summary>
/// <param name="Function">The function called.</param>
/// <param name="Instance">The suballocator it belongs to.</param>
/// <param name="Line">1-based line of the call.</param>
/// <param name="Column">1-based column of the call.</param>
/// <param name="Releases">The call releases a whole arena (else it frees one chunk).</param>
/// <param name="Start">Byte offset of the argument's first character.</param>
/// <param name="End">Byte offset one past its last character.</param>
/// <param name="ThroughInteger">The argument's pointee is qualified: it goes to the runtime through <c>__UINTPTR_TYPE__</c>, which drops the
/// qualifiers without a -Wcast-qual warning.</param>
internal sealed record ChunkRelease(string Function, string Instance, int Line, int Column, bool Releases, int Start, int End, bool ThroughInteger);
