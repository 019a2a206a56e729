using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace GovKpi.Cli.Tests.Ask;

/// <summary>
/// <c>govkpi ask</c> end to end, in-process: the seed articles (../shared/seeds) and small folders
/// written here, JSON exactly as CONTRACTS.md gives it, and the exit codes of invalid input.
/// The language model settings come from a dictionary, not the process environment.
/// </summary>
public sealed class AskCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("govkpi-ask-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed record Result(int ExitCode, string Output, string Error)
    {
        public JsonElement Json => JsonDocument.Parse(Output).RootElement;
    }

    private static Result Run(string[] args, Dictionary<string, string>? environment = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = Program.Run(args, output, error, name => environment?.GetValueOrDefault(name));
        return new Result(exit, output.ToString(), error.ToString());
    }

    /// <summary>shared/seeds beside the repository (a fresh clone: ../shared/seeds; a worktree: further up), or GOVKPI_SEEDS.</summary>
    private static string Seeds()
    {
        if (Environment.GetEnvironmentVariable("GOVKPI_SEEDS") is { Length: > 0 } given)
        {
            return given;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "seeds")))
            {
                return Path.Combine(dir.FullName, "shared", "seeds");
            }
        }

        throw new DirectoryNotFoundException("shared/seeds not found; set GOVKPI_SEEDS");
    }

    private string Folder(params (string Name, string Content)[] files)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, Guid.NewGuid().ToString("N"))).FullName;
        foreach (var (name, content) in files)
        {
            File.WriteAllText(Path.Combine(dir, name), content, new UTF8Encoding(false));
        }

        return dir;
    }

    [Theory]
    [InlineData("Tỉnh Khánh Hòa chính thức áp dụng bộ công cụ đo lường KPI từ ngày nào?", "000_59708ab5086e8e72.txt")]
    [InlineData("Tinh Khanh Hoa chinh thuc ap dung bo cong cu do luong KPI tu ngay nao?", "000_59708ab5086e8e72.txt")]
    [InlineData("Bốn KPI bắt buộc trong dịch vụ công kỹ thuật số của chính phủ Anh là gì?", "001_49f15b2eb30722ca.txt")]
    [InlineData("giam doc so khoa hoc va cong nghe tphcm la ai", "002_b15d956aa610dabb.txt")]
    [InlineData("ແຂວງລຳດົງໄດ້ສົ່ງພະນັກງານ-ລັດຖະກອນຂັ້ນແຂວງຈັກຄົນໄປເຮັດວຽກຢູ່ຕາແສງ?", "003_35b1d133908e2b3f.txt")]
    [InlineData("กระทรวงวิทยาศาสตร์และเทคโนโลยีกระจายอำนาจกี่ภารกิจไปยังจังหวัด", "004_fa6dbcc0aa90a0c9.txt")]
    public void Ask_json_on_the_seeds_cites_the_right_article_first_and_quotes_its_passage(string question, string article)
    {
        var result = Run(["ask", "--docs", Seeds(), "--json", question]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        var json = result.Json;
        Assert.Equal(["mode", "answer", "citations"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("offline", json.GetProperty("mode").GetString());
        var first = json.GetProperty("citations")[0];
        Assert.Equal(["document", "passage", "score"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(article, first.GetProperty("document").GetString());
        Assert.Contains(first.GetProperty("passage").GetString()!, json.GetProperty("answer").GetString());
        var scores = json.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public void Vietnamese_Lao_and_Thai_stay_readable_in_the_json()
    {
        var result = Run(["ask", "--docs", Seeds(), "--json", "Tỉnh Khánh Hòa chính thức áp dụng KPI từ ngày nào?"]);

        Assert.Contains("tỉnh Khánh Hòa đã chính thức áp dụng", result.Output);
        Assert.Contains("“", result.Output);
        Assert.DoesNotContain("\\u", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Đội tuyển bóng đá Việt Nam vô địch AFF Cup năm nào?", "Các tài liệu đã cung cấp không có thông tin")]
    [InlineData("How do I cook a traditional pho broth?", "The documents provided do not contain the answer")]
    public void A_question_the_seeds_do_not_answer_gives_no_citation_and_says_so(string question, string says)
    {
        var result = Run(["ask", "--docs", Seeds(), "--json", question]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, result.Json.GetProperty("citations").GetArrayLength());
        Assert.StartsWith(says, result.Json.GetProperty("answer").GetString());
    }

    [Fact]
    public void Without_json_it_prints_the_answer_then_the_sources_and_takes_the_question_as_several_words()
    {
        var dir = Folder(("so-tay.md", "# Giờ làm việc\n\nBuổi sáng bắt đầu lúc 7 giờ 30 và kết thúc lúc 11 giờ 30.\n"), ("khac.txt", "Nội dung khác hẳn về thể thao."));

        var result = Run(["ask", "--docs", dir, "buổi", "sáng", "bắt", "đầu", "lúc", "mấy", "giờ?"]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Theo tài liệu «so-tay.md»", result.Output);
        Assert.Contains("Buổi sáng bắt đầu lúc 7 giờ 30", result.Output);
        Assert.Contains("Sources, most relevant first:\n  [1] so-tay.md (relevance ", result.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void An_unreadable_file_is_a_warning_and_the_others_are_answered_from()
    {
        var dir = Folder(("hong.pdf", "not a pdf"), ("trang.html", "<p>Hồ sơ trễ hạn phải có phiếu xin lỗi gửi người dân.</p>"));

        var result = Run(["ask", "--docs", dir, "--json", "hồ sơ trễ hạn phải có phiếu gì?"]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("govkpi ask: warning: skipped hong.pdf:", result.Error);
        Assert.Equal("trang.html", result.Json.GetProperty("citations")[0].GetProperty("document").GetString());
    }

    [Theory]
    [InlineData(new[] { "ask", "câu hỏi" }, "--docs")]
    [InlineData(new[] { "ask", "--docs", "." }, "argument missing")]
    [InlineData(new[] { "ask", "--docs", "/nonexistent/govkpi", "câu hỏi" }, "no such directory")]
    [InlineData(new[] { "ask", "--docs", ".", "  " }, "the question is empty")]
    public void Invalid_input_exits_with_2_and_says_why(string[] args, string message)
    {
        var result = Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public void A_folder_without_a_readable_document_is_invalid_input()
    {
        var result = Run(["ask", "--docs", Folder(("ghi-chu.csv", "a,b")), "câu hỏi"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no readable document", result.Error);
    }

    [Fact]
    public void An_endpoint_without_a_model_is_invalid_input()
    {
        var result = Run(["ask", "--docs", Seeds(), "câu hỏi"], new() { ["GOVKPI_LLM_ENDPOINT"] = "http://127.0.0.1:9/v1" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("GOVKPI_LLM_MODEL", result.Error);
    }

    [Fact]
    public void A_configured_model_that_cannot_be_reached_leaves_the_answer_to_the_offline_mode_with_a_warning()
    {
        // A port that was free a moment ago: nothing listens, the connection is refused at once.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = Run(["ask", "--docs", Seeds(), "--json", "Tỉnh Khánh Hòa áp dụng KPI từ ngày nào?"],
            new() { ["GOVKPI_LLM_ENDPOINT"] = $"http://127.0.0.1:{port}/v1", ["GOVKPI_LLM_MODEL"] = "local-model" });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("offline", result.Json.GetProperty("mode").GetString());
        Assert.StartsWith("000", result.Json.GetProperty("citations")[0].GetProperty("document").GetString());
        Assert.Contains("warning: the model did not answer", result.Error);
        Assert.StartsWith("Không liên lạc được với mô hình ngôn ngữ", result.Json.GetProperty("answer").GetString());
    }
}
