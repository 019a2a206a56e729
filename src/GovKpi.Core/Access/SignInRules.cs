namespace GovKpi.Core.Access;

/// <summary>How many wrong passwords in a row lock an account, and for how long.</summary>
public sealed record LockoutPolicy(int MaxFailures, TimeSpan Duration)
{
    public static readonly LockoutPolicy Default = new(10, TimeSpan.FromMinutes(15));
}

/// <summary>The sign-in counters an account keeps between attempts.</summary>
public readonly record struct SignInCounters(int FailedSignIns, DateTimeOffset? LockedUntil)
{
    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

public enum SignInOutcome
{
    Accepted,
    /// <summary>Wrong password, or an account without a password yet; the caller says only "wrong user name or password".</summary>
    Refused,
    /// <summary>Too many wrong passwords: refused whatever the password until <see cref="SignInDecision.LockedUntil"/>.</summary>
    Locked,
    /// <summary>The password is right but an administrator disabled the account.</summary>
    Disabled,
}

public sealed record SignInDecision(SignInOutcome Outcome, SignInCounters After)
{
    public DateTimeOffset? LockedUntil => After.LockedUntil;
}

/// <summary>
/// Decides one password attempt and the counters it leaves. A right password during a lock is
/// refused too, or a guesser would learn the password by the lock's answer; the count restarts
/// when a lock has passed and after every success.
/// </summary>
public static class SignInRules
{
    public static SignInDecision Attempt(SignInCounters counters, bool hasPassword, bool passwordMatches, bool disabled, DateTimeOffset now, LockoutPolicy policy)
    {
        if (counters.IsLockedAt(now))
        {
            return new(SignInOutcome.Locked, counters);
        }

        var current = counters.LockedUntil is null ? counters : new SignInCounters(0, null);
        if (!hasPassword)
        {
            // Nothing to guess: an account waiting for its setup link is not counted towards a lock.
            return new(SignInOutcome.Refused, current);
        }

        if (!passwordMatches)
        {
            var failures = current.FailedSignIns + 1;
            return failures >= policy.MaxFailures
                ? new(SignInOutcome.Locked, new SignInCounters(failures, now + policy.Duration))
                : new(SignInOutcome.Refused, new SignInCounters(failures, null));
        }

        return new(disabled ? SignInOutcome.Disabled : SignInOutcome.Accepted, new SignInCounters(0, null));
    }
}
