using Liballocs.Checks.Options;

namespace Liballocs.Tests.Checks;

public class CheckOptionsTests
{
    [Fact]
    public void Every_option_starts_at_its_default()
    {
        var o = CheckOptions.Parse(null);
        Assert.False(o.HaltOnError);
        Assert.Equal(1, o.ExitCode);
        Assert.Null(o.LogPath);
        Assert.False(o.Json);
        Assert.False(o.PrintSummary);
        Assert.Null(o.SuppressionsFile);
        Assert.Equal("auto", o.Color);
        Assert.Equal(0, o.Verbosity);
        Assert.False(o.Help);
        Assert.Empty(o.Problems);
    }

    [Fact]
    public void Colon_separated_pairs_set_options()
    {
        var o = CheckOptions.Parse("halt_on_error=1:exitcode=23:log_path=/tmp/x:report_format=json:print_summary=true:suppressions=/s:color=never:verbosity=2:help=1");
        Assert.True(o.HaltOnError);
        Assert.Equal(23, o.ExitCode);
        Assert.Equal("/tmp/x", o.LogPath);
        Assert.True(o.Json);
        Assert.True(o.PrintSummary);
        Assert.Equal("/s", o.SuppressionsFile);
        Assert.Equal("never", o.Color);
        Assert.Equal(2, o.Verbosity);
        Assert.True(o.Help);
        Assert.Empty(o.Problems);
    }

    [Fact]
    public void Empty_pairs_are_ignored()
    {
        var o = CheckOptions.Parse(":print_summary=1::");
        Assert.True(o.PrintSummary);
        Assert.Empty(o.Problems);
    }

    [Fact]
    public void An_unknown_option_gets_one_message_naming_it_and_the_rest_apply()
    {
        var o = CheckOptions.Parse("halt_on_eror=1:print_summary=1");
        Assert.Equal(["liballocs: unknown option 'halt_on_eror' in LIBALLOCS_OPTIONS; ignored (help=1 lists the options)"], o.Problems);
        Assert.False(o.HaltOnError);
        Assert.True(o.PrintSummary);
    }

    [Theory]
    [InlineData("exitcode=x", "exitcode", "expected an integer, got 'x'")]
    [InlineData("exitcode=300", "exitcode", "expected an integer from 0 to 255, got '300'")]
    [InlineData("halt_on_error=yes", "halt_on_error", "expected 0 or 1, got 'yes'")]
    [InlineData("report_format=xml", "report_format", "expected text, json, got 'xml'")]
    [InlineData("verbosity=-1", "verbosity", "expected an integer from 0 to 2, got '-1'")]
    public void A_malformed_value_gets_one_message_and_the_default(string text, string name, string problem)
    {
        var o = CheckOptions.Parse(text);
        var spec = OptionTable.Find(name)!;
        Assert.Equal([$"liballocs: option '{name}': {problem}; using the default {spec.DefaultText}"], o.Problems);
        Assert.Equal(spec.Default, o[name]);
    }

    [Fact]
    public void An_option_without_a_value_gets_one_message()
    {
        var o = CheckOptions.Parse("halt_on_error");
        Assert.Equal(["liballocs: option 'halt_on_error' has no value (expected halt_on_error=VALUE); using the default 0"], o.Problems);
    }

    [Fact]
    public void Help_lists_every_option_of_the_table_with_its_default()
    {
        var help = CheckOptions.HelpText();
        foreach (var o in OptionTable.All)
            Assert.Matches($@"\n    {o.Name} +{System.Text.RegularExpressions.Regex.Escape(o.DefaultText)} +{System.Text.RegularExpressions.Regex.Escape(o.Description)}\n", help);
    }

    [Theory]
    [InlineData(OptionTable.QuarantineSizeMb, "LIBALLOCS_QUARANTINE_DEFAULT_MB")]
    [InlineData(OptionTable.MaxMallocFillSize, "LIBALLOCS_MAX_MALLOC_FILL_SIZE_DEFAULT")]
    [InlineData(OptionTable.MallocFillByte, "LIBALLOCS_MALLOC_FILL_BYTE_DEFAULT")]
    public void The_defaults_the_C_layer_uses_are_the_table_s(string option, string macro)
    {
        var header = File.ReadAllText(Path.Combine(Support.Repo.Root, "runtime", "native", "liballocs_c.h"));
        var c = System.Text.RegularExpressions.Regex.Match(header, $@"#define {macro} (\d+)ul").Groups[1].Value;
        Assert.Equal(OptionTable.Find(option)!.Default, c);
    }

    [Fact]
    public void The_table_matches_the_options_documented_in_the_README()
    {
        var readme = File.ReadAllText(Path.Combine(Support.Repo.Root, "checks", "README.md"));
        var documented = System.Text.RegularExpressions.Regex.Matches(readme, @"^\| `(\w+)` \| (.+?) \|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal(OptionTable.All.Select(o => (o.Name, o.DefaultText)), documented);
    }
}
