// The process's uniqtypes by name: those instrumented TUs emitted, and those the runtime makes.
using System.Runtime.InteropServices;
using System.Text;
using Liballocs.Runtime.Interop;

namespace Liballocs.Runtime.Types;

/// <summary>
/// Finds uniqtypes by liballocs name and makes the ones no TU emitted (e.g. the
/// <c>__ARR42_int$32</c> describing a malloc'd block of 42 ints), so that, as for emitted
/// ones, one name is one address for the life of the process. Thread-safe.
/// </summary>
public sealed unsafe class UniqtypeRegistry
{
    private readonly Dictionary<string, nint> byName = new(StringComparer.Ordinal);
    // Heap chunks ask for arrays on every query: find them without building names.
    private readonly Dictionary<(nint Element, ulong Count), nint> arrays = [];
    private readonly Lock gate = new();
    private readonly TuMetadata tus;
    private int tusSeen;

    /// <summary>Creates a registry over the TUs the C layer has registered.</summary>
    public UniqtypeRegistry(TuMetadata tus) => this.tus = tus;

    /// <summary>The uniqtype named <paramref name="name"/>, or null when the process has none.</summary>
    public Uniqtype* Find(string name)
    {
        lock (gate)
        {
            Refresh();
            return byName.TryGetValue(name, out var u) ? (Uniqtype*)u : null;
        }
    }

    /// <summary>
    /// The array of <paramref name="count"/> elements of <paramref name="element"/>, or of unknown
    /// length when <paramref name="count"/> is null; made on first use.
    /// </summary>
    public Uniqtype* ArrayOf(Uniqtype* element, ulong? count)
    {
        var key = ((nint)element, count ?? ulong.MaxValue);
        lock (gate)
        {
            if (arrays.TryGetValue(key, out var known))
                return (Uniqtype*)known;
        }
        var made = MakeArrayOf(element, count);
        lock (gate)
            arrays[key] = (nint)made;
        return made;
    }

    private Uniqtype* MakeArrayOf(Uniqtype* element, ulong? count)
    {
        var elementName = NativeReading.NameOf(element);
        var name = count is { } n ? $"__ARR{n}_{elementName}" : $"__ARR_{elementName}";
        var elementSize = element->size;
        var size = count is { } c && elementSize != UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN ? c * elementSize : UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN;
        var flags = count is null ? UniqtypeFlags.UnknownLength : 0;
        return GetOrMake(name, () => Make(name, UniqtypeKind.Array, flags, size, count ?? 0, element));
    }

    /// <summary>A pointer to <paramref name="target"/>; made on first use.</summary>
    public Uniqtype* PointerTo(Uniqtype* target)
    {
        var name = "__PTR_" + NativeReading.NameOf(target);
        return GetOrMake(name, () => Make(name, UniqtypeKind.Address, 0, 8, 0, target));
    }

    /// <summary>A base type by name (e.g. "signed_char$8"); made on first use.</summary>
    public Uniqtype* Base(string name, ulong size, UniqtypeFlags flags) =>
        GetOrMake(name, () => Make(name, UniqtypeKind.Base, flags | UniqtypeFlags.Synthetic, size, 0, null));

    /// <summary><c>signed_char$8</c>, the type of C strings' bytes.</summary>
    public Uniqtype* Char => Base("signed_char$8", 1, UniqtypeFlags.Signed | UniqtypeFlags.Char);

    /// <summary>
    /// The uniqtype named <paramref name="name"/>: an instrumented TU's or one made earlier; else a new one of the kind, flags
    /// and size given, registered before <paramref name="fill"/> completes it (members, target...), so that the types it makes
    /// on the way find it (a struct pointing to itself). <paramref name="fill"/> runs under the registry's lock.
    /// </summary>
    public Uniqtype* FindOrMake(string name, UniqtypeKind kind, UniqtypeFlags flags, ulong size, Action<nint> fill)
    {
        lock (gate)
        {
            Refresh();
            if (byName.TryGetValue(name, out var u))
                return (Uniqtype*)u;
            u = Make(name, kind, flags, size, 0, null);
            byName[name] = u;
            fill(u);   // System.Threading.Lock is reentrant: fill may make more types
            return (Uniqtype*)u;
        }
    }

    /// <summary><paramref name="text"/> with every character other than ASCII letters, digits and '_' replaced by '_', as
    /// allocscc sanitises file names into the names of untagged types.</summary>
    public static string Sanitize(string text) =>
        string.Create(text.Length, text, (span, t) =>
        {
            for (var i = 0; i < t.Length; i++)
                span[i] = char.IsAsciiLetterOrDigit(t[i]) || t[i] == '_' ? t[i] : '_';
        });

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="s"/> in native memory that is never freed (uniqtypes name it
    /// for the life of the process).</summary>
    public static byte* NativeString(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var text = (byte*)NativeMemory.AllocZeroed((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(text, bytes.Length));
        return text;
    }

    private Uniqtype* GetOrMake(string name, Func<nint> make)
    {
        lock (gate)
        {
            Refresh();
            if (!byName.TryGetValue(name, out var u))
            {
                u = make();
                byName[name] = u;
            }
            return (Uniqtype*)u;
        }
    }

    // Adds the types of TUs registered since the last call (dlopen'd objects register late).
    private void Refresh()
    {
        var all = tus.Snapshot();
        if (all.Length == tusSeen)
            return;
        foreach (var tu in all)
        {
            for (ulong i = 0; i < tu->ntypes; i++)
            {
                var u = tu->types[i];
                if (u != null && u->name != null)
                    byName.TryAdd(NativeReading.Utf8(u->name), (nint)u);
            }
        }
        tusSeen = all.Length;
    }

    // Runtime-made uniqtypes live as long as the process: they are handed out as raw pointers.
    private static nint Make(string name, UniqtypeKind kind, UniqtypeFlags flags, ulong size, ulong count, Uniqtype* target)
    {
        var u = (Uniqtype*)NativeMemory.AllocZeroed((nuint)sizeof(Uniqtype));
        u->name = NativeString(name);
        u->kind = kind;
        u->flags = flags | UniqtypeFlags.Synthetic;
        u->size = size;
        u->count = count;
        u->target = target;
        return (nint)u;
    }
}
