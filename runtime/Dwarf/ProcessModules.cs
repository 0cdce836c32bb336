// The loaded objects of this process as libdw (dwfl) modules, for symbolisation and DWARF types.
using System.Runtime.InteropServices;
using Liballocs.Runtime.Elf;
using Liballocs.Runtime.Interop;

namespace Liballocs.Runtime.Dwarf;

/// <summary>
/// A dwfl session over the objects the dynamic linker lists, each reported at its load bias, so module addresses are this
/// process's addresses. Debug information is found as dwfl's standard callback finds it: the object's own, or a separate file
/// by build-id or <c>.gnu_debuglink</c> (where Debian's <c>-dbgsym</c> and <c>libc6-dbg</c> packages install them).
/// Objects are reported again when the dynamic linker's list changed (dlopen, dlclose) or an address falls in none. Not thread-safe: callers hold their own lock
/// across a lookup and every use of the module handle it gives, which a re-report (<see cref="ModuleOf"/>) frees.
/// </summary>
public sealed unsafe class ProcessModules
{
    private LibDw.Dwfl_Callbacks* callbacks;
    private nint dwfl;
    private ulong changesReported;

    /// <summary>libdw could not be loaded: every lookup answers 0.</summary>
    public bool Missing { get; private set; }

    /// <summary>Incremented by every re-report: module handles of an earlier one may be gone.</summary>
    public int Generation { get; private set; }

    /// <summary>The dwfl module (Dwfl_Module*) holding <paramref name="address"/>, reporting the objects again once when none
    /// does; 0 when none does, or without libdw.</summary>
    public nint ModuleOf(nuint address)
    {
        try
        {
            if (Missing || !EnsureReported())
                return 0;
            // A dlclose and a dlopen at the same place would leave the old object's module answering for the new one.
            if (LoadedObjects.Changes() != changesReported)
                Report();
            var module = LibDw.dwfl_addrmodule(dwfl, address);
            if (module == 0)
            {
                Report();
                module = LibDw.dwfl_addrmodule(dwfl, address);
            }
            return module;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Missing = true;
            return 0;
        }
    }

    private bool EnsureReported()
    {
        if (dwfl != 0)
            return true;
        if (!NativeLibrary.TryLoad(LibDw.Lib, out var lib)
            || !NativeLibrary.TryGetExport(lib, "dwfl_linux_proc_find_elf", out var findElf)
            || !NativeLibrary.TryGetExport(lib, "dwfl_standard_find_debuginfo", out var findDebuginfo))
        {
            Missing = true;
            return false;
        }
        // dwfl keeps the pointer: the callbacks live as long as the process.
        callbacks = (LibDw.Dwfl_Callbacks*)NativeMemory.AllocZeroed((nuint)sizeof(LibDw.Dwfl_Callbacks));
        callbacks->find_elf = findElf;
        callbacks->find_debuginfo = findDebuginfo;
        dwfl = LibDw.dwfl_begin(callbacks);
        if (dwfl == 0)
        {
            Missing = true;
            return false;
        }
        Report();
        return true;
    }

    // Not dwfl_linux_proc_report: it gives up at the first mapping it cannot open (a library whose file was deleted while
    // loaded), silently dropping every module after it.
    private void Report()
    {
        changesReported = LoadedObjects.Changes();
        LibDw.dwfl_report_begin(dwfl);
        foreach (var obj in LoadedObjects.Enumerate())
            LibDw.dwfl_report_elf(dwfl, obj.Path, obj.Path, -1, (ulong)obj.LoadBias, false);
        LibDw.dwfl_report_end(dwfl, 0, 0);
        Generation++;
    }
}
