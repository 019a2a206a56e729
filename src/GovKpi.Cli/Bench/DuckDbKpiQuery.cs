using System.Globalization;
using DuckDB.NET.Data;
using GovKpi.Core.Measurement;

namespace GovKpi.Cli.Bench;

/// <summary>
/// The KPI formulas of CONTRACTS.md written as one DuckDB SQL query over the same CSV files.
/// The bench times it against our own engine; tests use it as an independent cross-check.
/// </summary>
public static class DuckDbKpiQuery
{
    // Times without an offset are local Vietnam time (+07:00), as the contract says.
    private const string Ts = "(CASE WHEN regexp_matches({0}, '(Z|[+-][0-9][0-9]:?[0-9][0-9])$') THEN {0} ELSE {0} || '+07:00' END)::TIMESTAMPTZ";

    public static IReadOnlyList<KpiRow> Run(string dossiersCsv, string? surveysCsv, string? complaintsCsv, ReportingPeriod period, int workingDays)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var start = Literal(period.Start);
        var end = Literal(period.End);
        string T(string column) => string.Format(CultureInfo.InvariantCulture, Ts, column);

        var surveys = surveysCsv is null
            ? "SELECT NULL::VARCHAR AS dossier_id, NULL::TIMESTAMPTZ AS submitted_at, NULL::INTEGER AS score WHERE false"
            : $"SELECT dossier_id, {T("submitted_at")} AS submitted_at, score::INTEGER AS score FROM read_csv('{Path(surveysCsv)}', header = true, all_varchar = true)";
        var complaints = complaintsCsv is null
            ? "SELECT NULL::VARCHAR AS unit_code, NULL::VARCHAR AS staff_code, NULL::TIMESTAMPTZ AS received_at, NULL::VARCHAR AS upheld WHERE false"
            : $"SELECT unit_code, coalesce(staff_code, '') AS staff_code, {T("received_at")} AS received_at, upheld FROM read_csv('{Path(complaintsCsv)}', header = true, all_varchar = true)";

