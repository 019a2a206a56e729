using System.CommandLine;
using GovKpi.Core.Audit;
using GovKpi.Data;
using GovKpi.Data.Audit;

namespace GovKpi.Cli.Commands;

/// <summary>
/// <c>govkpi audit verify [--database CS] [--provider sqlite|postgres] [--key-directory DIR]</c>:
/// checks every sealed trail (each evaluation cycle, the organisation, the accounts, the KPI
/// library): hashes, seals, the signed checkpoints, and every published result against its
/// cycle's trail. Exit 0 with a line per trail when all hold; exit 1 with one line per finding on
/// standard error, naming the trail and the entry. <c>govkpi audit rotate-key</c> adds a new current
/// key to the key directory; the old keys stay to verify what they sealed (docs/SECURITY.md).
/// </summary>
internal static class AuditCommand
{
    public static Command Create() => new("audit", "Verify the sealed audit trails, or rotate the key that seals them.")
    {
        Verify(), RotateKey(),
    };

    private static Option<string?> KeyDirectory() => new("--key-directory")
    {
        Description = "Directory of the audit keys; default: Audit__KeyDirectory, else audit-keys beside the SQLite file, else ./data/audit-keys.",
    };

    private static DatabaseOptions Resolve(string? connectionString, string? provider, string? keyDirectory)
    {
        var options = DatabaseCommandOptions.Resolve(connectionString, provider);
        return keyDirectory is null ? options : options with { AuditKeyDirectory = Path.GetFullPath(keyDirectory) };
    }

    private static Command Verify()
    {
        var (database, provider) = DatabaseCommandOptions.Create();
        var keys = KeyDirectory();
        var command = new Command("verify", "Check every audit trail; exit 1 naming each edited, cut or recomputed entry and each result that disagrees with its trail.")
        {
            database, provider, keys,
        };
        command.SetAction((parsed, ct) => VerifyAsync(
            parsed.GetValue(database), parsed.GetValue(provider), parsed.GetValue(keys), parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, ct));
        return command;
    }

    private static async Task<int> VerifyAsync(string? connectionString, string? provider, string? keyDirectory, TextWriter output, TextWriter error, CancellationToken ct)
    {
        try
        {
            var options = Resolve(connectionString, provider, keyDirectory);
            var ring = options.AuditKeys.Existing();
            if (ring is null)
            {
                error.WriteLine($"govkpi audit verify: {options.AuditKeyDirectory}: no audit keys; give the directory that holds them with --key-directory.");
                return ExitCode.Failure;
            }

            await using var db = new GovKpiDbContext(options.ToContextOptions());
            if (!await DatabaseCommandOptions.EnsureMigratedAsync(db, options, error, ct))
            {
                return ExitCode.Failure;
            }

            var reports = await AuditVerifier.VerifyAllAsync(db, ring, ct);
            foreach (var report in reports)
            {
                if (report.Intact)
                {
                    output.WriteLine(report.Entries == 0
                        ? $"{report.Label}: no entries"
                        : $"{report.Label}: {report.Entries} entries, #1–#{report.LastSequence} sealed and checkpointed");
                }

                foreach (var finding in report.Findings)
                {
                    error.WriteLine($"{report.Label}: {Describe(finding, options.AuditKeyDirectory)}");
                }
            }

            var broken = reports.Count(r => !r.Intact);
            if (broken > 0)
            {
                error.WriteLine($"govkpi audit verify: {reports.Sum(r => r.Findings.Count)} finding(s) in {broken} of {reports.Count} trail(s).");
                return ExitCode.Failure;
            }

            output.WriteLine($"govkpi audit verify: {reports.Count} trail(s) intact.");
            return ExitCode.Success;
        }
        catch (ArgumentException e) when (e.ParamName == "provider")
        {
            error.WriteLine($"govkpi audit verify: {e.Message}");
            return ExitCode.InvalidInput;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or FormatException or ArgumentException)
        {
            error.WriteLine($"govkpi audit verify: failed: {e.Message}");
            return ExitCode.Failure;
        }
    }

    /// <summary>A finding in words, naming the entry (sequence) it is about.</summary>
    public static string Describe(AuditFinding f, string keyDirectory)
    {
        var range = f.From == f.To ? $"entry #{f.From}" : $"entries #{f.From}–#{f.To}";
        return f.Kind switch
        {
            AuditFindingKind.EditedEntry => $"entry #{f.Sequence} was edited: its hash does not match its content",
            AuditFindingKind.MissingEntries => $"{range} missing between the entries that remain",
            AuditFindingKind.ChainRecomputed => $"entry #{f.Sequence}: its hash matches its content but its seal does not: the chain was recomputed from here without the key",
            AuditFindingKind.Unsealed => $"entry #{f.Sequence} carries no seal",
            AuditFindingKind.UnknownKey => $"entry #{f.Sequence} is sealed with a key that is not in {keyDirectory}",
            AuditFindingKind.CutFromEnd => $"{range} cut from the end: the signed checkpoint names #{f.To} as the last entry",
            AuditFindingKind.BeyondCheckpoint => $"{range} written after the signed checkpoint (#{f.From - 1})",
            AuditFindingKind.CheckpointHeadDiffers => $"entry #{f.Sequence}: its hash is not the head hash the signed checkpoint holds for it",
            AuditFindingKind.CheckpointMissing => "no signed checkpoint, though the trail has entries",
            AuditFindingKind.CheckpointForged => "the checkpoint's signature does not match it: it was changed without the key",
            AuditFindingKind.CheckpointUnknownKey => $"the checkpoint is signed with a key that is not in {keyDirectory}",
            AuditFindingKind.ResultDisagrees => f.Sequence is { } s
                ? $"entry #{s}: the result of {f.StaffCode} disagrees with its trail: {f.Detail}"
                : $"the result of {f.StaffCode} disagrees with its trail: {f.Detail}",
            _ => f.Kind.ToString(),
        };
    }

    private static Command RotateKey()
    {
        var (database, provider) = DatabaseCommandOptions.Create();
        var keys = KeyDirectory();
        var command = new Command("rotate-key", "Add a new current audit key; the old keys stay to verify what they sealed. Restart the web app to seal with it.")
        {
            database, provider, keys,
        };
        command.SetAction(parsed =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var error = parsed.InvocationConfiguration.Error;
            try
            {
                var store = Resolve(parsed.GetValue(database), parsed.GetValue(provider), parsed.GetValue(keys)).AuditKeys;
                var previous = store.Existing();
                var key = store.Rotate();
                output.WriteLine(previous is null
                    ? $"govkpi audit rotate-key: {store.Directory}: key {key.Id} made and current."
                    : $"govkpi audit rotate-key: {store.Directory}: key {key.Id} is now current; {previous.Current.Id} and the older keys stay to verify what they sealed.");
                return ExitCode.Success;
            }
            catch (ArgumentException e) when (e.ParamName == "provider")
            {
                error.WriteLine($"govkpi audit rotate-key: {e.Message}");
                return ExitCode.InvalidInput;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"govkpi audit rotate-key: failed: {e.Message}");
                return ExitCode.Failure;
            }
        });
        return command;
    }
}
