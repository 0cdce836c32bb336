using Liballocs.Runtime.Memory;

namespace Liballocs.Tests.Runtime;

public class ProcMapsTests
{
    [Fact]
    public void A_file_mapping_line_parses_into_range_permissions_offset_and_path()
    {
        var m = ProcMaps.Parse("7f12e000-7f12f000 r-xp 00001000 08:01 1234                       /usr/lib/x86_64-linux-gnu/libc.so.6");
        Assert.NotNull(m);
        Assert.Equal((nuint)0x7f12e000, m.Value.Start);
        Assert.Equal((nuint)0x7f12f000, m.Value.End);
        Assert.Equal("r-xp", m.Value.Permissions);
        Assert.Equal(0x1000ul, m.Value.FileOffset);
        Assert.Equal("/usr/lib/x86_64-linux-gnu/libc.so.6", m.Value.Path);
        Assert.True(m.Value.Readable);
    }

    [Fact]
    public void An_anonymous_mapping_has_an_empty_path()
    {
        var m = ProcMaps.Parse("7ffd1000-7ffd3000 rw-p 00000000 00:00 0 ");
        Assert.Equal("", m!.Value.Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("zz-10 r--p 0 0:0 0")]
    public void A_malformed_line_is_rejected(string line) => Assert.Null(ProcMaps.Parse(line));

    [Fact]
    public void The_test_process_own_stack_is_found_and_readable()
    {
        var maps = new ProcMaps();
        var local = 0;
        unsafe
        {
            var address = (nuint)(&local);
            var m = maps.Find(address);
            Assert.NotNull(m);
            Assert.True(m.Value.Contains(address));
            Assert.True(maps.IsReadable(address, 4));
        }
    }

    [Fact]
    public void Unmapped_and_kernel_addresses_are_not_found()
    {
        var maps = new ProcMaps();
        Assert.Null(maps.Find(1));
        Assert.Null(maps.Find(unchecked((nuint)0xffffffff81000000ul)));
        Assert.False(maps.IsReadable(1, 1));
    }
}
