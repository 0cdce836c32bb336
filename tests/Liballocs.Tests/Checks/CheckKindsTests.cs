using System.Text.RegularExpressions;
using Liballocs.Checks;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Checks;

public partial class CheckKindsTests
{
    [GeneratedRegex(@"X\((\w+),\s*(\d+),\s*""(\w+)""\)")]
    private static partial Regex Row();

    [Fact]
    public void The_table_mirrors_the_X_macro_of_liballocs_checks_h()
    {
        var header = File.ReadAllText(Path.Combine(Repo.Root, "checks", "include", "liballocs_checks.h"));
        var rows = Row().Matches(header).Select(m => (uint.Parse(m.Groups[2].Value), m.Groups[3].Value)).ToList();
        Assert.Equal(rows, CheckKinds.All.Select(k => ((uint)k.Kind, k.Name)));
    }

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

    [Fact]
    public void Interop_structs_have_the_C_layouts()
    {
        unsafe
        {
            Assert.Equal(56, sizeof(Liballocs.Checks.Interop.CastSite));
            Assert.Equal(48, sizeof(Liballocs.Checks.Interop.CheckFact));
        }
    }
}
