// Builds uniqtypes and cast sites in native memory, as allocscc would emit them, for the checks' tests.
using System.Runtime.InteropServices;
using System.Text;
using Liballocs.Checks;
using Liballocs.Contract.Interop;

namespace Liballocs.Tests.Checks;

/// <summary>A member of a struct or union: name, offset, type, and bit-field width (0: not a bit-field).</summary>
public readonly unsafe record struct Member(string? Name, ulong Offset, nint Type, ushort BitSize = 0)
{
    public Member(string? name, ulong offset, Uniqtype* type, ushort bitSize = 0) : this(name, offset, (nint)type, bitSize) { }
}

/// <summary>
/// A little world of C types in native memory: base types with their signed/unsigned
/// counterparts, and makers for structs, unions, arrays, pointers, functions and cast sites.
/// Everything is freed on dispose.
/// </summary>
public sealed unsafe class NativeTypes : IDisposable
{
    private readonly List<nint> blocks = [];

    public NativeTypes()
    {
        Void = Make("void", UniqtypeKind.Void, 0, 0);
        Char = Make("signed_char$8", UniqtypeKind.Base, UniqtypeFlags.Signed | UniqtypeFlags.Char, 1);
        UChar = Make("unsigned_char$8", UniqtypeKind.Base, UniqtypeFlags.Char, 1);
        Short = Make("int$16", UniqtypeKind.Base, UniqtypeFlags.Signed, 2);
        UShort = Make("uint$16", UniqtypeKind.Base, 0, 2);
        Int = Make("int$32", UniqtypeKind.Base, UniqtypeFlags.Signed, 4);
        UInt = Make("uint$32", UniqtypeKind.Base, 0, 4);
        Long = Make("int$64", UniqtypeKind.Base, UniqtypeFlags.Signed, 8);
        ULong = Make("uint$64", UniqtypeKind.Base, 0, 8);
        Float = Make("float$32", UniqtypeKind.Base, UniqtypeFlags.Float, 4);
        Double = Make("float$64", UniqtypeKind.Base, UniqtypeFlags.Float, 8);
        LongDouble = Make("float$128", UniqtypeKind.Base, UniqtypeFlags.Float, 16);
        Bool = Make("bool$8", UniqtypeKind.Base, UniqtypeFlags.Bool, 1);
        Relate(Char, UChar);
        Relate(Short, UShort);
        Relate(Int, UInt);
        Relate(Long, ULong);
    }

    public Uniqtype* Void { get; }
    public Uniqtype* Char { get; }
    public Uniqtype* UChar { get; }
    public Uniqtype* Short { get; }
    public Uniqtype* UShort { get; }
    public Uniqtype* Int { get; }
    public Uniqtype* UInt { get; }
    public Uniqtype* Long { get; }
    public Uniqtype* ULong { get; }
    public Uniqtype* Float { get; }
    public Uniqtype* Double { get; }
    public Uniqtype* LongDouble { get; }
    public Uniqtype* Bool { get; }

    public Uniqtype* Struct(string name, ulong size, Member first, params Member[] rest) => Composite(name, size, 0, [first, .. rest]);

    public Uniqtype* Union(string name, ulong size, Member first, params Member[] rest) => Composite(name, size, UniqtypeFlags.Union, [first, .. rest]);

    public Uniqtype* Incomplete(string name, bool union = false) =>
        Make(name, UniqtypeKind.Composite, UniqtypeFlags.Incomplete | (union ? UniqtypeFlags.Union : 0), UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN);

    public Uniqtype* Enum(string name, Uniqtype* underlying)
    {
        var u = Make(name, UniqtypeKind.Enumeration, 0, underlying->size);
        u->target = underlying;
        return u;
    }

    public Uniqtype* Array(Uniqtype* element, ulong count)
    {
        var size = element->size == UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN ? UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN : element->size * count;
        var u = Make($"__ARR{count}_{Name(element)}", UniqtypeKind.Array, 0, size);
        u->count = count;
        u->target = element;
        return u;
    }

    public Uniqtype* UnknownLengthArray(Uniqtype* element)
    {
        var u = Make($"__ARR_{Name(element)}", UniqtypeKind.Array, UniqtypeFlags.UnknownLength, UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN);
        u->target = element;
        return u;
    }

    public Uniqtype* Pointer(Uniqtype* target)
    {
        var u = Make("__PTR_" + (target == null ? "opaque" : Name(target)), UniqtypeKind.Address, 0, 8);
        u->target = target;
        return u;
    }

    public Uniqtype* Function(Uniqtype* returns, bool variadic, params nint[] parameters) =>
        FunctionOf(returns, (variadic ? UniqtypeFlags.Variadic : 0), parameters);

