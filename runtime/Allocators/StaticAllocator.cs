// The static allocator: functions, global and static variables, and string literals of the
// executable and every loaded shared object.
using Liballocs.Runtime.Dwarf;
using Liballocs.Runtime.Elf;
using Liballocs.Runtime.Interop;
using Liballocs.Runtime.Memory;
using Liballocs.Runtime.Types;

namespace Liballocs.Runtime.Allocators;

/// <summary>
/// Static allocations, found by ELF symbol (bounds) and typed by the statics tables of instrumented TUs, or else by the
/// object's DWARF (<see cref="DwarfTypes"/>). An address in a loaded object that no symbol covers is a string literal when it
/// lies in a NUL-terminated run of text in a read-only data section, else its section.
/// </summary>
public sealed unsafe class StaticAllocator : Allocator
{
    /// <inheritdoc/>
    public override StorageKind Storage => StorageKind.Static;

    private const int MaxStringLength = 1 << 16;
    private readonly TuMetadata tus;
    private readonly UniqtypeRegistry types;
    private readonly DwarfTypes dwarf;
    private readonly ProcMaps maps;
    private readonly Lock gate = new();
    private readonly Dictionary<string, ElfSymbols> symbolsByPath = new(StringComparer.Ordinal);
    private List<LoadedObject> objects = [];
    private ulong changesSeen = ulong.MaxValue;
    // The executable's copy-relocated variables by file address: the type of the library definition they copy, or 0.
    private readonly Dictionary<ulong, nint> copies = [];

    /// <summary>Creates the "static" allocator over mappings owned by <paramref name="parent"/>; objects not built by allocscc
    /// are typed by <paramref name="dwarf"/>.</summary>
    public StaticAllocator(TuMetadata tus, UniqtypeRegistry types, ProcMaps maps, DwarfTypes dwarf, Allocator parent) : base("static", parent)
    {
        this.tus = tus;
        this.types = types;
        this.maps = maps;
        this.dwarf = dwarf;
    }

    /// <inheritdoc/>
    public override bool TryGetInfo(nuint address, out Allocation allocation)
    {
        allocation = default;
        if (ObjectContaining(address) is not { } obj)
            return false;
        var elf = SymbolsOf(obj);
        var fileAddress = (ulong)(address - obj.LoadBias);
        if (elf.SymbolAt(fileAddress) is { } symbol)
        {
            allocation = FromSymbol(obj, symbol);
            return true;
        }
        if (InstrumentedStaticContaining(address) is { } instrumented)
        {
            allocation = instrumented;
            return true;
        }
        if (elf.SectionAt(fileAddress) is not { } section)
            return false;
        var sectionBase = obj.LoadBias + (nuint)section.Address;
        if (!section.Writable && !section.Executable && !section.NoBits
            && StringLiteralAt(address, sectionBase, section.Size) is { } literal)
        {
            allocation = literal;
            return true;
        }
        allocation = new Allocation(this, sectionBase, section.Size, 0, 0);
        return true;
    }

    /// <inheritdoc/>
    public override bool Walk(nuint begin, nuint end, Func<Allocation, bool> visit)
    {
        List<LoadedObject> snapshot;
        lock (gate)
            snapshot = objects.Count > 0 ? objects : objects = LoadedObjects.Enumerate();
        foreach (var obj in snapshot.OrderBy(o => o.LoadBias))
        {
            foreach (var symbol in SymbolsOf(obj).Symbols)
            {
                var a = obj.LoadBias + (nuint)symbol.Address;
                if (a >= begin && a < end && obj.Contains(a) && !visit(FromSymbol(obj, symbol)))
                    return false;
            }
        }
        return true;
    }

    private Allocation FromSymbol(LoadedObject obj, ElfSymbol symbol)
    {
        var start = obj.LoadBias + (nuint)symbol.Address;
        var desc = tus.StaticAt(start);
        // Instrumented TUs describe their statics; other objects' come from their DWARF, when they have any.
        var type = desc != null ? desc->type : dwarf.TypeAt(start);
        if (type == null && !symbol.IsFunction)
            type = CopiedFrom(obj, symbol);
        // A function's DWARF gives its definition's type, which may not be the one it is declared and called by (glibc
        // defines stat as __stat64 taking a struct stat64 *): queries see it, checks take it for a guess, not a verdict.
        return new Allocation(this, start, symbol.Size, (nint)type, 0) { TypeGuessed = desc == null && symbol.IsFunction && type != null };
    }

