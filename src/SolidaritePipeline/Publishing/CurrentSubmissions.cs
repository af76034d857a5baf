using SolidaritePipeline.Aggregation;
using SolidaritePipeline.Submissions;

namespace SolidaritePipeline.Publishing;

/// <summary>Reads what a snapshot publishes: the current submissions and, one at a time, their projects.</summary>
internal sealed class CurrentSubmissions(IPublishedData data)
{
    /// <summary>
    /// Every row of <c>MandataireTotals</c>, in the snapshot's order: exercice, region code, mandataire.
    /// One query, so projects and totals of a snapshot come from the same set of current submissions
    /// (the regional totals are summed from these rows rather than read apart from RegionalTotals).
    /// </summary>
    public async Task<IReadOnlyList<MandataireTotal>> ReadAsync(CancellationToken cancellationToken)
    {
        var rows = await data.ReadMandataireTotalsAsync(cancellationToken);
        foreach (var row in rows)
        {
            if (row.RegionCode.Length == 0 || row.NormalizedBlob.Length == 0)
                throw new InvalidDataException($"MandataireTotals ({row.Exercice}, {row.Mandataire}) has no RegionCode or NormalizedBlob.");
        }

        return rows;
    }

    /// <summary>
    /// The projects of one submission ordered by <c>no_projet</c>. The submission is held in memory to
    /// sort it: one submission at a time (at most the validator's row limit), never the whole snapshot.
    /// Throws <see cref="InvalidDataException"/> when the blob disagrees with its <c>MandataireTotals</c> row.
    /// </summary>
    public async Task<IReadOnlyList<Project>> ReadProjectsAsync(MandataireTotal submission, CancellationToken cancellationToken)
    {
        var projects = new List<Project>();
        var totals = TotalsSum.Zero;
        await foreach (var project in data.ReadProjectsAsync(submission.NormalizedBlob, cancellationToken))
        {
            if (project.Exercice != submission.Exercice)
                throw new InvalidDataException($"{submission.NormalizedBlob} holds exercice {project.Exercice}, its MandataireTotals row says {submission.Exercice}.");
            projects.Add(project);
            totals = totals.Add(project);
        }

        // A snapshot whose projects and totals disagree would mislead: refuse it rather than publish it.
        if (totals != TotalsSum.Zero.Add(submission.Totals))
            throw new InvalidDataException(
                $"{submission.NormalizedBlob} sums to {totals}, its MandataireTotals row ({submission.Exercice}, {submission.Mandataire}) says {submission.Totals}.");

        projects.Sort((a, b) => string.CompareOrdinal(a.NoProjet, b.NoProjet));
        return projects;
    }
}
