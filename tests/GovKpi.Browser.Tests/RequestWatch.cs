using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace GovKpi.Browser.Tests;

/// <summary>
/// What the test server did that a browser test's timeout cannot tell: requests that failed
/// (5xx or an exception), took longer than <see cref="Slow"/>, or were still running when the site
/// stopped. Reported once, when the site stops, as an xUnit diagnostic message (shown in the test
/// run's output), so that a page that timed out in CI shows its server-side cause.
/// </summary>
public sealed class RequestWatch : IStartupFilter
{
    public static readonly TimeSpan Slow = TimeSpan.FromSeconds(5);

    private readonly ConcurrentQueue<string> _notes = new();
    private readonly ConcurrentDictionary<long, (string Request, long Started)> _running = new();
    private long _next;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, following) =>
        {
            var id = Interlocked.Increment(ref _next);
            var request = $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}";
            var started = Stopwatch.GetTimestamp();
            _running[id] = (request, started);
            try
            {
                await following(http);
                if (http.Response.StatusCode >= 500)
                {
                    _notes.Enqueue($"{request} answered {http.Response.StatusCode} after {Elapsed(started)}");
                }
            }
            catch (Exception e) when (Note($"{request} threw after {Elapsed(started)}: {e}"))
            {
                throw;
            }
            finally
            {
                _running.TryRemove(id, out _);
                if (Stopwatch.GetElapsedTime(started) > Slow)
                {
                    _notes.Enqueue($"{request} took {Elapsed(started)}");
                }
            }
        });
        next(app);
    };

    public void Report(IMessageSink sink, string site)
    {
        foreach (var (request, started) in _running.Values)
        {
            _notes.Enqueue($"{request} still running after {Elapsed(started)}");
        }

        foreach (var note in _notes)
        {
            sink.OnMessage(new DiagnosticMessage($"[{site}] {note}"));
        }
    }

    private bool Note(string note)
    {
        _notes.Enqueue(note);
        return false;
    }

    private static string Elapsed(long started) => $"{Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms";
}
