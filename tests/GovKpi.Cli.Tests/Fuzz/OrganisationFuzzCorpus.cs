using System.Text;
using ClosedXML.Excel;
using GovKpi.Tests.Fuzz;

namespace GovKpi.Cli.Tests.Fuzz;

/// <summary>A directory of organisation files, one of them (<see cref="Damaged"/>) malformed; what the import must answer.</summary>
public sealed record OrganisationFuzzCase(string Name, string Damaged, IReadOnlyDictionary<string, byte[]> Files, FuzzExpectation Expect, int? Line = null)
{
    public override string ToString() => Name;
}

/// <summary>
/// Malformed organisation files for <c>import --dir</c>: a small valid organisation (two units, two
/// positions, two staff) with one file emptied, re-headed, given bad codes or bad bytes, or damaged at
/// random (a seeded <see cref="Random"/>), as CSV and as .xlsx.
/// </summary>
public static class OrganisationFuzzCorpus
{
    private static readonly Dictionary<string, string[][]> Valid = new(StringComparer.Ordinal)
    {
        ["units"] =
        [
            ["code", "name_vi", "name_en", "kind", "parent_code", "effective_from", "effective_to"],
            ["KH", "Tỉnh Khánh Hòa", "Khanh Hoa Province", "province", "", "2020-01-01", ""],
            ["KH.VP", "Văn phòng UBND tỉnh", "Office", "agency", "KH", "2020-01-01", ""],
        ],
        ["positions"] =
        [
            ["code", "name_vi", "name_en", "group", "description"],
            ["LD-SO", "Lãnh đạo sở", "Department leader", "management", ""],
            ["CV", "Chuyên viên", "Specialist", "professional", ""],
        ],
        ["staff"] =
        [
            ["code", "full_name", "type", "unit_code", "position_code", "leader", "skills"],
            ["CB00001", "Trương Bá Hòa", "can_bo", "KH.VP", "LD-SO", "head", "management"],
            ["CC00002", "Nguyễn Thị Lan", "cong_chuc", "KH.VP", "CV", "", ""],
        ],
    };

    private static readonly Lazy<List<OrganisationFuzzCase>> Cases = new(Generate);

    public static IReadOnlyList<OrganisationFuzzCase> All => Cases.Value;