    public Uniqtype* Unprototyped(Uniqtype* returns) => FunctionOf(returns, UniqtypeFlags.NoPrototype);

    /// <summary>A copy of <paramref name="u"/> at another address (a type that lost the weak-symbol race).</summary>
    public Uniqtype* Duplicate(Uniqtype* u)
    {
        var copy = (Uniqtype*)Alloc(sizeof(Uniqtype));
        *copy = *u;
        copy->name = Utf8(Name(u));
        return copy;
    }

    public CastSite* Site(CheckKind kind, Uniqtype* target, string? cType = null, uint degree = 0, string? targetName = null,
        string file = "/src/shapes.c", uint line = 42, uint column = 19, string function = "draw")
    {
        var s = (CastSite*)Alloc(sizeof(CastSite));
        s->file = Utf8(file);
        s->line = line;
        s->column = column;
        s->function = Utf8(function);
        s->kind = kind;
        s->degree = degree;
        s->target = target;
        s->target_type_name = targetName != null ? Utf8(targetName) : target != null ? target->name : null;
        s->target_c_type = cType != null ? Utf8(cType) : null;
        return s;
    }

    public AllocSite* AllocationSite(Uniqtype* type, string file = "/src/shapes.c", uint line = 17, uint column = 24,
        string function = "make_square", string allocator = "malloc", string? instance = "malloc")
    {
        var s = (AllocSite*)Alloc(sizeof(AllocSite));
        s->file = Utf8(file);
        s->line = line;
        s->column = column;
        s->function = Utf8(function);
        s->allocator = Utf8(allocator);
        s->type = type;
        s->instance = instance != null ? Utf8(instance) : null;
        return s;
    }

    public LocalDesc* Local(string name, Uniqtype* type, string function = "main", string file = "/src/shapes.c", uint line = 50, uint column = 9)
    {
        var d = (LocalDesc*)Alloc(sizeof(LocalDesc));
        d->name = Utf8(name);
        d->type = type;
        d->function = Utf8(function);
        d->file = Utf8(file);
        d->line = line;
        d->column = column;
        return d;
    }

    public byte* Utf8(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var p = (byte*)Alloc(bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        return p;
    }

    public static string Name(Uniqtype* u) => Marshal.PtrToStringUTF8((nint)u->name)!;

    public void Dispose()
    {
        foreach (var b in blocks)
            NativeMemory.Free((void*)b);
        blocks.Clear();
    }

    private Uniqtype* Composite(string name, ulong size, UniqtypeFlags flags, Member[] members)
    {
        var u = Make(name, UniqtypeKind.Composite, flags, size);
        u->count = (ulong)members.Length;
        u->members = (UniqtypeMember*)Alloc(sizeof(UniqtypeMember) * Math.Max(members.Length, 1));
        for (var i = 0; i < members.Length; i++)
        {
            u->members[i].name = members[i].Name == null ? null : Utf8(members[i].Name!);
            u->members[i].offset = members[i].Offset;
            u->members[i].bit_size = members[i].BitSize;
            u->members[i].type = (Uniqtype*)members[i].Type;
        }
        return u;
    }

    private Uniqtype* FunctionOf(Uniqtype* returns, UniqtypeFlags flags, params nint[] parameters)
    {
        var name = new StringBuilder("__FUN_FROM_");
        for (var i = 0; i < parameters.Length; i++)
            name.Append($"__ARG{i}_{Name((Uniqtype*)parameters[i])}");
        if ((flags & (UniqtypeFlags.Variadic | UniqtypeFlags.NoPrototype)) != 0)
            name.Append("__VA_");
        name.Append("__FUN_TO_").Append(Name(returns));
        var u = Make(name.ToString(), UniqtypeKind.Subprogram, flags, UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN);
        u->target = returns;
        u->count = (ulong)parameters.Length;
        u->members = (UniqtypeMember*)Alloc(sizeof(UniqtypeMember) * Math.Max(parameters.Length, 1));
        for (var i = 0; i < parameters.Length; i++)
            u->members[i].type = (Uniqtype*)parameters[i];
        return u;
    }

    private Uniqtype* Make(string name, UniqtypeKind kind, UniqtypeFlags flags, ulong size)
    {
        var u = (Uniqtype*)Alloc(sizeof(Uniqtype));
        u->name = Utf8(name);
        u->kind = kind;
        u->flags = flags;
        u->size = size;
        return u;
    }

    private static void Relate(Uniqtype* a, Uniqtype* b)
    {
        a->related = b;
        b->related = a;
    }

    private void* Alloc(int bytes)
    {
        var p = NativeMemory.AllocZeroed((nuint)bytes);
        blocks.Add((nint)p);
        return p;
    }
}
