using GovKpi.Core.Calendar;
using GovKpi.Core.KpiLibrary;
using GovKpi.Core.Measurement;
using GovKpi.Core.Organisation;
using static GovKpi.Core.DemoProvince.DemoPositions;

namespace GovKpi.Core.DemoProvince;

/// <summary>
/// Generates a realistic demo province, "Tỉnh Khánh Hòa (demo)", for first-run demos, tests
/// and load measurements. Pure: the result depends only on the seed and the sizes (randomness
/// from <c>new Random(seed)</c>, no clock, no hash ordering), so codes are stable for a seed.
/// </summary>
public static class DemoProvinceGenerator
{
    /// <summary>Enough people to give every unit a leader and every service centre a dossier handler.</summary>
    public const int MinimumStaff = 50;
    public const int MaximumStaff = 200_000;

    /// <summary>The day the district level was abolished and merged communes took over (Resolution 202/2025/QH15).</summary>
    public static readonly DateOnly Reform = new(2025, 7, 1);

    /// <summary>Start of the history the demo keeps for units that already existed.</summary>
    public static readonly DateOnly HistoryStart = new(2020, 1, 1);

    public const string ProvinceCode = "KH";

    /// <summary>Builds the province: units and lineage, positions, <paramref name="staffCount"/> staff, KPI definitions and sets.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="staffCount"/> is outside <see cref="MinimumStaff"/>–<see cref="MaximumStaff"/>.</exception>
    public static DemoProvince Generate(int seed, int staffCount)
    {
        if (staffCount is < MinimumStaff or > MaximumStaff)
        {
            throw new ArgumentOutOfRangeException(nameof(staffCount), staffCount,
                $"The demo province needs {MinimumStaff}–{MaximumStaff} staff.");
        }

        return new OrganisationBuilder(seed, staffCount).Build();
    }

    /// <summary>
    /// Streams <paramref name="dossierCount"/> dossiers received on the working days of
    /// <c>[from, to)</c> (2025 unless given) by
    /// the province's service centres (and, before <see cref="Reform"/>, by the former
    /// communes), in order of reception. Each comes with its versions and, for some, a survey
    /// and a complaint. Nothing is kept in memory between dossiers, so a million is fine.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative, or so large that the open service centres of a day cannot take it at 9,999 dossiers each (the id has a 4-digit daily sequence; a centre's surplus over that goes to the others).</exception>
    public static IEnumerable<DemoDossier> Dossiers(DemoProvince province, int dossierCount, DateOnly? from = null, DateOnly? to = null) =>
        new DossierTraffic(province, dossierCount, from ?? DossierTraffic.DefaultFrom, to ?? DossierTraffic.DefaultTo).Generate();

    /// <summary>
    /// The reception window of a demo installation opened on <paramref name="today"/>: the twelve
    /// months up to yesterday, so that the current month, the early warnings and the year's
    /// values all have numbers on the first page anyone opens.
    /// </summary>
    public static (DateOnly From, DateOnly To) RecentYear(DateOnly today) => (today.AddMonths(-12), today);

    /// <summary>The rows of dossiers.csv alone: <see cref="Dossiers"/> without surveys and complaints.</summary>
    public static IEnumerable<DossierVersion> DossierVersions(DemoProvince province, int dossierCount) =>
        Dossiers(province, dossierCount).SelectMany(d => d.Versions);

    /// <summary>The communes a province of this size has: about one per 32 staff, at least 3.</summary>
    internal static int CommuneCount(int staffCount) =>
        Math.Clamp(staffCount / 32, 3, Gazetteer.Areas.Sum(a => a.NewUnits.Count));
}

/// <summary>Builds one province; holds the state of a single <see cref="DemoProvinceGenerator.Generate"/> call.</summary>
internal sealed class OrganisationBuilder(int seed, int staffCount)
{
    private readonly Random _random = new(seed);
    private readonly List<Unit> _units = [];
    private readonly List<UnitLineage> _lineage = [];
    private readonly List<Post> _posts = [];
    private readonly List<ServiceDesk> _desks = [];

