namespace GovKpi.Core.Access;

/// <summary>Why a chosen password is refused; the web app and the command line word each in their language.</summary>
public enum PasswordProblem
{
    TooShort,
    NeedsLettersAndDigits,
    ContainsUserName,
    TooCommon,
}

/// <summary>
/// What a password must be before it is stored. Applied whenever a password is chosen (setup
/// link, change, administrator's reset, <c>govkpi users</c>), never to a stored one at sign-in,
/// so accounts created before the policy keep working until their next change.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 10;

    /// <summary>Passwords that guessing tools try first, lowercased: the global favourites padded to ten characters and local ones.</summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "password1", "password12", "password123", "password1234", "passw0rd123",
        "qwerty1234", "qwerty12345", "qwertyuiop1", "1qaz2wsx3edc", "abc1234567", "abcd123456", "a123456789",
        "123456789a", "1234567890a", "12345678910a", "iloveyou123", "welcome123", "admin12345", "administrator1",
        "letmein123", "changeme123", "matkhau123", "matkhau1234", "matkhau2024", "matkhau2025", "matkhau2026",
        "vietnam123", "vietnam2025", "vietnam2026", "hanoi12345", "saigon12345", "anhyeuem123", "govkpi2025",
        "govkpi2026", "govkpi12345", "khanhhoa123", "noivu12345", "sonoivu123",
    };

    public static IReadOnlyList<PasswordProblem> Check(string password, string userName)
    {
        var problems = new List<PasswordProblem>();
        if (password.Length < MinimumLength)
        {
            problems.Add(PasswordProblem.TooShort);
        }

        if (!password.Any(char.IsLetter) || !password.Any(char.IsDigit))
        {
            problems.Add(PasswordProblem.NeedsLettersAndDigits);
        }

        var name = userName.Trim();
        if (name.Length >= 3 && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(PasswordProblem.ContainsUserName);
        }

        // Symbols do not make a favourite safe: "Password@123" is tried as early as "password123".
        var letters = new string(password.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        if (Common.Contains(password.ToLowerInvariant()) || Common.Contains(letters))
        {
            problems.Add(PasswordProblem.TooCommon);
        }

        return problems;
    }
}
