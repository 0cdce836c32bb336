using System.Text;
using Liballocs.Checks;
using Liballocs.Checks.Semantics;
using Liballocs.Contract.Interop;

namespace Liballocs.Tests.Checks;

public sealed unsafe class CheckSemanticsTests : IDisposable
{
    private readonly NativeTypes t = new();

    public void Dispose() => t.Dispose();

    private static bool Holds(CheckKind kind, Uniqtype* target, Uniqtype* allocation, ulong size, ulong offset, uint degree = 0, string? name = null)
    {
        var bytes = Encoding.UTF8.GetBytes(name ?? (target == null ? "" : NativeTypes.Name(target)));
        return CheckSemantics.Evaluate(kind, degree, target, bytes, allocation, size, offset).Holds;
    }

    private Uniqtype* Square() => t.Struct("square", 48, new Member("side", 0, t.Int), new Member("centre", 8, t.Array(t.Double, 2)), new Member("name", 24, t.Array(t.Char, 24)));

    [Fact]
    public void Is_a_holds_for_the_allocation_itself()
    {
        var square = Square();
        Assert.True(Holds(CheckKind.IsA, square, square, 48, 0));
    }

    [Fact]
    public void Is_a_holds_for_a_first_member_at_the_same_address()
    {
        var square = Square();
        Assert.True(Holds(CheckKind.IsA, t.Int, square, 48, 0));
    }

    [Fact]
    public void Is_a_fails_for_a_different_struct_at_the_same_address()
    {
        var square = Square();
        var circle = t.Struct("circle", 16, new Member("r", 0, t.Double), new Member("c", 8, t.Double));
        Assert.False(Holds(CheckKind.IsA, circle, square, 48, 0));
        Assert.False(Holds(CheckKind.IsA, circle, square, 48, 8));
    }

    [Fact]
    public void Is_a_holds_for_any_union_arm()
    {
        var number = t.Union("number", 8, new Member("i", 0, t.Int), new Member("d", 0, t.Double));
        Assert.True(Holds(CheckKind.IsA, t.Double, number, 8, 0));
        Assert.True(Holds(CheckKind.IsA, t.Int, number, 8, 0));
        Assert.False(Holds(CheckKind.IsA, t.Float, number, 8, 0));
    }

    [Fact]
    public void A_member_may_be_viewed_as_a_union_that_holds_it_and_a_stranger_may_not()
    {
        var header = t.Struct("header", 16, new Member("next", 0, t.Pointer(t.Void)), new Member("tag", 8, t.Int));
        var table = t.Struct("table", 24, new Member("h", 0, header), new Member("size", 16, t.Int));
        var lclosure = t.Struct("lclosure", 24, new Member("h", 0, header), new Member("proto", 16, t.Pointer(t.Void)));
        var closure = t.Union("closure", 24, new Member("l", 0, lclosure));
        var gcobject = t.Union("gcobject", 24, new Member("gc", 0, header), new Member("t", 0, table), new Member("cl", 0, closure));
        var stranger = t.Struct("stranger", 16, new Member("w", 0, t.Double), new Member("n", 8, t.Int));
        Assert.True(Holds(CheckKind.IsA, gcobject, table, 24, 0));
        Assert.True(Holds(CheckKind.IsA, gcobject, lclosure, 24, 0));   // an arm of an arm
        Assert.True(Holds(CheckKind.IsA, gcobject, header, 16, 0));
        Assert.False(Holds(CheckKind.IsA, gcobject, stranger, 16, 0));
        Assert.False(Holds(CheckKind.IsA, gcobject, table, 24, 16));    // table's int member is in no arm at offset 0
        Assert.False(Holds(CheckKind.IsA, closure, table, 24, 0));      // a union holding another struct with the same first member
    }

    [Fact]
    public void Is_a_holds_for_elements_of_an_array_of_unknown_length()
    {
        var buffer = t.Struct("buffer", 8, new Member("n", 0, t.Long), new Member("data", 8, t.UnknownLengthArray(t.Int)));
        Assert.True(Holds(CheckKind.IsA, t.Int, buffer, 8 + 4 * 10, 8 + 4 * 9));
        Assert.False(Holds(CheckKind.IsA, t.Int, buffer, 8 + 4 * 10, 8 + 4 * 10));
    }

