using GovKpi.Core.DelegatedTasks;
using GovKpi.Core.Notifications;

namespace GovKpi.Core.Tests.Notifications;

/// <summary>Report dates and inspection follow-ups of delegated tasks reach the heads of the receiving units, once each.</summary>
public sealed class DelegatedTaskNoticesTests
{
    private static readonly DateTimeOffset Now = new(2025, 10, 1, 2, 0, 0, TimeSpan.Zero);

    private static readonly RegisteredTask Monthly = new()
    {
        Code = "NV-01", Title = "Cấp giấy phép xây dựng", SourceBody = "Bộ Xây dựng", LegalBasis = "Nghị định 133/2025/NĐ-CP",
        Kind = DelegationKind.Delegated, FromLevel = GovernmentLevel.Province, ToLevel = GovernmentLevel.Commune,
        ReceivingUnitCodes = ["XA-A", "XA-B", "XA-C"], StartOn = new(2025, 9, 1), DueOn = new(2025, 12, 31), ReportRhythm = ReportRhythm.Monthly,
    };

    private static readonly Dictionary<string, string?> Heads = new() { ["XA-A"] = "A01", ["XA-B"] = "B01", ["XA-C"] = null };

    private static ImplementationReport R(string unit, DateOnly on, int percent) => new("NV-01", unit, on, percent, "", [], "tester");

    private static IReadOnlyList<Notification> Due(DateOnly today, IReadOnlyList<ImplementationReport> reports, params Inspection[] inspections) =>
        DelegatedTaskNotices.Due([new DelegatedTaskRecord(Monthly, reports, inspections)], unit => Heads[unit], today, Now);

    [Fact]
    public void A_unit_that_missed_its_report_date_has_its_head_told_once_and_a_vacant_post_tells_nobody()
    {
        // September's report was due on 30/09; XA-A reported, XA-B did not, XA-C's head post is empty.
        var notices = Due(new(2025, 10, 1), [R("XA-A", new(2025, 9, 29), 30)]);

        var missing = Assert.Single(notices, n => n.SourceKey!.StartsWith("dt-report-missing:", StringComparison.Ordinal));
        Assert.Equal(("B01", NotificationKind.DelegatedTaskReportDate), (missing.RecipientStaffCode, missing.Kind));
        Assert.Equal("Notifications.DelegatedTaskReportMissing.Subject", missing.Subject.Key);
        Assert.Equal(["NV-01", "Cấp giấy phép xây dựng", "30/09/2025", "XA-B"], missing.Subject.Arguments);
        Assert.Equal("/delegated-tasks/task?code=NV-01", missing.Link);
        Assert.DoesNotContain(notices, n => n.RecipientStaffCode is null or "");
    }

    [Fact]
    public void The_report_date_is_reminded_three_days_ahead_to_units_that_have_not_reported_for_the_period()
    {
        var early = Due(new(2025, 10, 27), []);
        var reminded = Due(new(2025, 10, 28), [R("XA-A", new(2025, 10, 20), 50)]);

        Assert.DoesNotContain(early, n => n.SourceKey!.StartsWith("dt-report:", StringComparison.Ordinal));
        var reminder = Assert.Single(reminded, n => n.SourceKey!.StartsWith("dt-report:", StringComparison.Ordinal));
        Assert.Equal("B01", reminder.RecipientStaffCode);
        Assert.Equal("31/10/2025", reminder.Subject.Arguments[2]);
    }

    [Fact]
    public void The_same_day_twice_gives_the_same_keys_so_the_inbox_stores_each_once()
    {
        var first = Due(new(2025, 10, 29), []).Select(n => n.SourceKey).ToList();
        var second = Due(new(2025, 10, 29), []).Select(n => n.SourceKey).ToList();

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
        Assert.Equal(first.Count, first.Distinct().Count());
    }

    [Fact]
    public void An_open_follow_up_is_reminded_from_three_days_before_its_due_date_and_a_closed_one_never()
    {
        var inspection = new Inspection("NV-01", 1, InspectionKind.Inspection, "Thanh tra tỉnh", new(2025, 9, 15),
        [
            new Finding("Hồ sơ lưu trữ chưa đầy đủ",
            [
                new FollowUpAction("Bổ sung hồ sơ", new(2025, 10, 10)),
                new FollowUpAction("Tập huấn cán bộ", new(2025, 10, 10), new(2025, 10, 2), "Đã tập huấn"),
            ]),
        ]);

        var before = Due(new(2025, 10, 6), [], inspection);
        var within = Due(new(2025, 10, 7), [], inspection);

        Assert.DoesNotContain(before, n => n.Kind == NotificationKind.InspectionFollowUp);
        var followUps = within.Where(n => n.Kind == NotificationKind.InspectionFollowUp).ToList();
        Assert.Equal(["A01", "B01"], followUps.Select(n => n.RecipientStaffCode).Order(StringComparer.Ordinal));
        Assert.All(followUps, n => Assert.Equal("10/10/2025", n.Subject.Arguments[2]));
    }

    [Fact]
    public void A_unit_whose_latest_report_says_done_is_told_nothing_more()
    {
        var notices = Due(new(2025, 11, 1), [R("XA-A", new(2025, 9, 20), 100), R("XA-B", new(2025, 9, 20), 100)]);

        Assert.Empty(notices);
    }
}
