// Types of the functions and variables of objects not built by allocscc, from their DWARF.
using System.Runtime.InteropServices;
using System.Text;
using Liballocs.Runtime.Interop;
using Liballocs.Runtime.Types;
using static Liballocs.Runtime.Interop.LibDw;

namespace Liballocs.Runtime.Dwarf;

/// <summary>
/// The uniqtypes of statically allocated objects described by DWARF: functions (their signature, as a subprogram uniqtype) and
/// variables at fixed addresses (globals, file- and block-scope statics) of every loaded object with debugging information,
/// its own or a separate debug file (<see cref="ProcessModules"/>); and the locals of a running frame (<see cref="LocalAt"/>). An object's DWARF is read whole on the first query that
/// lands in it, and its answers kept. Types get the liballocs names allocscc gives the same C types (<c>int$32</c>,
/// <c>__PTR_signed_char$8</c>, <c>struct</c> tags, <c>__FUN_FROM_..__FUN_TO_..</c>), and a name a loaded instrumented TU
/// already emitted is that TU's uniqtype: one type, one address. Thread-safe (one lock).
/// </summary>
public sealed unsafe class DwarfTypes(UniqtypeRegistry types)
{
    // DW_TAG_*, DW_AT_*, DW_ATE_*, DW_OP_* (DWARF 5, section 7).
    private const int TagArray = 0x01, TagEnumeration = 0x04, TagFormalParameter = 0x05, TagLexicalBlock = 0x0b, TagMember = 0x0d,
        TagPointer = 0x0f, TagCompileUnit = 0x11, TagStructure = 0x13, TagSubroutine = 0x15, TagTypedef = 0x16, TagUnion = 0x17,
        TagUnspecifiedParameters = 0x18, TagInlinedSubroutine = 0x1d, TagSubrange = 0x21, TagBase = 0x24, TagConst = 0x26,
        TagEnumerator = 0x28, TagSubprogram = 0x2e, TagVariable = 0x34, TagVolatile = 0x35, TagRestrict = 0x37, TagAtomic = 0x47,
        TagPartialUnit = 0x3c;
    private const uint AtLocation = 0x02, AtByteSize = 0x0b, AtBitOffset = 0x0c, AtBitSize = 0x0d, AtName = 0x03, AtGnuVector = 0x2107, AtConstValue = 0x1c, AtUpperBound = 0x2f,
        AtPrototyped = 0x27, AtCount = 0x37, AtDataMemberLocation = 0x38, AtDeclaration = 0x3c, AtEncoding = 0x3e, AtType = 0x49,
        AtDataBitOffset = 0x6b;
    private const int AteBoolean = 0x02, AteComplexFloat = 0x03, AteFloat = 0x04, AteSigned = 0x05, AteSignedChar = 0x06,
        AteUnsigned = 0x07, AteUnsignedChar = 0x08, AteUtf = 0x10;
    private const byte OpAddr = 0x03, OpPlusUconst = 0x23, OpBreg6 = 0x76, OpBreg7 = 0x77, OpFbreg = 0x91, OpCallFrameCfa = 0x9c;
    private const uint AtFrameBase = 0x40;

    private readonly Lock gate = new();
    private readonly ProcessModules modules = new();
    // Per object (its main file's path and bias): its DWARF's reader. Rebuilt when libdw hands out another Dwarf handle.
    private readonly Dictionary<(string Path, ulong Bias), ModuleReader> readers = [];

    /// <summary>The DWARF type of the function or variable that starts at <paramref name="start"/> (a symbol's address), or
    /// null when no loaded object's debugging information describes one there or this reader cannot name its type.</summary>
    public Uniqtype* TypeAt(nuint start)
    {
        lock (gate)
            return ReaderFor(start, out _) is { } reader ? reader.TypeAt(start) : null;
    }