    [Fact]
    public void Is_a_accepts_the_signed_or_unsigned_counterpart()
    {
        Assert.True(Holds(CheckKind.IsA, t.UInt, t.Int, 4, 0));
        Assert.True(Holds(CheckKind.IsA, t.Long, t.ULong, 8, 0));
        Assert.False(Holds(CheckKind.IsA, t.UInt, t.Long, 8, 0));
    }

    [Fact]
    public void Is_a_accepts_a_type_of_the_same_name_at_another_address()
    {
        var square = Square();
        Assert.True(Holds(CheckKind.IsA, t.Duplicate(square), square, 48, 0));
    }

    [Fact]
    public void Is_a_rejects_a_pointer_to_the_counterpart_type()
    {
        Assert.False(Holds(CheckKind.IsA, t.Pointer(t.UInt), t.Pointer(t.Int), 8, 0));
    }

    [Fact]
    public void Like_a_holds_for_a_struct_whose_members_correspond_up_to_the_smaller_size()
    {
        var inAddr = t.Struct("in_addr", 4, new Member("s_addr", 0, t.UInt));
        var sockaddr = t.Struct("sockaddr", 16, new Member("sa_family", 0, t.UShort), new Member("sa_data", 2, t.Array(t.Char, 14)));
        var sockaddrIn = t.Struct("sockaddr_in", 16, new Member("sin_family", 0, t.UShort), new Member("sin_port", 2, t.UShort),
            new Member("sin_addr", 4, inAddr), new Member("sin_zero", 8, t.Array(t.UChar, 8)));
        var storage = t.Struct("sockaddr_storage", 128, new Member("ss_family", 0, t.UShort),
            new Member("__ss_padding", 2, t.Array(t.Char, 118)), new Member("__ss_align", 120, t.ULong));
        Assert.True(Holds(CheckKind.LikeA, sockaddr, sockaddrIn, 16, 0));
        Assert.True(Holds(CheckKind.LikeA, sockaddrIn, storage, 128, 0));
        Assert.True(Holds(CheckKind.LikeA, storage, sockaddrIn, 16, 0));
    }

    [Fact]
    public void Like_a_fails_when_a_member_has_no_counterpart()
    {
        var sockaddr = t.Struct("sockaddr", 16, new Member("sa_family", 0, t.UShort), new Member("sa_data", 2, t.Array(t.Char, 14)));
        var other = t.Struct("other", 16, new Member("d", 0, t.Double), new Member("e", 8, t.Double));
        Assert.False(Holds(CheckKind.LikeA, sockaddr, other, 16, 0));
    }

    [Fact]
    public void Loosely_like_a_holds_for_a_pointer_of_any_pointee_type()
    {
        var voidPtr = t.Pointer(t.Void);
        var pair = t.Struct("pair", 16, new Member("name", 0, t.Pointer(t.Char)), new Member("value", 8, t.Pointer(t.Double)));
        Assert.True(Holds(CheckKind.LooselyLikeA, voidPtr, pair, 16, 8));
        Assert.True(Holds(CheckKind.LooselyLikeA, voidPtr, t.Array(t.Pointer(t.Int), 4), 32, 16));
        Assert.False(Holds(CheckKind.LooselyLikeA, voidPtr, t.Array(t.Long, 4), 32, 16));
    }

    [Fact]
    public void Pointer_of_degree_counts_levels_and_void_pointer_is_any_pointer()
    {
        var target = t.Pointer(t.Pointer(t.Void));
        Assert.True(Holds(CheckKind.IsAPointerOfDegree, target, t.Pointer(t.Pointer(t.Int)), 8, 0, degree: 2));
        Assert.True(Holds(CheckKind.IsAPointerOfDegree, target, t.Pointer(t.Pointer(t.Pointer(t.Int))), 8, 0, degree: 2));
        Assert.True(Holds(CheckKind.IsAPointerOfDegree, target, t.Pointer(t.Void), 8, 0, degree: 2));
        Assert.False(Holds(CheckKind.IsAPointerOfDegree, target, t.Pointer(t.Int), 8, 0, degree: 2));
        Assert.False(Holds(CheckKind.IsAPointerOfDegree, target, t.Long, 8, 0, degree: 2));
    }

