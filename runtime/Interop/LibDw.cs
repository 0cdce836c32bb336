// P/Invoke bindings of the parts of elfutils' libdw (libdw.so.1) we use, with C names: dwfl for the process's modules and
// symbolisation, the dwarf_* DIE API for types of uninstrumented objects.
using System.Runtime.InteropServices;

namespace Liballocs.Runtime.Interop;

/// <summary>Raw libdw entry points (elfutils 0.188). Handles are opaque pointers; Dwarf_Die and Dwarf_Attribute are the
/// caller-allocated structs libdw.h declares.</summary>
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
    [LibraryImport(Lib)] public static partial byte* dwfl_module_info(nint module, void*** userdata, ulong* start, ulong* end,
        ulong* dwbias, ulong* symbias, byte** mainfile, byte** debugfile);

    [LibraryImport(Lib)] public static partial nint dwfl_module_getdwarf(nint module, ulong* bias);

    /// <summary>Dwarf_Die (libdw.h): 32 bytes, filled by libdw.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Dwarf_Die
    {
        public nint addr, cu, abbrev, padding;
    }

    /// <summary>Dwarf_Attribute (libdw.h): 24 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Dwarf_Attribute
    {
        public uint code, form;
        public nint valp, cu;
    }

    /// <summary>Dwarf_Op (libdw.h): one operation of a location expression.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Dwarf_Op
    {
        public byte atom;
        public ulong number, number2, offset;
    }

    [LibraryImport(Lib)] public static partial int dwarf_nextcu(nint dwarf, ulong off, ulong* next_off, nuint* header_sizep,
        ulong* abbrev_offsetp, byte* address_sizep, byte* offset_sizep);
    [LibraryImport(Lib)] public static partial Dwarf_Die* dwarf_offdie(nint dwarf, ulong offset, Dwarf_Die* result);
    [LibraryImport(Lib)] public static partial int dwarf_child(Dwarf_Die* die, Dwarf_Die* result);
    [LibraryImport(Lib)] public static partial int dwarf_siblingof(Dwarf_Die* die, Dwarf_Die* result);
    [LibraryImport(Lib)] public static partial int dwarf_tag(Dwarf_Die* die);
    [LibraryImport(Lib)] public static partial ulong dwarf_dieoffset(Dwarf_Die* die);
    [LibraryImport(Lib)] public static partial byte* dwarf_diename(Dwarf_Die* die);
    [LibraryImport(Lib)] public static partial Dwarf_Attribute* dwarf_attr_integrate(Dwarf_Die* die, uint name, Dwarf_Attribute* result);
    [LibraryImport(Lib)] public static partial int dwarf_hasattr_integrate(Dwarf_Die* die, uint name);
    [LibraryImport(Lib)] public static partial Dwarf_Die* dwarf_formref_die(Dwarf_Attribute* attr, Dwarf_Die* result);
    [LibraryImport(Lib)] public static partial int dwarf_formudata(Dwarf_Attribute* attr, ulong* value);
    [LibraryImport(Lib)] public static partial int dwarf_formsdata(Dwarf_Attribute* attr, long* value);
    [LibraryImport(Lib)] public static partial int dwarf_formflag(Dwarf_Attribute* attr, byte* value);
    [LibraryImport(Lib)] public static partial int dwarf_lowpc(Dwarf_Die* die, ulong* value);
    [LibraryImport(Lib)] public static partial int dwarf_getlocation(Dwarf_Attribute* attr, Dwarf_Op** expr, nuint* length);
    [LibraryImport(Lib)] public static partial Dwarf_Die* dwfl_module_addrdie(nint module, ulong address, ulong* bias);
    [LibraryImport(Lib)] public static partial int dwarf_getscopes(Dwarf_Die* cudie, ulong pc, Dwarf_Die** scopes);
    [LibraryImport(Lib)] public static partial int dwarf_getlocation_addr(Dwarf_Attribute* attr, ulong address, Dwarf_Op** exprs,
        nuint* exprlens, nuint nlocs);
    [LibraryImport(Lib)] public static partial int dwarf_decl_line(Dwarf_Die* die, int* line);
    [LibraryImport(Lib)] public static partial int dwarf_decl_column(Dwarf_Die* die, int* column);
    [LibraryImport(Lib)] public static partial byte* dwarf_decl_file(Dwarf_Die* die);
}
