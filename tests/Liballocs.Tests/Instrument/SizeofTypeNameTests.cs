// Reading the type of sizeof(type-name) from its tokens (SizeofTypeName).
using Liballocs.Instrument.Sites;
using Liballocs.Instrument.Types;

namespace Liballocs.Tests.Instrument;

public class SizeofTypeNameTests
{
    private static string? Parse(string tokens, params CType[] named) =>
        Instrumenting.NameOf(SizeofTypeName.Parse(tokens.Split(' '), named, DataModel.Lp64));

    [Theory]
    [InlineData("sizeof ( int )", "int$32")]
    [InlineData("sizeof ( unsigned )", "uint$32")]
    [InlineData("sizeof ( long unsigned int )", "uint$64")]
    [InlineData("sizeof ( long long )", "int$64")]
    [InlineData("sizeof ( short unsigned )", "uint$16")]
    [InlineData("sizeof ( char )", "signed_char$8")]
    [InlineData("sizeof ( unsigned char )", "unsigned_char$8")]
    [InlineData("sizeof ( const volatile double )", "float$64")]
    [InlineData("sizeof ( long double )", "float$128")]
    [InlineData("sizeof ( _Complex float )", "complex$64")]
    [InlineData("sizeof ( _Bool )", "bool$8")]
    [InlineData("sizeof ( void * )", "__PTR_void")]
    [InlineData("sizeof ( char * const * )", "__PTR___PTR_signed_char$8")]
    [InlineData("sizeof ( int [ 3 ] [ 0x2 ] )", "__ARR3___ARR2_int$32")]
    [InlineData("sizeof ( int * [ 2 ] )", "__ARR2___PTR_int$32")]
    public void Built_in_types_pointers_and_arrays_are_understood(string tokens, string expected)
    {
        Assert.Equal(expected, Parse(tokens));
    }

    [Fact]
    public void Typedef_names_and_tags_take_the_types_clang_resolved()
    {
        CType named = DataModel.Lp64.Builtin(BuiltinKind.UnsignedShort);
        Assert.Equal("uint$16", Parse("sizeof ( my_t )", named));
        Assert.Equal("__PTR_uint$16", Parse("sizeof ( struct tag * )", named));
    }

    [Theory]
    [InlineData("sizeof x")]
    [InlineData("_Alignof ( int )")]
    [InlineData("sizeof ( int ( * ) ( void ) )")]
    [InlineData("sizeof ( int [ n ] )")]
    [InlineData("sizeof ( __typeof__ ( x ) )")]
    public void Forms_it_does_not_understand_give_no_type(string tokens)
    {
        Assert.Null(Parse(tokens));
    }
}
