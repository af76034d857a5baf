namespace SolidaritePipeline.Espace;

/// <summary>
/// Where <see cref="EspaceApi"/> writes its lines (the upload URLs it issues, by mandataire code and blob
/// name, never a principal or an e-mail address): a host registers one before
/// <c>AddSolidaritePipeline</c>; the Functions host sends it to its logger, so to Application Insights.
/// </summary>
public sealed record EspaceLog(Action<string> Write);
