using GovKpi.Assistant.Answering;

namespace GovKpi.Assistant.Tests;

public sealed class LanguageModelSettingsTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void No_endpoint_means_no_model()
    {
        Assert.Null(LanguageModelSettings.FromEnvironment(Environment()));
        Assert.Null(LanguageModelSettings.FromEnvironment(Environment(("GOVKPI_LLM_ENDPOINT", " "), ("GOVKPI_LLM_MODEL", "qwen"))));
    }

    [Fact]
    public void An_endpoint_and_a_model_configure_the_LLM_mode_and_the_key_never_shows_in_the_description()
    {
        var settings = LanguageModelSettings.FromEnvironment(Environment(
            ("GOVKPI_LLM_ENDPOINT", "http://127.0.0.1:11434/v1"), ("GOVKPI_LLM_MODEL", "qwen2.5:7b"), ("GOVKPI_LLM_API_KEY", "sk-secret"), ("GOVKPI_LLM_TIMEOUT_SECONDS", "30")));

        Assert.Equal(new LanguageModelSettings(new Uri("http://127.0.0.1:11434/v1"), "qwen2.5:7b", "sk-secret", TimeSpan.FromSeconds(30)), settings);
        Assert.DoesNotContain("sk-secret", settings!.ToString());
        Assert.Equal(LanguageModelSettings.DefaultTimeout,
            LanguageModelSettings.FromEnvironment(Environment(("GOVKPI_LLM_ENDPOINT", "https://llm.example/v1"), ("GOVKPI_LLM_MODEL", "m")))!.Timeout);
    }

    [Theory]
    [InlineData("127.0.0.1:11434", "m", "", "GOVKPI_LLM_ENDPOINT")]
    [InlineData("ftp://host/v1", "m", "", "GOVKPI_LLM_ENDPOINT")]
    [InlineData("http://127.0.0.1:11434/v1", "", "", "GOVKPI_LLM_MODEL")]
    [InlineData("http://127.0.0.1:11434/v1", "m", "soon", "GOVKPI_LLM_TIMEOUT_SECONDS")]
    [InlineData("http://127.0.0.1:11434/v1", "m", "0", "GOVKPI_LLM_TIMEOUT_SECONDS")]
    public void An_incomplete_or_invalid_configuration_names_the_variable_at_fault(string endpoint, string model, string timeout, string variable)
    {
        var e = Assert.Throws<LanguageModelSettingsException>(() => LanguageModelSettings.FromEnvironment(Environment(
            ("GOVKPI_LLM_ENDPOINT", endpoint), ("GOVKPI_LLM_MODEL", model), ("GOVKPI_LLM_TIMEOUT_SECONDS", timeout))));

        Assert.StartsWith(variable + ":", e.Message);
    }
}