    /// <summary>
    /// The local variable or parameter of a frame of code not built by allocscc that holds <paramref name="p"/>, from the
    /// DWARF of the function running there: the frame's code address <paramref name="ip"/> (a return address), its CFA
    /// <paramref name="cfa"/> (its highest address) and stack pointer <paramref name="sp"/> (its lowest). Only locals the
    /// debugging information places in memory at that code address, relative to the CFA or the stack pointer, are found; one
    /// in a register, or placed relative to another register, has no address here. Null when none holds <paramref name="p"/>.
    /// </summary>
    public (nuint Base, ulong Size, nint Type)? LocalAt(nuint p, nuint ip, nuint cfa, nuint sp)
    {
        lock (gate)
        {
            var pc = ip - 1;   // a return address: the call before it is what the frame is running
            if (ReaderFor(pc, out var module) is not { } reader)
                return null;
            ulong cuBias;
            var cu = dwfl_module_addrdie(module, pc, &cuBias);
            return cu == null ? null : reader.LocalAt(cu, p, (ulong)pc - cuBias, cfa, sp);
        }
    }

    // Under `gate`: the reader of the DWARF of the object holding `address`, kept per object (its path and bias, which outlive
    // libdw's handles); null when no object holds it or it has no debugging information.
    private ModuleReader? ReaderFor(nuint address, out nint module)
    {
        module = modules.ModuleOf(address);
        if (module == 0)
            return null;
        ulong bias;
        var dwarf = dwfl_module_getdwarf(module, &bias);
        if (dwarf == 0)
            return null;
        byte* name = dwfl_module_info(module, null, null, null, null, null, null, null);
        var key = (name == null ? "" : Marshal.PtrToStringUTF8((nint)name) ?? "", bias);
        if (!readers.TryGetValue(key, out var reader) || reader.Dwarf != dwarf)
            readers[key] = reader = new ModuleReader(types, dwarf, bias);
        return reader;
    }

    // One module's DWARF: an index of the DIEs of functions and fixed-address variables by address, made by one walk of its
    // units at the first query; their types are built at the query that needs them (cached by DIE offset).
    private sealed class ModuleReader(UniqtypeRegistry types, nint dwarf, ulong bias)
    {
        private readonly Dictionary<ulong, nint> byDie = [];
        // Composites registered and waiting for their members (uniqtype, DIE offset); and those that could not be completed.
        private readonly Queue<(nint Type, ulong Die)> pending = new();
        private readonly HashSet<nint> filling = [];
        private readonly HashSet<nint> broken = [];
        // Types of a name already known, taken for a DIE whose members' types are still to be compared with theirs.
        private readonly Queue<(nint Type, ulong Die)> toVerify = new();
        private readonly HashSet<(nint, ulong)> verified = [];
        private Dictionary<nuint, ulong>? index;

        public nint Dwarf => dwarf;

        public Uniqtype* TypeAt(nuint start)
        {
            index ??= Index();
            if (!index.TryGetValue(start, out var offset))
                return null;
            Dwarf_Die die;
            if (dwarf_offdie(dwarf, offset, &die) == null)
                return null;
            return Usable(dwarf_tag(&die) == TagSubprogram ? Function(&die) : TypeOfAttribute(&die, AtType));
        }

        // Completes the composites queued while building `t` (a worklist, not recursion: a chain of structs through pointer
        // members would otherwise take a frame per struct), then answers `t` unless it holds, as itself, a member or an
        // element at any depth, a composite whose layout could not be read or disagrees with the one of its name already
        // known: no answer rather than a wrong one.
        private Uniqtype* Usable(Uniqtype* t)
        {
            while (pending.Count > 0 || toVerify.Count > 0)
            {
                Dwarf_Die die;
                if (pending.Count > 0)
                {
                    var (u, offset) = pending.Dequeue();
                    if (dwarf_offdie(dwarf, offset, &die) == null || !FillMembers((Uniqtype*)u, &die))
                    {
                        broken.Add(u);
                        ((Uniqtype*)u)->flags |= UniqtypeFlags.Incomplete;   // never taken for a complete type
                    }
                    filling.Remove(u);
                    continue;
                }
                var (known, at) = toVerify.Dequeue();
                if (dwarf_offdie(dwarf, at, &die) == null || !SameMemberTypes((Uniqtype*)known, &die))
                    broken.Add(known);
            }
            return t == null || Holds(t, []) ? null : t;
        }

        private bool Holds(Uniqtype* t, HashSet<nint> seen)
        {
            if (t == null || !seen.Add((nint)t))
                return false;
            if (broken.Contains((nint)t))
                return true;
            if (t->kind == UniqtypeKind.Array)
                return Holds(t->target, seen);
            if (t->kind != UniqtypeKind.Composite)
                return false;
            for (ulong i = 0; i < t->count; i++)
            {
                if (Holds(t->members[i].type, seen))
                    return true;
            }
            return false;
        }

