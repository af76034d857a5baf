using SolidaritePipeline.Submissions;
using S = SolidaritePipeline.Submissions.SchemaIndex;

namespace SolidaritePipeline.Validation;

/// <summary>
/// The values of the row being checked, by schema field, as the cell parser leaves them, and the
/// count of the row's errors; a row without any is built into a <see cref="Project"/>. One per file:
/// its arrays are reused row after row, so a row costs no scratch allocation.
/// </summary>
internal sealed class ProjectBuilder(IssueLog log)
{
    /// <summary>Where the row's errors go: a batch's recorder while its cells are checked elsewhere, the file's log for the rules across rows.</summary>
    public IssueLog Log { get; set; } = log;

    public string?[] Text { get; } = new string?[S.Count];

    public decimal[] Money { get; } = new decimal[S.Count];

    public DateOnly[] Date { get; } = new DateOnly[S.Count];

    public long[] Integer { get; } = new long[S.Count];

    /// <summary>The hash of the project number in <see cref="Text"/>, for the unique rule (set with it).</summary>
    public int NoProjetHash { get; set; }

    /// <summary>True for a field whose value passed its own checks.</summary>
    public bool[] Valid { get; } = new bool[S.Count];

    /// <summary>Errors of the row so far, counting those already reported by the reader.</summary>
    public int Errors { get; private set; }

    /// <summary>Starts a row that already has <paramref name="readerErrors"/> errors.</summary>
    public void Start(int readerErrors)
    {
        Errors = readerErrors;
        Array.Clear(Valid);
    }

    /// <summary>Logs an error of the row; always false, for a check to return.</summary>
    public bool Error(string code, int row, string? field, string? value, LocalizedText message)
    {
        Errors++;
        Log.Error(code, row, field, value?.Trim(), message);
        return false;
    }

    /// <summary>
    /// True while an error of the row may still be listed in the report; once the list is full a check
    /// calls <see cref="ErrorNotListed"/> instead, without building the error's value and message.
    /// </summary>
    public bool Listing => Log.ListsErrors;

    /// <summary>Counts an error of the row that the report will not list; always false, for a check to return.</summary>
    public bool ErrorNotListed()
    {
        Errors++;
        Log.CountError();
        return false;
    }

    /// <summary>Counts an error reported once for the whole file (an invalid default exercice).</summary>
    public void CountReportedError() => Errors++;

    public Project Build() => new(
        Exercice: Text[S.Exercice]!,
        NoProjet: Text[S.NoProjet]!,
        TitreProjet: Text[S.TitreProjet]!,
        OrganismePromoteur: Text[S.OrganismePromoteur]!,
        Neq: Text[S.Neq],
        RegionCode: Text[S.RegionCode]!,
        Municipalite: Text[S.Municipalite],
        AxeIntervention: Text[S.AxeIntervention]!,
        ClienteleCible: Text[S.ClienteleCible]!,
        MontantFqis: Money[S.MontantFqis],
        MontantAutresSources: Money[S.MontantAutresSources],
        DateDebut: Date[S.DateDebut],
        DateFin: Date[S.DateFin],
        PersonnesRejointes: (int)Integer[S.PersonnesRejointes],
        Statut: Text[S.Statut]!,
        CourrielContact: Text[S.CourrielContact]);
}
