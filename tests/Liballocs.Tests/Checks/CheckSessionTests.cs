using System.Text;
using Liballocs.Checks;
using Liballocs.Contract.Interop;
using Liballocs.Checks.Options;
using Liballocs.Checks.Reports;
using Liballocs.Checks.Semantics;
using Liballocs.Checks.Suppressions;
using Liballocs.Runtime.Allocators;
using Liballocs.Runtime.Dwarf;
using Liballocs.Runtime.Interop;
using Liballocs.Runtime.Memory;
using Liballocs.Runtime.Types;

namespace Liballocs.Tests.Checks;

/// <summary>The whole slow path over a memory model the test controls: results, facts, lazy
/// typing, dedup, suppressions, halting and the summary.</summary>
public sealed unsafe class CheckSessionTests : IDisposable
{
    private static readonly UniqtypeRegistry Registry = new(new TuMetadata());
    private static readonly AllocationSites Sites = new(new TuMetadata());
    private static readonly HeapAllocator Heap = new(Registry, Sites, null!);
    private static readonly StackAllocator Stack = new(Registry, new ProcMaps(), new DwarfTypes(Registry), null!);
    private static readonly StaticAllocator Static = new(new TuMetadata(), Registry, new ProcMaps(), new DwarfTypes(Registry), null!);
    private static readonly MappingAllocator Mmap = new(new ProcMaps(), isBrk: false);
    private static readonly SuballocAllocator Suballocators = new(Registry, Sites);
    private static readonly Allocator Pool = Suballocators.Instances.Named("pool", () => Heap);
    private static readonly Allocator Xmalloc = Heap.Instances.Named("xmalloc", () => Heap);

    private readonly NativeTypes t = new();
    private readonly FakeMemory memory;
    private readonly MemoryStream output = new();
    private readonly FakeHost host = new();
    private readonly Uniqtype* square;
    private readonly Uniqtype* circle;

    public CheckSessionTests()
    {
        memory = new FakeMemory(t);
        square = t.Struct("square", 48, new Member("side", 0, t.Int), new Member("centre", 8, t.Array(t.Double, 2)), new Member("name", 24, t.Array(t.Char, 24)));
        circle = t.Struct("circle", 16, new Member("r", 0, t.Double), new Member("c", 8, t.Double));
    }

    public void Dispose()
    {
        memory.Dispose();
        t.Dispose();
    }

    private static nuint A(ulong address) => (nuint)address;

    private string Output => Encoding.UTF8.GetString(output.ToArray());

    private CheckSession Session(string options = "", string suppressions = "")
    {
        var o = CheckOptions.Parse(options);
        IReportFormatter formatter = o.Json ? new JsonReportFormatter() : new TextReportFormatter(Palette.None);
        return new CheckSession(o, SuppressionRules.Parse("supp", suppressions), memory,
            new ReportWriter(formatter, () => output, () => output), new FakeSymbolizer(), host);
    }

    private CheckResult Check(CheckSession s, nuint p, CastSite* site, out CacheFact? fact, params nuint[] frames) =>
        s.Check(p, site, frames, out fact);

    private CheckResult Check(CheckSession s, nuint p, CastSite* site) => s.Check(p, site, [], out _);

    private static string Summary(CheckSession s) => new TextReportFormatter(Palette.None).FormatSummary(s.Summary());

    private AllocSite* SquareSite => t.AllocationSite(square);

    [Fact]
    public void A_null_pointer_passes_without_a_fact()
    {
        var s = Session();
        Assert.Equal(CheckResult.Passed, Check(s, 0, t.Site(CheckKind.IsA, circle), out var fact));
        Assert.Null(fact);
    }

    [Fact]
    public void A_pass_on_a_heap_array_gives_a_fact_over_every_element_and_marks_the_chunk()
    {
        memory.Add(Heap, 0x10000, 48 * 4, t.Array(square, 4), (nint)SquareSite);
        var site = t.Site(CheckKind.IsA, square);
        Assert.Equal(CheckResult.Passed, Check(Session(), 0x10000 + 96, site, out var fact));
        Assert.Equal(new CacheFact(0x10000, 0x10000 + 192, 48, (nint)square, 0), fact);
        Assert.Equal([(nuint)0x10000], memory.Marked);
    }

    [Fact]
    public void A_heap_fact_is_withheld_when_the_chunk_cannot_be_marked()
    {
        memory.CanMark = false;
        memory.Add(Heap, 0x10000, 48, square, (nint)SquareSite);
        Assert.Equal(CheckResult.Passed, Check(Session(), 0x10000, t.Site(CheckKind.IsA, square), out var fact));
        Assert.Null(fact);
    }

    [Fact]
    public void A_pass_on_a_stack_local_gives_no_fact()
    {
        memory.Add(Stack, 0x7ff000, 48, square, (nint)t.Local("s", square));
        Assert.Equal(CheckResult.Passed, Check(Session(), 0x7ff000, t.Site(CheckKind.IsA, square), out var fact));
        Assert.Null(fact);
    }

    [Fact]
    public void A_pass_on_a_static_gives_a_fact_without_marking()
    {
        memory.Add(Static, 0x600000, 16, t.Array(t.Int, 4), 0);
        Assert.Equal(CheckResult.Passed, Check(Session(), 0x600004, t.Site(CheckKind.IsA, t.Int), out var fact));
        Assert.Equal(new CacheFact(0x600000, 0x600010, 4, (nint)t.Int, 0), fact);
        Assert.Empty(memory.Marked);
    }

    [Fact]
    public void A_fact_for_an_incomplete_target_is_keyed_by_the_cast_site_with_kind_and_degree()
    {
        memory.Add(Static, 0x600000, 48, square, 0);
        var site = t.Site(CheckKind.NamedA, null, targetName: "square", cType: "struct square *");
        Check(Session(), 0x600000, site, out var fact);
        Assert.Equal((nint)site, fact!.Value.Key);
        Assert.Equal((uint)CheckKind.NamedA, fact.Value.KindAndDegree);
        var degree = t.Site(CheckKind.IsAPointerOfDegree, t.Pointer(t.Pointer(t.Void)), degree: 2);
        memory.Add(Static, 0x700000, 8, t.Pointer(t.Pointer(t.Int)), 0);
        Check(Session(), 0x700000, degree, out fact);
        Assert.Equal(5u | 2u << 8, fact!.Value.KindAndDegree);
    }

