using GovKpi.Core.Evaluation;

namespace GovKpi.Data.Exports;

public sealed record FormPerson(string StaffCode, string FullName, string Position, string Unit, string Agency);

/// <summary>One line of the form: a criterion with its assessment (rating, ratio) and points; <see cref="Section"/> groups lines under a heading.</summary>
public sealed record FormRow(string Section, string Criterion, string Assessment, decimal Points, decimal MaxPoints);

public sealed record FormSignature(string Role, string Name, DateOnly? Date);

/// <summary>
/// The evaluation form of one person for one period, as the caller assembled it from the scores:
/// criteria rows, the two subtotals, the total and level, the formulas that explain them,
/// comments and the signature block.
/// </summary>
public sealed record EvaluationForm(FormPerson Person, string Period, IReadOnlyList<FormRow> Rows,
    decimal GeneralCriteria, decimal GeneralCriteriaMax, decimal TaskResults, decimal TaskResultsMax, decimal Total, ClassificationLevel Level)
{
    public IReadOnlyList<string> Formulas { get; init; } = [];
    public string SelfComment { get; init; } = "";
    public string ManagerComment { get; init; } = "";
    public IReadOnlyList<FormSignature> Signatures { get; init; } = [];
}

/// <summary>The evaluation form as a PDF (A4, DejaVu Sans so that Vietnamese prints with its diacritics).</summary>
public static class EvaluationFormPdf
{
    private static readonly double[] RowWidths = [0.07, 0.43, 0.26, 0.12, 0.12];

    public static void Write(EvaluationForm form, ExportText text, Stream output)
    {
        using var pdf = new PdfFlow($"{text.FormTitle} — {form.Person.FullName}");
        pdf.Centered(text.Nation, pdf.Bold);
        pdf.Centered(text.Motto, pdf.Bold);
        pdf.Space(14);
        pdf.Centered(text.FormTitle, pdf.Heading);
        pdf.Centered($"{text.Period}: {form.Period}", pdf.Regular);
        pdf.Space(10);
        pdf.Paragraph($"{text.FullName}: {form.Person.FullName}    {text.StaffCode}: {form.Person.StaffCode}", pdf.Regular);
        pdf.Paragraph($"{text.Position}: {form.Person.Position}", pdf.Regular);
        pdf.Paragraph($"{text.Unit}: {form.Person.Unit}    {text.Agency}: {form.Person.Agency}", pdf.Regular);
        pdf.Space(8);

        pdf.Row([text.Number, text.Criterion, text.Assessment, text.Points, text.MaxPoints], RowWidths, pdf.Bold);
        var number = 0;
        foreach (var section in form.Rows.GroupBy(r => r.Section))
        {
            pdf.Row(["", section.Key, "", text.Score(section.Sum(r => r.Points)), text.Score(section.Sum(r => r.MaxPoints))], RowWidths, pdf.Bold);
            foreach (var row in section)
            {
                pdf.Row([(++number).ToString(text.Culture), row.Criterion, row.Assessment, text.Score(row.Points), text.Score(row.MaxPoints)], RowWidths, pdf.Regular);
            }
        }

        pdf.Row(["", text.GeneralCriteria, "", text.Score(form.GeneralCriteria), text.Score(form.GeneralCriteriaMax)], RowWidths, pdf.Bold);
        pdf.Row(["", text.TaskResults, "", text.Score(form.TaskResults), text.Score(form.TaskResultsMax)], RowWidths, pdf.Bold);
        pdf.Row(["", text.Total, "", text.Score(form.Total), text.Score(form.GeneralCriteriaMax + form.TaskResultsMax)], RowWidths, pdf.Bold);
        pdf.Space(8);
        pdf.Paragraph($"{text.Total}: {text.Score(form.Total)} — {text.Level}: {text.Levels[form.Level]}", pdf.Heading);

        if (form.Formulas.Count > 0)
        {
            pdf.Space(8);
            pdf.Paragraph(text.HowComputed, pdf.Bold);
            foreach (var formula in form.Formulas)
            {
                pdf.Paragraph("• " + formula, pdf.Regular);
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

        if (form.Signatures.Count > 0)
        {
            pdf.Space(16);
            var widths = Enumerable.Repeat(1.0 / form.Signatures.Count, form.Signatures.Count).ToList();
            pdf.Row(form.Signatures.Select(s => s.Role).ToList(), widths, pdf.Bold);
            pdf.Row(form.Signatures.Select(s => $"{(s.Date is { } d ? text.Date(d) : "")}\n\n\n\n{s.Name}").ToList(), widths, pdf.Regular);
        }

        pdf.Save(output);
    }
}
