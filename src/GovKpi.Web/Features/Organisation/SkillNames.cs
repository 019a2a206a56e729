using Microsoft.Extensions.Localization;

namespace GovKpi.Web.Features.Organisation;

/// <summary>
/// The one place a skill code (<c>customer_service</c>, as files and the API carry it) becomes
/// the words people read, from its <c>Skill.{code}</c> resource key; a code a province adds
/// without words shows as the code.
/// </summary>
public static class SkillNames
{
    public static string Key(string code) => $"Skill.{code}";

    public static string Name(IStringLocalizer l, string code)
    {
        var word = l[Key(code)];
        return word.ResourceNotFound ? code : word.Value;
    }

    public static string List(IStringLocalizer l, IEnumerable<string> codes) => string.Join(", ", codes.Select(c => Name(l, c)));
}