        var sql = $"""
            WITH d AS (
                SELECT dossier_id, unit_code, coalesce(handler_code, '') AS handler_code, channel, status,
                       lower(coalesce(staff_error_return, 'false')) IN ('true', '1') AS staff_error,
                       {T("received_at")} AS received_at, {T("due_at")} AS due_at,
                       CASE WHEN finished_at IS NULL OR finished_at = '' THEN NULL ELSE {T("finished_at")} END AS finished_at
                FROM read_csv('{Path(dossiersCsv)}', header = true, all_varchar = true)
                QUALIFY row_number() OVER (PARTITION BY dossier_id ORDER BY {T("updated_at")} DESC) = 1
            ),
            f AS (
                SELECT dossier_id, unit_code, handler_code,
                       (finished_at >= {start} AND finished_at < {end} AND status <> 'withdrawn') AS fin,
                       (finished_at >= {start} AND finished_at < {end} AND status = 'withdrawn') AS wd,
                       (received_at < {end} AND (finished_at IS NULL OR finished_at >= {end}) AND due_at < {end}) AS open_late,
                       (received_at >= {start} AND received_at < {end}) AS rec,
                       channel = 'online' AS online, staff_error, finished_at <= due_at AS in_time,
                       status IN ('processed', 'result_returned') AS done
                FROM d
            ),
            dossier_tally AS (
                SELECT CASE WHEN grouping(unit_code) = 0 THEN 'unit' WHEN grouping(handler_code) = 0 THEN 'staff' ELSE 'all' END AS scope,
                       coalesce(unit_code, handler_code, '') AS code,
                       count(*) FILTER (fin) AS finished, count(*) FILTER (fin AND in_time) AS on_time,
                       count(*) FILTER (open_late) AS open_late, count(*) FILTER (fin AND staff_error) AS staff_error,
                       count(*) FILTER (fin AND done) AS completed, count(*) FILTER (wd) AS withdrawn,
                       count(*) FILTER (rec) AS received, count(*) FILTER (rec AND online) AS online
                FROM f
                GROUP BY GROUPING SETS ((), (unit_code), (handler_code))
            ),
            s AS (
                SELECT d.unit_code, d.handler_code, s.score FROM ({surveys}) s JOIN d USING (dossier_id)
                WHERE s.submitted_at >= {start} AND s.submitted_at < {end}
            ),
            survey_tally AS (
                SELECT CASE WHEN grouping(unit_code) = 0 THEN 'unit' WHEN grouping(handler_code) = 0 THEN 'staff' ELSE 'all' END AS scope,
                       coalesce(unit_code, handler_code, '') AS code, count(*) AS surveys, sum(score) AS score_sum
                FROM s GROUP BY GROUPING SETS ((), (unit_code), (handler_code))
            ),
            c AS (
                SELECT unit_code, staff_code FROM ({complaints}) c
                WHERE lower(upheld) IN ('true', '1') AND received_at >= {start} AND received_at < {end}
            ),
            complaint_tally AS (
                SELECT CASE WHEN grouping(unit_code) = 0 THEN 'unit' WHEN grouping(staff_code) = 0 THEN 'staff' ELSE 'all' END AS scope,
                       coalesce(unit_code, staff_code, '') AS code, count(*) AS complaints
                FROM c GROUP BY GROUPING SETS ((), (unit_code), (staff_code))
            ),
            t AS (
                SELECT scope, code,
                       coalesce(max(finished), 0) AS finished, coalesce(max(on_time), 0) AS on_time, coalesce(max(open_late), 0) AS open_late,
                       coalesce(max(staff_error), 0) AS staff_error, coalesce(max(completed), 0) AS completed, coalesce(max(withdrawn), 0) AS withdrawn,
                       coalesce(max(received), 0) AS received, coalesce(max(online), 0) AS online,
                       coalesce(max(surveys), 0) AS surveys, coalesce(max(score_sum), 0) AS score_sum, coalesce(max(complaints), 0) AS complaints
                FROM (
                    SELECT scope, code, finished, on_time, open_late, staff_error, completed, withdrawn, received, online, NULL AS surveys, NULL AS score_sum, NULL AS complaints FROM dossier_tally
                    UNION ALL SELECT scope, code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, surveys, score_sum, NULL FROM survey_tally
                    UNION ALL SELECT scope, code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, complaints FROM complaint_tally
                ) u
                WHERE NOT (scope = 'staff' AND code = '')
                GROUP BY scope, code
            )
            SELECT scope, code, kpi, num::BIGINT, den::BIGINT FROM (
                SELECT scope, code, 'complaint_rate' AS kpi, complaints AS num, finished AS den, complaints + finished > 0 AS has FROM t
                UNION ALL SELECT scope, code, 'completion_rate', completed, finished + withdrawn, finished + withdrawn > 0 FROM t
                UNION ALL SELECT scope, code, 'error_return_rate', staff_error, finished, finished > 0 FROM t
                UNION ALL SELECT scope, code, 'on_time_rate', on_time, finished + open_late, finished + open_late > 0 FROM t
                UNION ALL SELECT scope, code, 'online_share', online, received, received > 0 FROM t
                UNION ALL SELECT scope, code, 'per_working_day', finished, {workingDays}, finished > 0 FROM t
                UNION ALL SELECT scope, code, 'satisfaction_avg', score_sum, surveys, surveys > 0 FROM t
            ) r
            WHERE has
            ORDER BY scope COLLATE "C", code COLLATE "C", kpi COLLATE "C"
            """;

        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<KpiRow>();
        while (reader.Read())
        {
            rows.Add(new KpiRow(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                new KpiValue(reader.GetInt64(3), reader.GetInt64(4))));
        }

        return rows;
    }

    private static string Literal(DateTimeOffset instant) => string.Create(CultureInfo.InvariantCulture, $"'{instant:yyyy-MM-dd HH:mm:sszzz}'::TIMESTAMPTZ");

    private static string Path(string file) => System.IO.Path.GetFullPath(file).Replace("'", "''", StringComparison.Ordinal);
}
