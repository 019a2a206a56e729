using GovKpi.Assistant.Documents;
using GovKpi.Core;
using GovKpi.Core.Access;
using GovKpi.Core.DemoProvince;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using GovKpi.Data.Installation;
using GovKpi.Data.Measurement;
using GovKpi.Data.Tasks;
using GovKpi.Web.Features.Assistant;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.DemoData;

public sealed class DemoDataOptions
{
    /// <summary>
    /// Load the demo province into an empty database on start. Off unless asked (scripts/run
    /// asks): a real installation must never get the demo accounts and their published password.
    /// </summary>
    public bool Enabled { get; set; }
    public int Seed { get; set; } = 2026;
    public int Staff { get; set; } = 300;
    /// <summary>Dossiers of the twelve months up to yesterday (with their surveys and complaints), so KPI pages have numbers from the first run.</summary>
    public int Dossiers { get; set; } = 20_000;
    /// <summary>Password of every demo account. Demo data only: a real province creates its own accounts.</summary>
    public string Password { get; set; } = DemoAccounts.Password;
    /// <summary>A folder whose documents are uploaded for questions on documents on first run; scripts/run names the seed articles (../shared/seeds).</summary>
    public string? Documents { get; set; }
}

/// <summary>The demo accounts, one per role and three colleagues of <see cref="Staff"/> for 360° feedback, listed in the README.</summary>
public static class DemoAccounts
{
    public const string Password = "GovKpi@2026";
    public const string Hr = "hr";
    public const string Leader = "leader";
    public const string Auditor = "auditor";
    public const string Manager = "manager";
    public const string Staff = "staff";

    /// <summary>Colleagues of <see cref="Staff"/> in the same unit: a 360° result is shown only from three answers.</summary>
    public static readonly IReadOnlyList<string> Colleagues = ["staff2", "staff3", "staff4"];
}

/// <summary>
/// Fills an empty database with the generated demo province and one account per role, so a
/// fresh install can be opened and tried at once. Never touches a database that has units.
/// </summary>
public sealed class DemoProvinceLoader(GovKpiDbContext db, IPasswordHasher<UserAccount> hasher, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<DemoDataOptions> options, DocumentLibrary documents, ILogger<DemoProvinceLoader> log)
{
    public async Task LoadIfEmptyAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            if (!await db.Accounts.AnyAsync(ct))
            {
                log.LogWarning("No account exists yet and the demo province was not asked for (Demo:Enabled). "
                    + "Create the first HR account on this server with: echo 'PASSWORD' | ./govkpi users add USER --role hr "
                    + "(add --database with the app's connection string when it is not the default SQLite file), then sign in and import the province's files.");
            }

