// Splitting ALLOCSCC_CC and quoting command lines for verbose output (ShellWords).
using Liballocs.Instrument.Driver;

namespace Liballocs.Tests.Instrument;

public class ShellWordsTests
{
    [Fact]
    public void Words_split_at_unquoted_spaces_and_quotes_group()
    {
        Assert.Equal(["ccache", "my cc", "-DX=a b", "it's"], ShellWords.Split("  ccache 'my cc' \"-DX=a b\" it\\'s "));
        Assert.Empty(ShellWords.Split("   "));
    }

    [Fact]
    public void Joined_words_split_back_into_the_same_words()
    {
        string[] words = ["gcc", "-DMSG=\"hi there\"", "a b.c", "it's", "-o", "x"];
        Assert.Equal(words, ShellWords.Split(ShellWords.Join(words)));
    }
}
