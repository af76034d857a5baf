using System.Text;
using System.Text.Json;

namespace SolidaritePipeline.Access;

/// <summary>One claim of a signed-in caller, as App Service Authentication passes it on.</summary>
public sealed record ClientClaim(string Type, string Value);

/// <summary>
/// The caller that App Service Authentication signed in, decoded from the <c>X-MS-CLIENT-PRINCIPAL</c>
/// header: base64 of <c>{ "auth_typ", "claims": [ { "typ", "val" } ], "name_typ", "role_typ" }</c>.
/// App Service removes that header from incoming requests and sets it itself, so the app may trust it
/// only behind App Service Authentication (infra/modules/functionapp.bicep turns it on).
/// </summary>
public sealed record ClientPrincipal(string IdentityProvider, IReadOnlyList<ClientClaim> Claims, string NameType, string RoleType)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The signed-in principal's stable id (the Entra object id), which App Service sets beside <see cref="HeaderName"/>.</summary>
    public const string IdHeaderName = "X-MS-CLIENT-PRINCIPAL-ID";

    /// <summary>The signed-in principal's name (often an e-mail address: for display, never for logs).</summary>
    public const string NameHeaderName = "X-MS-CLIENT-PRINCIPAL-NAME";

    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    /// <summary>
    /// The caller's id from the headers App Service Authentication sets: <see cref="IdHeaderName"/>, else
    /// the object id claim of <see cref="HeaderName"/>; null when nobody is signed in.
    /// </summary>
    public static string? CallerId(string? idHeader, string? principalHeader) =>
        !string.IsNullOrWhiteSpace(idHeader) ? idHeader.Trim()
        : FromHeader(principalHeader)?.Claims.FirstOrDefault(c => c.Type is ObjectIdClaim or "oid")?.Value;

    // Entra ID app roles arrive as "roles"; App Service's default claim mapping may give the long URI.
    private static readonly string[] RoleClaimTypes = ["roles", "role", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];

    /// <summary>The decoded principal, or null when the header is absent, blank, or not the shape App Service writes.</summary>
    public static ClientPrincipal? FromHeader(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header.Trim())));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
                return null;
            var list = new List<ClientClaim>();
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind == JsonValueKind.Object && Text(claim, "typ") is { } type && Text(claim, "val") is { } value)
                    list.Add(new ClientClaim(type, value));
            }

            return new ClientPrincipal(Text(root, "auth_typ") ?? "", list, Text(root, "name_typ") ?? "", Text(root, "role_typ") ?? "");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The caller's name (its <c>name_typ</c> claim), for logs.</summary>
    public string? Name => Claims.FirstOrDefault(c => c.Type == NameType)?.Value;

    /// <summary>The app roles granted to the caller: claims of the principal's <c>role_typ</c>, or of Entra's usual role types.</summary>
    public IEnumerable<string> Roles => Claims
        .Where(c => c.Type == RoleType || RoleClaimTypes.Contains(c.Type, StringComparer.OrdinalIgnoreCase))
        .Select(c => c.Value);

    /// <summary>Whether the caller holds <paramref name="role"/>; role values compare exactly, as Entra ID issues them.</summary>
    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>What the read API answers a caller: go on, 401 (nobody signed in) or 403 (signed in, without the role).</summary>
public enum AccessVerdict
{
    Allowed,
    Unauthenticated,
    Forbidden,
}

/// <summary>
/// The ministry's readers: signed in with Entra ID and granted the app role <see cref="Role"/> on the
/// function app's registration. The BI reads (<c>api/totals</c>, <c>api/mandataire-totals</c>,
/// <c>api/submissions</c>) ask this before they read anything.
/// </summary>
public static class ReaderAccess
{
    public const string Role = "Ministere.Lecteur";

    public static AccessVerdict Check(string? principalHeader) => ClientPrincipal.FromHeader(principalHeader) switch
    {
        null => AccessVerdict.Unauthenticated,
        var principal when principal.IsInRole(Role) => AccessVerdict.Allowed,
        _ => AccessVerdict.Forbidden,
    };

    /// <summary>The bilingual message of a refusal, French first.</summary>
    public static string Message(AccessVerdict verdict) => verdict switch
    {
        AccessVerdict.Unauthenticated =>
            "Connexion requise : connectez-vous avec votre compte de l'organisation (Entra ID). / Sign-in required: sign in with your organisational account (Entra ID).",
        AccessVerdict.Forbidden =>
            $"Accès refusé : le rôle {Role} est requis. / Access denied: the {Role} role is required.",
        _ => "",
    };
}
