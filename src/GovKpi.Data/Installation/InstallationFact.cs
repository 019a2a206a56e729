using Microsoft.EntityFrameworkCore;

namespace GovKpi.Data.Installation;

/// <summary>
/// A fact about this installation that every node must agree on, such as "the demo province was
/// loaded here" (<see cref="DemoLoadedAt"/>): kept in the database rather than in configuration,
/// because what makes an installation a demo is what was put into its database.
/// </summary>
public sealed class InstallationFact
{
    /// <summary>The demo province was loaded into this database; the value is when (ISO 8601).</summary>
    public const string DemoLoadedAt = "demo_loaded_at";

    public required string Key { get; init; }
    public required string Value { get; set; }

    internal static void Configure(ModelBuilder model) => model.Entity<InstallationFact>(e =>
    {
        e.ToTable("installation_facts");
        e.HasKey(f => f.Key);
        e.Property(f => f.Key).HasMaxLength(60);
        e.Property(f => f.Value).HasMaxLength(200);
    });
}
