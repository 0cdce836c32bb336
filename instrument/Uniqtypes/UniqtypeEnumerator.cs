// One enumerator of an emitted enumeration uniqtype.
namespace Liballocs.Instrument.Uniqtypes;

/// <summary>One enumerator of an enumeration, as <c>struct uniqtype_enumerator</c>.</summary>
internal sealed record UniqtypeEnumerator(string Name, long Value);
