using GovKpi.Core.Organisation;

namespace GovKpi.Web.Features.Shared;

/// <summary>One unit of a <see cref="UnitTreePicker"/>: open when the chosen unit lies beneath it.</summary>
public sealed record UnitTreeNode(Unit Unit, IReadOnlyList<UnitTreeNode> Children, bool Open, int Descendants);

/// <summary>
/// A unit chooser shaped like the organisation: the caller's units in force on a day, as a tree that
/// opens on the chosen unit (by default the caller's own) with every other branch folded, so a
/// manager starts where they work instead of in a flat list of a province's units. A form field
/// named <see cref="Name"/> carries the chosen code; it works without JavaScript.
/// </summary>
public sealed record UnitTreePicker(string Name, string Label, IReadOnlyList<UnitTreeNode> Roots, string? Selected)
{
    public static UnitTreePicker Of(string name, string label, OrganisationTree tree, IReadOnlySet<string> scope, DateOnly day, string? selected)
    {
        bool Shown(Unit u) => scope.Contains(u.Code) && u.IsActiveOn(day);
        var open = selected is null ? new HashSet<string>(StringComparer.Ordinal) : tree.PathTo(selected).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);

        UnitTreeNode Node(Unit unit)
        {
            var children = tree.ChildrenOf(unit.Code).Where(Shown).Select(Node).ToList();
            return new UnitTreeNode(unit, children, children.Count > 0 && open.Contains(unit.Code), children.Sum(c => 1 + c.Descendants));
        }

        // A unit in scope whose parent is not shown is a root of the picker (a manager's commune, HR's province).
        var roots = tree.Units.Where(u => Shown(u) && (u.ParentCode is null || tree.Find(u.ParentCode) is not { } parent || !Shown(parent)))
            .OrderBy(u => u.Code, StringComparer.Ordinal).Select(Node).ToList();
        return new UnitTreePicker(name, label, roots, selected);
    }
}
