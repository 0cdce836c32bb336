// The C# side of the contract (Liballocs.Contract, generated from the C headers) against the C compiler's reading of the same
// headers: every enumeration member, flag, constant and table row must have the value gcc gives its C name.
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text;
using Liballocs.Tests.Support;

namespace Liballocs.Tests.Runtime;

public sealed class ContractTests
{
    private static readonly Assembly Contract = typeof(CheckKind).Assembly;

    // Every C name the generated code names, with the value C# gives it.
    private static List<(string CName, ulong Value)> GeneratedValues()
    {
        var values = new List<(string, ulong)>();
        foreach (var type in Contract.GetExportedTypes())
        {
            if (type.IsEnum)
            {
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                {
                    if (field.GetCustomAttribute<DescriptionAttribute>() is { } c)
                        values.Add((c.Description, Convert.ToUInt64(field.GetValue(null), CultureInfo.InvariantCulture)));
                }
            }
            else if (type.Name.EndsWith("Header", StringComparison.Ordinal))
            {
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
                    values.Add((field.Name, Convert.ToUInt64(field.GetRawConstantValue(), CultureInfo.InvariantCulture)));
            }
        }
        return values;
    }

    // The #include lines of every header of the contract (contract/include).
    private static string IncludeContract() =>
        string.Concat(new[] { "uniqtype.h", "liballocs_meta.h", "liballocs_checks.h", "shim_api.h", "allocs.h" }.Select(h => $"#include \"{h}\"\n"));

    // Runs a C program including the contract's headers, with `body` inside main; returns its standard output.
    private static string RunC(string body)
    {
        var source = new StringBuilder();
        source.AppendLine("#include <stdio.h>");
        source.Append(IncludeContract());
        source.AppendLine("#include <stddef.h>");
        source.AppendLine("int main(void) {");
        source.AppendLine(body);
        source.AppendLine("return 0; }");
        var dir = Processes.TempDirectory("contract");
        var c = Path.Combine(dir, "contract.c");
        var exe = Path.Combine(dir, "contract");
        File.WriteAllText(c, source.ToString());
        var build = Processes.Run("gcc", ["-std=gnu11", "-I", Repo.Include, "-o", exe, c]);
        Assert.True(build.ExitCode == 0, build.Stderr);
        var run = Processes.Run(exe, []);
        Directory.Delete(dir, recursive: true);
        Assert.Equal(0, run.ExitCode);
        return run.Stdout;
    }

    [Fact]
    public void Every_generated_enumeration_member_flag_and_constant_has_the_value_the_C_compiler_gives_its_name()
    {
        var generated = GeneratedValues();
        // The families the runtime, the instrumenter and the checks use: all must be there.
        foreach (var name in new[] { "UNIQTYPE_KIND_COMPOSITE", "UNIQTYPE_F_UNION", "UNIQTYPE_F_SYNTHETIC", "UNIQTYPE_SIZE_UNKNOWN",
            "LIBALLOCS_ALLOCSITE_F_INNER", "LIBALLOCS_STACK_F_SCOPE_ENDED", "LIBALLOCS_META_VERSION", "LIBALLOCS_SHIM_API_VERSION" })
            Assert.Contains(generated, g => g.CName == name);
        var body = string.Concat(generated.Select(g => $"printf(\"%s %llu\\n\", \"{g.CName}\", (unsigned long long)({g.CName}));\n"));
        var fromC = RunC(body).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')).Select(p => (p[0], ulong.Parse(p[1], CultureInfo.InvariantCulture)));
        Assert.Equal(fromC, generated);
    }

    [Fact]
    public void Every_generated_table_has_the_rows_the_C_preprocessor_expands()
    {
        var tables = Contract.GetExportedTypes().Where(t => t.GetField("CMacro") is not null).ToList();
        Assert.Contains(typeof(CheckKindTable), tables);
        Assert.Contains(typeof(RtEntryTable), tables);
        Assert.Contains(typeof(SitedEntryTable), tables);
        var body = new StringBuilder("#define ROW(name, value, text) printf(\"%s %u %s\\n\", #name, (unsigned)(value), text);\n");
        var expected = new List<string>();
        foreach (var table in tables)
        {
            body.Append(CultureInfo.InvariantCulture, $"puts(\"{table.Name}\");\n{table.GetField("CMacro")!.GetRawConstantValue()}(ROW)\n");
            expected.Add(table.Name);
            var rows = (System.Collections.IEnumerable)table.GetProperty("Rows")!.GetValue(null)!;
            foreach (var row in rows)
            {
                var t = (System.Runtime.CompilerServices.ITuple)row;
                expected.Add($"{t[1]} {Convert.ToUInt32(t[0], CultureInfo.InvariantCulture)} {t[2]}");
            }
        }
        Assert.Equal(RunC(body.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries), expected);
    }

