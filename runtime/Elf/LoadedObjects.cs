// The executable and shared objects loaded in the process, from dl_iterate_phdr.
using System.Runtime.InteropServices;

namespace Liballocs.Runtime.Elf;

/// <summary>One loaded ELF object: its file, load bias, and the address ranges of its PT_LOAD segments.</summary>
public sealed record LoadedObject(string Path, nuint LoadBias, (nuint Start, nuint End, bool Writable, bool Executable)[] Segments)
{
    /// <summary>True when <paramref name="address"/> is in one of its loaded segments.</summary>
    public bool Contains(nuint address) => Array.Exists(Segments, s => address >= s.Start && address < s.End);
}

/// <summary>Enumerates loaded objects with glibc's dl_iterate_phdr.</summary>
public static unsafe partial class LoadedObjects
{
    private const uint PT_LOAD = 1, PF_X = 1, PF_W = 2;

    [StructLayout(LayoutKind.Sequential)]
    private struct DlPhdrInfo
    {
        public ulong dlpi_addr;
        public byte* dlpi_name;
        public Elf64Phdr* dlpi_phdr;
        public ushort dlpi_phnum;
        public ulong dlpi_adds;   // present when the callback's size argument covers them (glibc 2.4 and later)
        public ulong dlpi_subs;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Elf64Phdr
    {
        public uint p_type, p_flags;
        public ulong p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
    }

    [LibraryImport("libc.so.6")]
    private static partial int dl_iterate_phdr(delegate* unmanaged<DlPhdrInfo*, nuint, void*, int> callback, void* data);

    /// <summary>The objects loaded now. The executable's path is /proc/self/exe's target; the vDSO
    /// (which has no file) is left out.</summary>
    public static List<LoadedObject> Enumerate()
    {
        var result = new List<LoadedObject>();
        var handle = GCHandle.Alloc(result);
        try
        {
            dl_iterate_phdr(&Visit, (void*)GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }
        return result;
    }

    /// <summary>How many objects the dynamic linker has loaded and unloaded so far (dl_iterate_phdr's dlpi_adds plus
    /// dlpi_subs): it changes with every dlopen and dlclose, so a cache of the loaded objects is current while it stays.</summary>
    public static ulong Changes()
    {
        ulong changes = 0;
        dl_iterate_phdr(&FirstChanges, &changes);
        return changes;
    }

    [UnmanagedCallersOnly]
    private static int FirstChanges(DlPhdrInfo* info, nuint size, void* data)
    {
        if (size >= (nuint)sizeof(DlPhdrInfo))
            *(ulong*)data = info->dlpi_adds + info->dlpi_subs;
        return 1;   // the counts are the same in every entry: the first is enough
    }

    [UnmanagedCallersOnly]
    private static int Visit(DlPhdrInfo* info, nuint size, void* data)
    {
        var list = (List<LoadedObject>)GCHandle.FromIntPtr((nint)data).Target!;
        var name = Marshal.PtrToStringUTF8((nint)info->dlpi_name) ?? "";
        if (name.Length == 0)
            name = list.Count == 0 ? ExecutablePath() : "";
        if (name.Length == 0 || name.StartsWith("linux-vdso", StringComparison.Ordinal) || !File.Exists(name))
            return 0;
        var segments = new List<(nuint, nuint, bool, bool)>();
        for (var i = 0; i < info->dlpi_phnum; i++)
        {
            var ph = info->dlpi_phdr[i];
            if (ph.p_type == PT_LOAD)
            {
                var start = (nuint)(info->dlpi_addr + ph.p_vaddr);
                segments.Add((start, start + (nuint)ph.p_memsz, (ph.p_flags & PF_W) != 0, (ph.p_flags & PF_X) != 0));
            }
        }
        list.Add(new LoadedObject(name, (nuint)info->dlpi_addr, [.. segments]));
        return 0;
    }

    private static string ExecutablePath()
    {
        try
        {
            return new FileInfo("/proc/self/exe").LinkTarget ?? "/proc/self/exe";
        }
        catch (IOException)
        {
            return "/proc/self/exe";
        }
    }
}
