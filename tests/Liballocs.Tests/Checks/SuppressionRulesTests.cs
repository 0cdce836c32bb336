using Liballocs.Checks.Suppressions;

namespace Liballocs.Tests.Checks;

public class SuppressionRulesTests
{
    private const string Example = """
        check:like_a                    # every like_a failure
        type:struct sockaddr*           # by expected type (C spelling)
        function:legacy_*               # by the function containing the cast
        file:*/third_party/*            # by the source file of the cast
        alloc_site:*/pool.c:120         # by allocation site, file:line
        """;

    private static SuppressionSubject Subject(string check = "is_a", string type = "struct circle *", string? function = "draw",
        string? file = "/src/shapes.c", string? allocSite = "/src/shapes.c:17") => new(check, type, function, file, allocSite);

    [Fact]
    public void The_README_example_parses_without_problems()
    {
        var rules = SuppressionRules.Parse("supp.txt", Example);
        Assert.Empty(rules.Problems);
        Assert.Equal(5, rules.Rules.Count);
        Assert.Equal(new SuppressionRule(SuppressionField.AllocSite, "*/pool.c:120", 5), rules.Rules[4]);
    }

    [Fact]
    public void Each_field_matches_its_part_of_the_report()
    {
        var rules = SuppressionRules.Parse("supp.txt", Example);
        Assert.Null(rules.Match(Subject()));
        Assert.Equal(SuppressionField.Check, rules.Match(Subject(check: "like_a"))!.Field);
        Assert.Equal(SuppressionField.Type, rules.Match(Subject(type: "struct sockaddr_in *"))!.Field);
        Assert.Equal(SuppressionField.Function, rules.Match(Subject(function: "legacy_parse"))!.Field);
        Assert.Equal(SuppressionField.File, rules.Match(Subject(file: "/src/third_party/zlib/inflate.c"))!.Field);
        Assert.Equal(SuppressionField.AllocSite, rules.Match(Subject(allocSite: "/src/lib/pool.c:120"))!.Field);
    }

    [Fact]
    public void Patterns_match_the_whole_value()
    {
        var rules = SuppressionRules.Parse("s", "function:draw");
        Assert.NotNull(rules.Match(Subject(function: "draw")));
        Assert.Null(rules.Match(Subject(function: "redraw")));
        Assert.Null(rules.Match(Subject(function: "draw_all")));
    }

    [Fact]
    public void An_unknown_allocation_site_matches_no_alloc_site_rule()
    {
        var rules = SuppressionRules.Parse("s", "alloc_site:*");
        Assert.Null(rules.Match(Subject(allocSite: null)));
    }

    [Fact]
    public void Malformed_lines_get_one_message_each_and_the_other_rules_still_apply()
    {
        var rules = SuppressionRules.Parse("supp.txt", "# header\n\nfunction draw\nfun:draw\ncheck:\ncheck:is_b\nfile:/src/*\n");
        Assert.Equal(
        [
            "liballocs: supp.txt:3: expected FIELD:PATTERN, got 'function draw'",
            "liballocs: supp.txt:4: unknown field 'fun' (expected check, type, function, file, alloc_site, cast)",
            "liballocs: supp.txt:5: empty pattern after 'check:'",
            "liballocs: supp.txt:6: 'is_b' matches no check (expected one of is_a, like_a, loosely_like_a, named_a, is_a_function_refining, is_a_pointer_of_degree)",
        ], rules.Problems);
        Assert.NotNull(rules.Match(Subject()));
    }

    [Fact]
    public void A_missing_file_is_one_problem()
    {
        var rules = SuppressionRules.Load("/nonexistent/supp.txt");
        Assert.Single(rules.Problems);
        Assert.StartsWith("liballocs: cannot read suppressions file /nonexistent/supp.txt", rules.Problems[0]);
        Assert.Empty(rules.Rules);
    }

    [Theory]
    [InlineData("*", "", true)]
    [InlineData("a*c", "abbbc", true)]
    [InlineData("a*c", "abbbd", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("*/pool.c:1*", "/x/pool.c:120", true)]
    [InlineData("**a", "ba", true)]
    public void Globs_match_stars_and_question_marks(string pattern, string value, bool matches) =>
        Assert.Equal(matches, Glob.Matches(pattern, value));
}
