// Which file-scope definitions go into the statics table (StaticsFinder).
using Liballocs.Instrument.Instrumentation;

namespace Liballocs.Tests.Instrument;

public class StaticsFinderTests
{
    [Fact]
    public void Functions_and_file_scope_variable_definitions_are_listed_once_and_declarations_are_not()
    {
        string path = Instrumenting.WriteSource("""
            int tentative;
            int tentative;
            extern int declared_only;
            extern int defined_later;
            int defined_later = 3;
            static const char name[] = "x";
            static volatile int flag;
            _Thread_local int per_thread;
            int later_sized[];
            int later_sized[10];
            static int helper(void) { static int block_scope; return block_scope + flag; }
            static inline int quick(void) { return 1; }
            inline int c99_inline(void) { return 2; }
            int api(void);
            int api(void) { return helper() + quick() + name[0] + declared_only + per_thread; }
            int (*const hook)(void) = helper;
            """);
        InstrumentationResult result = Instrumenting.File(path);
        // quick is only called, so no pointer to it can exist: listing it would force an out-of-line copy.
        Assert.Equal(["tentative", "defined_later", "name", "flag", "later_sized", "helper", "api", "hook"], result.Statics.Select(s => s.Name));
        Assert.Equal("__ARR10_int$32", Instrumenting.NameOf(result.Statics.Single(s => s.Name == "later_sized").Type));
        Assert.Contains("{ .addr = (const void *)(__UINTPTR_TYPE__)&name, .name = \"name\", .type = &__liballocs_uniqtype_", Instrumenting.Text(result));
        Assert.Contains(", .size = sizeof (name) },", Instrumenting.Text(result));
        Assert.Contains(".name = \"helper\", .type = &__liballocs_uniqtype_", Instrumenting.Text(result));
        Instrumenting.AssertCompiles(result, path, "-Wall", "-Wextra", "-Wcast-qual", "-Werror", "-Wno-unused-function");
    }

    [Fact]
    public void Internal_definitions_are_listed_only_when_the_compiler_emits_them_and_a_pointer_to_them_can_exist()
    {
        string path = Instrumenting.WriteSource("""
            void defined_nowhere(int);
            static inline void unused_inline(int n) { defined_nowhere(n); }
            static void reached_only_from_unused(void) { unused_inline(1); }
            static void unused(void) { reached_only_from_unused(); }
            static int table_entry(int x) { return x; }
            static int (*const table[])(int) = { table_entry };
            static int counter;
            static int only_in_unused;
            static void bump(void) { counter++; }
            static void never(void) { only_in_unused++; }
            static int kept __attribute__((used)) = 1;
            #define __attribute_used__ __attribute__((__used__))
            static int kept_by_macro __attribute_used__ = 3;
            static const int in_a_set __attribute__((section("myset"))) = 2;
            static void at_start(void) __attribute__((constructor));
            static void at_start(void) { bump(); }
            int api(int x) { return table[0](x) + counter; }
            """);
        InstrumentationResult result = Instrumenting.File(path);
        Assert.Equal(["table_entry", "table", "counter", "kept", "kept_by_macro", "in_a_set", "api"], result.Statics.Select(s => s.Name));
        Assert.DoesNotContain("unused_inline", Instrumenting.Text(result).Split("__liballocs_statics[]")[1]);
        Instrumenting.AssertCompiles(result, path, "-Wall", "-Wno-unused-function", "-Werror");
    }

    [Fact]
    public void A_deprecated_definition_in_the_table_does_not_warn()
    {
        string path = Instrumenting.WriteSource("""
            __attribute__((deprecated)) int old_api(void);
            int old_api(void) { return 1; }
            __attribute__((deprecated)) int old_global = 2;
            """);
        InstrumentationResult result = Instrumenting.File(path);
        Assert.Equal(["old_api", "old_global"], result.Statics.Select(s => s.Name));
        Instrumenting.AssertCompiles(result, path, "-c", "-Wall", "-Wextra", "-Werror");
    }

    [Fact]
    public void Macros_of_the_program_named_like_fields_of_the_tables_leave_the_tables_intact()
    {
        // pcre2's test program defines `count` and keeps it: the tables' designators (.count, .size, .type...) must not expand.
        string path = Instrumenting.WriteSource("""
            #include <stdlib.h>
            struct node { int count; struct node *next; };
            struct node *make(void) { return malloc(sizeof(struct node)); }
            #define count (int)(sizeof(long) / sizeof(int))
            #define size 4
            #define type int
            #define next oops
            #define line __LINE__
            int use(void) { return count + size; }
            """);
        InstrumentationResult result = Instrumenting.File(path);
        string text = Instrumenting.Text(result);
        foreach (string field in new[] { "count", "size", "type", "next", "line" })
        {
            Assert.Contains($"#pragma push_macro(\"{field}\")\n#undef {field}\n", text);
            Assert.Contains($"#pragma pop_macro(\"{field}\")", text);
        }
        Instrumenting.AssertCompiles(result, path, "-Wall", "-Wextra", "-Werror");
        Instrumenting.AssertCompilesWithClang(result, path, "-Wall", "-Wextra", "-Werror");
    }

    [Fact]
    public void A_static_whose_name_is_defined_as_a_macro_after_it_is_still_listed_by_its_name()
    {
        string path = Instrumenting.WriteSource("""
            static int level;
            int get_level(void) { return level; }
            #define level get_level()
            int twice(void) { return level * 2; }
            """);
        InstrumentationResult result = Instrumenting.File(path);
        Assert.Contains("{ .addr = (const void *)(__UINTPTR_TYPE__)&level, .name = \"level\"", Instrumenting.Text(result));
        Assert.Contains("#pragma pop_macro(\"level\")", Instrumenting.Text(result));
        Instrumenting.AssertCompiles(result, path, "-Wall", "-Wextra", "-Werror");
        Instrumenting.AssertCompilesWithClang(result, path, "-Wall", "-Wextra", "-Werror");
    }

    [Fact]
    public void An_array_never_completed_is_listed_with_no_size()
    {
        string path = Instrumenting.WriteSource("int arr[];\nint first(void) { return arr[0]; }\n");
        InstrumentationResult result = Instrumenting.File(path);
        Assert.Contains("{ .addr = (const void *)(__UINTPTR_TYPE__)&arr, .name = \"arr\", .type = &__liballocs_uniqtype_", Instrumenting.Text(result));
        Assert.DoesNotContain("sizeof (arr)", Instrumenting.Text(result));
        Instrumenting.AssertCompiles(result, path); // gcc warns that arr is assumed to have one element
    }
}
