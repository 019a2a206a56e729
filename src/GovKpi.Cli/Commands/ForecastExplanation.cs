using System.Globalization;
using GovKpi.Core.Forecast;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;

namespace GovKpi.Cli.Commands;

/// <summary>One sentence per forecast, in the words of docs/ASSISTANT.md: where the value stands, what is still to come, and why the rest is expected at the rate it is.</summary>
internal static class ForecastExplanation
{
    public static string Text(KpiForecast f, bool percent, ForecastOptions options)
    {
        var c = CultureInfo.InvariantCulture;
        var b = f.Basis;
        var (records, volume) = f.Kpi switch
        {
            KpiFormula.PerWorkingDay => ("working days", "working days"),
            KpiFormula.SatisfactionAvg => ("surveys", "surveys"),
            KpiFormula.ComplaintRate => ("finished dossiers", "finished dossiers"),
            KpiFormula.OnlineShare => ("dossiers received", "dossiers received"),
            _ => ("dossiers", "dossiers"),
        };
        string V(double value) => percent ? (value * 100).ToString(f.Kpi == KpiFormula.ComplaintRate ? "0.00" : "0.0", c) + "%" : value.ToString("0.00", c);
        string N(decimal value) => value.ToString("0.##", c);

        var text = string.Create(c,
            $"so far {N(f.SoFar.Numerator)} / {N(f.SoFar.Denominator)} = {V(f.SoFar.Value!.Value)} after {b.ElapsedWorkingDays} of {b.TotalWorkingDays} working days; " +
            $"about {b.RemainingVolume:0.#} more {volume} expected; ");
        if (b.PipelineShare < 1)
        {
            text += string.Create(c, $"finishing at {b.PipelineShare * 100:0}% of the pace so far, as no more can finish than are open or arriving; ");
        }

        if (b.CarriedLate > 0)
        {
            text += string.Create(c, $"{b.CarriedLate} open and already late stay late; ");
        }

        text += b.Own.Value is { } own
            ? string.Create(c, $"own record {N(b.Own.Numerator)} / {N(b.Own.Denominator)} = {V(own)}{(f.Kpi == KpiFormula.OnTimeRate ? " of finished on time" : "")}")
            : "no own record yet";
        if (b.Own.Denominator > f.SoFar.Denominator && f.Kpi != KpiFormula.PerWorkingDay)
        {
            text += string.Create(c, $" (with the {options.HistoryDays} days before the period)");
        }

        text += string.Create(c, $", peers {V(b.PeerValue)} counted as {b.PeerWeight:0.#} {records} -> {V(b.RestValue)} for the rest; ");
        text += string.Create(c, $"{options.IntervalLevel * 100:0}% interval {V(f.Low)} to {V(f.High)}");
        if (f.Target is { } target && f.MissProbability is { } miss)
        {
            var sign = f.Direction == KpiDirection.HigherIsBetter ? ">=" : "<=";
            text += string.Create(c, $"; target {sign} {V(target)}: chance of missing it {miss * 100:0}%");
            if (f.Shortfall is > 0 and var shortfall)
            {
                text += string.Create(c, $", projected short by {(percent ? (shortfall * 100).ToString("0.0#", c) + " pp" : shortfall.ToString("0.00", c))}");
            }
        }

        return text;
    }
}
