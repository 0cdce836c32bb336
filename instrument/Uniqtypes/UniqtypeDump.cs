// A stable text rendering of uniqtypes for golden files.
using System.Globalization;
using System.Text;

namespace Liballocs.Instrument.Uniqtypes;

/// <summary>A stable, human-readable text rendering of uniqtypes, for golden-file tests and debugging.</summary>
internal static class UniqtypeDump
{
    /// <summary>
    /// One paragraph per uniqtype, sorted by name (ordinal): a header line with kind, size, flags,
    /// count, target and related type, then one line per member, parameter or enumerator. Lines end with '\n'.
    /// </summary>
    public static string Render(IEnumerable<Uniqtype> uniqtypes)
    {
        var text = new StringBuilder();
        foreach (Uniqtype u in uniqtypes.OrderBy(u => u.Name, StringComparer.Ordinal))
        {
            text.Append(u.Name).Append(": ").Append(u.Kind.ToString().ToLowerInvariant());
            if (!u.IsDefined)
            {
                text.Append(" (declared only)");
            }

            text.Append(" size=").Append(u.Size is ulong size ? size.ToString(CultureInfo.InvariantCulture) : "unknown");
            if (u.Flags != UniqtypeFlags.None)
            {
                text.Append(" flags=").Append(u.Flags.ToString().Replace(", ", "|", StringComparison.Ordinal));
            }

            text.Append(" count=").Append(u.Count.ToString(CultureInfo.InvariantCulture));
            if (u.Target is not null)
            {
                text.Append(" target=").Append(u.Target.Name);
            }

            if (u.Related is not null)
            {
                text.Append(" related=").Append(u.Related.Name);
            }

            text.Append('\n');
            for (int i = 0; i < u.Members.Count; i++)
            {
                UniqtypeMember m = u.Members[i];
                string label = u.Kind == UniqtypeKind.Subprogram ? $"(parameter {i})" : m.Name ?? "(anonymous)";
                text.Append("  ").Append(label).Append(" @").Append(m.Offset.ToString(CultureInfo.InvariantCulture));
                if (m.BitSize != 0)
                {
                    text.Append('+').Append(m.BitOffset.ToString(CultureInfo.InvariantCulture)).Append("b:")
                        .Append(m.BitSize.ToString(CultureInfo.InvariantCulture)).Append('b');
                }

                text.Append(' ').Append(m.Type.Name).Append('\n');
            }

            foreach (UniqtypeEnumerator e in u.Enumerators)
            {
                text.Append("  ").Append(e.Name).Append(" = ").Append(e.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return text.ToString();
    }
}