    [Fact]
    public void Named_a_matches_structs_unions_and_enums_by_name()
    {
        var foo = t.Struct("foo", 8, new Member("p", 0, t.Pointer(t.Void)));
        var outer = t.Struct("outer", 16, new Member("f", 0, foo), new Member("e", 8, t.Enum("colour", t.UInt)));
        Assert.True(Holds(CheckKind.NamedA, null, outer, 16, 0, name: "foo"));
        Assert.True(Holds(CheckKind.NamedA, null, outer, 16, 0, name: "outer"));
        Assert.True(Holds(CheckKind.NamedA, null, outer, 16, 8, name: "colour"));
        Assert.False(Holds(CheckKind.NamedA, null, outer, 16, 0, name: "bar"));
        Assert.False(Holds(CheckKind.NamedA, null, t.Int, 4, 0, name: "int$32"));
    }

    [Fact]
    public void Function_refining_accepts_the_same_signature_and_a_void_return()
    {
        var f = t.Function(t.Int, false, (nint)t.Int, (nint)t.Double);
        Assert.True(Holds(CheckKind.IsAFunctionRefining, t.Function(t.Int, false, (nint)t.Int, (nint)t.Double), f, 0, 0));
        Assert.True(Holds(CheckKind.IsAFunctionRefining, t.Function(t.Void, false, (nint)t.Int, (nint)t.Double), f, 0, 0));
        Assert.True(Holds(CheckKind.IsAFunctionRefining, t.Function(t.UInt, false, (nint)t.UInt, (nint)t.Double), f, 0, 0));
    }

    [Fact]
    public void Function_refining_rejects_other_arity_variadicity_return_or_parameters()
    {
        var f = t.Function(t.Int, false, (nint)t.Int);
        Assert.False(Holds(CheckKind.IsAFunctionRefining, t.Function(t.Int, false, (nint)t.Int, (nint)t.Int), f, 0, 0));
        Assert.False(Holds(CheckKind.IsAFunctionRefining, t.Function(t.Int, true, (nint)t.Int), f, 0, 0));
        Assert.False(Holds(CheckKind.IsAFunctionRefining, t.Function(t.Double, false, (nint)t.Int), f, 0, 0));
        Assert.False(Holds(CheckKind.IsAFunctionRefining, t.Function(t.Int, false, (nint)t.Double), f, 0, 0));
    }

    [Fact]
    public void Function_refining_lets_a_void_pointer_parameter_accept_any_pointer()
    {
        var compare = t.Function(t.Int, false, (nint)t.Pointer(t.Void), (nint)t.Pointer(t.Void));
        var wanted = t.Function(t.Int, false, (nint)t.Pointer(t.Int), (nint)t.Pointer(t.Char));
        Assert.True(Holds(CheckKind.IsAFunctionRefining, wanted, compare, 0, 0));
        Assert.False(Holds(CheckKind.IsAFunctionRefining, compare, t.Function(t.Int, false, (nint)t.Pointer(t.Int), (nint)t.Pointer(t.Int)), 0, 0));
    }

    [Fact]
    public void Function_refining_ignores_parameters_of_an_unprototyped_type()
    {
        var f = t.Function(t.Int, false, (nint)t.Int, (nint)t.Int);
        Assert.True(Holds(CheckKind.IsAFunctionRefining, t.Unprototyped(t.Int), f, 0, 0));
    }

    [Fact]
    public void Function_refining_fails_on_data_and_inside_a_function()
    {
        var f = t.Function(t.Int, false, (nint)t.Int);
        Assert.False(Holds(CheckKind.IsAFunctionRefining, f, t.Int, 4, 0));
        Assert.False(Holds(CheckKind.IsAFunctionRefining, f, f, 0, 4));
    }

    [Fact]
    public void A_passing_check_reports_where_else_it_holds()
    {
        var square = Square();
        var array = t.Array(square, 4);
        var v = CheckSemantics.Evaluate(CheckKind.IsA, 0, square, "square"u8, array, 192, 96);
        Assert.True(v.Holds);
        Assert.Equal(new FactShape(0, 192, 48), v.Shape);
    }
}
