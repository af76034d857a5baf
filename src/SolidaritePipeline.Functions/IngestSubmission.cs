using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using SolidaritePipeline.Ingestion;

namespace SolidaritePipeline.Functions;

/// <summary>
/// A mandataire's file landed in <c>uploads/{mandataire}/</c>. The Event Grid source keeps no blob
/// receipts, so duplicates are normal: the processor is idempotent. A failure that is not the file's
/// data is recorded, then rethrown so the runtime and Event Grid retry. The blob's name is read once,
/// by the processor (the path's bound values would say the same, less safely for a hostile name).
/// </summary>
public sealed class IngestSubmission(SubmissionProcessor processor, ILogger<IngestSubmission> logger)
{
    [Function(nameof(IngestSubmission))]
    public async Task Run(
        [BlobTrigger("uploads/{mandataire}/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient upload,
        CancellationToken cancellationToken)
    {
        var outcome = await processor.ProcessAsync(upload, cancellationToken);
        logger.LogInformation("Upload {BlobName} ({Mandataire}): {Result} (submission {SubmissionId}, exercice {Exercice}, {ErrorCount} errors)",
            outcome.BlobName, outcome.Mandataire, outcome.Result, outcome.SubmissionId, outcome.Exercice, outcome.ErrorCount);
    }
}