    // A variable a shared library defines and the executable uses lives in the executable, copied there at load (a copy
    // relocation), where only an extern declaration describes it: its type is the one the DWARF of the first library in
    // link-map order defining a global of that name and size gives (the definition the copy was made from). Only the
    // executable's global data symbols are copies; the answer is kept per symbol.
    private Uniqtype* CopiedFrom(LoadedObject user, ElfSymbol symbol)
    {
        List<LoadedObject> snapshot;
        lock (gate)
        {
            snapshot = objects;
            if (snapshot.Count == 0 || snapshot[0] != user || !symbol.IsGlobal)
                return null;
            if (copies.TryGetValue(symbol.Address, out var known))
                return (Uniqtype*)known;
        }
        var name = symbol.Name.Split('@')[0];   // the executable's table names copies with their version: stdout@GLIBC_2.2.5
        Uniqtype* type = null;
        foreach (var other in snapshot.Skip(1))
        {
            if (SymbolsOf(other).GlobalDataSymbolNamed(name, symbol.Size) is not { } definition)
                continue;
            type = dwarf.TypeAt(other.LoadBias + (nuint)definition.Address);
            break;
        }
        lock (gate)
            copies[symbol.Address] = (nint)type;
        return type;
    }

    // For objects built without a symbol table entry for some static (e.g. stripped).
    private Allocation? InstrumentedStaticContaining(nuint address)
    {
        foreach (var d in tus.AllStatics())
        {
            var desc = (StaticDesc*)d;
            var start = (nuint)desc->addr;
            if (desc->size > 0 && address >= start && address - start < desc->size)
                return new Allocation(this, start, desc->size, (nint)desc->type, 0);
        }
        return null;
    }

    // A string literal: the NUL-terminated run of text around `address` within its section.
    private Allocation? StringLiteralAt(nuint address, nuint sectionBase, ulong sectionSize)
    {
        var sectionEnd = sectionBase + (nuint)sectionSize;
        if (!maps.IsReadable(sectionBase, sectionSize))
            return null;
        var p = (byte*)address;
        if (*p == 0 && (address == sectionBase || p[-1] == 0))
            return null;
        var start = address;
        while (start > sectionBase && address - start < MaxStringLength && *((byte*)start - 1) != 0)
            start--;
        var end = address;
        while (end < sectionEnd && end - start < MaxStringLength && *(byte*)end != 0)
            end++;
        if (end >= sectionEnd || *(byte*)end != 0)
            return null;
        for (var q = (byte*)start; q < (byte*)end; q++)
        {
            if (*q < 0x20 && *q is not ((byte)'\t' or (byte)'\n' or (byte)'\r'))
                return null;
        }
        var length = (ulong)(end - start) + 1;
        return new Allocation(this, start, length, (nint)types.ArrayOf(types.Char, length), 0) { TypeGuessed = true };
    }

    private LoadedObject? ObjectContaining(nuint address)
    {
        // A dlopen or dlclose since the list was read may have put another object where one was.
        var changes = LoadedObjects.Changes();
        lock (gate)
        {
            if (changes != changesSeen)
            {
                objects = LoadedObjects.Enumerate();
                changesSeen = changes;
            }
            var found = objects.Find(o => o.Contains(address));
            if (found is null && maps.Find(address) is { Path.Length: > 0 } m && m.Path[0] == '/')
            {
                objects = LoadedObjects.Enumerate();
                found = objects.Find(o => o.Contains(address));
            }
            return found;
        }
    }

    private ElfSymbols SymbolsOf(LoadedObject obj)
    {
        lock (gate)
        {
            if (!symbolsByPath.TryGetValue(obj.Path, out var table))
                symbolsByPath[obj.Path] = table = ElfSymbols.Read(obj.Path);
            return table;
        }
    }
}