    private const string ProvinceCode = DemoProvinceGenerator.ProvinceCode;
    private const string ProvinceCentreCode = $"{ProvinceCode}.TTPV";

    /// <summary>
    /// A unit's share of the staff: <see cref="Desired"/> people in a full-size province, at
    /// least <see cref="Minimum"/>, at most <see cref="Cap"/>; <see cref="Role"/> says what the
    /// n-th person in the unit does (leaders first, so small units still have a head).
    /// </summary>
    private sealed record Post(Unit Unit, double Desired, int Minimum, int Cap, Func<int, (string Position, LeaderRole Leader)> Role, StaffType DefaultType)
    {
        public int Count { get; set; }
    }

    public DemoProvince Build()
    {
        var province = AddUnit(ProvinceCode, "Tỉnh Khánh Hòa (demo)", "Khanh Hoa Province (demo)", UnitKind.Province, null, DemoProvinceGenerator.HistoryStart);
        _posts.Add(new Post(province, 4, 1, 4, Board(ProvinceLeader, 3), StaffType.CanBo));

        AddAgencies();
        var communeSizes = AddCommunes();
        AllocateStaff();
        var staff = CreateStaff();
        staff = AddSecondments(staff);
        AddProvinceDesk(communeSizes.Values.Sum());

        return new DemoProvince
        {
            Seed = seed,
            Province = province,
            Units = _units.ToList(),
            Lineage = _lineage.ToList(),
            Positions = DemoPositions.All,
            Staff = staff,
            KpiDefinitions = BuiltInKpis.Definitions,
            KpiSets = DemoKpiSets.All,
            Objectives = DemoGoals.Objectives,
            UnitTargets = DemoGoals.TargetsFor(_units),
            TaskTypes = DemoTaskCatalogue.For(province, _units),
            Calendar = WorkingCalendar.Official,
            Desks = _desks.ToList(),
            Handlers = HandlerProfiles(staff),
        };
    }

    private Unit AddUnit(string code, string nameVi, string nameEn, UnitKind kind, string? parent, DateOnly from, DateOnly? to = null)
    {
        var unit = new Unit { Code = code, NameVi = nameVi, NameEn = nameEn, Kind = kind, ParentCode = parent, EffectiveFrom = from, EffectiveTo = to };
        _units.Add(unit);
        return unit;
    }

    private void AddAgencies()
    {
        foreach (var agency in Agencies.All)
        {
            var code = $"{ProvinceCode}.{agency.Code}";
            var unit = AddUnit(code, agency.NameVi, agency.NameEn, UnitKind.Agency, ProvinceCode, DemoProvinceGenerator.HistoryStart);
            var type = agency.IsPublicServiceUnit ? StaffType.VienChuc : StaffType.CongChuc;
            _posts.Add(new Post(unit, 3 + _random.Next(2), 1, 4, Board(AgencyLeader, 3), type));
            foreach (var division in agency.Divisions)
            {
                var divisionUnit = AddUnit($"{code}.{division.Code}", division.NameVi, $"{division.NameEn}, {agency.NameEn}", UnitKind.Division, code, DemoProvinceGenerator.HistoryStart);
                _posts.Add(new Post(divisionUnit, 4 + _random.Next(5), 0, int.MaxValue, DivisionRoles(division.Positions), type));
            }

            if (agency.Code == "VPUB")
            {
                // The province centre belongs to the Office of the People's Committee (Decree 118/2025).
                var centre = AddUnit(ProvinceCentreCode, "Trung tâm Phục vụ hành chính công tỉnh Khánh Hòa", "Khanh Hoa Provincial Public Administration Service Centre",
                    UnitKind.ServiceCentre, code, DemoProvinceGenerator.HistoryStart);
                _posts.Add(new Post(centre, 18, 2, int.MaxValue, ServiceCentreRoles, StaffType.CongChuc));
            }
        }
    }

