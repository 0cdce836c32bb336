// Finding and loading libclang-19.
using System.Reflection;
using System.Runtime.InteropServices;

namespace Liballocs.Instrument.Libclang;

/// <summary>
/// Finds and loads libclang before the first binding is called. Debian ships no unversioned
/// libclang.so, so the default name is the versioned soname; <c>ALLOCSCC_LIBCLANG</c> overrides it.
/// </summary>
internal static class LibclangLoader
{
    /// <summary>The library name the <see cref="Clang"/> bindings import; mapped by the resolver.</summary>
    public const string LibraryName = "libclang";

    /// <summary>The soname loaded when <c>ALLOCSCC_LIBCLANG</c> is not set.</summary>
    public const string DefaultPath = "libclang-19.so.1";

    private static readonly Lock Gate = new();
    private static IntPtr handle;
    private static string? failure;

    /// <summary>
    /// Loads libclang once per process. Returns null on success, else a one-line reason naming the
    /// path tried (the caller reports it; nothing is thrown).
    /// </summary>
    public static string? TryLoad()
    {
        lock (Gate)
        {
            if (handle != IntPtr.Zero || failure is not null)
            {
                return failure;
            }

            string path = Environment.GetEnvironmentVariable("ALLOCSCC_LIBCLANG") is { Length: > 0 } overridden
                ? overridden
                : DefaultPath;
            try
            {
                handle = NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                failure = $"cannot load libclang ({Reason(e.Message)}); install libclang1-19 or set ALLOCSCC_LIBCLANG to its path";
                return failure;
            }

            // The newest function bound (libclang 17); an older library would fail mid-compile instead.
            if (!NativeLibrary.TryGetExport(handle, "clang_getCursorUnaryOperatorKind", out _))
            {
                NativeLibrary.Free(handle);
                handle = IntPtr.Zero;
                failure = $"libclang at '{path}' is too old (version 17 or later is needed); install libclang1-19 or set ALLOCSCC_LIBCLANG to its path";
                return failure;
            }

            NativeLibrary.SetDllImportResolver(typeof(LibclangLoader).Assembly, Resolve);
            return null;
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibraryName ? handle : IntPtr.Zero;

    /// <summary>The dynamic loader's own words (.NET puts them on the last line of its message, after advice).</summary>
    private static string Reason(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? message;
}
