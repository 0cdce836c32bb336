// How sources are parsed and instrumented.
using Liballocs.Instrument.Types;

namespace Liballocs.Instrument.Instrumentation;

/// <summary>How to parse and instrument sources.</summary>
/// <param name="IncludeDirectory">Absolute path of the runtime's headers (liballocs_meta.h, uniqtype.h, allocs.h).</param>
/// <param name="ClangArguments">Arguments for libclang: the compile's preprocessor and language options.</param>
/// <param name="DataModel">Sizes of built-in types on the target.</param>
internal sealed record InstrumentOptions(string IncludeDirectory, IReadOnlyList<string> ClangArguments, DataModel DataModel);
