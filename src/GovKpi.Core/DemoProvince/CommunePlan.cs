using GovKpi.Core.Organisation;

namespace GovKpi.Core.DemoProvince;

internal sealed record PlannedCommune(string Code, Place Place, Area Area);

internal sealed record FormerCommune(string Code, Place Place);

/// <summary>
/// <see cref="Former"/> continues in <see cref="Successor"/>. A split commune has one edge per
/// successor; its dossiers before the reform are handled by the staff of the primary one.
/// </summary>
internal sealed record PlannedEdge(FormerCommune Former, PlannedCommune Successor, LineageKind Kind, bool PrimarySuccessor);

/// <summary>
/// The 2025-07-01 commune arrangement of the demo province: every new commune and the former
/// communes it continues. It is planned for all communes of the gazetteer, whatever the size
/// of the province, so that a commune's code and history do not depend on the staff count.
/// </summary>
internal sealed record CommunePlan(IReadOnlyList<PlannedCommune> Communes, IReadOnlyList<PlannedEdge> Lineage)
{
    // The examples the lineage pages need, present in every province however small:
    // a former commune split between the first two wards, and a township renamed as a commune.
    private const string SplitFormer = "Vĩnh Ngọc";
    private const string RenamedFormer = "Khánh Vĩnh";

    public static CommunePlan Create(Random random)
    {
        var codes = NumberCodes();
        var formerNumber = 0;
        var edges = new List<PlannedEdge>();
        var byArea = new List<List<PlannedCommune>>();

        foreach (var area in Gazetteer.Areas)
        {
            var communes = area.NewUnits.Select(p => new PlannedCommune(codes[p], p, area)).ToList();
            byArea.Add(communes);
            var formers = area.FormerUnits.Select(p => new FormerCommune($"{DemoProvinceGenerator.ProvinceCode}.C{++formerNumber:000}", p)).ToList();
            var assigned = communes.ToDictionary(c => c, _ => 0);

            void Assign(FormerCommune former, PlannedCommune successor, LineageKind kind = LineageKind.Merge, bool primary = true)
            {
                edges.Add(new PlannedEdge(former, successor, kind, primary));
                assigned[successor]++;
                formers.Remove(former);
            }

            var renamedTo = (PlannedCommune?)null;
            if (area == Gazetteer.Areas[0])
            {
                var split = formers.Single(f => f.Place.Name == SplitFormer);
                Assign(split, communes[0], LineageKind.Split);
                edges.Add(new PlannedEdge(split, communes[1], LineageKind.Split, false));
                assigned[communes[1]]++;
            }
            else if (area == Gazetteer.Areas[1])
            {
                renamedTo = communes[0];
                Assign(formers.Single(f => f.Place.Type == CommuneType.Township && f.Place.Name == RenamedFormer), renamedTo, LineageKind.Rename);
            }

            var merging = communes.Where(c => c != renamedTo).ToList();
            // A new commune that kept an old name usually contains the old commune of that name.
            foreach (var commune in merging)
            {
                var namesake = formers.FirstOrDefault(f => f.Place.Name == commune.Place.Name);
                if (namesake is not null)
                {
                    Assign(namesake, commune);
                }
            }

            Shuffle(random, formers);
            var targets = merging.ToDictionary(c => c, _ => merging.Count == 1 ? int.MaxValue : random.Next(2, 5));
            foreach (var pass in new[] { 2, int.MaxValue })
            {
                foreach (var commune in merging)
                {
                    while (formers.Count > 0 && assigned[commune] < Math.Min(pass, targets[commune]))
                    {
                        Assign(formers[0], commune);
                    }
                }
            }
        }

        return new CommunePlan(PriorityOrder(byArea), edges.OrderBy(e => e.Successor.Code, StringComparer.Ordinal).ThenBy(e => e.Former.Code, StringComparer.Ordinal).ToList());
    }

    /// <summary>Codes by kind in gazetteer order: wards KH.P01…, communes KH.X01…, special zones KH.DK01….</summary>
    private static Dictionary<Place, string> NumberCodes()
    {
        var counters = new Dictionary<CommuneType, int>();
        var codes = new Dictionary<Place, string>();
        foreach (var place in Gazetteer.Areas.SelectMany(a => a.NewUnits))
        {
            var n = counters[place.Type] = counters.GetValueOrDefault(place.Type) + 1;
            var prefix = place.Type switch
            {
                CommuneType.Ward => "P",
                CommuneType.SpecialZone => "DK",
                _ => "X",
            };
            codes[place] = $"{DemoProvinceGenerator.ProvinceCode}.{prefix}{n:00}";
        }

        return codes;
    }

    /// <summary>
    /// Which communes a smaller province keeps: the split and rename examples first, then one
    /// commune of each former district in turn, so that a small province still spreads over
    /// the map.
    /// </summary>
    private static List<PlannedCommune> PriorityOrder(List<List<PlannedCommune>> byArea)
    {
        var order = new List<PlannedCommune> { byArea[0][0], byArea[0][1], byArea[1][0] };
        for (var round = 0; order.Count < byArea.Sum(a => a.Count); round++)
        {
            foreach (var area in byArea)
            {
                if (round < area.Count && !order.Contains(area[round]))
                {
                    order.Add(area[round]);
                }
            }
        }

        return order;
    }

    private static void Shuffle<T>(Random random, List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
