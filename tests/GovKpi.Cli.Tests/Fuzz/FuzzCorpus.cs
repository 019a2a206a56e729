using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using GovKpi.Data.Measurement;

namespace GovKpi.Tests.Fuzz;

/// <summary>What a fuzzed input must get: landing whole, a located refusal, or at least no crash.</summary>
public enum FuzzExpectation
{
    /// <summary>Valid despite its form (a BOM, CRLF, spaces around an id): lands whole, nothing refused.</summary>
    Accepted,

    /// <summary>Clearly invalid or implausible: refused with a message naming the file and the line.</summary>
    Refused,

    /// <summary>Random damage whose verdict is not obvious: any answer but a crash.</summary>
    Survives,
}

/// <summary>
/// One malformed contract file. <see cref="Line"/> is the line (sheet row for .xlsx) the refusal
/// must name, null when any line will do (broken quoting is found where the reader loses track).
/// </summary>
public sealed record FuzzCase(string Name, RecordKind Kind, string Extension, byte[] Content, FuzzExpectation Expect, int? Line = null)
{
    /// <summary>The contract's file name (<c>dossiers.csv</c>…), so that <c>import --dir</c> finds the file.</summary>
    public string FileName => FuzzCorpus.Stem(Kind) + Extension;

    public bool IsWorkbook => Extension == ".xlsx";

    public override string ToString() => Name;
}

/// <summary>
/// Several hundred malformed CSV and .xlsx contract files of every category of issue 12, generated
/// the same way on every run (a seeded <see cref="Random"/>; nothing is checked in). Each case's
/// ids carry the case's number, so that every case can land in one shared database without meeting
/// another case's rows. To extend: add a case to <see cref="CsvCases"/> or <see cref="WorkbookCases"/>
/// with the verdict it must get.
/// </summary>
public static partial class FuzzCorpus
{
    public const int Seed = 20261206;

    private static readonly Lazy<List<FuzzCase>> Cases = new(Generate);

    public static IReadOnlyList<FuzzCase> All => Cases.Value;

    public static FuzzCase Named(string name) => All.Single(c => c.Name == name);

    public static int IndexOf(FuzzCase c) => Cases.Value.IndexOf(c);

    /// <summary>Case names for an xUnit theory (names, not cases, so that each case is one test that reads as its name).</summary>
    public static TheoryData<string> Names(Func<FuzzCase, bool> where)
    {
        var data = new TheoryData<string>();
        foreach (var c in All.Where(where))
        {
            data.Add(c.Name);
        }

        return data;
    }

    public static string Stem(RecordKind kind) => kind switch
    {
        RecordKind.Dossier => "dossiers",
        RecordKind.Survey => "surveys",
        RecordKind.Complaint => "complaints",
        _ => "calendar",
    };

    public static readonly RecordKind[] Kinds = [RecordKind.Dossier, RecordKind.Survey, RecordKind.Complaint, RecordKind.Calendar];

    /// <summary>The columns of each kind, in the contract's order (CONTRACTS.md).</summary>
    public static string[] Header(RecordKind kind) => kind switch
    {
        RecordKind.Dossier => ["dossier_id", "procedure_code", "unit_code", "handler_code", "channel", "received_at", "due_at", "finished_at",
            "status", "supplement_count", "staff_error_return", "updated_at"],
        RecordKind.Survey => ["response_id", "dossier_id", "submitted_at", "score"],
        RecordKind.Complaint => ["complaint_id", "unit_code", "staff_code", "dossier_id", "received_at", "category", "upheld"],
        _ => ["date", "kind"],
    };

    private static string[] Required(RecordKind kind) => kind switch
    {
        RecordKind.Dossier => ["dossier_id", "procedure_code", "unit_code", "channel", "received_at", "due_at", "status", "updated_at"],
        RecordKind.Complaint => ["complaint_id", "unit_code", "received_at", "category", "upheld"],
        _ => Header(kind),
    };

    /// <summary>The column that identifies a row, and the text columns that hold codes.</summary>
    private static string IdColumn(RecordKind kind) => Header(kind)[0];

    private static string[] CodeColumns(RecordKind kind) => kind switch
    {
        RecordKind.Dossier => ["procedure_code", "unit_code", "handler_code"],
        RecordKind.Survey => ["dossier_id"],
        RecordKind.Complaint => ["unit_code", "staff_code"],
        _ => [],
    };

    private static string[] TimeColumns(RecordKind kind) => kind switch
    {
        RecordKind.Dossier => ["received_at", "due_at", "updated_at"],
        RecordKind.Survey => ["submitted_at"],
        RecordKind.Complaint => ["received_at"],
        _ => ["date"],
    };