        private Dictionary<nuint, ulong> Index()
        {
            var found = new Dictionary<nuint, ulong>();
            ulong offset = 0, next;
            nuint headerSize;
            while (dwarf_nextcu(dwarf, offset, &next, &headerSize, null, null, null) == 0)
            {
                Dwarf_Die cu;
                if (dwarf_offdie(dwarf, offset + headerSize, &cu) != null && dwarf_tag(&cu) is TagCompileUnit or TagPartialUnit)
                    Visit(&cu, found);
                offset = next;
            }
            return found;
        }

        // Functions with code and variables at fixed addresses, in this scope and the scopes inside it.
        private void Visit(Dwarf_Die* scope, Dictionary<nuint, ulong> found)
        {
            Dwarf_Die child;
            if (dwarf_child(scope, &child) != 0)
                return;
            do
            {
                switch (dwarf_tag(&child))
                {
                    case TagSubprogram:
                        ulong low;
                        if (dwarf_lowpc(&child, &low) == 0)
                            found.TryAdd((nuint)(low + bias), dwarf_dieoffset(&child));
                        Visit(&child, found);
                        break;
                    case TagLexicalBlock or TagInlinedSubroutine:
                        Visit(&child, found);
                        break;
                    case TagVariable when FixedAddress(&child) is { } address:
                        found.TryAdd((nuint)(address + bias), dwarf_dieoffset(&child));
                        break;
                }
            }
            while (dwarf_siblingof(&child, &child) == 0);
        }

        // The innermost variable or parameter in scope at `pc` whose memory holds p.
        public (nuint Base, ulong Size, nint Type)? LocalAt(Dwarf_Die* cu, nuint p, ulong pc, nuint cfa, nuint sp)
        {
            Dwarf_Die* scopes;
            var n = dwarf_getscopes(cu, pc, &scopes);
            if (n <= 0)
                return null;
            try
            {
                // The frame base of the function running (the outermost subprogram scope; inlined code shares it).
                nuint? frameBase = null;
                for (var i = n - 1; i >= 0 && frameBase is null; i--)
                {
                    if (dwarf_tag(&scopes[i]) == TagSubprogram)
                        frameBase = Location(&scopes[i], AtFrameBase, pc, cfa, sp, null);
                }
                for (var i = 0; i < n; i++)
                {
                    Dwarf_Die child;
                    if (dwarf_child(&scopes[i], &child) != 0)
                        continue;
                    do
                    {
                        if (dwarf_tag(&child) is not (TagVariable or TagFormalParameter)
                            || Location(&child, AtLocation, pc, cfa, sp, frameBase) is not { } address)
                            continue;
                        var type = Usable(TypeOfAttribute(&child, AtType));
                        if (type == null || type->size is 0 or UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN)
                            continue;
                        if (p >= address && p - address < type->size)
                        {
                            // Optimised code shares one slot between blocks (and merges their code): when another variable
                            // of the function may sit on these bytes with another type, the slot has no one type.
                            var subprogram = Outermost(scopes, n);
                            return subprogram is { } sub && Shared(&sub, dwarf_dieoffset(&child), address, type, pc, cfa, sp, frameBase)
                                ? null : (address, type->size, (nint)type);
                        }
                    }
                    while (dwarf_siblingof(&child, &child) == 0);
                }
                return null;
            }
            finally
            {
                NativeMemory.Free(scopes);   // malloc'd by libdw
            }
        }

        private static Dwarf_Die? Outermost(Dwarf_Die* scopes, int n)
        {
            for (var i = n - 1; i >= 0; i--)
            {
                if (dwarf_tag(&scopes[i]) == TagSubprogram)
                    return scopes[i];
            }
            return null;
        }