    /// <summary>Adds the chosen communes, their divisions and the former communes they continue; returns each commune's relative size.</summary>
    private Dictionary<string, double> AddCommunes()
    {
        var plan = CommunePlan.Create(_random);
        var chosen = plan.Communes.Take(DemoProvinceGenerator.CommuneCount(staffCount)).ToList();
        var sizes = new Dictionary<string, double>(StringComparer.Ordinal);

        foreach (var commune in chosen)
        {
            var place = commune.Place;
            // Wards are denser; a special zone is an island with few people.
            var size = place.Type switch
            {
                CommuneType.Ward => 1.1 + _random.NextDouble() * 0.6,
                CommuneType.SpecialZone => 0.3,
                _ => 0.6 + _random.NextDouble() * 0.6,
            };
            sizes[commune.Code] = size;

            var code = commune.Code;
            var unit = AddUnit(code, place.NameVi, place.NameEn, UnitKind.Commune, ProvinceCode, DemoProvinceGenerator.Reform);
            _posts.Add(new Post(unit, 3, 1, 3, Board(CommuneLeader, 2), StaffType.CanBo));

            var of = $"{char.ToLowerInvariant(place.NameVi[0])}{place.NameVi[1..]}";
            var office = AddUnit($"{code}.VP", $"Văn phòng HĐND và UBND {of}", $"Office of the People's Council and People's Committee, {place.NameEn}", UnitKind.Division, code, DemoProvinceGenerator.Reform);
            _posts.Add(new Post(office, (4 + _random.Next(3)) * size, 0, int.MaxValue,
                DivisionRoles([GeneralAffairs, Justice, Accountant, Records, Justice, GeneralAffairs, AdministrativeReform]), StaffType.CongChuc));
            var economyName = place.Type == CommuneType.Ward ? "Phòng Kinh tế, Hạ tầng và Đô thị" : "Phòng Kinh tế";
            var economyEn = place.Type == CommuneType.Ward ? "Economy, Infrastructure and Urban Division" : "Economic Division";
            var economy = AddUnit($"{code}.KT", $"{economyName} {of}", $"{economyEn}, {place.NameEn}", UnitKind.Division, code, DemoProvinceGenerator.Reform);
            _posts.Add(new Post(economy, (4 + _random.Next(4)) * size, 0, int.MaxValue,
                DivisionRoles([Land, Construction, Budget, Agriculture, Land, NaturalResources, Construction]), StaffType.CongChuc));
            var social = AddUnit($"{code}.VHXH", $"Phòng Văn hóa - Xã hội {of}", $"Culture and Social Affairs Division, {place.NameEn}", UnitKind.Division, code, DemoProvinceGenerator.Reform);
            _posts.Add(new Post(social, (3 + _random.Next(3)) * size, 0, int.MaxValue,
                DivisionRoles([CultureSocial, LabourSocial, Education, Health, CultureSocial]), StaffType.CongChuc));
            var centre = AddUnit($"{code}.TTPV", $"Trung tâm Phục vụ hành chính công {of}", $"Public Administration Service Centre, {place.NameEn}", UnitKind.ServiceCentre, code, DemoProvinceGenerator.Reform);
            _posts.Add(new Post(centre, (4 + _random.Next(4)) * size, 1, int.MaxValue, ServiceCentreRoles, StaffType.CongChuc));

            var onlineShare = place.Type switch
            {
                CommuneType.Ward => 0.65,
                CommuneType.SpecialZone => 0.48,
                _ => 0.55,
            } + (_random.NextDouble() - 0.5) * 0.1;
            var mobile = place.Type != CommuneType.Ward;
            // Communes took over most district-level procedures on 1 July: more dossiers after it.
            _desks.Add(new ServiceDesk(centre.Code, DemoProvinceGenerator.Reform, null, size * 1.15, centre.Code, ProcedureLevel.Commune, mobile, onlineShare));

            var formers = plan.Lineage.Where(l => l.Successor.Code == code).ToList();
            var primaries = formers.Where(l => l.PrimarySuccessor).ToList();
            foreach (var edge in formers)
            {
                var former = edge.Former;
                if (_units.All(u => u.Code != former.Code))
                {
                    AddUnit(former.Code, former.Place.NameVi, former.Place.NameEn, UnitKind.Commune, ProvinceCode, DemoProvinceGenerator.HistoryStart, DemoProvinceGenerator.Reform);
                }

                _lineage.Add(new UnitLineage { PredecessorCode = former.Code, SuccessorCode = code, Kind = edge.Kind, EffectiveOn = DemoProvinceGenerator.Reform });
                if (edge.PrimarySuccessor)
                {
                    // A former commune had no service centre: dossiers were received by its one-stop desk (bộ phận một cửa).
                    _desks.Add(new ServiceDesk(former.Code, DemoProvinceGenerator.HistoryStart, DemoProvinceGenerator.Reform, size / primaries.Count,
                        centre.Code, ProcedureLevel.Commune, former.Place.Type != CommuneType.Ward, onlineShare - 0.05));
                }
            }
        }

        return sizes;
    }

