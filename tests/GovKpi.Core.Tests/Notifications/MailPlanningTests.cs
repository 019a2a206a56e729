using GovKpi.Core.Notifications;

namespace GovKpi.Core.Tests.Notifications;

public class MailPlanningTests
{
    private const int DigestHour = 7;
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private static readonly Dictionary<string, DateTimeOffset> NoDigestYet = new();

    private static long nextId;

    private static Notification Raised(string staff, DateTimeOffset at, NotificationKind kind = NotificationKind.Alert) => new()
    {
        Id = Interlocked.Increment(ref nextId),
        RecipientStaffCode = staff,
        Kind = kind,
        Subject = LocalisableText.Of("Notifications.Alert.Subject", "KPI-01"),
        Body = LocalisableText.Of("Notifications.Alert.Body", "KPI-01", "42"),
        Link = "/evaluation",
        CreatedAt = at,
    };

    private static DateTimeOffset Local(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, Vietnam);

    [Fact]
    public void A_person_who_chose_immediate_gets_one_mail_per_alert()
    {
        var first = Raised("CB001", Local(7, 9));
        var second = Raised("CB001", Local(7, 10));
        var preferences = new Dictionary<string, DeliveryPreference> { ["CB001"] = DeliveryPreference.Immediate };

        var plan = MailPlanning.Plan([first, second], preferences, NoDigestYet, Local(7, 10, 1), DigestHour);

        Assert.Equal([first, second], plan.Immediate);
        Assert.Empty(plan.Digests);
    }

    [Fact]
    public void A_person_on_digest_gets_one_mail_at_the_configured_hour_with_everything_since_the_last()
    {
        var lastDigest = Local(6, 7, 5);
        var alreadyInLast = Raised("CB002", Local(6, 6));
        alreadyInLast.MailedAt = lastDigest;
        var evening = Raised("CB002", Local(6, 18));
        var night = Raised("CB002", Local(7, 2), NotificationKind.EvaluationReminder);
        var all = new[] { alreadyInLast, evening, night };
        var last = new Dictionary<string, DateTimeOffset> { ["CB002"] = lastDigest };
        var noPreference = new Dictionary<string, DeliveryPreference>();

        var beforeTheHour = MailPlanning.Plan(all, noPreference, last, Local(7, 6, 59), DigestHour);
        var atTheHour = MailPlanning.Plan(all, noPreference, last, Local(7, 7), DigestHour);

        Assert.True(beforeTheHour.IsEmpty);
        var digest = Assert.Single(atTheHour.Digests);
        Assert.Equal("CB002", digest.RecipientStaffCode);
        Assert.Equal([evening, night], digest.Notifications);
        Assert.Empty(atTheHour.Immediate);
    }

    [Fact]
    public void The_digest_hour_is_Vietnam_time_whatever_the_offset_of_now()
    {
        var raised = Raised("CB003", Local(7, 1));
        // 00:30 UTC is 07:30 in Vietnam.
        var now = new DateTimeOffset(2026, 12, 7, 0, 30, 0, TimeSpan.Zero);

        var plan = MailPlanning.Plan([raised], new Dictionary<string, DeliveryPreference>(), NoDigestYet, now, DigestHour);

        Assert.Equal([raised], Assert.Single(plan.Digests).Notifications);
    }

    [Fact]
    public void Planning_twice_sends_nothing_twice()
    {
        var forImmediate = Raised("CB001", Local(7, 6));
        var forDigest = Raised("CB002", Local(7, 6));
        var all = new[] { forImmediate, forDigest };
        var preferences = new Dictionary<string, DeliveryPreference> { ["CB001"] = DeliveryPreference.Immediate };
        var last = new Dictionary<string, DateTimeOffset>();

        var first = MailPlanning.Plan(all, preferences, last, Local(7, 8), DigestHour);
        foreach (var (person, at) in first.MarkSent(Local(7, 8)))
            last[person] = at;
        var second = MailPlanning.Plan(all, preferences, last, Local(7, 8, 5), DigestHour);

        Assert.Equal([forImmediate], first.Immediate);
        Assert.Equal([forDigest], Assert.Single(first.Digests).Notifications);
        Assert.True(second.IsEmpty);
    }

    [Fact]
    public void A_digest_already_sent_today_waits_for_tomorrow_even_when_more_arrives()
    {
        var last = new Dictionary<string, DateTimeOffset> { ["CB002"] = Local(7, 7) };
        var afternoon = Raised("CB002", Local(7, 15));
        var noPreference = new Dictionary<string, DeliveryPreference>();

        var sameDay = MailPlanning.Plan([afternoon], noPreference, last, Local(7, 20), DigestHour);
        var nextDay = MailPlanning.Plan([afternoon], noPreference, last, Local(8, 7), DigestHour);

        Assert.True(sameDay.IsEmpty);
        Assert.Equal([afternoon], Assert.Single(nextDay.Digests).Notifications);
    }

    [Fact]
    public void A_notification_left_unmailed_before_the_last_digest_goes_in_the_next_one()
    {
        // Raised while the person was on immediate mail, whose sending failed; then they chose the digest.
        var stranded = Raised("CB002", Local(6, 6));
        var last = new Dictionary<string, DateTimeOffset> { ["CB002"] = Local(6, 7) };

        var plan = MailPlanning.Plan([stranded], new Dictionary<string, DeliveryPreference>(), last, Local(7, 7), DigestHour);

        Assert.Equal([stranded], Assert.Single(plan.Digests).Notifications);
    }

    [Fact]
    public void A_person_with_nothing_new_gets_no_digest()
    {
        var plan = MailPlanning.Plan([], new Dictionary<string, DeliveryPreference>(), NoDigestYet, Local(7, 9), DigestHour);

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Unread_counts_are_per_person_and_leave_out_what_was_read()
    {
        var read = Raised("CB001", Local(7, 6));
        read.ReadAt = Local(7, 7);
        var notifications = new[] { read, Raised("CB001", Local(7, 8)), Raised("CB002", Local(7, 8)), Raised("CB002", Local(7, 9)) };

        var counts = MailPlanning.UnreadCounts(notifications);

        Assert.Equal(1, counts["CB001"]);
        Assert.Equal(2, counts["CB002"]);
    }
}