            return;
        }

        if (await db.Units.AnyAsync(ct))
        {
            return;
        }

        if (await db.Accounts.AnyAsync(ct))
        {
            // Someone made a real account here (govkpi users add): this is a real installation.
            log.LogWarning("The demo province was asked for, but the database already has accounts: no demo loaded.");
            return;
        }

        log.LogInformation("Loading the demo province (Demo:Enabled): sample data and demo accounts, not for real use.");

        var province = DemoProvinceGenerator.Generate(settings.Seed, settings.Staff);
        db.Units.AddRange(province.Units);
        db.UnitLineage.AddRange(province.Lineage);
        db.JobPositions.AddRange(province.Positions);
        db.Staff.AddRange(province.Staff);
        db.KpiDefinitions.AddRange(province.KpiDefinitions);
        db.KpiSets.AddRange(province.KpiSets);
        db.Objectives.AddRange(province.Objectives);
        db.UnitTargets.AddRange(province.UnitTargets);
        db.TaskTypes.AddRange(province.TaskTypes.Select(t => TaskTypeRecord.From(t, "demo", clock.GetUtcNow())));
        db.WorkloadNorms.AddRange(DemoWorkforce.Norms);
        db.PositionSkills.AddRange(DemoWorkforce.PositionSkills);
        db.ProcedureSkills.AddRange(DemoWorkforce.ProcedureSkills);
        db.Accounts.AddRange(Accounts(province, settings.Password));
        db.InstallationFacts.Add(new InstallationFact
        {
            Key = InstallationFact.DemoLoadedAt,
            Value = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync(ct);
        log.LogInformation("Loaded demo province: {Units} units, {Staff} staff", province.Units.Count, province.Staff.Count);
        if (settings.Documents is { Length: > 0 } folder)
        {
            await LoadDocumentsAsync(Path.GetFullPath(folder), ct);
        }

        if (settings.Dossiers > 0)
        {
            // Through the same import as real data, so aggregates and history are built as in production.
            var (from, to) = DemoProvinceGenerator.RecentYear(VietnamTime.Today(clock));
            var dossiers = DemoProvinceGenerator.Dossiers(province, settings.Dossiers, from, to).ToList();
            var outcome = await new MeasurementImport(db, clock).RunAsync(new MeasurementBatch(ImportSource.Demo, "demo")
            {
                Dossiers = new("demo-dossiers", dossiers.SelectMany(d => d.Versions).Select((v, i) => SourceRow<DossierVersion>.Valid(i + 2, v))),
                Surveys = new("demo-surveys", dossiers.Select(d => d.Survey).OfType<SurveyResponse>().Select((s, i) => SourceRow<SurveyResponse>.Valid(i + 2, s))),
                Complaints = new("demo-complaints", dossiers.Select(d => d.Complaint).OfType<Complaint>().Select((c, i) => SourceRow<Complaint>.Valid(i + 2, c))),
            }, ct: ct);
            log.LogInformation("Loaded demo records: {Dossiers} dossiers in batch {Batch}", dossiers.Count, outcome.Batch.Id);
        }
    }

    private async Task LoadDocumentsAsync(string folder, CancellationToken ct)
    {
        if (!Directory.Exists(folder))
        {
            log.LogWarning("Demo documents: {Folder} does not exist, none loaded (upload them at /assistant/documents)", folder);
            return;
        }

        foreach (var path in Directory.EnumerateFiles(folder).Where(DocumentReader.IsSupported).Order(StringComparer.Ordinal))
        {
            var (errors, _) = await documents.AddAsync(db, Path.GetFileName(path), new FileInfo(path).Length, async (target, c) =>
            {
                await using var source = File.OpenRead(path);
                await source.CopyToAsync(target, c);
            }, DemoAccounts.Hr, ct);
            foreach (var error in errors.Values.SelectMany(e => e))
            {
                log.LogWarning("Demo document {Path} not loaded: {Error}", path, error);
            }
        }
    }

    private IEnumerable<UserAccount> Accounts(DemoProvince province, string password)
    {
        var root = province.Province;
        var tree = new OrganisationTree(province.Units, province.Lineage);
        // The manager sees a merged commune, so the lineage pages have something to show.
        var commune = province.Units
            .Where(u => u.Kind == UnitKind.Commune && u.EffectiveTo is null)
            .OrderByDescending(u => tree.HistoryOf(u.Code).Count)
            .ThenBy(u => u.Code, StringComparer.Ordinal)
            .First();
        // Staff and their colleagues work in the commune's service centre, whose head is the
        // manager: the direct manager who rates them in an evaluation cycle of the centre.
        var communeUnits = tree.SubtreeOf(commune.Code);
        var team = province.Staff.Where(s => communeUnits.Contains(s.UnitCode) && s.UnitCode != commune.Code)
            .GroupBy(s => s.UnitCode, StringComparer.Ordinal)
            .OrderByDescending(g => province.Units.Single(u => u.Code == g.Key).Kind == UnitKind.ServiceCentre && g.Any(s => s.Leader == LeaderRole.Head))
            .ThenByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .FirstOrDefault()?.ToList() ?? [];
        var manager = team.FirstOrDefault(s => s.Leader == LeaderRole.Head)
            ?? province.Staff.Where(s => communeUnits.Contains(s.UnitCode)).OrderBy(s => s.Leader == LeaderRole.Head ? 0 : 1).ThenBy(s => s.Code, StringComparer.Ordinal).FirstOrDefault();
        var members = team.Where(s => s != manager).OrderBy(s => s.Leader == LeaderRole.None ? 0 : 1).ThenBy(s => s.Code, StringComparer.Ordinal).ToList();
        var worker = members.FirstOrDefault() ?? province.Staff.OrderBy(s => s.Code, StringComparer.Ordinal).First();

        UserAccount Account(string userName, string displayName, Role role, string scope, string? staff)
        {
            // An address under the reserved .example domain, so that a demo with SMTP configured mails its
            // alerts and reminders to a test mail server without reaching anybody real.
            var account = new UserAccount
            {
                UserName = userName, DisplayName = displayName, Role = role, ScopeUnitCode = scope, StaffCode = staff, PasswordHash = "",
                Email = $"{userName}@demo.govkpi.example",
            };
            account.PasswordHash = hasher.HashPassword(account, password);
            return account;
        }

        yield return Account(DemoAccounts.Hr, "Phòng Tổ chức cán bộ, Sở Nội vụ", Role.Hr, root.Code, null);
        yield return Account(DemoAccounts.Leader, "Lãnh đạo UBND tỉnh", Role.Leader, root.Code, null);
        yield return Account(DemoAccounts.Auditor, "Thanh tra tỉnh", Role.Auditor, root.Code, null);
        yield return Account(DemoAccounts.Manager, manager?.FullName ?? "Chủ tịch UBND xã", Role.Manager, commune.Code, manager?.Code);
        yield return Account(DemoAccounts.Staff, worker.FullName, Role.Staff, worker.UnitCode, worker.Code);
        foreach (var (userName, colleague) in DemoAccounts.Colleagues.Zip(members.Skip(1)))
        {
            yield return Account(userName, colleague.FullName, Role.Staff, colleague.UnitCode, colleague.Code);
        }
    }
}
