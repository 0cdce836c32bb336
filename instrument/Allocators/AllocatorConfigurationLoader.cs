// Loading the built-in allocator configuration and the user's, merged, or the one error that stops the build.
using Liballocs.Instrument.Diagnostics;

namespace Liballocs.Instrument.Allocators;

/// <summary>
/// Loads the allocator configuration: the built-in file (&lt;home&gt;/instrument/allocators.yaml), then
/// the user's files in order (<c>LIBALLOCS_ALLOCATORS</c>, <c>--allocators</c>), merged
/// (<see cref="AllocatorConfiguration.Merge"/>). A missing or malformed file gives one error
/// diagnostic naming the file and line, and no configuration: the build must stop before
/// compiling anything rather than instrument with half a configuration.
/// </summary>
internal static class AllocatorConfigurationLoader
{
    /// <summary>Loads and merges <paramref name="builtIn"/> and <paramref name="userFiles"/>.</summary>
    public static ConfigurationOutcome Load(string builtIn, IReadOnlyList<string> userFiles)
    {
        var layers = new List<IReadOnlyList<AllocatorDefinition>>(userFiles.Count + 1);
        foreach ((string file, bool isBuiltIn) in userFiles.Select(f => (f, false)).Prepend((builtIn, true)))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                string what = isBuiltIn
                    ? $"cannot read the built-in allocator configuration {file} ({e.Message}); is allocscc installed whole (ALLOCSCC_HOME)?"
                    : $"cannot read the allocator configuration {file} ({e.Message})";
                return new ConfigurationOutcome(null, new Diagnostic(DiagnosticDescriptors.AllocatorConfigurationUnreadable, what));
            }

            try
            {
                layers.Add(AllocatorConfigurationReader.Read(text, file));
            }
            catch (AllocatorConfigurationException e)
            {
                return Failed(e);
            }
        }

        try
        {
            return new ConfigurationOutcome(AllocatorConfiguration.Merge(layers), null);
        }
        catch (AllocatorConfigurationException e)
        {
            return Failed(e);
        }
    }

    /// <summary>Reads configurations from texts instead of files (the first is the built-in one), e.g. for tests; file names are for messages.</summary>
    public static ConfigurationOutcome FromTexts(IReadOnlyList<(string File, string Text)> files)
    {
        try
        {
            return new ConfigurationOutcome(AllocatorConfiguration.Merge(files.Select(f => AllocatorConfigurationReader.Read(f.Text, f.File))), null);
        }
        catch (AllocatorConfigurationException e)
        {
            return Failed(e);
        }
    }

    private static ConfigurationOutcome Failed(AllocatorConfigurationException e) =>
        new(null, new Diagnostic(DiagnosticDescriptors.BadAllocatorConfiguration, e.Message, e.Place.File, e.Place.Line));
}
