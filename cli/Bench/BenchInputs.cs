// The workloads' inputs, made on first use: the same bytes in every run and on every machine.
using System.Globalization;
using System.Text;

namespace Liballocs.Cli.Bench;

/// <summary>Writes the suite's inputs.</summary>
public static class BenchInputs
{
    private static readonly string[] Words =
        "the of and a to in is was that for it with as his on be at by had not are but from or have".Split(' ');

    /// <summary>Writes <paramref name="path"/> unless it exists and is not empty: lines of twelve common English words and a
    /// number, about <paramref name="bytes"/> bytes (a compressor's input with the redundancy of prose).</summary>
    public static void Text(string path, long bytes)
    {
        if (Exists(path))
            return;
        var random = new SplitMix64(1);
        Write(path, w =>
        {
            long n = 0;
            var line = new StringBuilder();
            while (n < bytes)
            {
                line.Clear();
                for (var i = 0; i < 12; i++)
                    line.Append(Words[random.Below(Words.Length)]).Append(' ');
                line.Append(random.Below(1_000_000).ToString(CultureInfo.InvariantCulture)).Append('\n');
                w.Write(line);
                n += line.Length;
            }
        });
    }

    /// <summary>Writes <paramref name="path"/> unless it exists and is not empty: one JSON array of about
    /// <paramref name="bytes"/> bytes of small records (numbers, a string, an array of two strings), as jq's users feed it.</summary>
    public static void Json(string path, long bytes)
    {
        if (Exists(path))
            return;
        var random = new SplitMix64(2);
        Write(path, w =>
        {
            w.Write('[');
            long n = 0;
            for (var i = 0; n < bytes; i++)
            {
                var s = string.Create(CultureInfo.InvariantCulture,
                    $"{(i > 0 ? "," : "")}{{\"id\":{i},\"n\":{random.Below(100_000)},\"name\":\"item-{random.Below(1_000_000_000):x}\",\"score\":{random.Below(100_000) / 1000.0:F3},\"tags\":[\"t{i % 13}\",\"t{i % 7}\"]}}");
                w.Write(s);
                n += s.Length;
            }
            w.Write("]\n");
        });
    }

    private static bool Exists(string path) => File.Exists(path) && new FileInfo(path).Length > 0;

    // Written under a temporary name and renamed, so that an interrupted run leaves no short input behind.
    private static void Write(string path, Action<TextWriter> body)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        using (var w = new StreamWriter(partial, false, new UTF8Encoding(false), 1 << 16))
            body(w);
        File.Move(partial, path, overwrite: true);
    }

    // System.Random's sequence for a seed may change between .NET versions; the inputs must not, so the generator is
    // SplitMix64 (Steele, Lea and Flood), written here in a few lines.
    private sealed class SplitMix64(ulong seed)
    {
        private ulong state = seed;

        public int Below(int bound)
        {
            state += 0x9E3779B97F4A7C15ul;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ul;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBul;
            z ^= z >> 31;
            return (int)(z % (ulong)bound);
        }
    }
}
