using System.Globalization;
using System.Resources;

namespace GovKpi.Data.Resources;

/// <summary>
/// The words of what the readers refuse (a row, a cell, a workbook), one key per error, so the
/// same error reads the same from every reader. Rendered in the current UI culture when the error
/// is found: Vietnamese (the neutral <c>DataMessages.resx</c>) for the web app, English
/// (<c>DataMessages.en.resx</c>) for the command line, which runs under en-US. Arguments are
/// formatted with the invariant culture, so a number or a date reads the same on every host.
/// </summary>
public static class DataText
{
    private static readonly ResourceManager Messages = new("GovKpi.Data.Resources.DataMessages", typeof(DataText).Assembly);

    public static string Get(string key, params object?[] args)
    {
        var template = Messages.GetString(key, CultureInfo.CurrentUICulture)
            ?? throw new ArgumentException($"No message '{key}' in DataMessages.resx.", nameof(key));
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }
}
