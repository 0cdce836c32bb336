using Liballocs.Cli.Suite;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Cli;

public sealed class SuiteCommandTests : IDisposable
{
    private readonly string dir = Processes.TempDirectory("suite");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Trx(string counters)
    {
        var path = Path.Combine(dir, "t.trx");
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="1" name="run" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <ResultSummary outcome="Failed">
                {counters}
              </ResultSummary>
            </TestRun>
            """);
        return path;
    }

    [Fact]
    public void A_trx_file_s_counters_give_passed_and_failed_with_errors_timeouts_and_aborts_counted_as_failed()
    {
        var path = Trx("""<Counters total="12" executed="12" passed="7" failed="2" error="1" timeout="1" aborted="1" inconclusive="0" />""");
        Assert.Equal((7, 5), SuiteCommand.TrxCounts(path));
    }

    [Fact]
    public void A_missing_trx_file_or_one_without_counters_gives_nothing()
    {
        Assert.Null(SuiteCommand.TrxCounts(Path.Combine(dir, "none.trx")));
        Assert.Null(SuiteCommand.TrxCounts(Trx("")));
    }
}
