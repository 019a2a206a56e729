using GovKpi.Assistant.Documents;
using GovKpi.Assistant.Search;

namespace GovKpi.Assistant.Tests;

/// <summary>
/// The seed articles of ../shared/seeds (five news articles: Vietnamese 000 – 002, Lao 003, Thai
/// 004), indexed once for every test of a class that takes this fixture.
/// </summary>
public sealed class SeedCorpus : IDisposable
{
    public SeedCorpus()
    {
        Folder = DocumentFolder.Read(Directory);
        Index = PassageIndex.Build(Folder.Documents.SelectMany(PassageSplitter.Split));
    }

    public DocumentFolder Folder { get; }

    public PassageIndex Index { get; }

    /// <summary>
    /// shared/seeds beside the repository: a fresh clone has it at ../shared/seeds, a worktree a
    /// level or two further up. GOVKPI_SEEDS names another place.
    /// </summary>
    public static string Directory { get; } = Locate();

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("GOVKPI_SEEDS") is { Length: > 0 } given)
        {
            return given;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var seeds = Path.Combine(dir.FullName, "shared", "seeds");
            if (System.IO.Directory.Exists(seeds))
            {
                return seeds;
            }
        }

        throw new DirectoryNotFoundException("shared/seeds not found above " + AppContext.BaseDirectory + "; set GOVKPI_SEEDS");
    }

    public void Dispose() => Index.Dispose();
}
