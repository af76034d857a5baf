using System.Text;
using SolidaritePipeline.Access;

namespace SolidaritePipeline.Tests.Access;

public sealed class ReaderAccessTests
{
    // The shape App Service Authentication writes for an Entra ID user (configure-authentication-user-identities).
    private static string Header(params (string Type, string Value)[] claims)
    {
        var list = string.Join(",", claims.Select(c => $"{{\"typ\":\"{c.Type}\",\"val\":\"{c.Value}\"}}"));
        var json = "{\"auth_typ\":\"aad\",\"claims\":[" + list + "]," +
                   "\"name_typ\":\"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name\"," +
                   "\"role_typ\":\"http://schemas.microsoft.com/ws/2008/06/identity/claims/role\"}";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    private const string Name = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";
    private const string RoleUri = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    [Fact]
    public void A_request_without_a_principal_is_unauthenticated()
    {
        Assert.Equal(AccessVerdict.Unauthenticated, ReaderAccess.Check(null));
        Assert.Equal(AccessVerdict.Unauthenticated, ReaderAccess.Check(""));
        Assert.Equal(AccessVerdict.Unauthenticated, ReaderAccess.Check("   "));
    }

    [Theory]
    [InlineData("pas du base64 !")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("WzEsMl0=")] // "[1,2]": JSON, not a principal
    [InlineData("eyJhdXRoX3R5cCI6ImFhZCJ9")] // {"auth_typ":"aad"}: no claims
    public void A_header_that_is_not_a_principal_counts_as_no_principal(string header)
    {
        Assert.Null(ClientPrincipal.FromHeader(header));
        Assert.Equal(AccessVerdict.Unauthenticated, ReaderAccess.Check(header));
    }

    [Fact]
    public void A_signed_in_analyst_without_the_role_is_forbidden()
    {
        var header = Header((Name, "analyste@mess.gouv.qc.ca"), ("roles", "Ministere.Autre"), (RoleUri, "ministere.lecteur"));

        Assert.Equal(AccessVerdict.Forbidden, ReaderAccess.Check(header));
        Assert.Equal("analyste@mess.gouv.qc.ca", ClientPrincipal.FromHeader(header)!.Name);
    }

    [Fact]
    public void The_Ministere_Lecteur_role_is_read_from_the_roles_claim_or_the_principal_s_role_type()
    {
        Assert.Equal(AccessVerdict.Allowed, ReaderAccess.Check(Header((Name, "a@x.ca"), ("roles", "Ministere.Lecteur"))));
        Assert.Equal(AccessVerdict.Allowed, ReaderAccess.Check(Header((Name, "a@x.ca"), (RoleUri, "Ministere.Lecteur"))));
        // A claim named otherwise that merely holds the role's text grants nothing.
        Assert.Equal(AccessVerdict.Forbidden, ReaderAccess.Check(Header((Name, "Ministere.Lecteur"), ("groups", "Ministere.Lecteur"))));
    }

    [Fact]
    public void Refusals_are_explained_in_French_then_English()
    {
        Assert.StartsWith("Connexion requise", ReaderAccess.Message(AccessVerdict.Unauthenticated));
        Assert.Contains("/ Sign-in required", ReaderAccess.Message(AccessVerdict.Unauthenticated));
        Assert.Contains("Ministere.Lecteur", ReaderAccess.Message(AccessVerdict.Forbidden));
    }
}
