namespace GovKpi.Assistant.Privacy;

/// <summary>
/// Who asks the assistant, as far as personal data goes, bound once per request: whether they may
/// read personal data in the documents as written (<see cref="SeesPersonalData"/>; HR, decided by
/// Core's <c>PersonalDataVisibility</c>), and the names the organisation knows (its staff), masked
/// wherever they are written. Everyone else reads quoted passages and answers with personal data
/// replaced by placeholders ([PERSON_1], [PHONE_1]…), in both modes.
/// </summary>
public sealed record Asker(bool SeesPersonalData, IReadOnlyCollection<string> KnownNames)
{
    /// <summary>The operator at the server's console (<c>govkpi ask</c>), who can read the document files themselves.</summary>
    public static Asker Operator { get; } = new(true, []);

    /// <summary>The text as this asker may read it: as written, or masked with the request's <paramref name="mask"/>.</summary>
    internal string Shown(string text, PersonalDataMask mask) => SeesPersonalData ? text : mask.Mask(text);

    /// <summary>A model's answer as this asker may read it: the placeholders restored, or left as they are.</summary>
    internal string Restored(string text, PersonalDataMask mask) => SeesPersonalData ? mask.Restore(text) : text;
}
