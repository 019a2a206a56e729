using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovKpi.Assistant.Tests;

/// <summary>
/// A small chat model server on 127.0.0.1 (Kestrel, a free port) that speaks the OpenAI
/// chat-completions protocol: POST /v1/chat/completions with {model, messages}, answering
/// {id, object: "chat.completion", choices: [{message: {role, content}}], usage}. It records every
/// request as received, and answers with <see cref="Reply"/> applied to the request's messages;
/// <see cref="Status"/> other than 200 makes it fail the way a broken server does.
/// </summary>
public sealed class OpenAiTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    /// <summary>A request as the server read it: headers that matter and the parsed body.</summary>
    public sealed record ReceivedRequest(string? Authorization, string Model, IReadOnlyList<(string Role, string Content)> Messages)
    {
        public string System => Messages.Single(m => m.Role == "system").Content;
        public string User => Messages.Single(m => m.Role == "user").Content;
        public string Everything => string.Join("\n", Messages.Select(m => m.Content));
    }

    private OpenAiTestServer(WebApplication app) => _app = app;

    public Func<ReceivedRequest, string> Reply { get; set; } = _ => "NO_ANSWER";

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToList();

    /// <summary>The base URL an OpenAI client is given: http://127.0.0.1:PORT/v1.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public static async Task<OpenAiTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new OpenAiTestServer(app);
        app.MapPost("/v1/chat/completions", (Func<HttpContext, Task<IResult>>)server.CompleteAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    private async Task<IResult> CompleteAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) ?? throw new InvalidDataException("empty body");
        var messages = body["messages"]!.AsArray()
            .Select(m => (m!["role"]!.GetValue<string>(), Content(m["content"]!)))
            .ToList();
        var request = new ReceivedRequest(context.Request.Headers.Authorization.FirstOrDefault(), body["model"]!.GetValue<string>(), messages);
        _requests.Enqueue(request);
        if (Status != HttpStatusCode.OK)
        {
            return Results.Json(new { error = new { message = "the test server was told to fail", type = "server_error" } }, statusCode: (int)Status);
        }

        return Results.Json(new
        {
            id = "chatcmpl-govkpi-test",
            @object = "chat.completion",
            created = 1_750_000_000,
            model = request.Model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = Reply(request) }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
        });
    }

    // Content is a string, or an array of parts [{type: "text", text}] (the SDK may send either).
    private static string Content(JsonNode content) => content.GetValueKind() == JsonValueKind.String
        ? content.GetValue<string>()
        : string.Concat(content.AsArray().Select(part => part!["text"]?.GetValue<string>()));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