    /// <summary>A valid row <paramref name="row"/> of case <paramref name="number"/>, ids unique across the corpus.</summary>
    public static Dictionary<string, string> ValidRow(RecordKind kind, int number, int row)
    {
        var id = $"F{number}-{row}";
        return kind switch
        {
            RecordKind.Dossier => new()
            {
                ["dossier_id"] = "D" + id, ["procedure_code"] = "1.001193", ["unit_code"] = "C1-TT", ["handler_code"] = "S001",
                ["channel"] = "online", ["received_at"] = "2025-07-03T08:15:00+07:00", ["due_at"] = "2025-07-10T17:00:00+07:00",
                ["finished_at"] = "", ["status"] = "processing", ["supplement_count"] = "0", ["staff_error_return"] = "false",
                ["updated_at"] = "2025-07-03T09:00:00+07:00",
            },
            RecordKind.Survey => new()
            {
                ["response_id"] = "S" + id, ["dossier_id"] = "D" + id, ["submitted_at"] = "2025-07-04T08:00:00+07:00", ["score"] = "5",
            },
            RecordKind.Complaint => new()
            {
                ["complaint_id"] = "P" + id, ["unit_code"] = "C1-TT", ["staff_code"] = "S001", ["dossier_id"] = "D" + id,
                ["received_at"] = "2025-07-05T08:00:00+07:00", ["category"] = "attitude", ["upheld"] = "false",
            },
            // Holidays of one year only, so that the corpus's calendar rows never contradict each other.
            _ => new() { ["date"] = new DateOnly(2031, 1, 1).AddDays((number * 7 + row) % 365).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["kind"] = "holiday" },
        };
    }

    private static List<FuzzCase> Generate()
    {
        var random = new Random(Seed);
        var cases = new List<FuzzCase>();
        foreach (var kind in Kinds)
        {
            cases.AddRange(CsvCases(kind, random, cases.Count));
        }

        foreach (var kind in Kinds)
        {
            cases.AddRange(WorkbookCases(kind, random, cases.Count));
        }

        var duplicate = cases.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? cases : throw new InvalidOperationException($"Two fuzz cases are named {duplicate.Key}.");
    }

    // ---------------------------------------------------------------- CSV

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static string CsvLine(IEnumerable<string> fields) => string.Join(',', fields.Select(Quote));

