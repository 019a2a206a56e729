using GovKpi.Core.Notifications;

namespace GovKpi.Core.Tests.Notifications;

public class MailRoundLeaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_node_cannot_take_the_mail_round_another_holds_until_its_lease_lapses()
    {
        var lease = new MailRoundLease();

        Assert.True(lease.TryClaim("a", Now, Lease));
        Assert.False(lease.TryClaim("b", Now.AddMinutes(4), Lease));
        Assert.True(lease.TryClaim("a", Now.AddMinutes(4), Lease));
        Assert.False(lease.TryClaim("b", Now.AddMinutes(8), Lease));
        Assert.True(lease.TryClaim("b", Now.AddMinutes(9), Lease));
        Assert.Equal(("b", 3), (lease.Holder, lease.Version));
    }

    [Fact]
    public void A_released_round_is_open_to_any_node_and_only_the_holder_releases_it()
    {
        var lease = new MailRoundLease();
        lease.TryClaim("a", Now, Lease);

        Assert.False(lease.Release("b", Now));
        Assert.True(lease.Release("a", Now.AddSeconds(10)));
        Assert.True(lease.TryClaim("b", Now.AddSeconds(11), Lease));
    }
}