        // Whether a variable or parameter of `scope` (at any depth: every block, inlined code), other than the one at DIE
        // `self`, is placed at `pc` on bytes of [address, address + type's size) with another type, or a type not named.
        private bool Shared(Dwarf_Die* scope, ulong self, nuint address, Uniqtype* type, ulong pc, nuint cfa, nuint sp, nuint? frameBase)
        {
            Dwarf_Die child;
            if (dwarf_child(scope, &child) != 0)
                return false;
            do
            {
                switch (dwarf_tag(&child))
                {
                    case TagVariable or TagFormalParameter when dwarf_dieoffset(&child) != self
                        && Location(&child, AtLocation, pc, cfa, sp, frameBase) is { } other:
                        var otherType = Usable(TypeOfAttribute(&child, AtType));
                        var otherSize = otherType == null || otherType->size == UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN ? 1 : otherType->size;
                        if (other < address + (nuint)type->size && address < other + (nuint)otherSize && otherType != type)
                            return true;
                        break;
                    case TagLexicalBlock or TagInlinedSubroutine:
                        if (Shared(&child, self, address, type, pc, cfa, sp, frameBase))
                            return true;
                        break;
                }
            }
            while (dwarf_siblingof(&child, &child) == 0);
            return false;
        }

        // An address from a one-operation location valid at `pc`: the CFA, CFA- or frame-base-relative, or stack-pointer-
        // relative; null for anything else (a register, pieces, an expression of other registers).
        private static nuint? Location(Dwarf_Die* die, uint attribute, ulong pc, nuint cfa, nuint sp, nuint? frameBase)
        {
            Dwarf_Attribute attr;
            Dwarf_Op* ops;
            nuint length;
            if (dwarf_attr_integrate(die, attribute, &attr) == null || dwarf_getlocation_addr(&attr, pc, &ops, &length, 1) != 1
                || length != 1)
                return null;
            var offset = (nint)(long)ops[0].number;
            return ops[0].atom switch
            {
                OpCallFrameCfa => cfa,
                OpFbreg when frameBase is { } b => (nuint)((nint)b + offset),
                OpBreg7 => (nuint)((nint)sp + offset),
                _ => null,
            };
        }

        // A variable whose location is one DW_OP_addr: a global or a static.
        private static ulong? FixedAddress(Dwarf_Die* die)
        {
            Dwarf_Attribute attr;
            Dwarf_Op* ops;
            nuint length;
            if (dwarf_attr_integrate(die, AtLocation, &attr) == null || dwarf_getlocation(&attr, &ops, &length) != 0 || length != 1
                || ops[0].atom != OpAddr)
                return null;
            return ops[0].number;
        }

        // The type an attribute refers to; void when absent (a void function, a void pointer).
        private Uniqtype* TypeOfAttribute(Dwarf_Die* die, uint attribute)
        {
            Dwarf_Attribute attr;
            Dwarf_Die target;
            if (dwarf_attr_integrate(die, attribute, &attr) == null)
                return Void;
            return dwarf_formref_die(&attr, &target) == null ? null : TypeOf(&target);
        }

        private Uniqtype* Void => types.FindOrMake("void", UniqtypeKind.Void, 0, 0, _ => { });

        private Uniqtype* TypeOf(Dwarf_Die* die)
        {
            var offset = dwarf_dieoffset(die);
            if (byDie.TryGetValue(offset, out var known))
                return (Uniqtype*)known;
            var made = Make(die);
            byDie[offset] = (nint)made;
            return made;
        }

        private Uniqtype* Make(Dwarf_Die* die)
        {
            switch (dwarf_tag(die))
            {
                case TagTypedef:
                    return Typedef(die);
                case TagConst or TagVolatile or TagRestrict or TagAtomic:
                    return TypeOfAttribute(die, AtType);
                case TagBase:
                    return Base(die);
                case TagPointer:
                    return TypeOfAttribute(die, AtType) is var pointee && pointee != null ? types.PointerTo(pointee) : null;
                case TagArray:
                    return Array(die);
                case TagStructure or TagUnion:
                    return Composite(die, null);
                case TagEnumeration:
                    return Enumeration(die, null);
                case TagSubroutine or TagSubprogram:
                    return Function(die);
                default:
                    return null;
            }
        }

