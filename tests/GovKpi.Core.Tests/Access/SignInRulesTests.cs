using GovKpi.Core.Access;

namespace GovKpi.Core.Tests.Access;

public sealed class SignInRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly LockoutPolicy Policy = LockoutPolicy.Default;

    private static SignInDecision Attempt(SignInCounters counters, bool right, DateTimeOffset? at = null, bool disabled = false, bool hasPassword = true) =>
        SignInRules.Attempt(counters, hasPassword, right, disabled, at ?? Now, Policy);

    [Fact]
    public void The_tenth_wrong_password_in_a_row_locks_for_fifteen_minutes()
    {
        var counters = default(SignInCounters);
        for (var i = 0; i < 9; i++)
        {
            var d = Attempt(counters, right: false);
            Assert.Equal(SignInOutcome.Refused, d.Outcome);
            counters = d.After;
        }

        var tenth = Attempt(counters, right: false);

        Assert.Equal(SignInOutcome.Locked, tenth.Outcome);
        Assert.Equal(Now.AddMinutes(15), tenth.LockedUntil);
    }

    [Fact]
    public void The_right_password_during_the_lock_is_refused_and_changes_nothing()
    {
        var locked = new SignInCounters(10, Now.AddMinutes(5));

        var d = Attempt(locked, right: true);

        Assert.Equal(SignInOutcome.Locked, d.Outcome);
        Assert.Equal(locked, d.After);
    }

    [Fact]
    public void When_the_lock_has_passed_the_count_starts_again()
    {
        var d = Attempt(new SignInCounters(10, Now.AddMinutes(-1)), right: false);

        Assert.Equal(SignInOutcome.Refused, d.Outcome);
        Assert.Equal(new SignInCounters(1, null), d.After);
    }

    [Fact]
    public void A_success_resets_the_count() =>
        Assert.Equal(new SignInCounters(0, null), Attempt(new SignInCounters(9, null), right: true).After);

    [Fact]
    public void A_disabled_account_is_told_so_only_with_the_right_password()
    {
        Assert.Equal(SignInOutcome.Disabled, Attempt(default, right: true, disabled: true).Outcome);
        Assert.Equal(SignInOutcome.Refused, Attempt(default, right: false, disabled: true).Outcome);
    }

    [Fact]
    public void An_account_without_a_password_is_refused_without_counting() =>
        Assert.Equal(new SignInDecision(SignInOutcome.Refused, default), Attempt(default, right: false, hasPassword: false));
}
