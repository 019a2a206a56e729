using GovKpi.Data;
using GovKpi.Data.Installation;
using Microsoft.EntityFrameworkCore;

namespace GovKpi.Web.Features.DemoData;

/// <summary>
/// Whether this installation holds the demo province (every page then carries the "dữ liệu mẫu"
/// banner) and whether it has any account yet (the sign-in page then tells how to create the
/// first one). Read from the database when the app starts and kept for the pages, which must not
/// pay a query each; only the demo loader and the first account change the answers.
/// </summary>
public sealed class DemoInstallation
{
    public bool IsDemo { get; private set; }

    public bool HasAccounts { get; private set; }

    public async Task RefreshAsync(GovKpiDbContext db, CancellationToken ct = default)
    {
        IsDemo = await db.InstallationFacts.AnyAsync(f => f.Key == InstallationFact.DemoLoadedAt, ct);
        HasAccounts = await db.Accounts.AnyAsync(ct);
    }

    /// <summary>The sign-in page asks again while there is no account, so it stops showing the first-account help once one is made from the console.</summary>
    public async Task<bool> HasAccountsAsync(GovKpiDbContext db, CancellationToken ct)
    {
        if (!HasAccounts)
        {
            HasAccounts = await db.Accounts.AnyAsync(ct);
        }

        return HasAccounts;
    }
}
