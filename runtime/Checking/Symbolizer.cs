// In-process symbolisation with elfutils' libdw (dwfl), falling back to dladdr.
using System.Runtime.InteropServices;
using Liballocs.Runtime.Dwarf;
using Liballocs.Checks.Reports;
using Liballocs.Runtime.Interop;

namespace Liballocs.Runtime.Checking;

/// <summary>
/// Symbolises addresses of this process with libdw's dwfl API over the loaded objects: function
/// names from symbol tables, file:line:col from DWARF line tables (programs built with -g).
/// Modules are reported once and again when an address falls in none (a dlopen since).
/// Without libdw, dladdr gives function and object names. Thread-safe (dwfl is not: one lock).
/// Source lines come from the DWARF an object carries itself; an object whose DWARF lies in a separate debug file (found by
/// build-id or .gnu_debuglink, as libc6-dbg and -dbgsym packages install them) gives names from its symbol table only, unless
/// <paramref name="linesFromSeparateDebugInfo"/>: such files' compressed debug sections are inflated whole at their first
/// frame (libc's: some 40 ms, most of a short run's first report), for frames below the program's own code.
/// </summary>
/// <param name="linesFromSeparateDebugInfo">Also read source lines from separate debug files (option
/// <c>symbolize_separate_debuginfo</c>).</param>
public sealed unsafe class Symbolizer(bool linesFromSeparateDebugInfo = false) : ISymbolizer
{
    private readonly Lock gate = new();
    private readonly Dictionary<nint, bool> ownDwarf = [];
    private readonly ProcessModules modules = new();
    private int generationSeen;

    /// <inheritdoc/>
    public StackFrame Frame(nuint address, bool isReturnAddress)
    {
        var lookup = isReturnAddress && address > 0 ? address - 1 : address;
        lock (gate)
        {
            if (ModuleOf(lookup) is var module && module != 0)
                return FromModule(module, address, lookup);
        }
        return FromDladdr(address, lookup);
    }

    /// <inheritdoc/>
    public string? SymbolAt(nuint address)
    {
        lock (gate)
        {
            var module = ModuleOf(address);
            if (module != 0 && LibDw.dwfl_module_addrname(module, address) is var name && name != null)
                return WithoutVersion(Marshal.PtrToStringUTF8((nint)name));
        }
        LibC.Dl_info info;
        return LibC.dladdr((void*)address, &info) != 0 && info.dli_sname != null && (nuint)info.dli_saddr == address
            ? Marshal.PtrToStringUTF8((nint)info.dli_sname) : null;
    }

    // Called under `gate`. 0 when no module holds the address even after re-reporting.
    private nint ModuleOf(nuint address)
    {
        var module = modules.ModuleOf(address);
        if (modules.Generation != generationSeen)
        {
            ownDwarf.Clear();   // a module dropped since (dlclose) frees its handle, which a new one may get
            generationSeen = modules.Generation;
        }
        return module;
    }

    // Called under `gate`. Whether the module's own file has DWARF line tables (a -g build, not stripped); cached per module.
    private bool HasOwnDwarf(nint module)
    {
        if (ownDwarf.TryGetValue(module, out var known))
            return known;
        var path = LibDw.dwfl_module_info(module, null, null, null, null, null, null, null);
        var has = path != null && Liballocs.Runtime.Elf.ElfSymbols.HasSection(Marshal.PtrToStringUTF8((nint)path) ?? "", ".debug_line");
        ownDwarf[module] = has;
        return has;
    }

    // Called under `gate`.
    private StackFrame FromModule(nint module, nuint address, nuint lookup)
    {
        ulong start;
        var moduleName = LibDw.dwfl_module_info(module, null, &start, null, null, null, null, null);
        var objectName = moduleName == null ? null : Marshal.PtrToStringUTF8((nint)moduleName);
        var symbol = LibDw.dwfl_module_addrname(module, lookup);
        var function = symbol == null ? null : WithoutVersion(Marshal.PtrToStringUTF8((nint)symbol));
        string? file = null;
        int line = 0, column = 0;
        var src = linesFromSeparateDebugInfo || HasOwnDwarf(module) ? LibDw.dwfl_module_getsrc(module, lookup) : 0;
        if (src != 0)
        {
            var name = LibDw.dwfl_lineinfo(src, null, &line, &column, null, null);
            file = name == null ? null : Marshal.PtrToStringUTF8((nint)name);
        }
        return new StackFrame(address, function, file, (uint)Math.Max(line, 0), (uint)Math.Max(column, 0),
            objectName, (ulong)address - start);
    }

    // Symbol tables name versioned symbols "__libc_start_main@@GLIBC_2.34".
    private static string? WithoutVersion(string? symbol) =>
        symbol is not null && symbol.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? symbol[..at] : symbol;

    private static StackFrame FromDladdr(nuint address, nuint lookup)
    {
        LibC.Dl_info info;
        if (LibC.dladdr((void*)lookup, &info) == 0)
            return new StackFrame(address, null, null, 0, 0, null, 0);
        return new StackFrame(address,
            info.dli_sname == null ? null : Marshal.PtrToStringUTF8((nint)info.dli_sname), null, 0, 0,
            info.dli_fname == null ? null : Marshal.PtrToStringUTF8((nint)info.dli_fname),
            (ulong)address - (ulong)info.dli_fbase);
    }
}