    private void AddProvinceDesk(double communeVolume)
    {
        // About a quarter of all dossiers are province-level procedures at the province centre.
        _desks.Insert(0, new ServiceDesk(ProvinceCentreCode, DemoProvinceGenerator.HistoryStart, null, communeVolume / 3, ProvinceCentreCode, ProcedureLevel.Province, false, 0.70));
    }

    private static Func<int, (string, LeaderRole)> Board(string position, int deputies) =>
        i => (position, i == 0 ? LeaderRole.Head : i <= deputies ? LeaderRole.Deputy : LeaderRole.None);

    // A head first; a deputy only once the division has four people, a second one at eight.
    private static Func<int, (string, LeaderRole)> DivisionRoles(IReadOnlyList<string> positions) => i => i switch
    {
        0 => (DivisionLeader, LeaderRole.Head),
        3 or 7 => (DivisionLeader, LeaderRole.Deputy),
        _ => (positions[(i - 1 - (i > 3 ? 1 : 0) - (i > 7 ? 1 : 0)) % positions.Count], LeaderRole.None),
    };

    // The first person is a dossier specialist, so that the smallest centre can still take dossiers.
    private static (string, LeaderRole) ServiceCentreRoles(int i) => i switch
    {
        1 => (ServiceCentreLeader, LeaderRole.Head),
        4 or 9 => (ServiceCentreLeader, LeaderRole.Deputy),
        12 => (Records, LeaderRole.None),
        _ => (DossierSpecialist, LeaderRole.None),
    };

    /// <summary>
    /// Shares the staff among units in proportion to their desired size (D'Hondt's highest
    /// averages, ties to the earlier unit), after giving each its minimum.
    /// </summary>
    private void AllocateStaff()
    {
        var remaining = staffCount;
        foreach (var post in _posts)
        {
            post.Count = post.Minimum;
            remaining -= post.Minimum;
        }

        var queue = new PriorityQueue<int, (double, int)>();
        for (var i = 0; i < _posts.Count; i++)
        {
            Enqueue(i);
        }

        while (remaining > 0 && queue.TryDequeue(out var index, out _))
        {
            _posts[index].Count++;
            remaining--;
            Enqueue(index);
        }

        void Enqueue(int i)
        {
            var post = _posts[i];
            if (post.Count < post.Cap && post.Desired > 0)
            {
                queue.Enqueue(i, (-post.Desired / (post.Count + 1), i));
            }
        }
    }

    private List<StaffMember> CreateStaff()
    {
        var staff = new List<StaffMember>(staffCount);
        foreach (var post in _posts)
        {
            for (var i = 0; i < post.Count; i++)
            {
                var (position, leader) = post.Role(i);
                staff.Add(new StaffMember
                {
                    Code = $"CB{staff.Count + 1:00000}",
                    FullName = VietnameseNames.Next(_random),
                    Type = TypeOf(position, post.DefaultType),
                    UnitCode = post.Unit.Code,
                    PositionCode = position,
                    Leader = leader,
                    Skills = SkillsOf(position, leader),
                });
            }
        }

        return staff;
    }