    [Fact]
    public void Mappings_and_unknown_addresses_are_unknown_storage_and_never_reported()
    {
        memory.Add(Mmap, 0x20000, 4096, null, 0);
        var s = Session();
        Assert.Equal(CheckResult.UnknownStorage, Check(s, 0x20010, t.Site(CheckKind.IsA, circle)));
        Assert.Equal(CheckResult.UnknownStorage, Check(s, 0x90000, t.Site(CheckKind.IsA, circle)));
        Assert.Equal(2, s.Counters.UnknownStorage);
        s.AtExit();
        Assert.Equal("", Output);
    }

    [Fact]
    public void An_untyped_chunk_takes_the_type_of_the_first_cast_to_its_base()
    {
        memory.Add(Heap, 0x10000, 32, null, 0);
        var s = Session();
        Assert.Equal(CheckResult.Passed, Check(s, 0x10000, t.Site(CheckKind.IsA, circle), out var fact));
        Assert.Equal("__ARR2_circle", NativeTypes.Name((Uniqtype*)memory.TypeAt(0x10000)));
        Assert.Equal(new CacheFact(0x10000, 0x10020, 16, (nint)circle, 0), fact);
        Assert.Equal(CheckResult.Failed, Check(s, 0x10000, t.Site(CheckKind.IsA, square)));
    }

    private static CheckResult CheckReuse(CheckSession s, nuint p, CastSite* site, out CheckSession.ReusableVerdict? reuse) =>
        s.Check(p, site, [], out _, out reuse);

