// P/Invoke bindings of the few libc functions the checks' host needs, with C names.
using System.Runtime.InteropServices;

namespace Liballocs.Runtime.Interop;

/// <summary>Raw libc entry points.</summary>
internal static unsafe partial class LibC
{
    private const string Lib = "libc.so.6";

    /// <summary>Dl_info.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Dl_info
    {
        public byte* dli_fname;
        public void* dli_fbase;
        public byte* dli_sname;
        public void* dli_saddr;
    }

    [LibraryImport(Lib)] public static partial void exit(int status);
    [LibraryImport(Lib)] public static partial int isatty(int fd);
    [LibraryImport(Lib)] public static partial int getpid();
    [LibraryImport(Lib)] public static partial int dladdr(void* address, Dl_info* info);
}
