using GovKpi.Core.Access;

namespace GovKpi.Core.Tests.Access;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("Mây trắng 2027")]
    [InlineData("sông Cái 1975 Nha Trang")]
    [InlineData("k7#pQ9!zW2")]
    public void A_long_password_of_letters_and_digits_is_accepted(string password) =>
        Assert.Empty(PasswordPolicy.Check(password, "hr1"));

    [Fact]
    public void Nine_characters_are_too_short() =>
        Assert.Equal([PasswordProblem.TooShort], PasswordPolicy.Check("abcde1234", "hr1"));

    [Theory]
    [InlineData("chỉ có chữ cái thôi")]
    [InlineData("12345678901")]
    public void Letters_and_digits_are_both_needed(string password) =>
        Assert.Contains(PasswordProblem.NeedsLettersAndDigits, PasswordPolicy.Check(password, "hr1"));

    [Fact]
    public void The_user_name_may_not_appear_in_the_password_in_any_case() =>
        Assert.Contains(PasswordProblem.ContainsUserName, PasswordPolicy.Check("XyzNguyenVanA2026", "nguyenvana"));

    [Theory]
    [InlineData("matkhau123")]
    [InlineData("Password@123")]
    [InlineData("QWERTY1234")]
    public void Common_passwords_are_refused_whatever_their_case_and_symbols(string password) =>
        Assert.Contains(PasswordProblem.TooCommon, PasswordPolicy.Check(password, "hr1"));
}
