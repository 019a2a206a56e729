namespace GovKpi.Core.Access;

/// <summary>
/// Who may read the personal data written in the assistant's documents (names, phones, identity,
/// tax and insurance numbers, dates of birth, addresses) as written (issue 11, item 5). HR upload
/// those documents and keep the staff records they come from; everyone else asking about a
/// regulation or a decision gets its personal data masked, in the quoted passages and in a model's
/// answer alike.
/// </summary>
public static class PersonalDataVisibility
{
    public static bool SeesPersonalDataInDocuments(Role role) => role == Role.Hr;
}
