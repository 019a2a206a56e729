namespace GovKpi.Web;

/// <summary>
/// Anchor type of the one resource file of user-visible strings: <c>Resources/SharedResource.resx</c>
/// holds Vietnamese (the neutral language), <c>SharedResource.en.resx</c> English.
/// </summary>
public sealed class SharedResource;
