using System.Text;
using GovKpi.Data.Files;

namespace GovKpi.Cli.Tests.Files;

/// <summary>Builders of contract CSV text for tests: rows as column → text, written in any column order and quoted as RFC 4180 needs.</summary>
internal static class ContractRows
{
    public static readonly string[] DossierHeader =
    [
        "dossier_id", "procedure_code", "unit_code", "handler_code", "channel", "received_at", "due_at",
        "finished_at", "status", "supplement_count", "staff_error_return", "updated_at",
    ];

    /// <summary>A valid dossier version: processed on time, online, handled by CB001 of XA01.</summary>
    public static Dictionary<string, string> Dossier(string id = "D1", params (string Column, string Value)[] changes)
    {
        var row = new Dictionary<string, string>
        {
            ["dossier_id"] = id,
            ["procedure_code"] = "1.001193",
            ["unit_code"] = "XA01",
            ["handler_code"] = "CB001",
            ["channel"] = "online",
            ["received_at"] = "2025-07-01T08:00:00+07:00",
            ["due_at"] = "2025-07-08T08:00:00+07:00",
            ["finished_at"] = "2025-07-03T10:00:00+07:00",
            ["status"] = "processed",
            ["supplement_count"] = "0",
            ["staff_error_return"] = "false",
            ["updated_at"] = "2025-07-03T10:05:00+07:00",
        };
        foreach (var (column, value) in changes)
        {
            row[column] = value;
        }

        return row;
    }

    public static Dictionary<string, string> Survey(string id, string dossier, string submitted, string score) => new()
    {
        ["response_id"] = id, ["dossier_id"] = dossier, ["submitted_at"] = submitted, ["score"] = score,
    };

    public static Dictionary<string, string> Complaint(string id, string unit, string staff, string dossier, string received, string category, string upheld) => new()
    {
        ["complaint_id"] = id, ["unit_code"] = unit, ["staff_code"] = staff, ["dossier_id"] = dossier,
        ["received_at"] = received, ["category"] = category, ["upheld"] = upheld,
    };

    /// <summary>CSV text with the given header; a row lacking a column gets an empty field.</summary>
    public static string Csv(IReadOnlyList<string> header, IEnumerable<IReadOnlyDictionary<string, string>> rows, string newLine = "\n")
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', header.Select(Field))).Append(newLine);
        foreach (var row in rows)
        {
            text.Append(string.Join(',', header.Select(c => Field(row.GetValueOrDefault(c, ""))))).Append(newLine);
        }

        return text.ToString();
    }

    public static string Csv(IReadOnlyList<string> header, params IReadOnlyDictionary<string, string>[] rows) => Csv(header, rows.AsEnumerable());

    public static string Field(string value) => CsvRowWriter.NeedsQuotes(value) ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    public static MemoryStream Utf8(string text, bool byteOrderMark = false) =>
        new([.. (byteOrderMark ? Encoding.UTF8.Preamble.ToArray() : []), .. Encoding.UTF8.GetBytes(text)]);

    /// <summary>Reads text with a reader in importer mode: every invalid row reported, valid ones kept.</summary>
    public static Read<T> ReadAll<T>(Func<Stream, string, CsvDiagnostics, IEnumerable<Located<T>>> read, string text, string file, bool byteOrderMark = false)
    {
        var errors = new List<RowError>();
        var diagnostics = new CsvDiagnostics(stopAtFirstError: false, errors.Add);
        var records = read(Utf8(text, byteOrderMark), file, diagnostics).ToList();
        return new Read<T>(records, errors, diagnostics.Warnings);
    }

    public sealed record Read<T>(List<Located<T>> Records, List<RowError> Errors, IReadOnlyList<CsvWarning> Warnings)
    {
        public RowError Error => Assert.Single(Errors);
    }
}
