using System.Globalization;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;

namespace GovKpi.Core.DemoProvince;

/// <summary>
/// The dossiers of a demo province over a reception window (the working days of 2025 by
/// default), generated one at a time in order of reception.
/// </summary>
/// <remarks>
/// Times are reckoned in <em>working seconds</em>: 27,000 per working day (07:30–11:30 and
/// 13:30–17:00), counted from the first working day of the window. Appointment dates, processing
/// and delays then follow the working-day calendar without further checks, and every generated
/// time falls within office hours on a working day. The demo data are extracted at the end of
/// the window's last working day (31/12/2025 at 17:00 by default): what happens later is not in
/// the files, so the last days' dossiers are still open and some long-stuck ones are open and late.
/// </remarks>
internal sealed class DossierTraffic
{
    private const int WorkingDaySeconds = 27_000;
    private const int MorningSeconds = 14_400;
    private const int MaxDailySequence = 9_999;
    /// <summary>The reception window of <c>govkpi seed</c>: the year 2025, whose files CONTRACTS.md tests read.</summary>
    public static readonly DateOnly DefaultFrom = new(2025, 1, 1);
    public static readonly DateOnly DefaultTo = new(2026, 1, 1);

    // Seasonal volume: the rush before Tết, the quiet Tết month, the July handover to the new communes.
    private static readonly double[] MonthFactor = [1.15, 0.85, 1.0, 1.0, 1.0, 1.05, 0.9, 1.0, 1.0, 1.05, 1.05, 1.1];

    private readonly DemoProvince _province;
    private readonly List<DateOnly> _workingDays = [];
    private readonly DateTimeOffset[] _midnights;
    private readonly string[] _dayStamps;
    private readonly int _receptionDays;
    private readonly int[][] _counts;
    private readonly long _extraction;
    private readonly DateTimeOffset _extractedAt;
    private readonly (Procedure[] Items, double[] Cumulative) _communeProcedures;
    private readonly (Procedure[] Items, double[] Cumulative) _provinceProcedures;

