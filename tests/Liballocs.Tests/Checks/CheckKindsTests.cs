// The check kinds' names; their values against the C header: Runtime/ContractTests.cs.
using Liballocs.Checks;

namespace Liballocs.Tests.Checks;

public class CheckKindsTests
{
    [Fact]
    public void Names_parse_back_to_their_kinds()
    {
        foreach (var (kind, name) in CheckKinds.All)
        {
            Assert.True(CheckKinds.TryParse(name, out var parsed));
            Assert.Equal(kind, parsed);
            Assert.Equal(name, CheckKinds.NameOf(kind));
        }
        Assert.False(CheckKinds.TryParse("is_b", out _));
    }
}
