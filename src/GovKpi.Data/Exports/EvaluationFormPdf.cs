using GovKpi.Core.Evaluation;

namespace GovKpi.Data.Exports;

public sealed record FormPerson(string StaffCode, string FullName, string Position, string Unit, string Agency);

/// <summary>
/// One line of the form's table: a criterion (or, with <see cref="Lines"/>, a group or section of
/// them) with its maximum, the person's own points and the points the rater gave; a null is a
/// number not given at that level (the self-assessment has one figure per group, not per criterion).
/// <see cref="Assessment"/> is the rating level or the ratio the points come from.
/// </summary>
public sealed record FormLine(string Name, decimal? MaxPoints, decimal? SelfPoints, decimal? RatedPoints, string Assessment = "")
{
    public IReadOnlyList<FormLine> Lines { get; init; } = [];
}

public sealed record FormSignature(string Role, string Name, DateOnly? Date);

/// <summary>
/// The evaluation form of one person for one period, as the caller assembled it from the
/// evaluation: the groups of the table (general criteria, task results) each with its lines, the
/// totals, the level, the formulas that explain them, comments and the signatures (the person, the
/// rater, the head).
/// </summary>
public sealed record EvaluationForm(FormPerson Person, string Period, IReadOnlyList<FormLine> Groups, decimal? SelfTotal, decimal Total, ClassificationLevel Level)
{
    public IReadOnlyList<string> Formulas { get; init; } = [];
    public string SelfComment { get; init; } = "";
    public string ManagerComment { get; init; } = "";
    public IReadOnlyList<FormSignature> Signatures { get; init; } = [];
}