    [Fact]
    public void A_verdict_that_follows_from_a_typed_chunks_site_is_reusable_for_its_chunks_of_that_size()
    {
        var site = SquareSite;
        memory.Add(Heap, 0x10000, 48 * 4, t.Array(square, 4), (nint)site);
        var s = Session();
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x10030, t.Site(CheckKind.IsA, square), out var pass));
        Assert.Equal(new CheckSession.ReusableVerdict(new VerdictScope((nint)site, 0x10000, 48 * 4), 0), pass);
        Assert.Equal(CheckResult.Failed, CheckReuse(s, 0x10030, t.Site(CheckKind.IsA, circle), out var fail));
        Assert.Equal(new VerdictScope((nint)site, 0x10000, 48 * 4), fail!.Value.Scope);
        // The C layer counts a repeat in the distinct report's cell: the summary's totals and the report's count include it.
        Assert.NotEqual(0, fail.Value.FailureCount);
        *(long*)fail.Value.FailureCount += 2;
        Assert.Equal(3, s.Counters.Failed);
        Assert.Contains("4 checks begun: 1 passed (0 via cache), 3 failed, 0 unknown storage", Summary(s));
        Assert.Contains("3x /src/shapes.c", Summary(s));
    }

    [Fact]
    public void Before_a_flexible_array_member_a_verdict_holds_for_chunks_of_the_site_of_any_size()
    {
        var vector = t.Struct("vector", 16, new Member("count", 0, t.Long), new Member("scale", 8, t.Double),
            new Member("items", 16, t.UnknownLengthArray(t.Int)));
        var site = t.AllocationSite(vector);
        memory.Add(Heap, 0x10000, 16 + 4 * 10, vector, (nint)site);
        var s = Session();
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x10008, t.Site(CheckKind.IsA, t.Double), out var fixedPart));
        Assert.True(fixedPart!.Value.Scope.AnySize);
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x10014, t.Site(CheckKind.IsA, t.Int), out var element));
        Assert.False(element!.Value.Scope.AnySize);   // how many items there are depends on the size
        site->flags = AllocsiteFlags.Array;   // an array site types a chunk as so many vectors: the size decides
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x10008, t.Site(CheckKind.IsA, t.Double), out var arraySite));
        Assert.False(arraySite!.Value.Scope.AnySize);
    }

    [Fact]
    public void Behind_a_wrappers_header_a_verdict_holds_for_any_size_only_where_the_header_applies()
    {
        var vector = t.Struct("vector", 8, new Member("count", 0, t.Long), new Member("items", 8, t.UnknownLengthArray(t.Int)));
        var site = t.AllocationSite(vector);
        site->header = 8;
        // A chunk no bigger than the header holds the object at its base; bigger ones after the header.
        memory.Add(Heap, 0x20000, 8, vector, (nint)site, heapChunk: 0x20000, heapChunkSize: 8);
        memory.Add(Heap, 0x30008, 56, vector, (nint)site, heapChunk: 0x30000, heapChunkSize: 64);
        var s = Session();
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x20000, t.Site(CheckKind.IsA, t.Long), out var noHeader));
        Assert.False(noHeader!.Value.Scope.AnySize);
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x30008, t.Site(CheckKind.IsA, t.Long), out var pastHeader));
        Assert.Equal(new VerdictScope((nint)site, 0x30000, 64) { AnySize = true }, pastHeader!.Value.Scope);
    }

    [Fact]
    public void A_lazy_typing_is_reusable_as_a_retyping_but_refining_a_lazy_type_or_a_check_past_a_typed_head_is_not()
    {
        memory.Add(Heap, 0x10000, 64, null, 0);
        var s = Session();
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x10000, t.Site(CheckKind.IsA, circle), out var typing));
        var scope = typing!.Value.Scope;
        Assert.Equal((0, A(0x10000), 64ul), (scope.Site, scope.Base, scope.Size));   // the chunk as it was: untyped
        Assert.NotEqual(0, scope.Retype);
        Assert.Equal(scope.Retype, memory.Allocations.Single(a => a.Base == 0x10000).Site);   // the site the check set
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x10010, t.Site(CheckKind.IsA, circle), out var element));   // the head's array
        Assert.Null(element);
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x10000, t.Site(CheckKind.IsA, circle), out var head));
        Assert.Equal(new VerdictScope(scope.Retype, 0x10000, 64), head!.Value.Scope);
    }

    [Fact]
    public void No_verdict_is_reusable_at_verbosity_2_nor_a_lazy_typing_at_verbosity_1()
    {
        memory.Add(Heap, 0x10000, 48, square, (nint)SquareSite);
        memory.Add(Heap, 0x20000, 16, null, 0);
        Assert.Equal(CheckResult.Passed, CheckReuse(Session("verbosity=2"), 0x10000, t.Site(CheckKind.IsA, square), out var noted));
        Assert.Null(noted);
        var s = Session("verbosity=1");
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x20000, t.Site(CheckKind.IsA, circle), out var typed));
        Assert.Null(typed);
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x10000, t.Site(CheckKind.IsA, square), out var plain));
        Assert.NotNull(plain);
    }

    [Fact]
    public void A_pass_inside_an_inferred_typing_is_reusable_by_the_typing_and_a_check_recording_one_repeats_it_but_suballocated_chunks_not()
    {
        memory.Add(Pool, 0x30000, 48, square, (nint)SquareSite);
        memory.Add(Heap, 0x10000, 64, null, 0);
        var s = Session();
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x30000, t.Site(CheckKind.IsA, square), out var pooled));
        Assert.Null(pooled);
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x10010, t.Site(CheckKind.IsA, circle), out var recording));
        var typing = memory.Typings.Single();
        // The typing's first cast: chunks of the site and size get the same typing, passing where it replaces none.
        Assert.Equal(new VerdictScope(0, 0x10000, 64) { Infer = new Inference(typing.Site, 16, PassesWhenClean: true) },
            recording!.Value.Scope);
        Assert.NotEqual(0, recording.Value.UnknownCount);   // where it replaces one: inferred type differs
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x10018, t.Site(CheckKind.IsA, t.Double), out var inside));
        Assert.Equal(new VerdictScope(0, 0x10000, 64, Typing: new TypingScope(typing.Site, 0x10010, 16, 0)), inside!.Value.Scope);
        var intSite = t.Site(CheckKind.IsA, t.Int);
        Assert.Equal(CheckResult.UnknownStorage, CheckReuse(s, 0x10018, intSite, out var retyping));
        var retyped = memory.Typings.Single(x => x.Base == 0x10018);
        Assert.Equal(new VerdictScope(0, 0x10000, 64, Typing: new TypingScope(typing.Site, 0x10010, 16, 0))
            { Infer = new Inference(retyped.Site, 4, PassesWhenClean: false) }, retyping!.Value.Scope);
        // The C layer counts a repeat in the session's own cells: the summary adds them up.
        var r = retyping.Value;
        *(long*)r.UnknownCount += 2;
        *(long*)r.UnknownTotal += 2;
        *(long*)r.TypingsInferred += 2;
        var summary = s.Summary();
        Assert.Equal(3, summary.UnknownStorage);
        Assert.Equal(4, summary.TypingsInferred);
        Assert.Equal(3, summary.UnknownCauses.Single(c => c.Cause == "inferred type differs").Count);
        Assert.Equal(3, summary.UnknownSites.Single().Count);
    }

    [Fact]
    public void A_check_recording_a_typing_is_not_reusable_at_verbosity_1_nor_where_typings_stopped_a_lazy_typing()
    {
        memory.Add(Heap, 0x10000, 64, null, 0);
        Assert.Equal(CheckResult.Passed, CheckReuse(Session("verbosity=1"), 0x10010, t.Site(CheckKind.IsA, circle), out var noted));
        Assert.Null(noted);
        memory.Add(Heap, 0x20000, 64, null, 0);
        var s = Session();
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x20004, t.Site(CheckKind.IsA, t.Int), out _));
        // At the base, a lazy typing would have typed the chunk but for the typing at +4: that is this chunk's alone.
        Assert.Equal(CheckResult.UnknownStorage, CheckReuse(s, 0x20000, t.Site(CheckKind.IsA, circle), out var atBase));
        Assert.Null(atBase);
        Assert.Equal(A(0x20000), Assert.Single(memory.Typings, x => x.Base < A(0x30000) && x.Base >= A(0x20000)).Base);
    }

    [Fact]
    public void A_verdict_on_a_local_is_reusable_for_activations_of_its_descriptor()
    {
        var desc = (nint)t.Local("shape", square);
        memory.Add(Stack, 0x7ff000, 48, square, desc);
        var s = Session();
        Assert.Equal(CheckResult.Passed, CheckReuse(s, 0x7ff008, t.Site(CheckKind.IsA, t.Array(t.Double, 2)), out var local));
        Assert.Equal(new VerdictScope(desc, 0x7ff000, 48) { Local = true }, local!.Value.Scope);
        Assert.Equal(CheckResult.Failed, CheckReuse(s, 0x7ff008, t.Site(CheckKind.IsA, circle), out var failed));
        Assert.True(failed!.Value.Scope.Local);
    }

    [Fact]
    public void An_untyped_chunk_holding_one_object_takes_the_plain_type()
    {
        memory.Add(Heap, 0x10000, 20, null, 0);
        Assert.Equal(CheckResult.Passed, Check(Session(), 0x10000, t.Site(CheckKind.IsA, circle)));
        Assert.Equal("circle", NativeTypes.Name((Uniqtype*)memory.TypeAt(0x10000)));
    }

    [Fact]
    public void An_untyped_chunk_stays_untyped_for_named_a_and_too_big_types()
    {
        memory.Add(Heap, 0x10000, 12, null, 0);
        var s = Session();
        Assert.Equal(CheckResult.UnknownStorage, Check(s, 0x10000, t.Site(CheckKind.NamedA, null, targetName: "foo")));
        Assert.Equal(CheckResult.UnknownStorage, Check(s, 0x10000, t.Site(CheckKind.IsA, circle)));
        Assert.Equal(CheckResult.UnknownStorage, Check(s, 0x10004, t.Site(CheckKind.IsA, circle)));
        Assert.Equal(0, memory.TypeAt(0x10000));
        Assert.Empty(memory.Typings);
        Assert.Contains("3 unknown storage", Summary(s));
    }

    [Fact]
    public void An_interior_cast_into_an_untyped_chunk_types_that_object_and_a_disagreeing_cast_retypes_it_without_a_report()
    {
        memory.Add(Heap, 0x10000, 64, null, 0);
        var s = Session();
        Assert.Equal(CheckResult.Passed, Check(s, 0x10010, t.Site(CheckKind.IsA, circle), out var fact));
        var typing = Assert.Single(memory.Typings);
        Assert.Equal((A(0x10010), 16ul, (nint)circle), (typing.Base, typing.Size, typing.Type));
        Assert.Equal(new CacheFact(0x10010, 0x10011, 0, (nint)circle, 0), fact);
        Assert.Equal(CheckResult.Passed, Check(s, 0x10018, t.Site(CheckKind.IsA, t.Double)));   // its member c
        Assert.Equal(CheckResult.UnknownStorage, Check(s, 0x10018, t.Site(CheckKind.IsA, t.Int)));   // reused: re-typed
        Assert.Equal((A(0x10018), 4ul, (nint)t.Int), (memory.Typings[0].Base, memory.Typings[0].Size, memory.Typings[0].Type));
        Assert.Equal(CheckResult.Passed, Check(s, 0x10018, t.Site(CheckKind.IsA, t.Int)));
        Assert.Equal(0, memory.TypeAt(0x10000));   // the chunk itself stays untyped
        var summary = Summary(s);
        Assert.Contains("4 checks begun: 3 passed (0 via cache), 0 failed, 1 unknown storage", summary);
        Assert.Contains("2 inferred typings: objects in untyped heap memory typed by casts", summary);
        Assert.Contains("unknown storage by cause: 1 inferred type differs", summary);
        Assert.DoesNotContain("runtime error", Output);
    }

    [Fact]
    public void Past_a_lazily_typed_head_a_typing_wins_over_the_heads_array()
    {
        memory.Add(Heap, 0x10000, 64, null, 0);
        var s = Session();
        Assert.Equal(CheckResult.Passed, Check(s, 0x10000, t.Site(CheckKind.IsA, circle)));       // the chunk: circle[4]
        Assert.Equal(CheckResult.Passed, Check(s, 0x10010, t.Site(CheckKind.IsA, circle)));       // an element
        Assert.Equal(CheckResult.UnknownStorage, Check(s, 0x10010, t.Site(CheckKind.IsA, t.Long)));   // disagrees past the head: typed there
        Assert.Equal(CheckResult.Passed, Check(s, 0x10010, t.Site(CheckKind.IsA, t.Long)));       // checked against that typing
        Assert.Equal(CheckResult.UnknownStorage, Check(s, 0x10010, t.Site(CheckKind.IsA, circle)));   // no longer an element
        Assert.Equal(CheckResult.Failed, Check(s, 0x10008, t.Site(CheckKind.IsA, t.Long)));       // the head is still checked
        Assert.Contains("unknown storage by cause: 1 past typed head, 1 inferred type differs", Summary(s));
    }

    [Fact]
    public void A_cast_to_the_base_over_typed_objects_types_one_object_not_the_chunk()
    {
        memory.Add(Heap, 0x10000, 64, null, 0);
        var s = Session();
        Assert.Equal(CheckResult.Passed, Check(s, 0x10008, t.Site(CheckKind.IsA, t.Long)));
        Assert.Equal(CheckResult.UnknownStorage, Check(s, 0x10000, t.Site(CheckKind.IsA, circle)));   // over the long: re-typed, no pass
        Assert.Equal(0, memory.TypeAt(0x10000));
        Assert.Equal((A(0x10000), 16ul), (Assert.Single(memory.Typings).Base, memory.Typings[0].Size));
        Assert.Equal(CheckResult.Passed, Check(s, 0x10000, t.Site(CheckKind.IsA, circle)));
        Assert.Equal(CheckResult.UnknownStorage, Check(s, 0x10008, t.Site(CheckKind.IsA, t.Long)));   // disagrees: no report
        Assert.DoesNotContain("runtime error", Output);
        Assert.Contains("3 inferred typings: objects in untyped heap memory typed by casts", Summary(s));
    }

    [Fact]
    public void A_typing_of_a_struct_ending_in_an_array_spans_its_fixed_part()
    {
        var frame = t.Struct("frame", 8 + 8 * 1000, new Member("back", 0, t.Long), new Member("slots", 8, t.Array(t.Long, 1000)));
        memory.Add(Heap, 0x10000, 100, null, 0);
        var s = Session();
        Assert.Equal(CheckResult.Passed, Check(s, 0x10000, t.Site(CheckKind.IsA, frame)));   // too big for the chunk: a typing
        Assert.Equal(CheckResult.Passed, Check(s, 0x10020, t.Site(CheckKind.IsA, frame)));   // a next frame, 32 bytes on
        Assert.Equal([(A(0x10000), 8ul), (A(0x10020), 8ul)], memory.Typings.Select(x => (x.Base, x.Size)).Order());
        Assert.Equal(8ul, CheckEngine.InferredExtent(frame, 100));        // the slots do not fit: the program sizes them
        Assert.Equal(8008ul, CheckEngine.InferredExtent(frame, 10000));   // they fit: a real bound
        Assert.Equal(16ul, CheckEngine.InferredExtent(circle, 100));
        Assert.Equal(16ul, CheckEngine.InferredExtent(circle, 8));        // without a trailing array: its size (the caller sees it does not fit)
        var hack = t.Struct("hack", 16, new Member("n", 0, t.Long), new Member("data", 8, t.Array(t.Char, 1)));
        Assert.Equal(8ul, CheckEngine.InferredExtent(hack, 1000));        // [1]: sized by the program, always
        var dummy = t.Struct("dummy", 8 + 8 * 10000, new Member("back", 0, t.Long), new Member("slots", 8, t.Array(t.Long, 10000)));
        Assert.Equal(8ul, CheckEngine.InferredExtent(dummy, 1 << 20));    // over 64 KiB: a dummy bound
    }

    [Fact]
    public void A_busy_index_answers_unknown_and_records_nothing()
    {
        memory.Add(Heap, 0x10000, 64, null, 0);
        var s = Session();
        memory.IndexBusy = true;
        Assert.Equal(CheckResult.UnknownStorage, Check(s, 0x10010, t.Site(CheckKind.IsA, circle)));
        Assert.Equal(CheckResult.UnknownStorage, Check(s, 0x10000, t.Site(CheckKind.IsA, circle)));   // not even the whole chunk
        Assert.Empty(memory.Typings);
        Assert.Equal(0, memory.TypeAt(0x10000));
        memory.IndexBusy = false;
        Assert.Equal(CheckResult.Passed, Check(s, 0x10010, t.Site(CheckKind.IsA, circle)));
    }

    [Fact]
    public void A_lazy_type_ending_in_a_dummy_bound_types_the_chunk_for_its_fixed_part()
    {
        var frame = t.Struct("frame", 8 + 8 * 10000, new Member("back", 0, t.Long), new Member("slots", 8, t.Array(t.Long, 10000)));
        memory.Add(Heap, 0x10000, 100000, null, 0);
        var s = Session();
        Assert.Equal(CheckResult.Passed, Check(s, 0x10000, t.Site(CheckKind.IsA, frame)));   // fits: the chunk is one frame
        Assert.Equal("frame", NativeTypes.Name((Uniqtype*)memory.TypeAt(0x10000)));
        Assert.Equal(CheckResult.UnknownStorage, Check(s, 0x10020, t.Site(CheckKind.IsA, frame)));   // a next frame: typed there
        Assert.Equal(CheckResult.Passed, Check(s, 0x10020, t.Site(CheckKind.IsA, frame)));           // and checked against it
        Assert.Equal(CheckResult.Failed, Check(s, 0x10000, t.Site(CheckKind.IsA, circle)));  // the fixed part is still checked
        Assert.Equal(A(0x10020), Assert.Single(memory.Typings).Base);
        Assert.Contains("unknown storage by cause: 1 past typed head", Summary(s));
    }

    [Fact]
    public void A_failure_is_reported_once_as_the_README_shows_and_repeats_are_counted()
    {
        memory.Add(Heap, A(0x5581a5c032a0), 48, square, (nint)SquareSite);
        var site = t.Site(CheckKind.IsA, circle, "struct circle *");
        var s = Session();
        Assert.Equal(CheckResult.Failed, Check(s, A(0x5581a5c032a8), site, out _, A(0x5581a4d4a3c1), A(0x5581a4d4a4f0)));
        Assert.Equal(CheckResult.Failed, Check(s, A(0x5581a5c032a8), site, out _, A(0x5581a4d4a3c1), A(0x5581a4d4a4f0)));
        Assert.Equal("""
            /src/shapes.c:42:19: runtime error: bad cast to 'struct circle *' (is_a)
                0x5581a5c032a8 is 8 bytes into a 'struct square' heap allocation of 48 bytes; subobject at that offset: 'double'
                #0 0x5581a4d4a3c1 in draw /src/shapes.c:42:19
                #1 0x5581a4d4a4f0 in main /src/shapes.c:57:3
                allocated by malloc in make_square /src/shapes.c:17:24
            SUMMARY: liballocs: bad-cast /src/shapes.c:42:19 in draw

            """, Output);
        Assert.Equal(2, s.Counters.Failed);
        Assert.Equal(2, s.Summary().Reports.Single().Count);
    }

    [Fact]
    public void Chunks_of_one_site_with_different_lengths_share_a_report_and_other_sites_get_their_own()
    {
        var site = t.Site(CheckKind.IsA, circle);
        var a = SquareSite;
        memory.Add(Heap, 0x10000, 48 * 2, t.Array(square, 2), (nint)a);
        memory.Add(Heap, 0x20000, 48 * 3, t.Array(square, 3), (nint)a);
        memory.Add(Heap, 0x30000, 48, square, (nint)SquareSite);
        var s = Session();
        Check(s, 0x10000, site);
        Check(s, 0x20000, site);
        Check(s, 0x30000, site);
        Assert.Equal([2L, 1L], s.Summary().Reports.Select(r => r.Count));
    }

    [Fact]
    public void A_suppressed_failure_is_counted_not_printed_and_needs_no_summary()
    {
        memory.Add(Heap, 0x10000, 48, square, (nint)SquareSite);
        var s = Session(suppressions: "alloc_site:*/shapes.c:17");
        Assert.Equal(CheckResult.Failed, Check(s, 0x10000, t.Site(CheckKind.IsA, circle)));
        Assert.Equal(CheckResult.Failed, Check(s, 0x10000, t.Site(CheckKind.IsA, circle)));
        s.AtExit();
        Assert.Equal("", Output);
        Assert.Equal(2, s.Counters.Suppressed);
        Assert.Equal(2, s.Counters.Failed);
    }

    [Fact]
    public void The_summary_is_printed_once_at_exit_after_a_report()
    {
        memory.Add(Heap, 0x10000, 48, square, (nint)SquareSite);
        var s = Session();
        Check(s, 0x10000, t.Site(CheckKind.IsA, circle));
        Check(s, 0x10000, t.Site(CheckKind.IsA, square));
        s.AddCacheHits(10);
        s.AtExit();
        s.AtExit();
        Assert.EndsWith("""
            liballocs: 12 checks begun: 11 passed (10 via cache), 1 failed, 0 unknown storage, 0 suppressed
            liballocs: 1 distinct report:
                1x /src/shapes.c:42:19 bad cast to 'struct circle *' (is_a)

            """, Output);
        Assert.Single(Output.Split("checks begun").Skip(1));
    }

    [Fact]
    public void Print_summary_prints_it_without_errors()
    {
        var s = Session("print_summary=1");
        s.AtExit();
        Assert.Equal("liballocs: 0 checks begun: 0 passed (0 via cache), 0 failed, 0 unknown storage, 0 suppressed\n", Output);
    }

    [Fact]
    public void The_hosts_unanswered_checks_and_internal_errors_reach_the_summary_and_a_fork_starts_the_errors_again()
    {
        host.Unanswered[1] = 3;   // interrupted checks the C layer passed unanswered
        host.InternalErrors = 2;
        var s = Session("print_summary=1:report_format=json");
        s.AtExit();
        var lines = Output.TrimEnd('\n').Split('\n');
        Assert.Contains("\"pid\":4242,", lines[0]);
        Assert.Contains("\"unknown_storage\":3,", lines[0]);
        Assert.Contains("\"interrupted check\"", lines[0]);
        Assert.Contains("2 internal errors answered", lines[1]);
        s.AfterFork();
        Assert.Equal(0, host.InternalErrors);
    }

    [Fact]
    public void Halt_on_error_prints_the_report_and_summary_then_exits_with_exitcode()
    {
        memory.Add(Heap, 0x10000, 48, square, (nint)SquareSite);
        var s = Session("halt_on_error=1:exitcode=7");
        Check(s, 0x10000, t.Site(CheckKind.IsA, circle));
        Assert.Equal([7], host.Exits);
        Assert.Contains("runtime error", Output);
        Assert.EndsWith("(is_a)\n", Output);
        s.AtExit();
        Assert.Single(Output.Split("checks begun").Skip(1));
    }

    [Fact]
    public void Json_format_writes_a_report_line_and_a_summary_line()
    {
        memory.Add(Stack, 0x7ff000, 4, t.Int, (nint)t.Local("n", t.Int, line: 5, column: 9));
        var s = Session("report_format=json");
        Check(s, 0x7ff000, t.Site(CheckKind.IsA, t.Double, "double *"));
        s.AtExit();
        var lines = Output.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal("""{"format_version":1,"kind":"bad-cast","check":"is_a","location":{"file":"/src/shapes.c","line":42,"column":19,"function":"draw"},"pointer":"0x7ff000","expected_type":"double *","actual":{"allocator":"stack","allocation_type":"int","allocation_element_type":"int","allocation_size":4,"offset":0,"subobject_type":null},"allocation_site":{"file":"/src/shapes.c","line":5,"column":9,"function":"main"},"stack":[{"function":"draw","file":"/src/shapes.c","line":42,"column":19}],"count":1}""", lines[0]);
        Assert.Matches("""^\{"format_version":1,"kind":"summary","pid":[1-9][0-9]*,"program":"[^"]+","checks_begun":1,"passed":0,"passed_via_cache":0,"failed":1,""", lines[1]);
        // The summary's distinct report names the allocation met, as the report line does.
        Assert.Contains("""{"location":{"file":"/src/shapes.c","line":42,"column":19,"function":"draw"},"kind":"bad-cast","check":"is_a","expected_type":"double *","allocation_type":"int","allocation_element_type":"int","allocation_site":{"file":"/src/shapes.c","line":5,"column":9,"function":"main"},"count":1}""", lines[1]);
    }

    [Fact]
    public void Locals_and_statics_have_their_own_provenance_lines()
    {
        memory.Add(Stack, 0x7ff000, 4, t.Int, (nint)t.Local("n", t.Int, line: 5, column: 9));
        memory.Add(Static, 0x600000, 16, t.Array(t.Int, 4), 0);
        var s = Session();
        Check(s, 0x7ff000, t.Site(CheckKind.IsA, t.Double, "double *"));
        Check(s, 0x600004, t.Site(CheckKind.IsA, t.Double, "double *"));
        Assert.Contains("    0x7ff000 is 0 bytes into a 'int' stack allocation of 4 bytes\n", Output);
        Assert.Contains("    declared as 'n' in main /src/shapes.c:5:9\n", Output);
        Assert.Contains("    0x600004 is 4 bytes into a 'int[4]' static allocation of 16 bytes; subobject at that offset: 'int'\n", Output);
        Assert.Contains("    defined as 'table'\n", Output);
    }

    [Fact]
    public void Frame_zero_is_the_cast_even_when_the_first_frame_is_a_caller()
    {
        memory.Add(Heap, 0x10000, 48, square, (nint)SquareSite);
        var s = Session();
        Check(s, 0x10000, t.Site(CheckKind.IsA, circle), out _, A(0x5581a4d4a4f0));
        Assert.Contains("    #0 in draw /src/shapes.c:42:19\n    #1 0x5581a4d4a4f0 in main /src/shapes.c:57:3\n", Output);
    }

    [Fact]
    public void Verbosity_notes_lazy_typing_and_every_check()
    {
        memory.Add(Heap, 0x10000, 16, null, 0);
        var s = Session("verbosity=2");
        Check(s, 0x10000, t.Site(CheckKind.IsA, circle, "struct circle *"));
        Assert.Equal("""
            liballocs: note: typed the heap chunk at 0x10000 as 'struct circle' at its first checked cast, /src/shapes.c:42:19
            liballocs: note: is_a 0x10000 to 'struct circle *' at /src/shapes.c:42:19: passed

            """, Output);
    }

    private AllocSite* PoolSite(Uniqtype* type) => t.AllocationSite(type, allocator: "pool_alloc", instance: "pool");

    [Fact]
    public void Allocator_instances_have_their_familys_storage_kind()
    {
        Assert.Equal(StorageKind.Suballocated, Pool.Storage);
        Assert.Equal(StorageKind.Suballocated, Suballocators.Storage);
        Assert.Equal(StorageKind.Heap, Xmalloc.Storage);
        Assert.Equal("pool", StorageKinds.ReportName(Pool));
        Assert.Equal("suballocator", StorageKinds.ReportName(Suballocators));
        Assert.Equal("heap", StorageKinds.ReportName(Xmalloc));
        Assert.Same(Pool, Suballocators.Instances.Named("pool", () => throw new InvalidOperationException("made twice")));
        Assert.Same(Heap, Heap.Instances.Named("malloc", () => null));
        Assert.Same(Heap, Xmalloc.Parent);
    }

    [Fact]
    public void A_pass_on_a_pool_chunk_gives_a_fact_and_marks_the_chunk()
    {
        memory.Add(Pool, 0x10000, 48 * 2, t.Array(square, 2), (nint)PoolSite(square));
        Assert.Equal(CheckResult.Passed, Check(Session(), 0x10000 + 48 + 8, t.Site(CheckKind.IsA, t.Double), out var fact));
        Assert.NotNull(fact);
        Assert.Equal((nint)t.Double, fact.Value.Key);
        Assert.Equal([(nuint)0x10000], memory.Marked);
        Assert.Same(Pool, memory.MarkedAllocators.Single());
    }

    [Fact]
    public void A_pool_fact_is_withheld_when_the_chunk_cannot_be_marked()
    {
        memory.CanMark = false;
        memory.Add(Pool, 0x10000, 48, square, (nint)PoolSite(square));
        Assert.Equal(CheckResult.Passed, Check(Session(), 0x10000, t.Site(CheckKind.IsA, square), out var fact));
        Assert.Null(fact);
    }

    [Fact]
    public void An_untyped_pool_chunk_takes_the_type_of_the_first_cast_to_its_base()
    {
        memory.Add(Pool, 0x10000, 32, null, (nint)PoolSite(null));
        var s = Session("verbosity=1");
        Assert.Equal(CheckResult.Passed, Check(s, 0x10000, t.Site(CheckKind.IsA, circle, "struct circle *"), out var fact));
        Assert.Equal("__ARR2_circle", NativeTypes.Name((Uniqtype*)memory.TypeAt(0x10000)));
        Assert.Equal(new CacheFact(0x10000, 0x10020, 16, (nint)circle, 0), fact);
        Assert.Equal([(nuint)0x10000], memory.Marked);
        Assert.Equal(CheckResult.Failed, Check(s, 0x10008, t.Site(CheckKind.IsA, square)));
        Assert.Equal(CheckResult.UnknownStorage, Check(s, 0x10010, t.Site(CheckKind.IsA, square)));   // past the typed head
        Assert.StartsWith("liballocs: note: typed the pool chunk at 0x10000 as 'struct circle' at its first checked cast, /src/shapes.c:42:19\n", Output);
        Assert.Contains("    0x10008 is 8 bytes into a 'struct circle[2]' pool allocation of 32 bytes; subobject at that offset: 'double'\n", Output);
    }

    [Fact]
    public void An_untyped_pool_chunk_stays_untyped_for_interior_pointers()
    {
        memory.Add(Pool, 0x10000, 32, null, 0);
        Assert.Equal(CheckResult.UnknownStorage, Check(Session(), 0x10008, t.Site(CheckKind.IsA, t.Double)));
        Assert.Equal(0, memory.TypeAt(0x10000));
    }

    [Fact]
    public void A_failure_on_a_pool_chunk_names_the_pool_and_the_pool_function()
    {
        memory.Add(Pool, A(0x5581a5c032a0), 48, square, (nint)PoolSite(square));
        var s = Session();
        Check(s, A(0x5581a5c032a8), t.Site(CheckKind.IsA, circle, "struct circle *"), out _, A(0x5581a4d4a3c1));
        Assert.Equal("""
            /src/shapes.c:42:19: runtime error: bad cast to 'struct circle *' (is_a)
                0x5581a5c032a8 is 8 bytes into a 'struct square' pool allocation of 48 bytes; subobject at that offset: 'double'
                #0 0x5581a4d4a3c1 in draw /src/shapes.c:42:19
                allocated by pool_alloc in make_square /src/shapes.c:17:24
            SUMMARY: liballocs: bad-cast /src/shapes.c:42:19 in draw

            """, Output);
    }

    [Fact]
    public void A_failure_on_a_suballocated_chunk_without_a_site_names_its_allocator()
    {
        memory.Add(Pool, 0x10000, 16, circle, 0);
        memory.Add(Suballocators, 0x20000, 16, circle, 0);
        var s = Session();
        Check(s, 0x10000, t.Site(CheckKind.IsA, square));
        Check(s, 0x20000, t.Site(CheckKind.IsA, square));
        Assert.Contains("    0x10000 is 0 bytes into a 'struct circle' pool allocation of 16 bytes; subobject at that offset: 'double'\n", Output);
        Assert.Contains("    allocated by pool (site unknown)\n", Output);
        Assert.Contains("    0x20000 is 0 bytes into a 'struct circle' suballocator allocation of 16 bytes; subobject at that offset: 'double'\n", Output);
        Assert.Contains("    allocated by suballocator (site unknown)\n", Output);
    }

    [Fact]
    public void A_failure_on_a_wrappers_heap_chunk_says_heap_names_the_called_function_and_the_instance_in_json()
    {
        memory.Add(Xmalloc, 0x10000, 48, square, (nint)t.AllocationSite(square, allocator: "xcalloc", instance: "xmalloc"));
        Check(Session(), 0x10008, t.Site(CheckKind.IsA, circle));
        Assert.Contains("    0x10008 is 8 bytes into a 'struct square' heap allocation of 48 bytes; subobject at that offset: 'double'\n", Output);
        Assert.Contains("    allocated by xcalloc in make_square /src/shapes.c:17:24\n", Output);
        output.SetLength(0);
        Check(Session("report_format=json"), 0x10008, t.Site(CheckKind.IsA, circle));
        Assert.Contains("\"actual\":{\"allocator\":\"xmalloc\",", Output);
        Assert.Contains("\"allocation_site\":{\"file\":\"/src/shapes.c\",\"line\":17,", Output);
    }

    [Fact]
    public void A_pool_failure_is_suppressed_by_its_allocation_site()
    {
        memory.Add(Pool, 0x10000, 48, square, (nint)PoolSite(square));
        var s = Session(suppressions: "alloc_site:*/shapes.c:17");
        Assert.Equal(CheckResult.Failed, Check(s, 0x10000, t.Site(CheckKind.IsA, circle)));
        Assert.Equal(1, s.Counters.Suppressed);
        Assert.Equal("", Output);
    }

    private sealed class FakeSymbolizer : ISymbolizer
    {
        public StackFrame Frame(nuint address, bool isReturnAddress) => (ulong)address switch
        {
            0x5581a4d4a3c1 => new(address, "draw", "/src/shapes.c", 42, 30, "/bin/shapes", 0x13c1),
            0x5581a4d4a4f0 => new(address, "main", "/src/shapes.c", 57, 3, "/bin/shapes", 0x14f0),
            _ => new(address, null, null, 0, 0, null, 0),
        };

        public string? SymbolAt(nuint address) => null;
    }

    // The process around the session: one static object ("table" at 0x600000), exits recorded, counts set by the test.
    private sealed class FakeHost : ICheckHost
    {
        public List<int> Exits { get; } = [];
        public long[] Unanswered { get; } = new long[UnknownCauses.CountedByCLayer.Count];
        public int InternalErrors { get; set; }
        public int ProcessId => 4242;
        public string? StaticName(nuint address) => address == 0x600000 ? "table" : null;
        public void Exit(int status) => Exits.Add(status);
        public long UnansweredInC(int cause) => Unanswered[cause];
        public void ForgetInternalErrorsAfterFork() => InternalErrors = 0;
    }

    private sealed class FakeMemory(NativeTypes types) : IMemoryModel, IDisposable
    {
        private readonly List<Allocation> allocations = [];
        private readonly List<nint> sites = [];

        public void Dispose()
        {
            foreach (var site in sites)
                System.Runtime.InteropServices.NativeMemory.Free((void*)site);
        }

        public List<nuint> Marked { get; } = [];

        public List<Allocator> MarkedAllocators { get; } = [];

        public bool CanMark { get; set; } = true;

        // A heap allocation is a whole chunk here unless told the chunk (a wrapper's header before it), as HeapAllocator reports.
        public void Add(Allocator allocator, nuint start, ulong size, Uniqtype* type, nint site, nuint heapChunk = 0,
            ulong heapChunkSize = 0) =>
            allocations.Add(new Allocation(allocator, start, size, (nint)type, site)
            {
                HeapChunk = allocator == Heap ? (heapChunk != 0 ? heapChunk : start) : 0,
                HeapChunkSize = allocator == Heap ? (heapChunk != 0 ? heapChunkSize : size) : 0,
            });

        public nint TypeAt(nuint start) => allocations.Single(a => a.Base == start).Type;

        public IReadOnlyList<Allocation> Allocations => allocations;

        public bool TryResolve(nuint address, out Allocation allocation)
        {
            var found = allocations.FindIndex(a => a.Contains(address));
            allocation = found >= 0 ? allocations[found] : default;
            return found >= 0;
        }

        public bool TryTypeLazily(in Allocation chunk, Uniqtype* type, out Allocation typed)
        {
            // As ProcessMemory does: the out parameter is cleared first, so a caller passing one
            // variable as both `chunk` and `typed` sees its chunk vanish.
            typed = default;
            var start = chunk.Base;
            var i = allocations.FindIndex(a => a.Base == start);
            var count = chunk.Size / type->size;
            var whole = count >= 2 && chunk.Size % type->size == 0 ? types.Array(type, count) : type;
            // As ProcessMemory's synthetic sites: typed lazily, for the first element only.
            var site = (AllocSite*)System.Runtime.InteropServices.NativeMemory.AllocZeroed((nuint)sizeof(AllocSite));
            sites.Add((nint)site);
            site->type = type;
            site->flags = AllocsiteFlags.Lazy | AllocsiteFlags.Head | (whole != type ? AllocsiteFlags.Array : 0);
            typed = allocations[i] = allocations[i] with { Type = (nint)whole, Site = (nint)site };
            return true;
        }

        public UnknownCause ClassifyMapping(in Allocation mapping, nuint address) => UnknownCause.Mapping;

        // Inferred typings, as the C layer keeps them: disjoint, a new one replacing those it overlaps.
        public List<Allocation> Typings { get; } = [];

        // As the C layer answers when writers keep its index busy.
        public bool IndexBusy { get; set; }

        public TypingLookup FindInferred(in Allocation holder, nuint address, out Allocation typing)
        {
            typing = default;
            if (IndexBusy)
                return TypingLookup.Busy;
            var found = Typings.FindIndex(t => t.Contains(address));
            typing = found >= 0 ? Typings[found] with { Allocator = holder.Allocator } : default;
            return found >= 0 ? TypingLookup.Found : TypingLookup.None;
        }

        public bool MayHoldTypings(nuint address, ulong size) =>
            IndexBusy || Typings.Exists(t => t.Base < address + (nuint)size && address < t.Base + (nuint)t.Size);

        public bool TryInfer(in Allocation holder, nuint at, Uniqtype* type, ulong extent, out Allocation typing, out bool replaced)
        {
            typing = default;
            replaced = false;
            if (IndexBusy || extent > CheckEngine.MaxInferredExtent)
                return false;
            replaced = Typings.RemoveAll(t => t.Base < at + (nuint)extent && at < t.Base + (nuint)t.Size) > 0;
            // As ProcessMemory's typings: a synthetic site naming the type.
            var site = (AllocSite*)System.Runtime.InteropServices.NativeMemory.AllocZeroed((nuint)sizeof(AllocSite));
            sites.Add((nint)site);
            site->type = type;
            typing = new Allocation(holder.Allocator, at, extent, (nint)type, (nint)site) { Inferred = true };
            Typings.Add(typing);
            return true;
        }

        public bool TryFindFreed(nuint address, bool inLiveAllocation, out Allocation freed)
        {
            freed = default;
            return false;
        }

        public bool MarkFacts(in Allocation chunk)
        {
            if (CanMark)
            {
                Marked.Add(chunk.Base);
                MarkedAllocators.Add(chunk.Allocator);
            }
            return CanMark;
        }
    }
}
