namespace GovKpi.Browser.Tests;

/// <summary>Screenshots the browser tests leave for a person to look at, next to the test results.</summary>
public static class Screenshots
{
    public static string PathFor(string fileName)
    {
        var directory = Environment.GetEnvironmentVariable("GOVKPI_SCREENSHOTS")
            ?? Path.Combine(Path.GetTempPath(), "govkpi-screenshots");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }
}
