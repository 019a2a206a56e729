using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;

namespace GovKpi.Data.Files;

/// <summary>
/// The words the CSV files use for enumerations (CONTRACTS.md, docs/FILES.md). They are written
/// out rather than derived from the enum member names, so that renaming a member in code can
/// never change a public file format.
/// </summary>
public static class ContractCodes
{
    public static string Code(this DossierChannel channel) => channel switch
    {
        DossierChannel.Online => "online",
        DossierChannel.InPerson => "in_person",
        DossierChannel.Postal => "postal",
        DossierChannel.Mobile => "mobile",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    public static string Code(this DossierStatus status) => status switch
    {
        DossierStatus.Received => "received",
        DossierStatus.Processing => "processing",
        DossierStatus.SupplementRequested => "supplement_requested",
        DossierStatus.Refused => "refused",
        DossierStatus.Stopped => "stopped",
        DossierStatus.Processed => "processed",
        DossierStatus.ResultReturned => "result_returned",
        DossierStatus.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Code(this ComplaintCategory category) => category switch
    {
        ComplaintCategory.Attitude => "attitude",
        ComplaintCategory.Process => "process",
        ComplaintCategory.Guidance => "guidance",
        ComplaintCategory.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    public static string Code(this CalendarDayKind kind) => kind switch
    {
        CalendarDayKind.Holiday => "holiday",
        CalendarDayKind.Workday => "workday",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // The reverse mappings of the measurement files, on spans: the readers call them once per
    // field of a million-row file, so they must not allocate. ContractCodesTests checks that
    // each one inverts its Code method for every member.

    public static bool TryParseDossierChannel(ReadOnlySpan<char> code, out DossierChannel channel)
    {
        channel = code switch
        {
            "online" => DossierChannel.Online,
            "in_person" => DossierChannel.InPerson,
            "postal" => DossierChannel.Postal,
            "mobile" => DossierChannel.Mobile,
            _ => (DossierChannel)(-1),
        };
        return channel >= 0;
    }

    public static bool TryParseDossierStatus(ReadOnlySpan<char> code, out DossierStatus status)
    {
        status = code switch
        {
            "received" => DossierStatus.Received,
            "processing" => DossierStatus.Processing,
            "supplement_requested" => DossierStatus.SupplementRequested,
            "refused" => DossierStatus.Refused,
            "stopped" => DossierStatus.Stopped,
            "processed" => DossierStatus.Processed,
            "result_returned" => DossierStatus.ResultReturned,
            "withdrawn" => DossierStatus.Withdrawn,
            _ => (DossierStatus)(-1),
        };
        return status >= 0;
    }

    public static bool TryParseComplaintCategory(ReadOnlySpan<char> code, out ComplaintCategory category)
    {
        category = code switch
        {
            "attitude" => ComplaintCategory.Attitude,
            "process" => ComplaintCategory.Process,
            "guidance" => ComplaintCategory.Guidance,
            "other" => ComplaintCategory.Other,
            _ => (ComplaintCategory)(-1),
        };
        return category >= 0;
    }

    public static bool TryParseCalendarDayKind(ReadOnlySpan<char> code, out CalendarDayKind kind)
    {
        kind = code switch
        {
            "holiday" => CalendarDayKind.Holiday,
            "workday" => CalendarDayKind.Workday,
            _ => (CalendarDayKind)(-1),
        };
        return kind >= 0;
    }

    public static string Code(this UnitKind kind) => kind switch
    {
        UnitKind.Province => "province",
        UnitKind.Agency => "agency",
        UnitKind.Commune => "commune",
        UnitKind.Division => "division",
        UnitKind.ServiceCentre => "service_centre",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Code(this LineageKind kind) => kind switch
    {
        LineageKind.Merge => "merge",
        LineageKind.Split => "split",
        LineageKind.Rename => "rename",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Code(this PositionGroup group) => group switch
    {
        PositionGroup.Management => "management",
        PositionGroup.Professional => "professional",
        PositionGroup.Support => "support",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };

    public static string Code(this StaffType type) => type switch
    {
        StaffType.CanBo => "can_bo",
        StaffType.CongChuc => "cong_chuc",
        StaffType.VienChuc => "vien_chuc",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Code(this LeaderRole role) => role switch
    {
        LeaderRole.None => "none",
        LeaderRole.Head => "head",
        LeaderRole.Deputy => "deputy",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static string Code(this KpiKind kind) => kind switch
    {
        KpiKind.Quantitative => "quantitative",
        KpiKind.Qualitative => "qualitative",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Code(this KpiDirection direction) => direction switch
    {
        KpiDirection.HigherIsBetter => "higher_is_better",
        KpiDirection.LowerIsBetter => "lower_is_better",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
    };

    public static string Code(this MeasurementPeriod period) => period switch
    {
        MeasurementPeriod.Month => "month",
        MeasurementPeriod.Quarter => "quarter",
        MeasurementPeriod.Year => "year",
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
    };
}
