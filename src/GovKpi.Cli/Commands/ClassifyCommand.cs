using System.CommandLine;
using GovKpi.Core.Evaluation;
using GovKpi.Data.Files;

namespace GovKpi.Cli.Commands;

/// <summary>
/// <c>govkpi classify --scores FILE [--policy decree-335|FILE] [--out FILE]</c> (CONTRACTS.md):
/// the annual classification level of every person, with the reason (band, quota, forced).
/// Invalid input ends with exit code 2 and located messages on standard error; nothing is written.
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create()
    {
        var scores = new Option<string>("--scores") { Description = "scores.csv: staff_code, agency_code, group_code, score, forced_kht.", Required = true };
        var policy = new Option<string>("--policy")
        {
            Description = "A built-in policy (decree-335, khanh-hoa) or a JSON policy file (docs/FILES.md).",
            DefaultValueFactory = _ => EvaluationPolicy.Decree335.Code,
        };
        var output = new Option<string?>("--out") { Description = "File to write (replaced only on success); standard output when absent." };
        var command = new Command("classify", "Classify people into HTXS / HTT / HT / KHT from their year scores, applying the policy's HTXS quota.")
        {
            scores, policy, output,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(scores), parsed.GetRequiredValue(policy), parsed.GetValue(output),
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string scoresPath, string policyName, string? outPath, TextWriter output, TextWriter error)
    {
        var problems = new List<string>();
        if (!File.Exists(scoresPath))
        {
            problems.Add($"govkpi classify: --scores: {scoresPath}: file not found");
        }

        if (OutputFile.Problem(outPath) is { } outProblem)
        {
            problems.Add($"govkpi classify: --out: {outProblem}");
        }

        var policy = EvaluationPolicy.BuiltIn.FirstOrDefault(p => p.Code == policyName);
        if (policy is null)
        {
            if (!File.Exists(policyName))
            {
                problems.Add($"govkpi classify: --policy: '{policyName}' is neither a built-in policy ({string.Join(", ", EvaluationPolicy.BuiltIn.Select(p => p.Code))}) nor an existing file");
            }
            else
            {
                try
                {
                    policy = PolicyFile.Read(policyName);
                }
                catch (PolicyFileException e)
                {
                    problems.Add(e.Message);
                }
            }
        }

        if (problems.Count > 0)
        {
            problems.ForEach(error.WriteLine);
            return ExitCode.InvalidInput;
        }

        try
        {
            var people = new List<ScoredPerson>();
            var lines = new Dictionary<string, long>(StringComparer.Ordinal);
            var diagnostics = new CsvDiagnostics(stopAtFirstError: true);
            using (var stream = File.OpenRead(scoresPath))
            {
                foreach (var (person, line) in ScoresCsvReader.Read(stream, scoresPath, diagnostics))
                {
                    if (!lines.TryAdd(person.StaffCode, line))
                    {
                        problems.Add($"{scoresPath}:{line}:staff_code: '{person.StaffCode}' is already listed at line {lines[person.StaffCode]}; staff_code must be unique");
                        break;
                    }

                    people.Add(person);
                }
            }

            diagnostics.Warnings.Select(w => w.ToString()).ToList().ForEach(error.WriteLine);
            if (diagnostics.FirstError is { } first)
            {
                problems.AddRange(first.Problems.Select(p => $"{first.File}:{first.Line}:{p.Column}: {p.Reason}"));
            }

            if (problems.Count > 0)
            {
                problems.ForEach(error.WriteLine);
                return ExitCode.InvalidInput;
            }

            var classified = Classification.Classify(people, policy!);
            OutputFile.Write(outPath, output, stream =>
            {
                using var csv = new CsvRowWriter(stream, ["staff_code", "level", "reason"]);
                foreach (var person in classified)
                {
                    csv.Field(person.StaffCode);
                    csv.Field(person.Level.ToString().ToUpperInvariant());
                    csv.Field(person.Reason.ToString().ToLowerInvariant());
                    csv.EndRow();
                }
            });
            return ExitCode.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"govkpi classify: {e.Message}");
            return ExitCode.Failure;
        }
    }
}
