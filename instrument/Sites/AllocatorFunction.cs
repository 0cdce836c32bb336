// An allocation function and which arguments give size and count.
namespace Liballocs.Instrument.Sites;

/// <summary>
/// A function whose calls are allocation sites, and where its arguments say what it allocates.
/// </summary>
/// <param name="Name">The function's name, e.g. <c>calloc</c>.</param>
/// <param name="SizeArgument">0-based index of the argument giving the size in bytes (of one element when
/// <paramref name="CountArgument"/> is set), or null when the size is implicit.</param>
/// <param name="CountArgument">0-based index of an element-count argument; its presence makes every call an array allocation.</param>
/// <param name="AllocatesResultPointee">The allocated type is the pointee of the call's result, as an array
/// (string duplicators: <c>char *strdup(const char *)</c> allocates an array of char).</param>
internal sealed record AllocatorFunction(string Name, int? SizeArgument, int? CountArgument, bool AllocatesResultPointee = false);
