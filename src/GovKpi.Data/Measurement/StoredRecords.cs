using System.Data.Common;
using GovKpi.Core.Measurement;
using GovKpi.Data.Files;

namespace GovKpi.Data.Measurement;

/// <summary>
/// Reads record rows with plain data readers, only the columns the KPI formulas use: EF
/// materialisation of a million dossiers cost as much as counting them (docs/PERFORMANCE.md).
/// </summary>
internal static class StoredRecords
{
    /// <summary>The dossier columns <see cref="Dossier"/> reads, in its order, with a table alias (<c>"d."</c>) or none.</summary>
    public static string DossierColumns(string alias = "") => string.Join(", ",
        ReadColumns.Select(c => alias + RecordDefinitions.Dossiers.Name(c)));

    private static readonly int[] ReadColumns =
    [
        RecordDefinitions.Dossier.DossierId, RecordDefinitions.Dossier.UnitCode, RecordDefinitions.Dossier.HandlerCode, RecordDefinitions.Dossier.Channel,
        RecordDefinitions.Dossier.ReceivedAt, RecordDefinitions.Dossier.DueAt, RecordDefinitions.Dossier.FinishedAt, RecordDefinitions.Dossier.Status,
        RecordDefinitions.Dossier.StaffErrorReturn,
    ];

    /// <summary>A dossier as far as the KPI formulas need it, from the first columns of <see cref="DossierColumns"/>.</summary>
    public static DossierVersion Dossier(DbDataReader reader, bool postgres) => new(
        reader.GetString(0), "", reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
        Channel(reader.GetString(3)), Time(reader, 4, postgres), Time(reader, 5, postgres), reader.IsDBNull(6) ? null : Time(reader, 6, postgres),
        Status(reader.GetString(7)), 0, reader.GetBoolean(8), default);

    /// <summary>A rated dossier as far as a survey's count needs it (<see cref="KpiComputation.AddSurvey"/>): its unit and handler.</summary>
    public static DossierVersion RatedDossier(string dossierId, string unitCode, string? handlerCode) =>
        new(dossierId, "", unitCode, handlerCode, DossierChannel.InPerson, default, default, null, DossierStatus.Received, 0, false, default);

    /// <summary>An instant as the provider stores it: timestamptz on PostgreSQL, microseconds since 1970 on SQLite (<see cref="MeasurementModel"/>).</summary>
    public static DateTimeOffset Time(DbDataReader reader, int ordinal, bool postgres) => postgres
        ? reader.GetFieldValue<DateTimeOffset>(ordinal)
        : MeasurementModel.FromSqlite(reader.GetInt64(ordinal));

    /// <summary>An instant as a parameter compared with stored times.</summary>
    public static object TimeParameter(DateTimeOffset instant, bool postgres) => postgres ? instant.ToUniversalTime() : MeasurementModel.ToSqlite(instant);

    private static DossierChannel Channel(string code) =>
        ContractCodes.TryParseDossierChannel(code, out var channel) ? channel : throw new InvalidOperationException($"The database holds channel '{code}'.");

    private static DossierStatus Status(string code) =>
        ContractCodes.TryParseDossierStatus(code, out var status) ? status : throw new InvalidOperationException($"The database holds status '{code}'.");
}
