namespace Liballocs.Tests.Architecture;

/// <summary>The assemblies' references follow the layers README.md names: the checks know the runtime only through the
/// contract and their own interfaces, the contract knows nobody, and the CLI reads the checks' report shapes only.</summary>
public class LayeringTests
{
    private static string[] ReferencesOf(Type t) =>
        [.. t.Assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Liballocs", StringComparison.Ordinal) || n.StartsWith("liballocs", StringComparison.Ordinal))];

    [Fact]
    public void The_checks_reference_the_contract_and_not_the_runtime()
    {
        Assert.Equal(["Liballocs.Contract"], ReferencesOf(typeof(Liballocs.Checks.CheckSession)));
    }

    [Fact]
    public void The_contract_references_no_other_assembly_of_ours()
    {
        Assert.Empty(ReferencesOf(typeof(CheckKind)));
    }

    [Fact]
    public void The_runtime_references_the_contract_and_the_checks()
    {
        Assert.Equal(["Liballocs.Checks", "Liballocs.Contract"], ReferencesOf(typeof(Liballocs.Runtime.Exports)).Order());
    }

    [Fact]
    public void The_cli_references_the_checks_and_no_other_assembly_of_ours_but_the_contract()
    {
        var references = ReferencesOf(typeof(Liballocs.Cli.Corpus.LitFile));
        Assert.Contains("Liballocs.Checks", references);
        Assert.Empty(references.Except(["Liballocs.Checks", "Liballocs.Contract"]));
    }
}