    private StaffType TypeOf(string position, StaffType unitDefault) => position switch
    {
        // Elected leaders of the People's Committees are cán bộ whatever their unit.
        ProvinceLeader or CommuneLeader => StaffType.CanBo,
        Education or Health when _random.NextDouble() < 0.4 => StaffType.VienChuc,
        _ => unitDefault,
    };

    private List<string> SkillsOf(string position, LeaderRole leader)
    {
        var skills = new List<string>(TypicalSkills(position));
        if (leader != LeaderRole.None && !skills.Contains("management"))
        {
            skills.Add("management");
        }

        foreach (var (skill, share) in CommonSkills)
        {
            if (_random.NextDouble() < share && !skills.Contains(skill))
            {
                skills.Add(skill);
            }
        }

        return skills;
    }

    /// <summary>
    /// Some specialists of agencies whose procedures the province centre receives are seconded
    /// (biệt phái) there, and after the reform a few commune specialists help a neighbouring
    /// commune's centre for a season.
    /// </summary>
    private List<StaffMember> AddSecondments(List<StaffMember> staff)
    {
        string[] toProvinceCentre = [".STC.DKKD", ".STP.HCTP", ".SNNMT.DD", ".SXD.QLXD", ".SYT.NVY", ".SNV.LDVL"];
        var communeCentres = _units.Where(u => u.Kind == UnitKind.ServiceCentre && u.Code != ProvinceCentreCode).Select(u => u.Code).ToList();
        var specialistsPerCentre = staff.Where(s => s.PositionCode == DossierSpecialist)
            .GroupBy(s => s.UnitCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<StaffMember>(staff.Count);
        foreach (var person in staff)
        {
            var member = person;
            if (person.Leader == LeaderRole.None && toProvinceCentre.Any(suffix => person.UnitCode.EndsWith(suffix, StringComparison.Ordinal)) && _random.NextDouble() < 0.3)
            {
                var from = _random.NextDouble() < 0.5 ? new DateOnly(2025, 3, 1) : DemoProvinceGenerator.Reform;
                DateOnly? to = _random.NextDouble() < 0.5 ? null : new DateOnly(2026, 1, 1);
                member = person with { Secondments = [new Secondment { ToUnitCode = ProvinceCentreCode, From = from, To = to }] };
            }
            else if (person.PositionCode == DossierSpecialist && person.UnitCode != ProvinceCentreCode && communeCentres.Count > 1
                     && specialistsPerCentre[person.UnitCode] >= 3 && _random.NextDouble() < 0.08)
            {
                var other = communeCentres[_random.Next(communeCentres.Count - 1)];
                if (other == person.UnitCode)
                {
                    other = communeCentres[^1];
                }

                specialistsPerCentre[person.UnitCode]--;
                member = person with { Secondments = [new Secondment { ToUnitCode = other, From = new DateOnly(2025, 9, 1), To = new DateOnly(2025, 12, 1) }] };
            }

            result.Add(member);
        }

        return result;
    }

    private List<HandlerProfile> HandlerProfiles(IReadOnlyList<StaffMember> staff)
    {
        var centres = _units.Where(u => u.Kind == UnitKind.ServiceCentre).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        return staff
            .Where(s => s.PositionCode == DossierSpecialist || s.Secondments.Any(sec => centres.Contains(sec.ToUnitCode)))
            .Select(s => new HandlerProfile(
                s,
                OnTimeRate: Math.Clamp(0.945 + Gaussian() * 0.022, 0.88, 0.99),
                ErrorReturnRate: 0.004 + _random.NextDouble() * 0.032,
                Courtesy: _random.NextDouble(),
                Workload: 0.6 + _random.NextDouble() * 0.8))
            .ToList();
    }

    private double Gaussian()
    {
        // Box–Muller: a normal deviate from two uniform ones.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
