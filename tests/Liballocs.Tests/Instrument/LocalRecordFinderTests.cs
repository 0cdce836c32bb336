// Which parameters and locals get stack records, and where the records go (LocalRecordFinder).
using Liballocs.Instrument.Instrumentation;
using Liballocs.Instrument.Locals;

namespace Liballocs.Tests.Instrument;

public class LocalRecordFinderTests
{
    /// <summary>Instruments <paramref name="source"/>, checks the output compiles warning-free, and returns the result.</summary>
    private static InstrumentationResult Instrument(string source, params string[] flags)
    {
        string path = Instrumenting.WriteSource(source);
        InstrumentationResult result = Instrumenting.File(path, flags);
        Instrumenting.AssertCompiles(result, path, ["-Wall", "-Wextra", "-Werror", .. flags]);
        return result;
    }

    private static List<string> Recorded(InstrumentationResult result) => [.. result.Locals.Select(l => l.Name)];

    [Fact]
    public void A_local_whose_address_is_taken_is_activated_right_after_its_declaration_in_a_frame_linked_at_the_top_of_the_body()
    {
        InstrumentationResult result = Instrument("void use(int *);\nvoid f(void)\n{\n  int x = 1;\n  use(&x);\n}\n");
        LocalVariable local = Assert.Single(result.Locals);
        Assert.Equal(("x", 4, 7, false, 0, null), (local.Name, local.Line, local.Column, local.IsParameter, local.Slot, local.ScopeEnd));
        Assert.Equal("{ __extension__ struct __liballocs_stack_record __liballocs_frame[1] __attribute__((__cleanup__(__liballocs_hook_stack_pop_frame)));"
            + " __extension__ struct __liballocs_stack_record *__liballocs_frame_top __attribute__((__unused__)) = __liballocs_hook_stack_push_frame(__liballocs_frame, 1);",
            Instrumenting.Line(result, 3));
        Assert.Equal("  int x = 1; __extension__ struct __liballocs_stack_record *__liballocs_rec_0 __attribute__((__unused__)) = "
            + "__liballocs_hook_stack_activate(&__liballocs_frame[0], (void *)(__UINTPTR_TYPE__)&x, sizeof x, &__liballocs_locals[0], 0ul);",
            Instrumenting.Line(result, 4));
        Assert.Equal("  use(&x);", Instrumenting.Line(result, 5));
    }

    [Fact]
    public void A_block_scope_local_marks_the_end_of_its_block_and_a_vla_is_flagged_to_die_there()
    {
        InstrumentationResult result = Instrument("void use(int *);\nvoid f(int n)\n{\n  if (n) {\n    int x, v[n];\n    use(&x); use(v); }\n}\n");
        Assert.Equal(["x", "v"], Recorded(result));
        Assert.Equal([(6, 22), (6, 22)], result.Locals.Select(l => l.ScopeEnd!.Value));
        Assert.Equal([0, 1], result.Locals.Select(l => l.Slot));
        Assert.Equal([false, true], result.Locals.Select(l => l.IsVariableLength));
        string line = Instrumenting.Line(result, 5);
        Assert.Contains("*__liballocs_rec_0 __attribute__((__cleanup__(__liballocs_hook_stack_scope_end))) = "
            + "__liballocs_hook_stack_activate(&__liballocs_frame[0], (void *)(__UINTPTR_TYPE__)&x, sizeof x, &__liballocs_locals[0], 0ul);", line);
        Assert.Contains("&__liballocs_locals[1], LIBALLOCS_STACK_F_VLA);", line);
        Assert.Contains("__liballocs_frame[2]", Instrumenting.Line(result, 3));
    }

    [Fact]
    public void Arrays_are_recorded_and_pointers_never_dereferenced_through_are_not()
    {
        InstrumentationResult result = Instrument("""
            struct p { int f; };
            int g(struct p *ptr, int *q)
            {
              int arr[4] = { 0 };
              int *unused = q;
              int *field = &ptr->f;
              int *element = &q[1];
              return arr[0] + *unused + *field + *element;
            }
            """);
        Assert.Equal(["arr"], Recorded(result));
    }

    [Fact]
    public void Taking_the_address_of_a_member_or_an_element_of_a_local_records_the_local()
    {
        InstrumentationResult result = Instrument("""
            struct inner { int v; };
            struct outer { struct inner in; int w; };
            void use(int *);
            void f(void)
            {
              struct outer o = { { 1 }, 2 };
              struct outer many[2] = { { { 1 }, 2 }, { { 3 }, 4 } };
              use(&o.in.v);
              use(&(many[1].w));
            }
            """);
        Assert.Equal(["o", "many"], Recorded(result));
    }

    [Fact]
    public void A_struct_whose_array_member_is_used_is_recorded()
    {
        InstrumentationResult result = Instrument("""
            #include <string.h>
            struct name { char text[16]; int len; };
            int f(void)
            {
              struct name used, unused = { "x", 1 };
              strcpy(used.text, "hi");
              return (int)strlen(used.text) + unused.len;
            }
            """);
        Assert.Equal(["used"], Recorded(result));
    }