    public static OrganisationFuzzCase Named(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    private static string Csv(string[][] rows) =>
        string.Concat(rows.Select(r => string.Join(',', r.Select(f => f.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f)) + "\n"));

    private static byte[] Workbook(string[][] rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("data");
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                if (rows[r][c].Length > 0)
                {
                    sheet.Cell(r + 1, c + 1).SetValue(rows[r][c]);
                    sheet.Cell(r + 1, c + 1).DataType = XLDataType.Text;
                }
            }
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static List<OrganisationFuzzCase> Generate()
    {
        var random = new Random(FuzzCorpus.Seed + 1);
        var cases = new List<OrganisationFuzzCase>();
        OrganisationFuzzCase Case(string name, string stem, string file, byte[] content, FuzzExpectation expect, int? line = null)
        {
            var files = Valid.ToDictionary(v => v.Key + ".csv", v => Encoding.UTF8.GetBytes(Csv(v.Value)), StringComparer.Ordinal);
            files.Remove(stem + ".csv");
            files[file] = content;
            return new OrganisationFuzzCase($"{stem}-{name}", file, files, expect, line);
        }

        string[][] Changed(string stem, Action<string[]> change)
        {
            var rows = Valid[stem].Select(r => r.ToArray()).ToArray();
            change(rows[^1]);
            return rows;
        }

        cases.Add(Case("valid", "units", "units.csv", Encoding.UTF8.GetBytes(Csv(Valid["units"])), FuzzExpectation.Accepted));
        foreach (var stem in Valid.Keys)
        {
            var csv = stem + ".csv";
            var text = Csv(Valid[stem]);
            cases.Add(Case("empty", stem, csv, [], FuzzExpectation.Refused, 1));
            cases.Add(Case("bom", stem, csv, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)], FuzzExpectation.Accepted));
            cases.Add(Case("crlf", stem, csv, Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)), FuzzExpectation.Accepted));
            cases.Add(Case("no-header", stem, csv, Encoding.UTF8.GetBytes(Csv(Valid[stem][1..])), FuzzExpectation.Refused, 1));
            cases.Add(Case("without-code", stem, csv, Encoding.UTF8.GetBytes(Csv([.. Valid[stem].Select(r => r[1..])])), FuzzExpectation.Refused, 1));
            cases.Add(Case("code-empty", stem, csv, Encoding.UTF8.GetBytes(Csv(Changed(stem, r => r[0] = ""))), FuzzExpectation.Refused, 3));
            cases.Add(Case("code-nul", stem, csv, Encoding.UTF8.GetBytes(Csv(Changed(stem, r => r[0] += "\0"))), FuzzExpectation.Refused, 3));
            cases.Add(Case("code-zero-width", stem, csv, Encoding.UTF8.GetBytes(Csv(Changed(stem, r => r[0] += "\u200B"))), FuzzExpectation.Refused, 3));
            cases.Add(Case("code-41-characters", stem, csv, Encoding.UTF8.GetBytes(Csv(Changed(stem, r => r[0] = new string('X', 41)))), FuzzExpectation.Refused, 3));
            var marked = Csv(Changed(stem, r => r[0] += "\u0001mark\u0001"));
            var at = marked.IndexOf("\u0001mark\u0001", StringComparison.Ordinal);
            cases.Add(Case("code-byte-ff", stem, csv, [.. Encoding.UTF8.GetBytes(marked[..at]), 0xFF, .. Encoding.UTF8.GetBytes(marked[(at + 6)..])], FuzzExpectation.Refused, 3));
            cases.Add(Case("code-lone-surrogate", stem, csv, [.. Encoding.UTF8.GetBytes(marked[..at]), 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes(marked[(at + 6)..])], FuzzExpectation.Refused, 3));
            var lines = text.Split('\n');
            cases.Add(Case("quote-unterminated", stem, csv, Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(2).Append("\"" + lines[2]).Concat(lines.Skip(3)))), FuzzExpectation.Refused));
            cases.Add(Case("row-short", stem, csv, Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(2).Append(lines[2].Split(',')[0]).Concat(lines.Skip(3)))), FuzzExpectation.Refused, 3));
            for (var i = 0; i < 10; i++)
            {
                var bytes = Encoding.UTF8.GetBytes(text).ToList();
                for (var edits = random.Next(1, 4); edits > 0; edits--)
                {
                    var p = random.Next(bytes.Count);
                    byte[] interesting = [(byte)'"', (byte)',', (byte)'\n', 0x00, 0xFF, (byte)'-'];
                    switch (random.Next(3))
                    {
                        case 0:
                            bytes[p] = interesting[random.Next(interesting.Length)];
                            break;
                        case 1:
                            bytes.Insert(p, interesting[random.Next(interesting.Length)]);
                            break;
                        default:
                            bytes.RemoveRange(p, Math.Min(random.Next(1, 10), bytes.Count - p));
                            break;
                    }
                }

                cases.Add(Case($"random-{i:00}", stem, csv, [.. bytes], FuzzExpectation.Survives));
            }

            var workbook = Workbook(Valid[stem]);
            cases.Add(Case("xlsx", stem, stem + ".xlsx", workbook, FuzzExpectation.Survives));
            cases.Add(Case("xlsx-truncated", stem, stem + ".xlsx", workbook[..(workbook.Length / 2)], FuzzExpectation.Refused, 1));
            cases.Add(Case("xlsx-zero-bytes", stem, stem + ".xlsx", [], FuzzExpectation.Refused, 1));
            cases.Add(Case("xlsx-code-nul", stem, stem + ".xlsx", Workbook(Changed(stem, r => r[0] += "\0")), FuzzExpectation.Refused, 3));
        }

        return cases;
    }
}
