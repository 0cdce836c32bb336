// Placing insertions and replacements in the original bytes (SourceRewriter).
using System.Text;
using Liballocs.Instrument.Emit;

namespace Liballocs.Tests.Instrument;

public class SourceRewriterTests
{
    private static string Apply(string original, params SourceInsertion[] insertions) =>
        Encoding.UTF8.GetString(SourceRewriter.Apply(Encoding.UTF8.GetBytes(original), insertions));

    [Fact]
    public void A_replacement_takes_the_place_of_its_bytes_after_the_text_inserted_at_the_same_offset()
    {
        Assert.Equal("p = check(ALLOCA(n, d));",
            Apply("p = alloca(n);", new SourceInsertion(4, SourceInsertion.ReplacementOrder, "ALLOCA", 6), new SourceInsertion(4, 1, "check("),
                new SourceInsertion(13, -1, ")"), new SourceInsertion(12, SourceInsertion.ReplacementOrder, ", d")));
    }

    [Fact]
    public void A_frame_mark_goes_before_everything_else_at_its_offset()
    {
        Assert.Equal("{ MARK REC x", Apply("{ x", new SourceInsertion(1, 0, " REC"), new SourceInsertion(1, SourceInsertion.FrameMarkOrder, " MARK")));
    }

    [Fact]
    public void Replacing_a_line_break_or_text_inside_a_replacement_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Apply("a\nb", new SourceInsertion(0, 0, "x", 2)));
        Assert.Throws<ArgumentException>(() => Apply("abcd", new SourceInsertion(0, 0, "x", 3), new SourceInsertion(1, 0, "y")));
    }
}
