using System.Globalization;
using System.Resources;
using GovKpi.Assistant.Search;

namespace GovKpi.Assistant.Answering;

/// <summary>The answer templates of Resources/AnswerText*.resx, in the language of the question.</summary>
internal static class AnswerText
{
    private static readonly ResourceManager Resources = new("GovKpi.Assistant.Resources.AnswerText", typeof(AnswerText).Assembly);

    public static string Get(QuestionLanguage language, string key, params object[] arguments)
    {
        var culture = CultureInfo.GetCultureInfo(language.CultureName());
        var template = Resources.GetString(key, culture) ?? throw new InvalidOperationException($"No answer text '{key}'");
        return arguments.Length == 0 ? template : string.Format(culture, template, arguments);
    }
}
