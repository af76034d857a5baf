using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using SolidaritePipeline.Access;
using SolidaritePipeline.Publishing;
using SolidaritePipeline.ReferenceData;
using SolidaritePipeline.Storage;
using SolidaritePipeline.Submissions;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Espace;

/// <summary>
/// Who is calling, from the headers App Service Authentication sets (<c>X-MS-CLIENT-PRINCIPAL-ID</c>,
/// <c>-NAME</c>, and the encoded <c>X-MS-CLIENT-PRINCIPAL</c>). The hosts copy them in as they are.
/// </summary>
public sealed record EspaceCaller(string? PrincipalId, string? PrincipalName, string? PrincipalHeader)
{
    public string? Id => ClientPrincipal.CallerId(PrincipalId, PrincipalHeader);
}

/// <summary>
/// The Espace mandataire's API (design.md section 9), whole but for HTTP: who the caller is and which
/// mandataire it acts for (<see cref="MandataireAccessTable"/>; never a code sent by the browser), the
/// upload grant, the caller's own submissions and reports, the template of its region, and the page.
/// Each answer is a <see cref="BiReadResponse"/> the hosts copy out. <c>GET api/submissions</c> serves
/// two audiences: a ministry reader (<see cref="ReaderAccess"/>) gets the BI read, a mandataire its own.
/// </summary>
public sealed class EspaceApi(
    MandataireAccessTable access,
    MandataireSubmissions submissions,
    MandataireUploadSas uploads,
    BiReadApi biReads,
    PublishedTemplates templates,
    ReferenceCatalog catalog,
    TimeProvider time,
    Action<string>? log = null)
{
    /// <summary>How long an upload URL lives: enough to send a large file on a slow line, not a day.</summary>
    public static readonly TimeSpan UploadLifetime = TimeSpan.FromMinutes(30);

    public static IReadOnlyList<string> AllowedExtensions { get; } = [".csv", ".xlsx", ".json"];

    private const string JsonType = "application/json; charset=utf-8";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The API over one storage account: its access table, its submissions and reports, its upload grants, and the BI read.</summary>
    public static EspaceApi Create(StorageClients storage, ReferenceCatalog catalog, TimeProvider time, long maxBytes, Action<string>? log = null) =>
        new(new MandataireAccessTable(storage.Tables, catalog, time),
            new MandataireSubmissions(storage),
            new MandataireUploadSas(storage.Blobs, catalog, time),
            new BiReadApi(new RegionalTotalsQuery(storage.Tables), new MandataireTotalsQuery(storage.Tables, storage.Blobs), new SubmissionsQuery(storage.Tables)),
            new PublishedTemplates(storage.Blobs),
            catalog,
            time,
            log) { MaxBytes = maxBytes };

    /// <summary>The largest file the validator accepts, said on the page before a file is chosen.</summary>
    public long MaxBytes { get; init; } = new ValidationOptions().MaxBytes;

    /// <summary><c>GET api/me</c>: the principal and its mandataire; 401 without a principal, 403 without a grant.</summary>
    public async Task<BiReadResponse> MeAsync(EspaceCaller caller, CancellationToken cancellationToken)
    {
        var (refusal, code) = await MandataireOfAsync(caller, cancellationToken);
        if (refusal is not null)
        {
            // The page shows "access not granted yet" with the id to give the ministry.
            return refusal.Status == 403
                ? Json(403, new { principalId = caller.Id, name = caller.PrincipalName, mandataire = (object?)null, error = Messages.NotGranted })
                : refusal;
        }

        var mandataire = catalog.FindMandataire(code!)!;
        var region = catalog.FindRegion(mandataire.RegionCode);
        return Json(200, new
        {
            principalId = caller.Id,
            name = caller.PrincipalName,
            mandataire = new { code = mandataire.Code, territory = mandataire.Territory, regionCode = mandataire.RegionCode, regionName = region?.Name },
            maxBytes = MaxBytes,
            extensions = AllowedExtensions,
        });
    }

    /// <summary>
    /// <c>POST api/uploads</c> with <c>{"fileName": "…"}</c>: a SAS URL for exactly one new blob,
    /// <c>uploads/{caller's code}/{a name the server chooses}</c>, keeping only the file's extension.
    /// </summary>
    public async Task<BiReadResponse> CreateUploadAsync(EspaceCaller caller, Stream body, CancellationToken cancellationToken)
    {
        var (refusal, code) = await MandataireOfAsync(caller, cancellationToken);
        if (refusal is not null) return refusal;

        string? fileName;
        try
        {
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            fileName = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("fileName", out var value)
                       && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            fileName = null;
        }

        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(fileName) || !AllowedExtensions.Contains(extension))
            return Error(400, Messages.BadFileName);

        var now = time.GetUtcNow();
        var name = $"{now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}{extension}";
        var grant = await uploads.IssueAsync(code!, name, new MandataireUploadSasOptions { Lifetime = UploadLifetime }, cancellationToken);
        log?.Invoke($"Upload URL issued to mandataire {code} for {StorageNames.UploadsContainer}/{grant.BlobName}.");
        return Json(200, new { uploadUrl = grant.UploadUri.ToString(), blobName = grant.BlobName, expiresOn = grant.ExpiresOn });
    }

    /// <summary>
    /// <c>GET api/submissions?exercice=</c>: for a ministry reader, the BI read (with <c>since</c> and
    /// <c>format</c>); for a mandataire, its own submissions with their status, which is current, and
    /// their report's URL; 403 for anyone else, 401 without a principal.
    /// </summary>
    public async Task<BiReadResponse> SubmissionsAsync(
        EspaceCaller caller, string? exercice, string? since, string? format, CancellationToken cancellationToken)
    {
        if (ReaderAccess.Check(caller.PrincipalHeader) == AccessVerdict.Allowed)
            return await biReads.SubmissionsAsync(new BiReadRequest(caller.PrincipalHeader, exercice, format, since), cancellationToken);

        var (refusal, code) = await MandataireOfAsync(caller, cancellationToken);
        if (refusal is not null) return refusal;

        string? only;
        try
        {
            only = string.IsNullOrEmpty(exercice) ? null : RegionalTotalsQuery.NormaliseExercice(exercice);
        }
        catch (InvalidExerciceException e)
        {
            return Error(400, e.Message);
        }

        var rows = await submissions.ListAsync(code!, only, cancellationToken);
        return Json(200, rows.Select(s => new
        {
            id = s.Id,
            status = s.Status,
            current = s.Current,
            reportUrl = s.Record?.ReportBlob is null ? null : $"/api/submissions/{s.Id}/report",
            exercice = s.Exercice,
            source = s.Source,
            uploadedAt = s.UploadedAt,
            processedAt = s.ProcessedAt,
            rowCount = s.Record?.RowCount,
            errorCount = s.Record?.ErrorCount,
            warningCount = s.Record?.WarningCount,
            totals = s.Record?.Totals is { } t
                ? new
                {
                    projects = t.ProjectCount,
                    cancelledProjects = t.CancelledProjectCount,
                    fqisAmount = Dollars(t.FqisAmountCents),
                    otherAmount = Dollars(t.OtherAmountCents),
                    peopleReached = t.PeopleReached,
                }
                : null,
        }).ToArray());
    }

    /// <summary>
    /// <c>GET api/submissions/{id}/report</c>: the caller's own report, HTML, or JSON when asked (the
    /// report, and for each column it names, its label and what to write); 404 for anything else.
    /// </summary>
    public async Task<BiReadResponse> ReportAsync(EspaceCaller caller, string id, bool json, CancellationToken cancellationToken)
    {
        var (refusal, code) = await MandataireOfAsync(caller, cancellationToken);
        if (refusal is not null) return refusal;

        var report = await submissions.ReadReportAsync(code!, id, html: !json, cancellationToken);
        if (report is null) return Error(404, Messages.NotFound);
        if (!json) return new BiReadResponse(200, "text/html; charset=utf-8", report.ToArray());

        var document = JsonNode.Parse(report.ToString())!;
        var columns = new JsonObject();
        foreach (var issue in (document["errors"]?.AsArray() ?? []).Concat(document["warnings"]?.AsArray() ?? []))
        {
            var field = issue?["field"]?.GetValue<string>();
            if (field is null || columns.ContainsKey(field)) continue;
            if (SchemaV1.Fields.FirstOrDefault(f => f.Name == field) is { } known)
                columns[field] = new JsonObject { ["label"] = known.TitleFr, ["expectedFr"] = known.DescriptionFr, ["expectedEn"] = known.DescriptionEn };
        }

        return Json(200, new JsonObject { ["report"] = document, ["columns"] = columns });
    }

    /// <summary>
    /// <c>GET api/template?format=xlsx|csv</c>: the template published for the caller's mandataire (its example
    /// row in the caller's region); 404 with a bilingual message while it is not published.
    /// </summary>
    public async Task<BiReadResponse> TemplateAsync(EspaceCaller caller, string? format, CancellationToken cancellationToken)
    {
        var (refusal, code) = await MandataireOfAsync(caller, cancellationToken);
        if (refusal is not null) return refusal;

        var (fileName, type) = (format ?? "xlsx").ToLowerInvariant() switch
        {
            "xlsx" => (PublishedTemplates.XlsxFileName, PublishedTemplates.XlsxContentType),
            "csv" => (PublishedTemplates.CsvFileName, PublishedTemplates.CsvContentType),
            _ => (null, null),
        };
        if (fileName is null) return Error(400, $"Format inconnu « {format} » : xlsx ou csv. / Unknown format '{format}': xlsx or csv.");

        var body = await templates.ReadAsync(code!, fileName, cancellationToken);
        return body is null ? Error(404, Messages.TemplateNotPublished) : new BiReadResponse(200, type!, body, fileName);
    }

    /// <summary>
    /// 401 when nobody is signed in, 403 when the principal acts for no mandataire, else its code.
    /// </summary>
    private async Task<(BiReadResponse? Refusal, string? Code)> MandataireOfAsync(EspaceCaller caller, CancellationToken cancellationToken)
    {
        if (caller.Id is not { Length: > 0 } id) return (Error(401, ReaderAccess.Message(AccessVerdict.Unauthenticated)), null);
        var code = await access.FindAsync(id, cancellationToken);
        return code is null ? (Error(403, Messages.NotGranted), null) : (null, code);
    }

    private static string Dollars(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static BiReadResponse Json<T>(int status, T value) => new(status, JsonType, JsonSerializer.SerializeToUtf8Bytes(value, Web));

    private static BiReadResponse Error(int status, string message) => Json(status, new { error = message });

    private static class Messages
    {
        public const string NotGranted =
            "Accès pas encore accordé : votre compte n'est associé à aucun mandataire. Transmettez votre identifiant au ministère. / " +
            "Access not granted yet: your account acts for no mandataire. Send your id to the ministry.";

        public const string NotFound = "Introuvable. / Not found.";

        public const string TemplateNotPublished =
            "Le modèle n'est pas encore publié ; le ministère le publie avec « solidarite template publish ». / " +
            "The template is not published yet; the ministry publishes it with 'solidarite template publish'.";

        public const string BadFileName =
            "Envoyez {\"fileName\": \"…\"} d'un fichier .csv, .xlsx ou .json. / Send {\"fileName\": \"…\"} of a .csv, .xlsx or .json file.";
    }
}
