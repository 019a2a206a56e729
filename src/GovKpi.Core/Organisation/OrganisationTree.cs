namespace GovKpi.Core.Organisation;

/// <summary>
/// The unit hierarchy and its history, built once from all units and lineage edges.
/// Answers the two questions every scope check and every KPI series needs: which units lie
/// under a unit (subtree), and which former units a unit continues (lineage).
/// </summary>
public sealed class OrganisationTree
{
    private readonly Dictionary<string, Unit> _units;
    private readonly ILookup<string, Unit> _children;
    private readonly ILookup<string, UnitLineage> _bySuccessor;
    private readonly ILookup<string, UnitLineage> _byPredecessor;

    public OrganisationTree(IEnumerable<Unit> units, IEnumerable<UnitLineage> lineage)
    {
        _units = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        _children = _units.Values.Where(u => u.ParentCode is not null).ToLookup(u => u.ParentCode!, StringComparer.Ordinal);
        var edges = lineage.ToList();
        _bySuccessor = edges.ToLookup(e => e.SuccessorCode, StringComparer.Ordinal);
        _byPredecessor = edges.ToLookup(e => e.PredecessorCode, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<Unit> Units => _units.Values;

    public Unit? Find(string code) => _units.GetValueOrDefault(code);

    public IEnumerable<Unit> Roots => _units.Values.Where(u => u.ParentCode is null || !_units.ContainsKey(u.ParentCode));

    public IEnumerable<Unit> ChildrenOf(string code) => _children[code].OrderBy(u => u.Code, StringComparer.Ordinal);

    /// <summary>The unit and every unit below it, including units that have since ended.</summary>
    public IReadOnlySet<string> SubtreeOf(string code)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (!_units.ContainsKey(code))
        {
            return result;
        }

        var pending = new Stack<string>();
        pending.Push(code);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!result.Add(current))
            {
                continue;
            }

            foreach (var child in _children[current])
            {
                pending.Push(child.Code);
            }

            // A merged commune's history belongs to whoever may see its successor.
            foreach (var edge in _bySuccessor[current])
            {
                pending.Push(edge.PredecessorCode);
            }
        }

        return result;
    }

    public bool IsWithin(string code, string scopeRootCode) => SubtreeOf(scopeRootCode).Contains(code);

    /// <summary>The chain from the root down to the unit.</summary>
    public IReadOnlyList<Unit> PathTo(string code)
    {
        var path = new List<Unit>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var u = Find(code); u is not null && seen.Add(u.Code); u = u.ParentCode is null ? null : Find(u.ParentCode))
        {
            path.Add(u);
        }

        path.Reverse();
        return path;
    }

    /// <summary>Every former unit whose history continues in <paramref name="code"/>, nearest first.</summary>
    public IReadOnlyList<UnitLineage> HistoryOf(string code)
    {
        var result = new List<UnitLineage>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { code };
        var pending = new Queue<string>();
        pending.Enqueue(code);
        while (pending.Count > 0)
        {
            foreach (var edge in _bySuccessor[pending.Dequeue()].OrderBy(e => e.PredecessorCode, StringComparer.Ordinal))
            {
                result.Add(edge);
                if (seen.Add(edge.PredecessorCode))
                {
                    pending.Enqueue(edge.PredecessorCode);
                }
            }
        }

        return result;
    }

    /// <summary>The units that took over from <paramref name="code"/> when it ended.</summary>
    public IReadOnlyList<UnitLineage> SuccessorsOf(string code) =>
        _byPredecessor[code].OrderBy(e => e.SuccessorCode, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The unit codes whose records make up the series of <paramref name="code"/>: itself and
    /// every predecessor, so a KPI series of three merged communes continues under the new one.
    /// </summary>
    public IReadOnlySet<string> SeriesCodesOf(string code)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal) { code };
        foreach (var edge in HistoryOf(code))
        {
            codes.Add(edge.PredecessorCode);
        }

        return codes;
    }
}
