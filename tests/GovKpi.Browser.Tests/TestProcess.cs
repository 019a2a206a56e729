using System.Runtime.CompilerServices;

namespace GovKpi.Browser.Tests;

internal static class TestProcess
{
    /// <summary>
    /// This process hosts the sites under test and drives their browsers. Microsoft.Data.Sqlite
    /// answers its async calls synchronously, so each running query holds a pool thread; with the
    /// pool's default minimum (one thread per core, two in CI) the Playwright client's own
    /// continuations could wait behind them while the pool grows a thread at a time.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        ThreadPool.GetMinThreads(out var workers, out var completions);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(completions, 32));
        // A first page of a freshly started site takes up to 6 s on a busy 2-core CI machine (RequestWatch's
        // reports); the assertions that wait for it must not give up before a navigation would have.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
    }
}