        // The names allocscc gives C's arithmetic types (instrument/Uniqtypes/UniqtypeNames.Base).
        private Uniqtype* Base(Dwarf_Die* die)
        {
            var bits = Unsigned(die, AtByteSize) * 8;
            var encoding = (int)Unsigned(die, AtEncoding);
            var spelled = Name(die) ?? "";
            var (name, flags) = encoding switch
            {
                AteBoolean => ($"bool${bits}", UniqtypeFlags.Bool),
                AteSignedChar => ($"signed_char${bits}", UniqtypeFlags.Signed | UniqtypeFlags.Char),
                AteUnsignedChar => ($"unsigned_char${bits}", UniqtypeFlags.Char),
                // The rarer floating types have names of their own, never float$N (UniqtypeNames.Base).
                AteFloat when spelled.Contains("128", StringComparison.Ordinal) && bits == 128 && spelled != "long double" =>
                    ($"float128${bits}", UniqtypeFlags.Float | UniqtypeFlags.Signed),
                AteFloat when spelled == "__bf16" => ($"bfloat${bits}", UniqtypeFlags.Float | UniqtypeFlags.Signed),
                AteFloat when spelled == "__fp16" => ($"fp16${bits}", UniqtypeFlags.Float | UniqtypeFlags.Signed),
                AteFloat => ($"float${bits}", UniqtypeFlags.Float | UniqtypeFlags.Signed),
                AteComplexFloat => ($"complex${bits}", UniqtypeFlags.Complex | UniqtypeFlags.Float | UniqtypeFlags.Signed),
                AteSigned => ($"int${bits}", UniqtypeFlags.Signed),
                AteUnsigned or AteUtf => ($"uint${bits}", UniqtypeFlags.None),
                _ => ((string?)null, UniqtypeFlags.None),
            };
            return name is null ? null : types.Base(name, bits / 8, flags);
        }

        private Uniqtype* Array(Dwarf_Die* die)
        {
            var element = TypeOfAttribute(die, AtType);
            if (element == null || Flag(die, AtGnuVector))
                return null;   // allocscc names vectors __VEC<n>_: not made here
            // int a[2][3] is one DIE with two subranges: the last is the innermost.
            var counts = new List<ulong?>();
            Dwarf_Die child;
            if (dwarf_child(die, &child) == 0)
            {
                do
                {
                    // A bound that is not a constant (a VLA's) is an unknown length, as allocscc spells it.
                    if (dwarf_tag(&child) == TagSubrange)
                        counts.Add(Constant(&child, AtCount) is { } count ? count
                            : Constant(&child, AtUpperBound) is { } upper ? upper + 1 : null);
                }
                while (dwarf_siblingof(&child, &child) == 0);
            }
            if (counts.Count == 0)
                counts.Add(null);
            for (var i = counts.Count - 1; i >= 0; i--)
                element = types.ArrayOf(element, counts[i]);
            return element;
        }

        // A typedef naming an untagged struct, union or enum gives it its name, as allocscc does.
        private Uniqtype* Typedef(Dwarf_Die* die)
        {
            Dwarf_Attribute attr;
            Dwarf_Die target;
            if (dwarf_attr_integrate(die, AtType, &attr) == null)
                return Void;
            if (dwarf_formref_die(&attr, &target) == null)
                return null;
            if (Name(&target) is null && Name(die) is { } name)
            {
                var offset = dwarf_dieoffset(&target);
                if (byDie.TryGetValue(offset, out var known))
                    return (Uniqtype*)known;
                var made = dwarf_tag(&target) switch
                {
                    TagStructure or TagUnion => Composite(&target, name),
                    TagEnumeration => Enumeration(&target, name),
                    _ => TypeOf(&target),
                };
                byDie[offset] = (nint)made;
                return made;
            }
            return TypeOf(&target);
        }

