namespace GovKpi.Core.Organisation;

/// <summary>Legal category of a public servant; each follows different evaluation rules.</summary>
public enum StaffType
{
    /// <summary>Cán bộ — elected or appointed officials.</summary>
    CanBo,
    /// <summary>Công chức — civil servants.</summary>
    CongChuc,
    /// <summary>Viên chức — public employees (still under Decree 90/2020 + 48/2023).</summary>
    VienChuc,
}

/// <summary>Position groups that get different KPI sets and separate HTXS quotas.</summary>
public enum PositionGroup
{
    Management,
    Professional,
    Support,
}

public enum LeaderRole
{
    None,
    Head,
    Deputy,
}

/// <summary>Vị trí việc làm: a job position with its group.</summary>
public sealed record JobPosition
{
    public required string Code { get; init; }
    public required string NameVi { get; init; }
    public required string NameEn { get; init; }
    public required PositionGroup Group { get; init; }
    /// <summary>What the holder does; the assistant reads it to propose KPIs.</summary>
    public string Description { get; init; } = "";
}

/// <summary>A period during which a staff member works for another unit (biệt phái).</summary>
public sealed record Secondment
{
    public required string ToUnitCode { get; init; }
    public required DateOnly From { get; init; }
    public DateOnly? To { get; init; }
}

public sealed record StaffMember
{
    public required string Code { get; init; }
    public required string FullName { get; init; }
    public required StaffType Type { get; init; }
    public required string UnitCode { get; init; }
    public required string PositionCode { get; init; }
    public LeaderRole Leader { get; init; } = LeaderRole.None;
    public IReadOnlyList<string> Skills { get; init; } = [];
    public IReadOnlyList<Secondment> Secondments { get; init; } = [];
    /// <summary>Work e-mail address from staff.csv, if given.</summary>
    public string? Email { get; init; }

    /// <summary>The unit the person actually works in on <paramref name="day"/>, secondments included.</summary>
    public string WorkingUnitOn(DateOnly day) =>
        Secondments.FirstOrDefault(s => s.From <= day && (s.To is null || day < s.To))?.ToUnitCode ?? UnitCode;
}
