using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GovKpi.Web.Tests.Nodes;

/// <summary>
/// A real nginx of the test's own (its prefix, configuration and logs in a temporary directory,
/// on a free loopback port) in front of the given nodes, round robin, with the proxy headers of
/// <c>deploy/nginx/govkpi.conf</c>. Started with <c>daemon off</c> and stopped by the test.
/// </summary>
internal sealed class TestNginx : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly string _binary;

    private TestNginx(string binary, IEnumerable<Uri> nodes)
    {
        _binary = binary;
        _directory = Directory.CreateTempSubdirectory("govkpi-nginx-").FullName;
        Port = FreePort();
        var servers = string.Concat(nodes.Select(n => string.Create(CultureInfo.InvariantCulture, $"    server 127.0.0.1:{n.Port};\n")));
        // As root the workers would run as nobody, who cannot write the temporary directory.
        var user = Environment.IsPrivilegedProcess ? "user root;\n" : "";
        File.WriteAllText(Config, string.Create(CultureInfo.InvariantCulture, $$"""
            {{user}}worker_processes 1;
            pid {{_directory}}/nginx.pid;
            error_log {{_directory}}/error.log warn;
            events { worker_connections 512; }
            http {
              access_log off;
              client_body_temp_path {{_directory}}/body;
              proxy_temp_path {{_directory}}/proxy;
              fastcgi_temp_path {{_directory}}/fastcgi;
              uwsgi_temp_path {{_directory}}/uwsgi;
              scgi_temp_path {{_directory}}/scgi;
              upstream govkpi {
            {{servers}}    keepalive 16;
              }
              server {
                listen 127.0.0.1:{{Port}};
                client_max_body_size 64m;
                proxy_request_buffering off;
                location / {
                  proxy_pass http://govkpi;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_read_timeout 600s;
                  proxy_next_upstream error timeout;
                }
              }
            }
            """));
        _process = Process.Start(new ProcessStartInfo(binary)
        {
            ArgumentList = { "-p", _directory, "-c", Config, "-g", "daemon off;" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("nginx did not start");
        WaitUntilListening();
    }

    public int Port { get; }

    public Uri Address => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));

    private string Config => Path.Combine(_directory, "nginx.conf");

    /// <summary>
    /// nginx in front of <paramref name="nodes"/>, or null with the reason when this machine has no
    /// nginx (<c>scripts/install-test-deps</c> installs it). The test then skips, which fails under <c>CI=true</c>.
    /// </summary>
    public static TestNginx? TryStart(IEnumerable<Uri> nodes, out string? skipReason)
    {
        var binary = new[] { Environment.GetEnvironmentVariable("NGINX"), "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx" }
            .FirstOrDefault(p => p is { Length: > 0 } && File.Exists(p));
        if (binary is null)
        {
            skipReason = "nginx is not installed (scripts/install-test-deps nginx-light): the two-node tests behind a reverse proxy skipped";
            return null;
        }

        skipReason = null;
        return new TestNginx(binary, nodes);
    }

    private void WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx stopped at start: {_process.StandardError.ReadToEnd()}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            using var stop = Process.Start(new ProcessStartInfo(_binary) { ArgumentList = { "-p", _directory, "-c", Config, "-s", "stop" }, UseShellExecute = false });
            stop?.WaitForExit(10_000);
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
