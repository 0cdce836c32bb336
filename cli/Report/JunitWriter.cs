// JUnit XML, the test-report format CI servers (GitLab, Jenkins, GitHub actions' test reporters) display.
using System.Globalization;
using System.Xml;

namespace Liballocs.Cli.Report;

/// <summary>
/// Writes one JUnit test suite, <c>liballocs</c>, with one test case per finding: failed when it fails the run, skipped (with
/// the reason) when suppressed or in the baseline. The class name is the cast's file, the test name
/// <see cref="Finding.StableName"/> (no line numbers, so CI's comparison of test results across runs follows a finding that moved).
/// </summary>
public static class JunitWriter
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/> as UTF-8 XML.</summary>
    public static void Write(Stream stream, MergedReport report)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using var w = XmlWriter.Create(stream, settings);
        var inv = CultureInfo.InvariantCulture;
        var findings = report.Ordered;
        var failures = report.Failing.ToString(inv);
        var skipped = findings.Count(f => !f.Fails).ToString(inv);
        w.WriteStartDocument();
        // The totals go on both levels: some readers take the suite's, some the root's.
        foreach (var element in (string[])["testsuites", "testsuite"])
        {
            w.WriteStartElement(element);
            w.WriteAttributeString("name", "liballocs");
            w.WriteAttributeString("tests", findings.Count.ToString(inv));
            w.WriteAttributeString("failures", failures);
            w.WriteAttributeString("errors", "0");
            w.WriteAttributeString("skipped", skipped);
        }
        w.WriteStartElement("properties");
        Property(w, "processes", report.Log.Processes.ToString(inv));
        Property(w, "checks", report.Log.Checks.ToString(inv));
        Property(w, "unknown_storage", report.Log.UnknownStorage.ToString(inv));
        w.WriteEndElement();
        foreach (var f in findings)
        {
            w.WriteStartElement("testcase");
            w.WriteAttributeString("classname", report.SourceRoot.Relative(f.Key.Cast.File) ?? "unknown");
            w.WriteAttributeString("name", f.StableName(report.SourceRoot));
            if (f.Key.Cast.File is not null)
            {
                w.WriteAttributeString("file", report.SourceRoot.Relative(f.Key.Cast.File));
                w.WriteAttributeString("line", f.Key.Cast.Line.ToString(inv));
            }
            if (f.Fails)
            {
                w.WriteStartElement("failure");
                w.WriteAttributeString("type", ReportRules.IdOf(f.Key));
                w.WriteAttributeString("message", SarifWriter.Message(f));
                w.WriteString(Details(f, report.SourceRoot));
                w.WriteEndElement();
            }
            else
            {
                w.WriteStartElement("skipped");
                w.WriteAttributeString("message", f.Suppression ?? "in the baseline");
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static void Property(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("property");
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("value", value);
        w.WriteEndElement();
    }

    // The failure's body: the message, programs and stack, as a person reads them in the CI view.
    private static string Details(Finding f, SourceRoot root)
    {
        var lines = new List<string> { f.Title(root), SarifWriter.Message(f) };
        if (f.Key.AllocationSite is { } site)
            lines.Add($"allocated at {root.Relative(site)}{(site.Function is { } fn ? $" in {fn}" : "")}");
        if (f.Programs.Count > 0)
            lines.Add($"programs: {string.Join(", ", f.Programs)}");
        lines.AddRange(f.Stack.Select((s, i) => $"#{i} {root.Relative(s).AsFrame}"));
        return string.Join('\n', lines) + "\n";
    }
}
