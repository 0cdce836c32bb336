using Liballocs.Checks.Reports;

namespace Liballocs.Tests.Checks;

public sealed unsafe class CSpellingTests : IDisposable
{
    private readonly NativeTypes t = new();

    public void Dispose() => t.Dispose();

    [Fact]
    public void Base_types_are_spelled_as_C_spells_them()
    {
        Assert.Equal("int", CSpelling.Of(t.Int));
        Assert.Equal("unsigned int", CSpelling.Of(t.UInt));
        Assert.Equal("long", CSpelling.Of(t.Long));
        Assert.Equal("unsigned long", CSpelling.Of(t.ULong));
        Assert.Equal("short", CSpelling.Of(t.Short));
        Assert.Equal("unsigned short", CSpelling.Of(t.UShort));
        Assert.Equal("char", CSpelling.Of(t.Char));
        Assert.Equal("unsigned char", CSpelling.Of(t.UChar));
        Assert.Equal("_Bool", CSpelling.Of(t.Bool));
        Assert.Equal("float", CSpelling.Of(t.Float));
        Assert.Equal("double", CSpelling.Of(t.Double));
        Assert.Equal("long double", CSpelling.Of(t.LongDouble));
        Assert.Equal("void", CSpelling.Of(t.Void));
    }

    [Fact]
    public void Structs_unions_and_enums_carry_their_keyword()
    {
        Assert.Equal("struct square", CSpelling.Of(t.Struct("square", 8, new Member("x", 0, t.Long))));
        Assert.Equal("union number", CSpelling.Of(t.Union("number", 8, new Member("i", 0, t.Int))));
        Assert.Equal("enum colour", CSpelling.Of(t.Enum("colour", t.UInt)));
        Assert.Equal("struct opaque", CSpelling.Of(t.Incomplete("opaque")));
        Assert.Equal("struct (anonymous)", CSpelling.Of(t.Struct("__ANON_t_c_6_3", 4, new Member("i", 0, t.Int))));
    }

    [Fact]
    public void Pointers_and_arrays_are_spelled_with_declarators()
    {
        Assert.Equal("char *", CSpelling.Of(t.Pointer(t.Char)));
        Assert.Equal("int **", CSpelling.Of(t.Pointer(t.Pointer(t.Int))));
        Assert.Equal("int[4]", CSpelling.Of(t.Array(t.Int, 4)));
        Assert.Equal("double[2][3]", CSpelling.Of(t.Array(t.Array(t.Double, 3), 2)));
        Assert.Equal("int[]", CSpelling.Of(t.UnknownLengthArray(t.Int)));
        Assert.Equal("int *[4]", CSpelling.Of(t.Array(t.Pointer(t.Int), 4)));
        Assert.Equal("int (*)[4]", CSpelling.Of(t.Pointer(t.Array(t.Int, 4))));
    }

    [Fact]
    public void Functions_and_function_pointers_are_spelled_with_their_parameters()
    {
        var f = t.Function(t.Int, false, (nint)t.Int);
        Assert.Equal("int (int)", CSpelling.Of(f));
        Assert.Equal("int (*)(int)", CSpelling.Of(t.Pointer(f)));
        Assert.Equal("void (*)(char *, ...)", CSpelling.Of(t.Pointer(t.Function(t.Void, true, (nint)t.Pointer(t.Char)))));
        Assert.Equal("int (void)", CSpelling.Of(t.Function(t.Int, false)));
        Assert.Equal("int ()", CSpelling.Of(t.Unprototyped(t.Int)));
        Assert.Equal("int *(double)", CSpelling.Of(t.Function(t.Pointer(t.Int), false, (nint)t.Double)));
    }

    [Fact]
    public void Pointer_to_spells_the_type_of_a_cast()
    {
        Assert.Equal("struct circle *", CSpelling.PointerTo(t.Struct("circle", 8, new Member("r", 0, t.Double))));
        Assert.Equal("int (*)(int)", CSpelling.PointerTo(t.Function(t.Int, false, (nint)t.Int)));
    }
}