        // A struct or union by its name. One of that name already known (an instrumented TU's, or made from another object's
        // DWARF) is taken only when its layout agrees (size, members' names, offsets and bit-fields); a placeholder made for a
        // declaration is completed in place; a definition is registered and queued for its members.
        private Uniqtype* Composite(Dwarf_Die* die, string? typedefName)
        {
            var isUnion = dwarf_tag(die) == TagUnion;
            var name = TagName(die, typedefName);
            var unionFlag = isUnion ? UniqtypeFlags.Union : 0;
            var known = types.Find(name);
            if (Flag(die, AtDeclaration))
                return known != null ? known
                    : types.FindOrMake(name, UniqtypeKind.Composite, UniqtypeFlags.Incomplete | unionFlag, UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN, _ => { });
            var size = Unsigned(die, AtByteSize);
            if (known != null && known->kind != UniqtypeKind.Composite)
                return null;   // an enum of that name elsewhere
            if (known != null && filling.Contains((nint)known))
                return Verify(known, die);   // another unit's copy of a definition this reader is completing (a header's struct)
            if (known != null)
            {
                var placeholder = (known->flags & (UniqtypeFlags.Incomplete | UniqtypeFlags.Synthetic))
                    == (UniqtypeFlags.Incomplete | UniqtypeFlags.Synthetic);
                if (!placeholder)
                    return (known->flags & UniqtypeFlags.Incomplete) == 0 && SameLayout(known, die, size) ? Verify(known, die) : null;
                known->size = size;
                known->flags = UniqtypeFlags.Synthetic | unionFlag;
                Queue(known, die);
                return known;
            }
            var d = *die;
            return types.FindOrMake(name, UniqtypeKind.Composite, unionFlag, size, u =>
            {
                var copy = d;
                Queue((Uniqtype*)u, &copy);
            });
        }

        private void Queue(Uniqtype* u, Dwarf_Die* die)
        {
            pending.Enqueue(((nint)u, dwarf_dieoffset(die)));
            filling.Add((nint)u);
        }

        // The members of a definition, each decoded; false (the type stays memberless, and is answered by no query) when one
        // cannot be: an offset that is not a constant or a DW_OP_plus_uconst, a type this reader cannot name.
        private bool FillMembers(Uniqtype* u, Dwarf_Die* die)
        {
            var members = new List<(string? Name, ulong Offset, ushort BitOffset, ushort BitSize, nint Type)>();
            Dwarf_Die child;
            if (dwarf_child(die, &child) == 0)
            {
                do
                {
                    if (dwarf_tag(&child) != TagMember)
                        continue;
                    var type = TypeOfAttribute(&child, AtType);
                    if (type == null || MemberPlace(&child, type) is not { } place)
                        return false;
                    members.Add((Name(&child), place.Offset, place.BitOffset, place.BitSize, (nint)type));
                }
                while (dwarf_siblingof(&child, &child) == 0);
            }
            u->members = Members(members);
            u->count = (ulong)members.Count;
            return true;
        }

        // A member's byte offset, and for a bit-field its bits after that byte and its width: DWARF 5's data_bit_offset, or
        // DWARF 2 to 4's bit_offset counted from the most significant bit of a storage unit (little-endian here).
        private static (ulong Offset, ushort BitOffset, ushort BitSize)? MemberPlace(Dwarf_Die* member, Uniqtype* type)
        {
            var bitSize = (ushort)Unsigned(member, AtBitSize);
            if (Constant(member, AtDataBitOffset) is { } dataBits)
                return (dataBits / 8, (ushort)(dataBits % 8), bitSize);
            ulong offset;
            if (dwarf_hasattr_integrate(member, AtDataMemberLocation) == 0)
                offset = 0;   // a union's members, and the first of some structs
            else if (Constant(member, AtDataMemberLocation) is { } constant)
                offset = constant;
            else if (MemberLocationExpression(member) is { } fromExpression)
                offset = fromExpression;
            else
                return null;
            if (Constant(member, AtBitOffset) is { } msbOffset && bitSize > 0)
            {
                var storageBits = (Constant(member, AtByteSize) ?? type->size) * 8;
                var bits = offset * 8 + storageBits - msbOffset - bitSize;
                return (bits / 8, (ushort)(bits % 8), bitSize);
            }
            return (offset, 0, bitSize);
        }

        // DWARF 2 and 3 give a member's offset as a location expression: DW_OP_plus_uconst N.
        private static ulong? MemberLocationExpression(Dwarf_Die* member)
        {
            Dwarf_Attribute attr;
            Dwarf_Op* ops;
            nuint length;
            if (dwarf_attr_integrate(member, AtDataMemberLocation, &attr) == null || dwarf_getlocation(&attr, &ops, &length) != 0
                || length != 1 || ops[0].atom != OpPlusUconst)
                return null;
            return ops[0].number;
        }

        // Queues the comparison of `known`'s member types with those `die` gives (made later, in Usable's loop: making them
        // here would recurse through structs pointing at each other).
        private Uniqtype* Verify(Uniqtype* known, Dwarf_Die* die)
        {
            if (verified.Add(((nint)known, dwarf_dieoffset(die))))
                toVerify.Enqueue(((nint)known, dwarf_dieoffset(die)));
            return known;
        }

