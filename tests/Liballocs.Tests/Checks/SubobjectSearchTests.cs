using Liballocs.Checks.Semantics;
using Liballocs.Contract.Interop;

namespace Liballocs.Tests.Checks;

public sealed unsafe class SubobjectSearchTests : IDisposable
{
    private readonly NativeTypes t = new();

    public void Dispose() => t.Dispose();

    private static List<string> NamesAt(Uniqtype* root, ulong size, ulong offset) =>
        [.. SubobjectSearch.StartingAt(root, size, offset).Select(s => NativeTypes.Name((Uniqtype*)s.Type))];

    private Uniqtype* Point() => t.Struct("point", 8, new Member("x", 0, t.Int), new Member("y", 4, t.Int));

    [Fact]
    public void The_allocation_and_its_first_members_at_every_depth_start_at_offset_zero()
    {
        var point = Point();
        var line = t.Struct("line", 16, new Member("from", 0, point), new Member("to", 8, point));
        Assert.Equal(["line", "point", "int$32"], NamesAt(line, 16, 0));
    }

    [Fact]
    public void A_member_deep_inside_is_found_at_its_offset()
    {
        var point = Point();
        var line = t.Struct("line", 16, new Member("from", 0, point), new Member("to", 8, point));
        Assert.Equal(["int$32"], NamesAt(line, 16, 12));
        Assert.Equal(["point", "int$32"], NamesAt(line, 16, 8));
    }

    [Fact]
    public void An_offset_inside_a_member_but_not_at_its_start_finds_nothing()
    {
        var s = t.Struct("s", 16, new Member("d", 0, t.Double), new Member("i", 8, t.Int));
        Assert.Empty(NamesAt(s, 16, 2));
        Assert.Empty(NamesAt(s, 16, 12));
    }

    [Fact]
    public void Every_arm_of_a_union_is_a_subobject()
    {
        var number = t.Union("number", 8, new Member("i", 0, t.Int), new Member("d", 0, t.Double));
        Assert.Equal(["number", "int$32", "float$64"], NamesAt(number, 8, 0));
    }

    [Fact]
    public void Elements_of_multidimensional_arrays_are_subobjects()
    {
        var row = t.Array(t.Double, 3);
        var matrix = t.Array(row, 2);
        Assert.Equal(["__ARR3_float$64", "float$64"], NamesAt(matrix, 48, 24));
        Assert.Equal(["float$64"], NamesAt(matrix, 48, 40));
        Assert.Empty(NamesAt(matrix, 48, 48));
    }

    [Fact]
    public void A_flexible_array_member_extends_over_whole_elements_inside_the_allocation()
    {
        var buffer = t.Struct("buffer", 8, new Member("len", 0, t.UInt), new Member("data", 8, t.UnknownLengthArray(t.Double)));
        Assert.Equal(["__ARR_float$64", "float$64"], NamesAt(buffer, 32, 8));
        Assert.Equal(["float$64"], NamesAt(buffer, 32, 24));
        Assert.Empty(NamesAt(buffer, 30, 24));
    }

    [Fact]
    public void Bit_fields_are_not_subobjects()
    {
        var flags = t.Struct("flags", 4, new Member("a", 0, t.UInt, bitSize: 3), new Member("b", 0, t.UInt, bitSize: 5));
        Assert.Equal(["flags"], NamesAt(flags, 4, 0));
    }

    [Fact]
    public void A_scalar_allocation_is_its_own_only_subobject()
    {
        Assert.Equal(["int$32"], NamesAt(t.Int, 4, 0));
        Assert.Empty(NamesAt(t.Int, 4, 1));
    }

    [Fact]
    public void Innermost_subobject_containing_an_offset_is_the_deepest_member_over_it()
    {
        var square = t.Struct("square", 48, new Member("side", 0, t.Int), new Member("centre", 8, t.Array(t.Double, 2)), new Member("name", 24, t.Array(t.Char, 24)));
        Assert.Equal("float$64", NativeTypes.Name(SubobjectSearch.InnermostContaining(square, 48, 8)));
        Assert.Equal("float$64", NativeTypes.Name(SubobjectSearch.InnermostContaining(square, 48, 19)));
        Assert.Equal("signed_char$8", NativeTypes.Name(SubobjectSearch.InnermostContaining(square, 48, 30)));
    }

    [Fact]
    public void Padding_and_scalars_have_no_innermost_subobject()
    {
        var s = t.Struct("s", 16, new Member("i", 0, t.Int), new Member("d", 8, t.Double));
        Assert.True(SubobjectSearch.InnermostContaining(s, 16, 5) == null);
        Assert.True(SubobjectSearch.InnermostContaining(t.Int, 4, 0) == null);
    }

    [Fact]
    public void A_subobject_outside_arrays_has_a_single_address_fact()
    {
        var s = t.Struct("s", 16, new Member("i", 0, t.Int), new Member("d", 8, t.Double));
        var found = SubobjectSearch.StartingAt(s, 16, 8).Single();
        Assert.Equal(FactShape.Point(8), found.Shape);
    }

    [Fact]
    public void A_member_of_an_array_element_has_a_fact_over_every_element()
    {
        var s = t.Struct("s", 16, new Member("i", 0, t.Int), new Member("d", 8, t.Double));
        var array = t.Array(s, 10);
        var found = SubobjectSearch.StartingAt(array, 160, 8 + 16 * 3).Single();
        Assert.Equal(new FactShape(8, 160, 16), found.Shape);
    }

    [Fact]
    public void Rows_that_fill_their_outer_element_merge_into_one_fact()
    {
        var matrix = t.Array(t.Array(t.Int, 4), 5);
        var element = SubobjectSearch.StartingAt(matrix, 80, 36).Single(s => s.Type == (nint)t.Int);
        Assert.Equal(new FactShape(0, 80, 4), element.Shape);
    }

    [Fact]
    public void An_inner_array_that_does_not_fill_its_element_gives_a_fact_over_that_array_only()
    {
        var s = t.Struct("s", 24, new Member("x", 0, t.Array(t.Int, 4)), new Member("d", 16, t.Double));
        var array = t.Array(s, 3);
        var found = SubobjectSearch.StartingAt(array, 72, 24 + 8).Single();
        Assert.Equal(new FactShape(24, 40, 4), found.Shape);
    }

    [Fact]
    public void A_flexible_array_fact_ends_at_the_last_whole_element()
    {
        var buffer = t.Struct("buffer", 8, new Member("len", 0, t.UInt), new Member("data", 8, t.UnknownLengthArray(t.Double)));
        var found = SubobjectSearch.StartingAt(buffer, 44, 16).Single();
        Assert.Equal(new FactShape(8, 40, 8), found.Shape);
    }

    [Fact]
    public void Every_address_a_fact_covers_has_the_same_subobject()
    {
        var point = Point();
        var s = t.Struct("s", 32, new Member("p", 0, t.Array(point, 3)), new Member("n", 24, t.Long));
        var array = t.Array(s, 4);
        for (ulong offset = 0; offset < 128; offset++)
        {
            foreach (var found in SubobjectSearch.StartingAt(array, 128, offset))
            {
                for (var o = found.Shape.Lo; o < found.Shape.Hi; o++)
                {
                    if (found.Shape.Covers(o))
                        Assert.Contains(SubobjectSearch.StartingAt(array, 128, o), x => x.Type == found.Type);
                }
            }
        }
    }
}
