using Liballocs.Cli;

namespace Liballocs.Tests.Cli;

public class ProcessRunnerTests
{
    [Fact]
    public void Stream_hands_over_every_line_of_both_streams_and_the_exit_status()
    {
        var lines = new List<string>();
        var exit = ProcessRunner.Stream("sh", ["-c", "echo out; echo err >&2; exit 3"], Environment.CurrentDirectory, null, lines.Add);
        Assert.Equal(3, exit);
        Assert.Equal(["err", "out"], lines.Order());
    }

    [Fact]
    public void An_exception_of_the_line_handler_reaches_the_caller_after_the_process_ended()
    {
        var file = Path.Combine(Path.GetTempPath(), $"stream-{Guid.NewGuid():N}");
        try
        {
            var e = Assert.Throws<IOException>(() => ProcessRunner.Stream("sh", ["-c", $"echo one; echo two; touch {file}"],
                Environment.CurrentDirectory, null, _ => throw new IOException("log full")));
            Assert.Equal("log full", e.Message);
            Assert.True(File.Exists(file), "the process ran to its end");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Run_kills_a_program_past_its_time_limit_and_says_so()
    {
        var run = ProcessRunner.Run("sh", ["-c", "echo started; exec sleep 600"], Environment.CurrentDirectory, timeoutSeconds: 1);
        Assert.True(run.TimedOut);
        Assert.Equal(-1, run.ExitCode);
        Assert.Equal("started\n", run.Stdout);
        Assert.EndsWith("sh did not finish in 1 s", run.Stderr);
    }
}
