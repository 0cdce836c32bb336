// Reading glibc's malloc/Makefile for its tests.
using Liballocs.Cli.GlibcMalloc;

namespace Liballocs.Tests.GlibcMalloc;

public class GlibcMakefileTests
{
    private const string Sample = """
        tests := mallocbug tst-malloc \
        	 tst-valloc # a comment
        tests-static := tst-interpose-static-nothread
        tests += $(tests-static)
        tests-internal := tst-scratch_buffer
        tst-mxfast-ENV = GLIBC_TUNABLES=glibc.malloc.tcache_count=0:glibc.malloc.mxfast=0
        tst-malloc-check-ENV = MALLOC_CHECK_=3 \
        		       LD_PRELOAD=$(objpfx)/libc_malloc_debug.so
        $(objpfx)tst-interpose-nothread: $(objpfx)tst-interpose-aux-nothread.o
        $(objpfx)tst-malloc-thread-exit: $(shared-thread-library)
        """;

    [Fact]
    public void Test_lists_expand_references_to_other_lists()
    {
        var m = new GlibcMakefile(Sample);
        Assert.Equal(["mallocbug", "tst-malloc", "tst-valloc", "tst-interpose-static-nothread"], m.Words("tests"));
        Assert.Equal(["tst-scratch_buffer"], m.Words("tests-internal"));
        Assert.Empty(m.Words("no-such-variable"));
    }

    [Fact]
    public void A_tests_environment_spans_continued_lines_and_names_the_object_directory()
    {
        var m = new GlibcMakefile(Sample);
        Assert.Equal([new("GLIBC_TUNABLES", "glibc.malloc.tcache_count=0:glibc.malloc.mxfast=0")], m.Environment("tst-mxfast", "/o"));
        Assert.Equal([new("MALLOC_CHECK_", "3"), new("LD_PRELOAD", "/o//libc_malloc_debug.so")], m.Environment("tst-malloc-check", "/o"));
        Assert.Empty(m.Environment("tst-malloc", "/o"));
    }

    [Fact]
    public void Extra_objects_come_from_object_prerequisites_only()
    {
        var m = new GlibcMakefile(Sample);
        Assert.Equal(["tst-interpose-aux-nothread"], m.ExtraObjects("tst-interpose-nothread"));
        Assert.Empty(m.ExtraObjects("tst-malloc-thread-exit"));
    }
}