    [Fact]
    public void A_parameter_whose_address_is_taken_is_recorded_after_the_opening_brace()
    {
        InstrumentationResult result = Instrument("void use(int *);\nvoid f(int n, int m) {\n  use(&n);\n  (void)m;\n}\n");
        LocalVariable local = Assert.Single(result.Locals);
        Assert.True(local.IsParameter);
        Assert.StartsWith("void f(int n, int m) { __extension__ struct __liballocs_stack_record __liballocs_frame[1]", Instrumenting.Line(result, 2));
        Assert.EndsWith("__liballocs_hook_stack_activate(&__liballocs_frame[0], (void *)(__UINTPTR_TYPE__)&n, sizeof (__typeof__(n)), &__liballocs_locals[0], 0ul);",
            Instrumenting.Line(result, 2));
    }

    [Fact]
    public void A_parameter_declared_as_an_array_is_a_pointer()
    {
        InstrumentationResult result = Instrument("""
            void use(char ***);
            int f(char *argv[], char *unused[])
            {
              use(&argv);
              return unused[0][0];
            }
            """);
        LocalVariable local = Assert.Single(result.Locals);
        Assert.Equal(("argv", "__PTR___PTR_signed_char$8"), (local.Name, Instrumenting.NameOf(local.Type)));
        Assert.Contains("sizeof (__typeof__(argv))", Instrumenting.Line(result, 3));
    }

    [Fact]
    public void Static_extern_and_register_locals_are_not_recorded()
    {
        InstrumentationResult result = Instrument("""
            int shared[2];
            int f(void)
            {
              static int counter[2];
              extern int shared[2];
              register int r = 1;
              return counter[0] + shared[1] + r;
            }
            """);
        Assert.Empty(result.Locals);
    }

    [Fact]
    public void A_variable_length_array_is_recorded_as_an_array_of_unknown_length()
    {
        InstrumentationResult result = Instrument("void use(int *);\nvoid f(int n)\n{\n  int vla[n];\n  use(vla);\n}\n");
        LocalVariable local = Assert.Single(result.Locals);
        Assert.Equal("__ARR_int$32", Instrumenting.NameOf(local.Type));
    }

    [Fact]
    public void Declarations_in_a_for_loop_initialiser_are_skipped()
    {
        InstrumentationResult result = Instrument("void use(int *);\nvoid f(void)\n{\n  for (int i = 0, a[2]; i < 2; i++) use(a);\n}\n");
        Assert.Empty(result.Locals);
        Assert.Contains("LA1003", Instrumenting.DiagnosticIds(result));
    }

    [Fact]
    public void A_declaration_a_switch_can_jump_past_gets_no_scope_end_but_one_inside_a_case_block_does()
    {
        InstrumentationResult result = Instrument("""
            void use(int *);
            void f(int n)
            {
              switch (n)
              {
                int jumped[2];
              case 1:
                jumped[0] = 1;
                use(jumped);
                break;
              case 2:
              {
                int kept[2];
                use(kept);
                break;
              }
              }
            }
            """, "-Wno-switch-unreachable", "-Wno-maybe-uninitialized", "-Wno-uninitialized");
        Assert.Equal(["jumped", "kept"], Recorded(result));
        Assert.Equal([false, true], result.Locals.Select(l => l.ScopeEnd is not null));
    }

    [Fact]
    public void A_declaration_a_goto_can_jump_past_gets_no_scope_end_but_backward_and_inner_jumps_allow_one()
    {
        InstrumentationResult result = Instrument("""
            void use(int *);
            void f(int n)
            {
              if (n) goto inside;
              {
                int jumped[2];
                use(jumped);
              inside:
                n--;
              }
              {
              again:;
                int kept[2];
                use(kept);
                if (--n > 0) goto again;
              }
              {
                int also_kept[2];
                if (n) goto later;
                use(also_kept);
              later:;
              }
            }
            """);
        Assert.Equal(["jumped", "kept", "also_kept"], Recorded(result));
        Assert.Equal([false, true, true], result.Locals.Select(l => l.ScopeEnd is not null));
    }

    [Fact]
    public void A_declaration_before_a_label_whose_address_is_taken_gets_no_scope_end()
    {
        InstrumentationResult result = Instrument("""
            void use(int *);
            void f(int n)
            {
              void *target = &&inside;
              if (n) goto *target;
              {
                int jumped[2];
                use(jumped);
              inside:
                n--;
              }
            }
            """);
        Assert.Null(Assert.Single(result.Locals).ScopeEnd);
    }

    [Fact]
    public void Records_keep_c89_code_valid_under_pedantic_errors()
    {
        InstrumentationResult result = Instrument("""
            void use(int *);
            int f(int n)
            {
              int a[3];
              int b;
              use(&n);
              use(a);
              b = a[0] + n;
              return b;
            }
            """, "-std=c89", "-pedantic-errors");
        Assert.Equal(["n", "a"], Recorded(result));
    }
}
