// P/Invoke bindings of the parts of elfutils' libdw (libdw.so.1) dwfl API we use, with C names.
using System.Runtime.InteropServices;

namespace Liballocs.Checks.Interop;

/// <summary>Raw libdw dwfl entry points (elfutils 0.188). Handles are opaque pointers.</summary>
internal static unsafe partial class LibDw
{
    public const string Lib = "libdw.so.1";

    /// <summary>Dwfl_Callbacks.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Dwfl_Callbacks
    {
        public nint find_elf;
        public nint find_debuginfo;
        public nint section_address;
        public byte** debuginfo_path;
    }

    [LibraryImport(Lib)] public static partial nint dwfl_begin(Dwfl_Callbacks* callbacks);
    [LibraryImport(Lib)] public static partial void dwfl_end(nint dwfl);
    [LibraryImport(Lib)] public static partial void dwfl_report_begin(nint dwfl);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint dwfl_report_elf(nint dwfl, string name, string file_name, int fd, ulong @base,
        [MarshalAs(UnmanagedType.U1)] bool add_p_vaddr);
    [LibraryImport(Lib)] public static partial int dwfl_report_end(nint dwfl, nint removed, nint arg);
    [LibraryImport(Lib)] public static partial nint dwfl_addrmodule(nint dwfl, ulong address);
    [LibraryImport(Lib)] public static partial byte* dwfl_module_addrname(nint module, ulong address);
    [LibraryImport(Lib)] public static partial nint dwfl_module_getsrc(nint module, ulong address);
    [LibraryImport(Lib)] public static partial byte* dwfl_lineinfo(nint line, ulong* address, int* linep, int* colp, ulong* mtime, ulong* length);
    [LibraryImport(Lib)] public static partial nint dwfl_module_getelf(nint module, ulong* bias);
    [LibraryImport(Lib)] public static partial byte* dwfl_module_info(nint module, void*** userdata, ulong* start, ulong* end,
        ulong* dwbias, ulong* symbias, byte** mainfile, byte** debugfile);
}