    /// <summary>A file of a header and three rows, the middle one (line 3) changed by <paramref name="change"/>.</summary>
    private static string Csv(RecordKind kind, int number, Action<Dictionary<string, string>>? change = null, string newline = "\n", string[]? header = null)
    {
        header ??= Header(kind);
        var lines = new List<string> { CsvLine(header) };
        for (var row = 0; row < 3; row++)
        {
            var fields = ValidRow(kind, number, row);
            if (row == 1)
            {
                change?.Invoke(fields);
            }

            lines.Add(CsvLine(header.Select(h => fields.GetValueOrDefault(h, ""))));
        }

        return string.Join(newline, lines) + newline;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static IEnumerable<FuzzCase> CsvCases(RecordKind kind, Random random, int first)
    {
        var stem = Stem(kind);
        var number = first;
        var id = IdColumn(kind);
        FuzzCase Case(string name, byte[] content, FuzzExpectation expect, int? line = null) =>
            new($"{stem}-{name}.csv", kind, ".csv", content, expect, line);
        FuzzCase Row(string name, Action<Dictionary<string, string>> change, FuzzExpectation expect = FuzzExpectation.Refused) =>
            Case(name, Utf8(Csv(kind, ++number, change)), expect, expect == FuzzExpectation.Refused ? 3 : null);

        // The file as a whole.
        yield return Case("valid", Utf8(Csv(kind, ++number)), FuzzExpectation.Accepted);
        yield return Case("empty", [], FuzzExpectation.Refused, 1);
        yield return Case("only-newlines", Utf8("\n\n\n"), FuzzExpectation.Refused, 1);
        yield return Case("header-only", Utf8(CsvLine(Header(kind)) + "\n"), FuzzExpectation.Accepted);
        yield return Case("header-only-no-newline", Utf8(CsvLine(Header(kind))), FuzzExpectation.Accepted);
        var headless = Csv(kind, ++number);
        yield return Case("no-header", Utf8(headless[(headless.IndexOf('\n', StringComparison.Ordinal) + 1)..]), FuzzExpectation.Refused, 1);
        yield return Case("bom", [0xEF, 0xBB, 0xBF, .. Utf8(Csv(kind, ++number))], FuzzExpectation.Accepted);
        yield return Case("bom-twice", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. Utf8(Csv(kind, ++number))], FuzzExpectation.Survives);
        yield return Case("utf16", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Csv(kind, ++number))], FuzzExpectation.Survives);
        yield return Case("latin1-bytes", Encoding.Latin1.GetBytes(Csv(kind, ++number, f => f[id] = f[id] + "-Đà-Nẵng")), FuzzExpectation.Refused, 3);
        yield return Case("crlf", Utf8(Csv(kind, ++number, newline: "\r\n")), FuzzExpectation.Accepted);
        yield return Case("cr-only", Utf8(Csv(kind, ++number, newline: "\r")), FuzzExpectation.Survives);
        var mixed = Csv(kind, ++number).Split('\n');
        yield return Case("crlf-lf-mixed", Utf8(string.Join("", mixed.Select((l, i) => l + (i == mixed.Length - 1 ? "" : i % 2 == 0 ? "\r\n" : "\n")))), FuzzExpectation.Accepted);
        yield return Case("cr-lf-mixed", Utf8(string.Join("", mixed.Select((l, i) => l + (i == mixed.Length - 1 ? "" : i % 2 == 0 ? "\r" : "\n")))), FuzzExpectation.Survives);
        yield return Case("trailing-blank-lines", Utf8(Csv(kind, ++number) + "\n\n\n"), FuzzExpectation.Accepted);
        var rows = Csv(kind, ++number).Split('\n');
        yield return Case("blank-line-inside", Utf8(string.Join('\n', rows.Take(2).Append("").Concat(rows.Skip(2)))), FuzzExpectation.Survives);
        yield return Case("many-blank-lines", Utf8(rows[0] + "\n" + new string('\n', 50_000) + string.Join('\n', rows.Skip(1))), FuzzExpectation.Survives);
        yield return Case("many-empty-rows", Utf8(rows[0] + "\n" + string.Concat(Enumerable.Repeat(new string(',', Header(kind).Length - 1) + "\n", 30_000))),
            FuzzExpectation.Refused, 2);
        yield return Case("many-short-lines", Utf8(rows[0] + "\n" + string.Concat(Enumerable.Repeat("x\n", 30_000))), FuzzExpectation.Refused, 2);

        // The header.
        foreach (var column in Required(kind))
        {
            yield return Case($"header-without-{column}", Utf8(Csv(kind, ++number, header: [.. Header(kind).Where(h => h != column)])), FuzzExpectation.Refused, 1);
            yield return Case($"header-misspelt-{column}", Utf8(Csv(kind, ++number, header: [.. Header(kind).Select(h => h == column ? h + "x" : h)])), FuzzExpectation.Refused, 1);
        }

        yield return Case("header-duplicate-column", Utf8(Csv(kind, ++number, header: [.. Header(kind), Header(kind)[0]])), FuzzExpectation.Refused, 1);
        yield return Case("header-duplicate-last-column", Utf8(Csv(kind, ++number, header: [.. Header(kind), Header(kind)[^1]])), FuzzExpectation.Refused, 1);
        yield return Case("header-upper-case", Utf8(Csv(kind, ++number, header: [.. Header(kind).Select(h => h.ToUpperInvariant())])), FuzzExpectation.Survives);
        yield return Case("header-spaced", Utf8(Csv(kind, ++number, header: [.. Header(kind).Select(h => " " + h + " ")])), FuzzExpectation.Survives);
        yield return Case("header-extra-column", Utf8(Csv(kind, ++number, header: [.. Header(kind), "note"])), FuzzExpectation.Accepted);
        yield return Case("header-empty-column-name", Utf8(Csv(kind, ++number, header: [.. Header(kind), ""])), FuzzExpectation.Survives);
        yield return Case("header-nul", Utf8(Csv(kind, ++number, header: [Header(kind)[0] + "\0", .. Header(kind).Skip(1)])), FuzzExpectation.Refused, 1);

        // Quoting and the shape of a row.
        var valid = Csv(kind, ++number).Split('\n');
        yield return Case("quote-unterminated", Utf8(string.Join('\n', valid.Take(2).Append("\"" + valid[2]).Concat(valid.Skip(3)))), FuzzExpectation.Refused);
        valid = Csv(kind, ++number).Split('\n');
        yield return Case("quote-unterminated-last-row", Utf8(string.Join('\n', valid.Take(3).Append("\"" + valid[3]))), FuzzExpectation.Refused);
        valid = Csv(kind, ++number).Split('\n');
        yield return Case("quote-in-unquoted-field", Utf8(string.Join('\n', valid.Take(2).Append("X\"Y" + valid[2]).Concat(valid.Skip(3)))), FuzzExpectation.Survives);
        valid = Csv(kind, ++number).Split('\n');
        var cells = valid[2].Split(',');
        cells[0] = "\"" + cells[0] + "\"junk";
        yield return Case("text-after-closing-quote", Utf8(string.Join('\n', valid.Take(2).Append(string.Join(',', cells)).Concat(valid.Skip(3)))), FuzzExpectation.Survives);
        valid = Csv(kind, ++number).Split('\n');
        cells = valid[2].Split(',');
        yield return Case("row-short", Utf8(string.Join('\n', valid.Take(2).Append(string.Join(',', cells.Take(cells.Length / 2))).Concat(valid.Skip(3)))),
            FuzzExpectation.Refused, 3);
        valid = Csv(kind, ++number).Split('\n');
        yield return Case("row-long", Utf8(string.Join('\n', valid.Take(2).Append(valid[2] + ",extra,extra").Concat(valid.Skip(3)))), FuzzExpectation.Survives);
        valid = Csv(kind, ++number).Split('\n');
        yield return Case("row-one-field", Utf8(string.Join('\n', valid.Take(2).Append("lonely").Concat(valid.Skip(3)))), FuzzExpectation.Refused, 3);
        yield return Case("field-huge", Utf8(Csv(kind, ++number, f => f[Header(kind)[0]] = new string('A', 200_000))), FuzzExpectation.Refused, 3);
        // Over the 1 MiB a row may hold, on the first row: the CSV reader meets it while reading the header.
        var header = Header(kind);
        yield return Case("first-row-over-a-mebibyte",
            Utf8(CsvLine(header) + "\n" + CsvLine(header.Select((_, i) => i == 0 ? new string('A', 2_000_000) : "x")) + "\n"), FuzzExpectation.Refused, 2);
        yield return Case("field-quoted-newline", Utf8(Csv(kind, ++number, f => f[Header(kind)[0]] = f[Header(kind)[0]] + "\n2")), FuzzExpectation.Refused, 3);

        // Ids (the calendar's key is its date, checked with the times below).
        if (kind != RecordKind.Calendar)
        {
            yield return Row("id-empty", f => f[id] = "");
            yield return Row("id-blank", f => f[id] = "   ");
            yield return Row("id-spaces-around", f => f[id] = "  " + f[id] + " ", FuzzExpectation.Accepted);
            yield return Row("id-tab-around", f => f[id] = "\t" + f[id], FuzzExpectation.Accepted);
            yield return Row("id-number", f => f[id] = "123456789012345678" + number, FuzzExpectation.Accepted);
            yield return Row("id-60-characters", f => f[id] = (f[id] + new string('9', 60))[..60], FuzzExpectation.Accepted);
            yield return Row("id-61-characters", f => f[id] = (f[id] + new string('9', 61))[..61]);
            yield return Row("id-1000-characters", f => f[id] = f[id] + new string('Z', 1000));
            yield return Row("id-nul", f => f[id] = f[id] + "\0x");
            yield return Row("id-control", f => f[id] = f[id] + "\u0001");
            yield return Row("id-escape", f => f[id] = f[id] + "\u001b[31m");
            yield return Row("id-zero-width-space", f => f[id] = f[id] + "\u200B");
            yield return Row("id-zero-width-joiner", f => f[id] = "\u200D" + f[id]);
            yield return Row("id-bom-inside", f => f[id] = f[id] + "\uFEFF");
            yield return Row("id-line-separator", f => f[id] = f[id] + "\u2028", FuzzExpectation.Survives);
            yield return Row("id-private-use", f => f[id] = f[id] + "\uE000", FuzzExpectation.Survives);
            yield return Row("id-vietnamese", f => f[id] = f[id] + "-Hồ-sơ", FuzzExpectation.Accepted);
            yield return Row("id-decomposed-vietnamese", f => f[id] = f[id] + "-Ho\u0302\u0300", FuzzExpectation.Survives);
            yield return Row("id-formula", f => f[id] = "=HYPERLINK(\"http://x\")" + number, FuzzExpectation.Survives);
            foreach (var (name, bytes) in BadUtf8)
            {
                var marker = $"\u0001{name}\u0001";
                var text = Csv(kind, ++number, f => f[id] = f[id] + marker);
                yield return Case($"id-{name}", Splice(text, marker, bytes), FuzzExpectation.Refused, 3);
            }
        }

        foreach (var code in CodeColumns(kind))
        {
            // An id (a dossier's) may be 60 characters, a code (a unit's, a procedure's) 40.
            var longest = code.EndsWith("_id", StringComparison.Ordinal) ? 60 : 40;
            yield return Row($"{code}-{longest + 1}-characters", f => f[code] = new string('C', longest + 1));
            yield return Row($"{code}-nul", f => f[code] = "C1\0TT");
            yield return Row($"{code}-zero-width", f => f[code] = "C1-\u200BTT");
            yield return Row($"{code}-spaces-around", f => f[code] = " " + f[code] + " ", FuzzExpectation.Accepted);
            var marker = "\u0001surrogate\u0001";
            var text = Csv(kind, ++number, f => f[code] = "C" + marker);
            yield return Case($"{code}-lone-surrogate", Splice(text, marker, [0xED, 0xB0, 0x80]), FuzzExpectation.Refused, 3);
        }

        // Times and dates.
        foreach (var column in TimeColumns(kind))
        {
            var isDate = column == "date";
            string At(string day) => isDate ? day : day + "T08:00:00+07:00";
            foreach (var year in new[] { "0001", "1800", "2999", "9999" })
            {
                yield return Row($"{column}-year-{year}", f => f[column] = At($"{year}-07-03"));
            }

            yield return Row($"{column}-february-30", f => f[column] = At("2025-02-30"));
            yield return Row($"{column}-month-13", f => f[column] = At("2025-13-01"));
            yield return Row($"{column}-day-00", f => f[column] = At("2025-07-00"));
            yield return Row($"{column}-words", f => f[column] = "yesterday");
            yield return Row($"{column}-vietnamese-order", f => f[column] = isDate ? "03/07/2025" : "03/07/2025 08:15");
            yield return Row($"{column}-empty", f => f[column] = "");
            yield return Row($"{column}-nul", f => f[column] = At("2025-07-03") + "\0");
            yield return Row($"{column}-huge-year", f => f[column] = At("99999-07-03"));
            yield return Row($"{column}-negative-year", f => f[column] = At("-2025-07-03"));
            if (!isDate)
            {
                yield return Row($"{column}-offset-15h", f => f[column] = "2025-07-03T08:00:00+15:00");
                yield return Row($"{column}-offset-minus-15h", f => f[column] = "2025-07-03T08:00:00-15:00");
                yield return Row($"{column}-offset-14h", f => f[column] = "2025-07-03T08:00:00+14:00", FuzzExpectation.Survives);
                yield return Row($"{column}-hour-25", f => f[column] = "2025-07-03T25:00:00+07:00");
                yield return Row($"{column}-leap-second", f => f[column] = "2025-07-03T23:59:60+07:00");
                yield return Row($"{column}-no-offset", f => f[column] = "2025-07-03T08:00:00", FuzzExpectation.Survives);
                yield return Row($"{column}-date-only", f => f[column] = "2025-07-03", FuzzExpectation.Survives);
                yield return Row($"{column}-fraction-digits", f => f[column] = "2025-07-03T08:00:00.123456789012+07:00", FuzzExpectation.Survives);
            }
        }

        switch (kind)
        {
            case RecordKind.Dossier:
                yield return Row("due-before-received", f => f["due_at"] = "2025-07-01T08:00:00+07:00");
                yield return Row("updated-before-received", f => f["updated_at"] = "2025-07-01T08:00:00+07:00");
                yield return Row("finished-before-received", f => (f["status"], f["finished_at"]) = ("done", "2025-07-01T08:00:00+07:00"));
                yield return Row("finished-without-status", f => f["finished_at"] = "2025-07-04T08:00:00+07:00");
                yield return Row("done-without-finished", f => f["status"] = "done");
                yield return Row("status-unknown", f => f["status"] = "open");
                yield return Row("channel-unknown", f => f["channel"] = "fax");
                yield return Row("supplement-negative", f => f["supplement_count"] = "-1");
                yield return Row("supplement-words", f => f["supplement_count"] = "two");
                yield return Row("supplement-huge", f => f["supplement_count"] = "99999999999999999999");
                yield return Row("supplement-fraction", f => f["supplement_count"] = "1.5");
                yield return Row("staff-error-maybe", f => f["staff_error_return"] = "maybe");
                yield return Row("status-upper-case", f => f["status"] = "PROCESSING", FuzzExpectation.Survives);
                break;
            case RecordKind.Survey:
                yield return Row("score-zero", f => f["score"] = "0");
                yield return Row("score-six", f => f["score"] = "6");
                yield return Row("score-words", f => f["score"] = "five");
                yield return Row("score-huge", f => f["score"] = "99999999999999999999");
                yield return Row("score-negative", f => f["score"] = "-5");
                yield return Row("score-fraction", f => f["score"] = "4.5");
                yield return Row("score-nan", f => f["score"] = "NaN");
                yield return Row("score-arabic-digit", f => f["score"] = "\u0665", FuzzExpectation.Survives);
                yield return Row("score-full-width-digit", f => f["score"] = "\uFF15", FuzzExpectation.Survives);
                yield return Row("score-with-spaces", f => f["score"] = " 5 ", FuzzExpectation.Survives);
                break;
            case RecordKind.Complaint:
                yield return Row("category-unknown", f => f["category"] = "rudeness");
                yield return Row("upheld-maybe", f => f["upheld"] = "maybe");
                yield return Row("upheld-empty", f => f["upheld"] = "");
                yield return Row("upheld-number", f => f["upheld"] = "2");
                break;
            default:
                yield return Row("kind-unknown", f => f["kind"] = "holyday");
                yield return Row("kind-empty", f => f["kind"] = "");
                yield return Row("date-with-time", f => f["date"] = "2031-03-03T00:00:00+07:00", FuzzExpectation.Survives);
                yield return Row("date-february-29-not-leap", f => f["date"] = "2031-02-29");
                break;
        }

        // Random damage to a valid file: bytes changed, inserted, removed or repeated.
        for (var i = 0; i < 30; i++)
        {
            var bytes = Utf8(Csv(kind, ++number)).ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                Damage(bytes, random);
            }

            yield return Case($"random-{i:00}", [.. bytes], FuzzExpectation.Survives);
        }
    }

    /// <summary>Byte sequences that are not UTF-8: an invalid byte, a lone surrogate as CESU-8/WTF-8 does it, an overlong '/', a cut sequence.</summary>
    private static readonly (string Name, byte[] Bytes)[] BadUtf8 =
    [
        ("byte-ff", [0xFF]),
        ("lone-high-surrogate", [0xED, 0xA0, 0x80]),
        ("lone-low-surrogate", [0xED, 0xBF, 0xBF]),
        ("overlong-slash", [0xC0, 0xAF]),
        ("cut-sequence", [0xE1, 0xBB]),
        ("beyond-unicode", [0xF4, 0x90, 0x80, 0x80]),
    ];

    private static byte[] Splice(string text, string marker, byte[] bytes)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return [.. Utf8(text[..at]), .. bytes, .. Utf8(text[(at + marker.Length)..])];
    }

    private static readonly byte[] Interesting = [(byte)'"', (byte)',', (byte)'\n', (byte)'\r', 0x00, 0xFF, 0xED, 0xEF, (byte)'-', (byte)'9', (byte)' '];

    private static void Damage(List<byte> bytes, Random random)
    {
        var at = random.Next(bytes.Count);
        switch (random.Next(5))
        {
            case 0:
                bytes[at] = Interesting[random.Next(Interesting.Length)];
                break;
            case 1:
                bytes.Insert(at, Interesting[random.Next(Interesting.Length)]);
                break;
            case 2:
                bytes.RemoveRange(at, Math.Min(random.Next(1, 20), bytes.Count - at));
                break;
            case 3:
                var length = Math.Min(random.Next(1, 60), bytes.Count - at);
                bytes.InsertRange(at, bytes.GetRange(at, length));
                break;
            default:
                bytes[at] = (byte)random.Next(256);
                break;
        }
    }

    // ---------------------------------------------------------------- .xlsx

    /// <summary>A workbook of a header and three rows, the middle one (row 3) changed by <paramref name="change"/> (cell values, not text).</summary>
    private static byte[] Workbook(RecordKind kind, int number, Action<Dictionary<string, object>>? change = null, string[]? header = null, int rows = 3)
    {
        header ??= Header(kind);
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(Stem(kind));
        for (var c = 0; c < header.Length; c++)
        {
            sheet.Cell(1, c + 1).SetValue(header[c]);
            sheet.Cell(1, c + 1).DataType = XLDataType.Text;
        }

        for (var row = 0; row < rows; row++)
        {
            var values = ValidRow(kind, number, row).ToDictionary(p => p.Key, p => (object)p.Value);
            if (row == 1)
            {
                change?.Invoke(values);
            }

            for (var c = 0; c < header.Length; c++)
            {
                var cell = sheet.Cell(row + 2, c + 1);
                switch (values.GetValueOrDefault(header[c]))
                {
                    case string { Length: 0 } or null:
                        break;
                    case string text:
                        // Set as text: ClosedXML 0.95 would otherwise turn a date-like or numeric string into a date or a number.
                        cell.SetValue(text);
                        cell.DataType = XLDataType.Text;
                        break;
                    case var value:
                        cell.Value = value;
                        break;
                }
            }
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>The package <paramref name="workbook"/> with its entries changed by <paramref name="change"/> (raw zip, below what ClosedXML would write).</summary>
    private static byte[] Repack(byte[] workbook, Action<ZipArchive> change)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            change(zip);
        }

        return stream.ToArray();
    }

    private static void Rewrite(ZipArchive zip, string entryName, Func<string, string> change)
    {
        var entry = zip.GetEntry(entryName) ?? throw new InvalidOperationException($"No {entryName} in the workbook.");
        string text;
        using (var reader = new StreamReader(entry.Open()))
        {
            text = reader.ReadToEnd();
        }

        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(entryName).Open(), new UTF8Encoding(false));
        writer.Write(change(text));
    }

    private static void Remove(ZipArchive zip, string entryName) => zip.GetEntry(entryName)?.Delete();

    private static IEnumerable<FuzzCase> WorkbookCases(RecordKind kind, Random random, int first)
    {
        var stem = Stem(kind);
        var number = first;
        var id = IdColumn(kind);
        FuzzCase Case(string name, byte[] content, FuzzExpectation expect, int? line = null) =>
            new($"{stem}-{name}.xlsx", kind, ".xlsx", content, expect, line);
        FuzzCase Row(string name, Action<Dictionary<string, object>> change, FuzzExpectation expect = FuzzExpectation.Refused) =>
            Case(name, Workbook(kind, ++number, change), expect, expect == FuzzExpectation.Refused ? 3 : null);

        yield return Case("valid", Workbook(kind, ++number), FuzzExpectation.Accepted);
        yield return Case("header-only", Workbook(kind, ++number, rows: 0), FuzzExpectation.Accepted);
        yield return Case("empty-sheet", Workbook(kind, ++number, header: [], rows: 0), FuzzExpectation.Refused, 1);
        yield return Case($"header-without-{Required(kind)[^1]}", Workbook(kind, ++number, header: [.. Header(kind).Where(h => h != Required(kind)[^1])]), FuzzExpectation.Refused, 1);
        yield return Case("header-duplicate-column", Workbook(kind, ++number, header: [.. Header(kind), Header(kind)[0]]), FuzzExpectation.Refused, 1);
        var time = TimeColumns(kind)[0];
        if (kind != RecordKind.Calendar)
        {
            yield return Row("id-number-cell", v => v[id] = 123456789012345678d, FuzzExpectation.Accepted);
            yield return Row("id-small-number-cell", v => v[id] = 42d + number, FuzzExpectation.Accepted);
            yield return Row("id-boolean-cell", v => v[id] = true, FuzzExpectation.Survives);
            yield return Row("id-date-cell", v => v[id] = new DateTime(2025, 7, 3), FuzzExpectation.Survives);
            yield return Row("id-61-characters", v => v[id] = new string('W', 61));
            yield return Row("id-nul", v => v[id] = "W\0" + number);
            yield return Row("id-zero-width", v => v[id] = "W\u200B" + number);
            yield return Row("id-spaces-around", v => v[id] = "  W" + number + " ", FuzzExpectation.Accepted);
        }

        yield return Row($"{time}-serial-half", v => v[time] = 0.5);
        yield return Row($"{time}-serial-minus-one", v => v[time] = -1d);
        yield return Row($"{time}-serial-one", v => v[time] = 1d);
        yield return Row($"{time}-year-1800-date-cell", v => v[time] = new DateTime(1800, 7, 3));
        yield return Row($"{time}-year-9999-date-cell", v => v[time] = new DateTime(9999, 7, 3));
        yield return Row($"{time}-text-february-30", v => v[time] = time == "date" ? "2031-02-30" : "2025-02-30T08:00:00+07:00");
        yield return Row($"{time}-boolean-cell", v => v[time] = true);
        switch (kind)
        {
            case RecordKind.Survey:
                yield return Row("score-text-cell", v => v["score"] = "five");
                yield return Row("score-fraction-cell", v => v["score"] = 4.5);
                yield return Row("score-number-cell", v => v["score"] = 4d, FuzzExpectation.Accepted);
                break;
            case RecordKind.Dossier:
                yield return Row("supplement-text-cell", v => v["supplement_count"] = "two");
                yield return Row("supplement-huge-cell", v => v["supplement_count"] = 1e300);
                yield return Row("due-before-received", v => v["due_at"] = "2025-07-01T08:00:00+07:00");
                break;
            case RecordKind.Complaint:
                yield return Row("upheld-text-cell", v => v["upheld"] = "maybe");
                yield return Row("upheld-boolean-cell", v => v["upheld"] = true, FuzzExpectation.Accepted);
                break;
        }

        // The package itself.
        var package = Workbook(kind, ++number);
        yield return Case("zero-bytes", [], FuzzExpectation.Refused, 1);
        yield return Case("csv-named-xlsx", Utf8(Csv(kind, ++number)), FuzzExpectation.Refused, 1);
        yield return Case("zip-of-nothing", Repack(package, zip => { foreach (var e in zip.Entries.ToList()) { e.Delete(); } }), FuzzExpectation.Refused, 1);
        foreach (var fraction in new[] { 0.1, 0.5, 0.9, 0.999 })
        {
            yield return Case($"truncated-{fraction * 1000:0}", package[..(int)(package.Length * fraction)], FuzzExpectation.Refused, 1);
        }

        yield return Case("without-content-types", Repack(package, zip => Remove(zip, "[Content_Types].xml")), FuzzExpectation.Refused, 1);
        yield return Case("without-workbook-part", Repack(package, zip => Remove(zip, "xl/workbook.xml")), FuzzExpectation.Refused, 1);
        yield return Case("without-sheet-part", Repack(package, zip => Remove(zip, "xl/worksheets/sheet1.xml")), FuzzExpectation.Refused, 1);
        yield return Case("without-shared-strings", Repack(package, zip => Remove(zip, "xl/sharedStrings.xml")), FuzzExpectation.Refused);
        yield return Case("without-styles", Repack(package, zip => Remove(zip, "xl/styles.xml")), FuzzExpectation.Survives);
        yield return Case("shared-string-out-of-range", Repack(package, zip => Rewrite(zip, "xl/worksheets/sheet1.xml",
            xml => SharedStringCell().Replace(xml, m => m.Groups[1].Value + "99999" + m.Groups[2].Value, 1))), FuzzExpectation.Refused, 1);
        yield return Case("shared-string-negative", Repack(package, zip => Rewrite(zip, "xl/worksheets/sheet1.xml",
            xml => SharedStringCell().Replace(xml, m => m.Groups[1].Value + "-1" + m.Groups[2].Value, 1))), FuzzExpectation.Refused, 1);
        yield return Case("shared-string-not-a-number", Repack(package, zip => Rewrite(zip, "xl/worksheets/sheet1.xml",
            xml => SharedStringCell().Replace(xml, m => m.Groups[1].Value + "x" + m.Groups[2].Value, 1))), FuzzExpectation.Refused, 1);
        yield return Case("sheet-xml-cut", Repack(package, zip => Rewrite(zip, "xl/worksheets/sheet1.xml", xml => xml[..(xml.Length / 2)])), FuzzExpectation.Refused);
        yield return Case("sheet-xml-not-xml", Repack(package, zip => Rewrite(zip, "xl/worksheets/sheet1.xml", _ => "not xml at all")), FuzzExpectation.Refused, 1);
        yield return Case("number-cell-holding-text", Repack(package, zip => Rewrite(zip, "xl/worksheets/sheet1.xml",
            xml => SharedStringCell().Replace(xml, m => m.Groups[1].Value.Replace("t=\"s\"", "t=\"n\"", StringComparison.Ordinal) + "abc" + m.Groups[2].Value, 1))),
            FuzzExpectation.Survives);
        yield return Case("cell-reference-garbage", Repack(package, zip => Rewrite(zip, "xl/worksheets/sheet1.xml",
            xml => CellReference().Replace(xml, "r=\"!!\"", 3))), FuzzExpectation.Survives);
        yield return Case("cell-reference-beyond-excel", Repack(package, zip => Rewrite(zip, "xl/worksheets/sheet1.xml",
            xml => CellReference().Replace(xml, "r=\"XFZ2\"", 1))), FuzzExpectation.Survives);
        yield return Case("row-number-zero", Repack(package, zip => Rewrite(zip, "xl/worksheets/sheet1.xml",
            xml => xml.Replace("<x:row r=\"2\"", "<x:row r=\"0\"", StringComparison.Ordinal).Replace("<row r=\"2\"", "<row r=\"0\"", StringComparison.Ordinal))), FuzzExpectation.Survives);
        for (var i = 0; i < 6; i++)
        {
            var bytes = package.ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                Damage(bytes, random);
            }

            yield return Case($"random-{i:00}", [.. bytes], FuzzExpectation.Survives);
        }
    }

    /// <summary>The index of a shared-string cell: <c>t="s"…&lt;v&gt;N&lt;/v&gt;</c>, group 1 before N and group 2 after.</summary>
    [GeneratedRegex("(t=\"s\"[^>]*>\\s*<(?:x:)?v>)\\d+(</(?:x:)?v>)")]
    private static partial Regex SharedStringCell();

    [GeneratedRegex("r=\"[A-Z]+[0-9]+\"")]
    private static partial Regex CellReference();
}