        // Whether each member `die` lists has the type of the same member of `known` (uniqtypes are one per name, so the
        // same pointer), and the same bit-field width.
        private bool SameMemberTypes(Uniqtype* known, Dwarf_Die* die) => MembersAgree(known, die, (child, m) =>
            TypeOfAttribute(child, AtType) == m.type && (ushort)Unsigned(child, AtBitSize) == m.bit_size);

        // Whether `known` (a uniqtype of the same name) is laid out as `die` says: size, members' names and byte offsets.
        private static bool SameLayout(Uniqtype* known, Dwarf_Die* die, ulong size) =>
            known->kind == UniqtypeKind.Composite && known->size == size && MembersAgree(known, die, (child, m) =>
            {
                var name = m.name == null ? null : Marshal.PtrToStringUTF8((nint)m.name);
                var offset = Constant(child, AtDataBitOffset) is { } bits ? bits / 8 : Constant(child, AtDataMemberLocation) ?? 0;
                return name == Name(child) && (m.bit_size != 0 || offset == m.offset);
            });

        private delegate bool MemberTest(Dwarf_Die* member, UniqtypeMember known);

        // Whether `known` has as many members as `die` lists and each pair passes `agree`, in order.
        private static bool MembersAgree(Uniqtype* known, Dwarf_Die* die, MemberTest agree)
        {
            var i = 0ul;
            Dwarf_Die child;
            if (dwarf_child(die, &child) == 0)
            {
                do
                {
                    if (dwarf_tag(&child) != TagMember)
                        continue;
                    if (i >= known->count || !agree(&child, known->members[i++]))
                        return false;
                }
                while (dwarf_siblingof(&child, &child) == 0);
            }
            return i == known->count;
        }

        private Uniqtype* Enumeration(Dwarf_Die* die, string? typedefName)
        {
            // gcc's column for an untagged enum is its '{', clang's (allocscc's) the keyword: the __ANON_ names would differ.
            if (Name(die) is null && typedefName is null)
                return null;
            var name = TagName(die, typedefName);
            if (types.Find(name) is var known && known != null && known->kind != UniqtypeKind.Enumeration)
                return null;   // a struct or union of that name elsewhere
            var underlying = dwarf_hasattr_integrate(die, AtType) != 0 ? TypeOfAttribute(die, AtType)
                : types.Base($"uint${Unsigned(die, AtByteSize) * 8}", Unsigned(die, AtByteSize), 0);
            var self = this;
            var d = *die;
            return types.FindOrMake(name, UniqtypeKind.Enumeration, Flag(die, AtDeclaration) ? UniqtypeFlags.Incomplete : 0,
                Unsigned(die, AtByteSize), u =>
                {
                    var copy = d;
                    ((Uniqtype*)u)->target = underlying;
                    self.FillEnumerators((Uniqtype*)u, &copy);
                });
        }

        private void FillEnumerators(Uniqtype* u, Dwarf_Die* die)
        {
            var values = new List<(string Name, long Value)>();
            Dwarf_Die child;
            if (dwarf_child(die, &child) == 0)
            {
                do
                {
                    Dwarf_Attribute attr;
                    long value;
                    if (dwarf_tag(&child) == TagEnumerator && dwarf_attr_integrate(&child, AtConstValue, &attr) != null
                        && dwarf_formsdata(&attr, &value) == 0)
                        values.Add((Name(&child) ?? "", value));
                }
                while (dwarf_siblingof(&child, &child) == 0);
            }
            var table = (UniqtypeEnumerator*)NativeMemory.AllocZeroed((nuint)Math.Max(values.Count, 1), (nuint)sizeof(UniqtypeEnumerator));
            for (var i = 0; i < values.Count; i++)
                table[i] = new UniqtypeEnumerator { name = UniqtypeRegistry.NativeString(values[i].Name), value = values[i].Value };
            u->count = (ulong)values.Count;
            u->enumerators = table;
        }