    [Fact]
    public void Check_kinds_are_the_enumerators_the_table_defines_in_C()
    {
        const string body = """
            #define ENUMERATOR(name, value, text) printf("%u\n", (unsigned)LIBALLOCS_CHECK_##name);
            LIBALLOCS_CHECK_KINDS(ENUMERATOR)
            """;
        Assert.Equal(RunC(body).Split('\n', StringSplitOptions.RemoveEmptyEntries),
            CheckKindTable.Rows.Select(r => ((uint)r.Value).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(Enum.GetValues<CheckKind>().Length, CheckKindTable.Rows.Count);
    }

    // Every [CStruct] mirror in the assemblies that may hold one: the contract's (contract/Interop), the checks' and the
    // runtime's.
    private static List<(Type Mirror, string CType)> Mirrors() =>
        [.. new[] { Contract, typeof(Liballocs.Checks.CheckSession).Assembly, typeof(Liballocs.Runtime.Exports).Assembly }
            .SelectMany(a => a.GetTypes())
            .Select(t => (t, t.GetCustomAttribute<CStructAttribute>()?.CType))
            .Where(m => m.Item2 is not null).Select(m => (m.t, m.Item2!))];

    [Fact]
    public void Every_structure_mirror_has_the_C_size_and_each_field_the_C_offset_and_size()
    {
        var mirrors = Mirrors();
        Assert.Contains(mirrors, m => m.CType == "struct __liballocs_shim_api");
        Assert.Contains(mirrors, m => m.CType == "struct __liballocs_castsite");
        var expected = new List<string>();
        var body = new StringBuilder();
        foreach (var (mirror, cType) in mirrors)
        {
            expected.Add($"{cType} size {System.Runtime.InteropServices.Marshal.SizeOf(mirror)}");
            body.Append(CultureInfo.InvariantCulture, $"printf(\"%s size %zu\\n\", \"{cType}\", sizeof({cType}));\n");
            foreach (var field in mirror.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            {
                var name = field.Name.TrimStart('@');
                var size = field.FieldType.IsPointer || field.FieldType.IsFunctionPointer || field.FieldType.IsUnmanagedFunctionPointer
                    ? IntPtr.Size : System.Runtime.InteropServices.Marshal.SizeOf(field.FieldType.IsEnum ? Enum.GetUnderlyingType(field.FieldType) : field.FieldType);
                expected.Add($"{cType}.{name} {System.Runtime.InteropServices.Marshal.OffsetOf(mirror, field.Name)} {size}");
                body.Append(CultureInfo.InvariantCulture,
                    $"printf(\"%s.%s %zu %zu\\n\", \"{cType}\", \"{name}\", offsetof({cType}, {name}), sizeof(((({cType} *)0)->{name})));\n");
            }
        }
        Assert.Equal(RunC(body.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries), expected);
    }

    // The offsets test above cannot see a C field the mirror lacks (one in the mirror's tail padding, or two fields the mirror
    // reads as one): libclang, through the instrumenter's catalogue of uniqtypes, lists each structure's members, which must
    // be the mirror's fields in the same order.
    [Fact]
    public void Every_C_field_of_a_mirrored_structure_has_a_mirror_field_in_the_same_order()
    {
        var mirrors = Mirrors();
        var source = new StringBuilder();
        source.Append(IncludeContract());
        source.AppendLine("void use(void *p)\n{");
        for (var i = 0; i < mirrors.Count; i++)
            source.AppendLine(CultureInfo.InvariantCulture, $"  {mirrors[i].CType} *v{i} = ({mirrors[i].CType} *) p; (void) v{i};");
        source.AppendLine("}");
        var result = Liballocs.Tests.Instrument.Instrumenting.Source(source.ToString(), "-I", Repo.Include);
        Assert.NotNull(result.Output);
        foreach (var (mirror, cType) in mirrors)
        {
            var tag = cType["struct ".Length..];
            var composite = Assert.Single(result.Uniqtypes, u => u.Name == tag && u.IsDefined);
            var fields = mirror.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .OrderBy(f => System.Runtime.InteropServices.Marshal.OffsetOf(mirror, f.Name)).Select(f => f.Name.TrimStart('@'));
            Assert.Equal([.. composite.Members.Select(m => $"{cType}.{m.Name}")], [.. fields.Select(f => $"{cType}.{f}")]);
        }
    }
}
