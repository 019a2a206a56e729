using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using GovKpi.Assistant.Answering;
using GovKpi.Assistant.Documents;
using GovKpi.Assistant.Privacy;
using GovKpi.Assistant.Search;

namespace GovKpi.Cli.Commands;

/// <summary>
/// <c>govkpi ask --docs DIR [--json] QUESTION</c> (CONTRACTS.md): answers a question from the
/// documents of a folder (.txt, .md, .html, .pdf, .docx), quoting its sources. The mode comes from
/// the environment (<see cref="LanguageModelSettings"/>): offline unless GOVKPI_LLM_ENDPOINT is set.
/// With --json it prints one object <c>{"mode", "answer", "citations": [{"document", "passage",
/// "score"}]}</c>, most relevant citation first, none when the documents do not answer.
/// A missing folder, a folder without a readable document, an empty question or an incomplete
/// model configuration is invalid input (exit 2); an unreadable file among others is a warning.
/// </summary>
internal static class AskCommand
{
    public static Command Create(Func<string, string?> environment)
    {
        var docs = new Option<string>("--docs") { Description = "Folder of the documents to answer from (.txt, .md, .html, .pdf, .docx).", Required = true, HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: mode, answer, citations." };
        var question = new Argument<string[]>("QUESTION")
        {
            Description = "The question, in Vietnamese (with or without diacritics), English, Lao or Thai. Quote it, or give it as several words.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("ask", "Answer a question from a folder of documents, quoting the passages it comes from.")
        {
            docs, json, question,
        };
        command.SetAction((parsed, ct) => RunAsync(
            parsed.GetRequiredValue(docs), string.Join(' ', parsed.GetRequiredValue(question)).Trim(), parsed.GetValue(json), environment,
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, ct));
        return command;
    }

    private static async Task<int> RunAsync(string directory, string question, bool json, Func<string, string?> environment,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        var problems = new List<string>();
        if (!Directory.Exists(directory))
        {
            problems.Add($"govkpi ask: --docs: {directory}: no such directory");
        }

        if (question.Length == 0)
        {
            problems.Add("govkpi ask: QUESTION: the question is empty");
        }

        LanguageModelSettings? model = null;
        try
        {
            model = LanguageModelSettings.FromEnvironment(environment);
        }
        catch (LanguageModelSettingsException e)
        {
            problems.Add($"govkpi ask: {e.Message}");
        }

        if (problems.Count > 0)
        {
            problems.ForEach(error.WriteLine);
            return ExitCode.InvalidInput;
        }

        DocumentFolder folder;
        try
        {
            folder = DocumentFolder.Read(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"govkpi ask: {e.Message}");
            return ExitCode.Failure;
        }

        foreach (var unreadable in folder.Unreadable)
        {
            error.WriteLine($"govkpi ask: warning: skipped {unreadable.Reason}");
        }

        if (folder.Documents.Count == 0)
        {
            error.WriteLine($"govkpi ask: --docs: {directory}: no readable document ({string.Join(", ", DocumentReader.Extensions)})");
            return ExitCode.InvalidInput;
        }

        using var index = PassageIndex.Build(folder.Documents.SelectMany(PassageSplitter.Split));
        using var assistant = new DocumentAssistant(index, Asker.Operator, model);
        var answer = await assistant.AskAsync(question, ct);
        if (answer.Warning is not null)
        {
            error.WriteLine($"govkpi ask: warning: the model did not answer, offline mode answered instead: {answer.Warning}");
        }

        if (json)
        {
            WriteJson(answer, output);
        }
        else
        {
            WriteText(answer, output);
        }

        return ExitCode.Success;
    }

    private static void WriteJson(AssistantAnswer answer, TextWriter output)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps Vietnamese, Lao and Thai readable instead of \uXXXX; the output is
        // JSON on a terminal or a pipe, never embedded in HTML.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("mode", answer.Mode == AnswerMode.Llm ? "llm" : "offline");
            writer.WriteString("answer", answer.Answer);
            writer.WriteStartArray("citations");
            foreach (var citation in answer.Citations)
            {
                writer.WriteStartObject();
                writer.WriteString("document", citation.Document);
                writer.WriteString("passage", citation.Passage);
                writer.WriteNumber("score", Math.Round(citation.Score, 4));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        output.Flush();
    }

    private static void WriteText(AssistantAnswer answer, TextWriter output)
    {
        output.WriteLine(answer.Answer);
        if (answer.Citations.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Sources, most relevant first:");
            for (var i = 0; i < answer.Citations.Count; i++)
            {
                var citation = answer.Citations[i];
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{i + 1}] {citation.Document} (relevance {citation.Score:0.000})"));
            }
        }

        output.Flush();
    }
}
