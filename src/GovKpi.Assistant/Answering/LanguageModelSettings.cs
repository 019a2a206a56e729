using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace GovKpi.Assistant.Answering;

/// <summary>A configuration of the language model that is wrong, with a message saying which setting and why.</summary>
public sealed class LanguageModelSettingsException(string message) : Exception(message);

/// <summary>
/// Where the LLM mode's model is: any server speaking the OpenAI chat-completions protocol (Ollama,
/// vLLM, llama.cpp's server, a hosted service). Read from the environment, so that no address or
/// key is ever written into the repository:
/// <list type="bullet">
/// <item><c>GOVKPI_LLM_ENDPOINT</c>: base URL including the API version, e.g. <c>http://127.0.0.1:11434/v1</c>;
/// unset or empty means no model, i.e. offline mode.</item>
/// <item><c>GOVKPI_LLM_MODEL</c>: the model name the server knows (required with an endpoint).</item>
/// <item><c>GOVKPI_LLM_API_KEY</c>: sent as a bearer token; optional (local servers need none).</item>
/// <item><c>GOVKPI_LLM_TIMEOUT_SECONDS</c>: how long to wait for an answer, default 120 (a local model on a CPU is slow).</item>
/// </list>
/// </summary>
public sealed record LanguageModelSettings(Uri Endpoint, string Model, string? ApiKey, TimeSpan Timeout)
{
    public const string EndpointVariable = "GOVKPI_LLM_ENDPOINT";
    public const string ModelVariable = "GOVKPI_LLM_MODEL";
    public const string ApiKeyVariable = "GOVKPI_LLM_API_KEY";
    public const string TimeoutVariable = "GOVKPI_LLM_TIMEOUT_SECONDS";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The configured model, or null when none is (offline mode).</summary>
    /// <exception cref="LanguageModelSettingsException">An endpoint is set but the settings are incomplete or invalid.</exception>
    public static LanguageModelSettings? FromEnvironment(Func<string, string?> variable)
    {
        var endpoint = variable(EndpointVariable)?.Trim();
        if (string.IsNullOrEmpty(endpoint))
        {
            return null;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new LanguageModelSettingsException($"{EndpointVariable}: '{endpoint}' is not an http or https URL (for example http://127.0.0.1:11434/v1)");
        }

        var model = variable(ModelVariable)?.Trim();
        if (string.IsNullOrEmpty(model))
        {
            throw new LanguageModelSettingsException($"{ModelVariable}: must name the model to use when {EndpointVariable} is set");
        }

        var timeout = DefaultTimeout;
        if (variable(TimeoutVariable)?.Trim() is { Length: > 0 } seconds)
        {
            if (!int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 3600)
            {
                throw new LanguageModelSettingsException($"{TimeoutVariable}: '{seconds}' is not a whole number of seconds between 1 and 3600");
            }

            timeout = TimeSpan.FromSeconds(value);
        }

        var key = variable(ApiKeyVariable)?.Trim();
        return new LanguageModelSettings(uri, model, string.IsNullOrEmpty(key) ? null : key, timeout);
    }

    /// <summary>An <see cref="IChatClient"/> for the endpoint (Microsoft.Extensions.AI.OpenAI over the OpenAI SDK).</summary>
    public IChatClient CreateChatClient()
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = Endpoint,
            NetworkTimeout = Timeout,
            // One retry for a dropped connection; a model that is down should fall back to offline quickly.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 1),
        };
        // The SDK insists on a credential; servers that need none ignore it.
        return new ChatClient(Model, new ApiKeyCredential(ApiKey ?? "no-key"), options).AsIChatClient();
    }

    /// <summary>The settings as they may be shown or logged: never the key.</summary>
    public override string ToString() => $"{Model} at {Endpoint}";
}
