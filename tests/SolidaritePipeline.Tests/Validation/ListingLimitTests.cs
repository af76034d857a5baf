using System.Text;
using SolidaritePipeline.Validation;

namespace SolidaritePipeline.Tests.Validation;

/// <summary>
/// A report lists the first <see cref="ValidationOptions.MaxListedIssues"/> errors and warnings and
/// counts the rest. Past the limit, an issue's value and message are never built: a file of a million
/// errors costs what its rows cost, not a million messages (which, held by batches in flight on
/// several threads, once cost more in collections than the reading itself).
/// </summary>
public sealed class ListingLimitTests
{
    private const string Header =
        "exercice,no_projet,titre_projet,organisme_promoteur,region_code,axe_intervention,clientele_cible," +
        "montant_fqis,montant_autres_sources,date_debut,date_fin,personnes_rejointes,statut,courriel_contact\n";

    // Nine errors a row: exercice, region, axe, clientele, both amounts, both dates, people and statut
    // are not values of their type, and the e-mail is no address; the project number repeats.
    private static string BrokenRows(int rows)
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < rows; i++)
            text.Append("deux mille,P-1,Projet,Organisme,99,ailleurs,personne,abc,-5,2022-13-45,hier,beaucoup,fini,nulle part\n");
        return text.ToString();
    }

    [Fact]
    public async Task Past_the_listing_limit_an_error_builds_neither_its_value_nor_its_message()
    {
        var options = new ValidationOptions { MaxListedIssues = 5, MaxParallelism = 1, MaxRows = 0 };
        var small = BrokenRows(200);
        var large = BrokenRows(20_200);
        await Fixture.ValidateTextAsync(small, options: options); // compiled and warm

        // A memory stream on one thread is read and checked on this thread, synchronously.
        var (smallBytes, smallReport) = await AllocatedWhileValidatingAsync(small, options);
        var (largeBytes, largeReport) = await AllocatedWhileValidatingAsync(large, options);

        Assert.Equal(5, largeReport.Errors.Count);
        Assert.Equal(smallReport.Errors, largeReport.Errors);
        var unlisted = largeReport.ErrorCount - smallReport.ErrorCount;
        Assert.True(unlisted >= 20_000 * 9, $"{unlisted} more errors");
        // A message alone is a few hundred bytes in two languages; what is left per error is the row's share of its reading.
        var perError = (double)(largeBytes - smallBytes - (large.Length - small.Length) * 2) / unlisted;
        Assert.True(perError < 24, $"{perError:F1} bytes allocated per unlisted error");
    }

    [Fact]
    public void A_recorder_counts_without_keeping_what_its_full_log_would_not_list()
    {
        var file = new IssueLog(2);
        var recorder = IssueLog.Recorder(file);
        Assert.True(recorder.ListsErrors);

        file.Error("type-error", 2, "montant_fqis", "abc", new LocalizedText("fr", "en"));
        file.Error("type-error", 3, "montant_fqis", "abc", new LocalizedText("fr", "en"));

        Assert.False(recorder.ListsErrors);
        Assert.True(recorder.ListsWarnings);
        recorder.Error("type-error", 4, "montant_fqis", "abc", new LocalizedText("fr", "en"));
        recorder.CountError();
        recorder.Warning("personal-data", 4, "titre_projet", "…@…", new LocalizedText("fr", "en"));
        recorder.ReplayInto(file, 0, recorder.Recorded);

        Assert.Equal((4, 2), (file.ErrorCount, file.Errors.Count));
        Assert.Equal((1, 1), (file.WarningCount, file.Warnings.Count));
    }

    [Fact]
    public void An_error_recorded_while_the_list_had_room_is_only_counted_if_the_list_filled_before_its_turn()
    {
        var file = new IssueLog(1);
        var recorder = IssueLog.Recorder(file);
        recorder.Error("type-error", 9, "montant_fqis", "abc", new LocalizedText("fr", "en"));

        file.Error("type-error", 2, "montant_fqis", "abc", new LocalizedText("fr", "en"));
        recorder.ReplayInto(file, 0, recorder.Recorded);

        Assert.Equal(2, file.ErrorCount);
        Assert.Equal((int?)2, Assert.Single(file.Errors).Row);
    }

    private static async Task<(long Bytes, ValidationReport Report)> AllocatedWhileValidatingAsync(string text, ValidationOptions options)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (report, _) = await Fixture.ValidateTextAsync(text, options: options);
        return (GC.GetAllocatedBytesForCurrentThread() - before, report);
    }
}