/// <summary>
/// The evaluation form as a PDF, laid out as the official forms are: the agency and the national
/// header side by side, the title and period, the person on labelled lines, the table (groups in
/// Roman numerals with their subtotal once, criteria under them, the total), the classification,
/// the comments, and the signature block with a title, a date line and a name for each signer.
/// </summary>
public static class EvaluationFormPdf
{
    private static readonly double[] Columns = [0.07, 0.41, 0.14, 0.11, 0.13, 0.14];
    private static readonly string[] Roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];

    public static void Write(EvaluationForm form, ExportText text, Stream output)
    {
        using var pdf = new PdfFlow($"{text.FormTitle} — {form.Person.FullName}");
        OfficialHeader(pdf, text, form.Person.Agency, form.Person.Unit);
        pdf.Space(14);
        pdf.Centered(text.FormTitle, pdf.Heading);
        pdf.Centered($"{text.Period}: {form.Period}", pdf.Regular);
        pdf.Space(10);
        foreach (var (label, value) in new[]
        {
            (text.FullName, form.Person.FullName), (text.StaffCode, form.Person.StaffCode), (text.Position, form.Person.Position),
            (text.Unit, form.Person.Unit), (text.Agency, form.Person.Agency),
        })
        {
            pdf.Paragraph($"{label}: {value}", pdf.Regular);
        }

        pdf.Space(8);
        pdf.BeginTable(
            [.. new[] { text.Number, text.Content, text.RatingLevel, text.MaxPoints, text.SelfPoints, text.RatedPoints }.Select(h => new PdfCell(h, pdf.Bold, PdfAlign.Center))],
            Columns);
        foreach (var (group, g) in form.Groups.Select((group, g) => (group, g)))
        {
            Line(pdf, text, g < Roman.Length ? Roman[g] : (g + 1).ToString(text.Culture), group, pdf.Bold);
            var sections = group.Lines.Any(l => l.Lines.Count > 0);
            foreach (var (line, i) in group.Lines.Select((line, i) => (line, i + 1)))
            {
                Line(pdf, text, i.ToString(text.Culture), line, sections ? pdf.Bold : pdf.Regular);
                foreach (var (criterion, j) in line.Lines.Select((criterion, j) => (criterion, j + 1)))
                {
                    Line(pdf, text, $"{i}.{j}", criterion, pdf.Regular);
                }
            }
        }

        Line(pdf, text, "", new FormLine(text.Total, form.Groups.Sum(g => g.MaxPoints ?? 0), form.SelfTotal, form.Total), pdf.Bold);
        pdf.EndTable();

        pdf.Space(10);
        pdf.Paragraph($"{text.Classification}:", pdf.Bold);
        pdf.Paragraph($"{text.Total}: {text.Score(form.Total)} — {text.Level}: {text.Levels[form.Level]}", pdf.Heading);

        if (form.Formulas.Count > 0)
        {
            pdf.Space(8);
            pdf.Paragraph(text.HowComputed, pdf.Bold);
            foreach (var formula in form.Formulas)
            {
                pdf.Paragraph("• " + ExplanationNumbers.InCulture(formula, text.Culture), pdf.Small);
            }
        }

        foreach (var (label, comment) in new[] { (text.SelfComment, form.SelfComment), (text.ManagerComment, form.ManagerComment) })
        {
            if (comment.Length > 0)
            {
                pdf.Space(8);
                pdf.Paragraph(label, pdf.Bold);
                pdf.Paragraph(comment, pdf.Regular);
            }
        }

        pdf.Space(18);
        SignatureBlock(pdf, text, form.Signatures);
        pdf.Save(output);
    }

    /// <summary>The agency and unit on the left (the unit left out when it is the agency), the national name and motto (underlined) on the right, as every official document opens.</summary>
    internal static void OfficialHeader(PdfFlow pdf, ExportText text, string agency, string unit)
    {
        var issuer = string.Equals(agency, unit, StringComparison.OrdinalIgnoreCase) || unit.Length == 0 ? agency.ToUpper(text.Culture) : $"{agency.ToUpper(text.Culture)}\n{unit}";
        pdf.Row(
            [
                new PdfCell(issuer, pdf.Bold, PdfAlign.Center),
                new PdfCell($"{text.Nation}\n{text.Motto}", pdf.Bold, PdfAlign.Center),
            ],
            [0.42, 0.58], border: false);
        pdf.Rule(0.68, 0.9);
    }

    /// <summary>One column per signer: the title, how to sign, the date line, room to sign, then the name; kept on one page.</summary>
    internal static void SignatureBlock(PdfFlow pdf, ExportText text, IReadOnlyList<FormSignature> signatures)
    {
        if (signatures.Count == 0)
        {
            return;
        }

        var widths = Enumerable.Repeat(1.0 / signatures.Count, signatures.Count).ToList();
        pdf.KeepTogether(120);
        pdf.Row([.. signatures.Select(s => new PdfCell(s.Role, pdf.SmallBold, PdfAlign.Center))], widths, border: false);
        pdf.Row([.. signatures.Select(_ => new PdfCell(text.SignHint, pdf.Italic, PdfAlign.Center))], widths, border: false);
        pdf.Row([.. signatures.Select(s => new PdfCell(text.Signed(s.Date), pdf.Regular, PdfAlign.Center))], widths, border: false);
        pdf.Space(48);
        pdf.Row([.. signatures.Select(s => new PdfCell(s.Name, pdf.Bold, PdfAlign.Center))], widths, border: false);
    }

    private static void Line(PdfFlow pdf, ExportText text, string number, FormLine line, PdfSharp.Drawing.XFont font)
    {
        string Points(decimal? value) => value is { } v ? text.Score(v) : "";
        pdf.Row(
            [
                new PdfCell(number, font, PdfAlign.Center), new PdfCell(line.Name, font), new PdfCell(line.Assessment, font, PdfAlign.Center),
                new PdfCell(Points(line.MaxPoints), font, PdfAlign.Right), new PdfCell(Points(line.SelfPoints), font, PdfAlign.Right),
                new PdfCell(Points(line.RatedPoints), font, PdfAlign.Right),
            ],
            Columns);
    }
}