    /// <param name="from">First day of reception.</param>
    /// <param name="to">Day after the last day of reception (exclusive); the data are extracted at the end of the last working day before it.</param>
    public DossierTraffic(DemoProvince province, int dossierCount, DateOnly from, DateOnly to)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dossierCount);
        if (to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, string.Create(CultureInfo.InvariantCulture, $"The reception window must end after it starts ({from:yyyy-MM-dd})."));
        }

        _province = province;
        // A year beyond the window's end leaves room for every appointment and late finish.
        var tableEnd = to.AddYears(1);
        for (var day = from; day < tableEnd; day = day.AddDays(1))
        {
            if (province.Calendar.IsWorkingDay(day))
            {
                _workingDays.Add(day);
            }
        }

        _receptionDays = _workingDays.Count(d => d < to);
        _midnights = _workingDays.Select(d => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset)).ToArray();
        _dayStamps = _workingDays.Select(d => d.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        // The last working second of the window (e.g. 31/12/2025 at 16:59:59).
        _extraction = (long)_receptionDays * WorkingDaySeconds - 1;
        _extractedAt = _receptionDays == 0 ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset) : Time(_extraction + 1, endOfDay: true);
        _communeProcedures = Catalogue(ProcedureLevel.Commune);
        _provinceProcedures = Catalogue(ProcedureLevel.Province);
        // The volume plan is fixed before the first dossier, so an impossible size fails at once.
        _counts = PlanVolumes(new Random(unchecked(province.Seed * 7919 + 1)), dossierCount);
    }

    private static (Procedure[], double[]) Catalogue(ProcedureLevel level)
    {
        var items = Procedures.All.Where(p => p.Level == level).ToArray();
        return (items, Cumulative(items.Select(p => p.Weight)));
    }

    private int[][] PlanVolumes(Random random, int dossierCount)
    {
        var dayWeights = new double[_receptionDays];
        for (var i = 0; i < _receptionDays; i++)
        {
            var day = _workingDays[i];
            var weekday = day.DayOfWeek switch
            {
                DayOfWeek.Monday => 1.12,
                DayOfWeek.Friday => 0.92,
                DayOfWeek.Saturday => 0.7,
                _ => 1.0,
            };
            dayWeights[i] = MonthFactor[day.Month - 1] * weekday * (0.9 + 0.2 * random.NextDouble());
        }

        var perDay = Apportion(dossierCount, dayWeights);
        var desks = _province.Desks;
        var counts = new int[_receptionDays][];
        var weights = new double[desks.Count];
        for (var i = 0; i < _receptionDays; i++)
        {
            var day = _workingDays[i];
            for (var k = 0; k < desks.Count; k++)
            {
                var desk = desks[k];
                var open = desk.From <= day && (desk.To is null || day < desk.To);
                weights[k] = open ? desk.Weight * (0.8 + 0.4 * random.NextDouble()) : 0;
            }

            counts[i] = Apportion(perDay[i], weights);
            if (!CapDaily(counts[i], weights, MaxDailySequence))
            {
                var open = weights.Count(w => w > 0);
                throw new ArgumentOutOfRangeException(nameof(dossierCount), dossierCount,
                    string.Create(CultureInfo.InvariantCulture, $"{perDay[i]} dossiers on {day:yyyy-MM-dd} are more than the {open} open service centres can number (9,999 a day each, the daily sequence of a dossier id); use fewer dossiers or more staff (more communes)."));
            }
        }

        return counts;
    }

    /// <summary>The dossiers of each reception day (by working-day index) at each service desk (by <see cref="DemoProvince.Desks"/> index).</summary>
    internal IReadOnlyList<int[]> DailyVolumes => _counts;

    /// <summary>
    /// Keeps every desk of one day within <paramref name="cap"/> dossiers (the 4-digit daily
    /// sequence of an id): a desk's surplus goes to the other open desks (weight above zero) that
    /// still have room, in proportion to their weights, until none is over. A large province then
    /// fills its busiest centres to the cap and spreads the rest, rather than refusing the size.
    /// </summary>
    /// <returns>False when the day holds more than the open desks can take, <paramref name="counts"/> then unchanged in total but some over the cap.</returns>
    internal static bool CapDaily(int[] counts, double[] weights, int cap)
    {
        var surplus = 0;
        for (var k = 0; k < counts.Length; k++)
        {
            if (counts[k] > cap)
            {
                surplus += counts[k] - cap;
                counts[k] = cap;
            }
        }

        var room = new double[weights.Length];
        while (surplus > 0)
        {
            for (var k = 0; k < counts.Length; k++)
            {
                room[k] = weights[k] > 0 && counts[k] < cap ? weights[k] : 0;
            }

            if (room.All(w => w == 0))
            {
                // Nowhere to put it: the surplus goes back to the first desk, which reports it.
                var first = Array.FindIndex(weights, w => w > 0);
                counts[first < 0 ? 0 : first] += surplus;
                return false;
            }

            var shares = Apportion(surplus, room);
            surplus = 0;
            for (var k = 0; k < counts.Length; k++)
            {
                counts[k] += shares[k];
                if (counts[k] > cap)
                {
                    surplus += counts[k] - cap;
                    counts[k] = cap;
                }
            }
        }

        return true;
    }

    /// <summary>Splits <paramref name="total"/> in proportion to <paramref name="weights"/> (largest remainders, ties to the lower index).</summary>
    private static int[] Apportion(int total, double[] weights)
    {
        var result = new int[weights.Length];
        var sum = weights.Sum();
        if (total == 0 || sum <= 0)
        {
            return result;
        }

        var remainders = new (double Fraction, int Index)[weights.Length];
        var given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = total * weights[i] / sum;
            result[i] = (int)Math.Floor(exact);
            given += result[i];
            remainders[i] = (exact - result[i], i);
        }

        Array.Sort(remainders, (a, b) => a.Fraction != b.Fraction ? b.Fraction.CompareTo(a.Fraction) : a.Index.CompareTo(b.Index));
        for (var i = 0; given < total; i++, given++)
        {
            result[remainders[i % remainders.Length].Index]++;
        }

        return result;
    }

    public IEnumerable<DemoDossier> Generate()
    {
        var random = new Random(unchecked(_province.Seed * 7919 + 2));
        var desks = _province.Desks;
        var homePools = Pools(h => h.Staff.UnitCode);
        var state = new Counters();
        var times = new int[16];
        for (var dayIndex = 0; dayIndex < _receptionDays; dayIndex++)
        {
            var day = _workingDays[dayIndex];
            var pools = Pools(h => h.Staff.WorkingUnitOn(day));
            for (var k = 0; k < desks.Count; k++)
            {
                var count = _counts[dayIndex][k];
                if (count == 0)
                {
                    continue;
                }

                var desk = desks[k];
                var pool = pools.GetValueOrDefault(desk.HandlerUnitCode) ?? homePools.GetValueOrDefault(desk.HandlerUnitCode);
                if (times.Length < count)
                {
                    times = new int[Math.Max(count, times.Length * 2)];
                }

                for (var i = 0; i < count; i++)
                {
                    times[i] = random.Next(WorkingDaySeconds);
                }

                Array.Sort(times, 0, count);
                for (var i = 0; i < count; i++)
                {
                    yield return Dossier(random, desk, pool, dayIndex, times[i], i + 1, state);
                }
            }
        }
    }

    private sealed class Counters
    {
        public int Surveys;
        public int Complaints;
    }

    private sealed record Pool(HandlerProfile[] Handlers, double[] Cumulative);

    private Dictionary<string, Pool> Pools(Func<HandlerProfile, string> unitOf) =>
        _province.Handlers.GroupBy(unitOf, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new Pool(g.ToArray(), Cumulative(g.Select(h => h.Workload))),
            StringComparer.Ordinal);

    private DemoDossier Dossier(Random random, ServiceDesk desk, Pool? pool, int dayIndex, int secondOfDay, int sequence, Counters counters)
    {
        var id = $"{desk.UnitCode}-{_dayStamps[dayIndex]}-{sequence:0000}";
        var received = (long)dayIndex * WorkingDaySeconds + secondOfDay;
        var (procedures, procedureWeights) = desk.Level == ProcedureLevel.Province ? _provinceProcedures : _communeProcedures;
        var procedure = procedures[Pick(random, procedureWeights)];
        var channel = Channel(random, desk, dayIndex);
        var handler = pool is null ? null : pool.Handlers[Pick(random, pool.Cumulative)];

        long originalDue;
        if (procedure.WorkingDays > 0)
        {
            originalDue = received + (long)procedure.WorkingDays * WorkingDaySeconds;
        }
        else
        {
            // Certification is done the same day, or by the next morning when received after 15:00.
            originalDue = secondOfDay < 19_800 ? (long)(dayIndex + 1) * WorkingDaySeconds : (long)(dayIndex + 1) * WorkingDaySeconds + 10_800;
        }

        var withdrawn = random.NextDouble() < 0.015;
        var stuck = !withdrawn && random.NextDouble() < 0.004;
        var staffError = !withdrawn && handler is not null && random.NextDouble() < handler.ErrorReturnRate;
        var supplements = staffError || (!withdrawn && random.NextDouble() < 0.025) ? (random.NextDouble() < 0.85 ? 1 : 2) : 0;
        var assigned = received + 60 + (long)(random.NextDouble() * Math.Min(0.3 * (originalDue - received), WorkingDaySeconds / 2));

        var due = originalDue;
        var resumed = assigned;
        long supplementAsked = 0;
        if (supplements > 0)
        {
            // The clock stops while the citizen completes the file; the appointment moves by as much.
            supplementAsked = assigned + 60 + (long)((0.1 + 0.4 * random.NextDouble()) * Math.Max(originalDue - assigned, 1_800));
            var pause = (long)(1 + random.Next(5)) * WorkingDaySeconds + random.Next(WorkingDaySeconds / 2);
            due = originalDue + pause;
            resumed = supplementAsked + pause;
        }

        var onTime = random.NextDouble() < (handler?.OnTimeRate ?? 0.9);
        long finished;
        if (withdrawn)
        {
            finished = received + 60 + (long)((0.05 + 0.75 * random.NextDouble()) * (originalDue - received));
        }
        else if (stuck)
        {
            finished = long.MaxValue;
        }
        else if (onTime)
        {
            // Work tends to be finished towards the appointment, never after it.
            var span = Math.Max(due - resumed, 0);
            finished = Math.Min(due - 1, resumed + Math.Max(600, (long)(span * Math.Pow(random.NextDouble(), 0.7))));
        }
        else
        {
            var delay = Math.Min(-Math.Log(1 - random.NextDouble()) * 1.3, 40) * WorkingDaySeconds;
            finished = due + 60 + (long)delay;
        }

        var outcome = random.NextDouble();
        var finalStatus = withdrawn ? DossierStatus.Withdrawn
            : outcome < 0.025 ? DossierStatus.Refused
            : outcome < 0.032 ? DossierStatus.Stopped
            : DossierStatus.ResultReturned;
        var returned = finished;
        if (finalStatus == DossierStatus.ResultReturned)
        {
            var collected = random.NextDouble() >= 0.05;
            returned = !collected ? long.MaxValue
                : channel == DossierChannel.Online ? finished + 60 + random.Next(1_800)
                : finished + 60 + (long)(Math.Min(-Math.Log(1 - random.NextDouble()) * 0.6, 20) * WorkingDaySeconds);
            if (returned > _extraction)
            {
                finalStatus = DossierStatus.Processed;
                returned = finished;
            }
        }

        var versions = new List<DossierVersion>(3);
        DossierVersion Version(DossierStatus status, long updated, long dueAt, long? finishedAt, int supplementCount, bool error) => new(
            id, procedure.Code, desk.UnitCode, status == DossierStatus.Received ? null : handler?.Staff.Code, channel,
            Time(received), Time(dueAt, endOfDay: true), finishedAt is null ? null : Time(finishedAt.Value), status,
            supplementCount, error, Time(updated));

        DossierVersion current;
        var isOpen = finished > _extraction;
        if (isOpen)
        {
            current = supplements > 0 && supplementAsked <= _extraction && _extraction < resumed
                ? Version(DossierStatus.SupplementRequested, supplementAsked, originalDue, null, 1, staffError)
                : supplements > 0 && resumed <= _extraction
                    ? Version(DossierStatus.Processing, resumed, due, null, supplements, staffError)
                    : assigned <= _extraction
                        ? Version(DossierStatus.Processing, assigned, originalDue, null, 0, false)
                        : Version(DossierStatus.Received, received, originalDue, null, 0, false);
        }
        else
        {
            current = Version(finalStatus, finalStatus == DossierStatus.ResultReturned ? returned : finished, due, finished, supplements, staffError);
        }

        // Some dossiers were exported at earlier steps too: those versions come first, older first.
        if (random.NextDouble() < 0.15 && received < assigned)
        {
            versions.Add(Version(DossierStatus.Received, received, originalDue, null, 0, false));
        }

        if (supplements > 0 && random.NextDouble() < 0.6)
        {
            versions.Add(Version(DossierStatus.SupplementRequested, supplementAsked, originalDue, null, 1, staffError));
        }
        else if (random.NextDouble() < 0.06)
        {
            versions.Add(Version(DossierStatus.Processing, assigned, originalDue, null, 0, false));
        }

        versions.RemoveAll(v => v.UpdatedAt >= current.UpdatedAt);
        versions.Add(current);

        var survey = current.Status is DossierStatus.ResultReturned or DossierStatus.Processed or DossierStatus.Refused
            ? Survey(random, current, handler, onTime, counters)
            : null;
        var complaint = Complaint(random, current, handler, !onTime || stuck, counters);
        return new DemoDossier(versions, survey, complaint);
    }

    private DossierChannel Channel(Random random, ServiceDesk desk, int dayIndex)
    {
        // Online take-up grows through the year towards the national 70% target.
        var online = desk.OnlineShare - 0.05 + 0.10 * dayIndex / _receptionDays;
        var postal = desk.Level == ProcedureLevel.Province ? 0.05 : 0.02;
        var mobile = desk.HasMobileTeams ? 0.04 : 0;
        var x = random.NextDouble();
        return x < online ? DossierChannel.Online
            : x < online + postal ? DossierChannel.Postal
            : x < online + postal + mobile ? DossierChannel.Mobile
            : DossierChannel.InPerson;
    }

    private SurveyResponse? Survey(Random random, DossierVersion dossier, HandlerProfile? handler, bool onTime, Counters counters)
    {
        if (random.NextDouble() >= 0.31)
        {
            return null;
        }

        // Citizens answer from their phone at any hour, within two days of the result.
        var submitted = dossier.UpdatedAt.AddSeconds(120 + random.Next(2 * 86_400));
        if (submitted > _extractedAt)
        {
            return null;
        }

        var courtesy = handler?.Courtesy ?? 0.5;
        var five = 0.52 + 0.2 * courtesy - (onTime ? 0 : 0.3) - (dossier.Status == DossierStatus.Refused ? 0.25 : 0);
        double[] shares = [Math.Max(five, 0.1), 0.3, 0.1, onTime ? 0.03 : 0.12, onTime ? 0.01 : 0.08];
        var score = 5 - Pick(random, Cumulative(shares));
        return new SurveyResponse($"KS{++counters.Surveys:0000000}", dossier.DossierId, submitted, score);
    }

    private Complaint? Complaint(Random random, DossierVersion dossier, HandlerProfile? handler, bool late, Counters counters)
    {
        var chance = late ? 0.02 : dossier.Status == DossierStatus.Refused ? 0.01 : 0.0018;
        if (random.NextDouble() >= chance)
        {
            return null;
        }

        var after = dossier.FinishedAt ?? dossier.DueAt;
        var at = after.AddSeconds(3_600 + random.Next(5 * 86_400));
        if (at > _extractedAt)
        {
            return null;
        }

        double[] categories = late ? [0.25, 0.45, 0.2, 0.1] : [0.35, 0.25, 0.3, 0.1];
        var category = (ComplaintCategory)Pick(random, Cumulative(categories));
        var upheld = random.NextDouble() < (late ? 0.55 : 0.35);
        var staff = handler is not null && random.NextDouble() < 0.88 ? handler.Staff.Code : null;
        var dossierId = random.NextDouble() < 0.92 ? dossier.DossierId : null;
        return new Complaint($"PAKN{++counters.Complaints:000000}", dossier.UnitCode, staff, dossierId, at, category, upheld);
    }

    /// <summary>Clock time of a working-second count; an appointment that ends a day reads 17:00 that day, not 07:30 the next.</summary>
    private DateTimeOffset Time(long workingSeconds, bool endOfDay = false)
    {
        var day = (int)(workingSeconds / WorkingDaySeconds);
        var second = (int)(workingSeconds % WorkingDaySeconds);
        if (endOfDay && second == 0 && day > 0)
        {
            day--;
            second = WorkingDaySeconds;
        }

        // 07:30 is 27,000 s after midnight; the afternoon starts at 13:30, 48,600 s.
        var sinceMidnight = second < MorningSeconds ? 27_000 + second : 48_600 + (second - MorningSeconds);
        return _midnights[day].AddSeconds(sinceMidnight);
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var result = weights.ToArray();
        for (var i = 1; i < result.Length; i++)
        {
            result[i] += result[i - 1];
        }

        return result;
    }

    private static int Pick(Random random, double[] cumulative)
    {
        var x = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, x);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }
}