        // allocscc's name: __FUN_FROM_ then __ARG<i>_<parameter type> each, __VA_ when variadic or unprototyped, __FUN_TO_<result>.
        private Uniqtype* Function(Dwarf_Die* die)
        {
            var result = TypeOfAttribute(die, AtType);
            var parameters = new List<nint>();
            var variadic = false;
            Dwarf_Die child;
            if (dwarf_child(die, &child) == 0)
            {
                do
                {
                    switch (dwarf_tag(&child))
                    {
                        case TagFormalParameter:
                            parameters.Add((nint)TypeOfAttribute(&child, AtType));
                            break;
                        case TagUnspecifiedParameters:
                            variadic = true;
                            break;
                    }
                }
                while (dwarf_siblingof(&child, &child) == 0);
            }
            if (result == null || parameters.Contains(0))
                return null;   // a type this reader cannot name: no answer rather than a wrong one
            var prototyped = Flag(die, AtPrototyped);
            var name = new StringBuilder("__FUN_FROM_");
            for (var i = 0; i < parameters.Count; i++)
                name.Append("__ARG").Append(i).Append('_').Append(NativeReading.NameOf((Uniqtype*)parameters[i]));
            if (variadic || !prototyped)
                name.Append("__VA_");
            name.Append("__FUN_TO_").Append(NativeReading.NameOf(result));
            var flags = (variadic ? UniqtypeFlags.Variadic : 0) | (prototyped ? 0 : UniqtypeFlags.NoPrototype);
            return types.FindOrMake(name.ToString(), UniqtypeKind.Subprogram, flags, UniqtypeHeader.UNIQTYPE_SIZE_UNKNOWN, u =>
            {
                var t = (Uniqtype*)u;
                t->target = result;
                t->count = (ulong)parameters.Count;
                t->members = Members([.. parameters.Select(p => ((string?)null, 0ul, (ushort)0, (ushort)0, p))]);
            });
        }

        // A struct, union or enum's tag, the typedef naming an untagged one, or allocscc's name of an untagged one without a
        // typedef: __ANON_<file>_<line>_<column> of its declaration.
        private static string TagName(Dwarf_Die* die, string? typedefName)
        {
            if ((Name(die) ?? typedefName) is { } tag)
                return tag;
            int line = 0, column = 0;
            dwarf_decl_line(die, &line);
            dwarf_decl_column(die, &column);
            var file = Marshal.PtrToStringUTF8((nint)dwarf_decl_file(die)) ?? "";
            return $"__ANON_{UniqtypeRegistry.Sanitize(Path.GetFileName(file))}_{line}_{column}";
        }

        private static UniqtypeMember* Members(List<(string? Name, ulong Offset, ushort BitOffset, ushort BitSize, nint Type)> members)
        {
            var array = (UniqtypeMember*)NativeMemory.AllocZeroed((nuint)(Math.Max(1, members.Count) * sizeof(UniqtypeMember)));
            for (var i = 0; i < members.Count; i++)
            {
                var m = members[i];
                array[i] = new UniqtypeMember
                {
                    name = m.Name is null ? null : UniqtypeRegistry.NativeString(m.Name),
                    offset = m.Offset,
                    bit_offset = m.BitOffset,
                    bit_size = m.BitSize,
                    type = (Uniqtype*)m.Type,
                };
            }
            return array;
        }

        private static string? Name(Dwarf_Die* die) => dwarf_diename(die) is var n && n != null ? Marshal.PtrToStringUTF8((nint)n) : null;

        // An attribute's value when it is a constant (not an expression, a reference or absent).
        private static ulong? Constant(Dwarf_Die* die, uint attribute)
        {
            Dwarf_Attribute attr;
            ulong value;
            return dwarf_attr_integrate(die, attribute, &attr) != null && dwarf_formudata(&attr, &value) == 0 ? value : null;
        }

        private static ulong Unsigned(Dwarf_Die* die, uint attribute)
        {
            Dwarf_Attribute attr;
            ulong value;
            return dwarf_attr_integrate(die, attribute, &attr) != null && dwarf_formudata(&attr, &value) == 0 ? value : 0;
        }

        private static bool Flag(Dwarf_Die* die, uint attribute)
        {
            Dwarf_Attribute attr;
            byte value;
            return dwarf_attr_integrate(die, attribute, &attr) != null && dwarf_formflag(&attr, &value) == 0 && value != 0;
        }
    }
}
