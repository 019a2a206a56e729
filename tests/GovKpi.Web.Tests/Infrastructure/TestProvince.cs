using GovKpi.Core.Access;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Organisation;
using GovKpi.Data;
using GovKpi.Data.Accounts;
using Microsoft.AspNetCore.Identity;

namespace GovKpi.Web.Tests.Infrastructure;

/// <summary>
/// A small province the tests can reason about: commune C1 formed on 2025-07-01 from three
/// former communes, a second commune C2, an agency, and one account per role.
/// </summary>
public static class TestProvince
{
    public const string Password = "Test@12345";
    public static readonly DateOnly Reform = new(2025, 7, 1);

    public static readonly IReadOnlyList<Unit> Units =
    [
        Unit("KH", UnitKind.Province, null, "Tỉnh Khánh Hòa"),
        Unit("KH-SNV", UnitKind.Agency, "KH", "Sở Nội vụ"),
        Unit("C1", UnitKind.Commune, "KH", "Xã Ninh Hòa Mới", from: Reform),
        Unit("C1-TT", UnitKind.ServiceCentre, "C1", "Trung tâm Phục vụ hành chính công xã Ninh Hòa Mới", from: Reform),
        Unit("C1-KT", UnitKind.Division, "C1", "Phòng Kinh tế", from: Reform),
        Unit("C2", UnitKind.Commune, "KH", "Phường Bắc Nha Trang", from: Reform),
        Unit("C2-TT", UnitKind.ServiceCentre, "C2", "Trung tâm Phục vụ hành chính công phường Bắc Nha Trang", from: Reform),
        Unit("X1", UnitKind.Commune, "KH", "Xã Ninh Hưng", to: Reform),
        Unit("X2", UnitKind.Commune, "KH", "Xã Ninh Thọ", to: Reform),
        Unit("X3", UnitKind.Commune, "KH", "Xã Ninh Đông", to: Reform),
    ];

    public static readonly IReadOnlyList<UnitLineage> Lineage =
    [
        Merge("X1", "C1"), Merge("X2", "C1"), Merge("X3", "C1"),
    ];

    public static readonly IReadOnlyList<StaffMember> Staff =
    [
        Person("S001", "Trần Thị Hồng", "C1-TT", BuiltInKpis.DossierSpecialistPosition),
        Person("S002", "Lê Văn Dũng", "C1-TT", BuiltInKpis.DossierSpecialistPosition),
        Person("S003", "Nguyễn Văn Hải", "C1", "LD-XA", LeaderRole.Head),
        Person("S004", "Phạm Thị Lan", "C2-TT", BuiltInKpis.DossierSpecialistPosition),
        Person("S005", "Võ Minh Tuấn", "X1", BuiltInKpis.DossierSpecialistPosition),
        Person("S006", "Đặng Thu Trang", "KH-SNV", "CV-TCCB"),
    ];

    public static void AddTo(GovKpiDbContext db, IPasswordHasher<UserAccount> hasher)
    {
        db.Units.AddRange(Units);
        db.UnitLineage.AddRange(Lineage);
        db.JobPositions.AddRange(
            BuiltInKpis.DossierSpecialist,
            new JobPosition { Code = "LD-XA", NameVi = "Chủ tịch UBND xã", NameEn = "Commune chairperson", Group = PositionGroup.Management },
            new JobPosition { Code = "CV-TCCB", NameVi = "Chuyên viên tổ chức cán bộ", NameEn = "HR specialist", Group = PositionGroup.Professional });
        db.Staff.AddRange(Staff);
        db.KpiDefinitions.AddRange(BuiltInKpis.Definitions);
        db.KpiSets.Add(BuiltInKpis.DossierSpecialistSet);
        db.Accounts.AddRange(
            Account("hr", Role.Hr, "KH", null, hasher),
            Account("leader", Role.Leader, "KH", null, hasher),
            Account("auditor", Role.Auditor, "KH", null, hasher),
            Account("manager", Role.Manager, "C1", "S003", hasher),
            Account("staff", Role.Staff, "C1-TT", "S001", hasher));
    }

    private static Unit Unit(string code, UnitKind kind, string? parent, string name, DateOnly? from = null, DateOnly? to = null) => new()
    {
        Code = code, NameVi = name, NameEn = name, Kind = kind, ParentCode = parent,
        EffectiveFrom = from ?? new DateOnly(2020, 1, 1), EffectiveTo = to,
    };

    private static UnitLineage Merge(string from, string to) => new() { PredecessorCode = from, SuccessorCode = to, Kind = LineageKind.Merge, EffectiveOn = Reform };

    private static StaffMember Person(string code, string name, string unit, string position, LeaderRole leader = LeaderRole.None) => new()
    {
        Code = code, FullName = name, Type = StaffType.CongChuc, UnitCode = unit, PositionCode = position, Leader = leader,
        Skills = ["digital"],
    };

    private static UserAccount Account(string userName, Role role, string scope, string? staff, IPasswordHasher<UserAccount> hasher)
    {
        var account = new UserAccount { UserName = userName, DisplayName = userName, Role = role, ScopeUnitCode = scope, StaffCode = staff, PasswordHash = "" };
        account.PasswordHash = hasher.HashPassword(account, Password);
        return account;
    }
}
