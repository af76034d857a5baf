using System.Text;
using Azure;
using Azure.Data.Tables;

namespace SolidaritePipeline.Storage;

/// <summary>A table batch that breaks a rule of entity-group transactions.</summary>
public sealed class TableBatchRuleException(string message) : InvalidOperationException(message);

/// <summary>
/// An entity-group transaction that enforces Azure's rules itself: one partition, at most 100
/// operations, at most 4 MiB. Azurite accepts some batches Azure refuses (Azurite issues #1215 and
/// #1233), so the rules are checked here, where a test can see them, not left to the service.
/// </summary>
public sealed class TableBatch(string partitionKey)
{
    public const int MaxOperations = 100;
    public const long MaxBytes = 4L * 1024 * 1024;

    // Room for the multipart envelope of one operation (boundaries, request line, headers).
    internal const int OperationOverheadBytes = 1024;

    private readonly List<TableTransactionAction> _actions = [];

    public string PartitionKey { get; } = partitionKey;

    public IReadOnlyList<TableTransactionAction> Actions => _actions;

    /// <summary>A conservative estimate of the request body: properties as UTF-8 JSON plus an envelope per operation.</summary>
    public long EstimatedBytes { get; private set; }

    public void Add(TableTransactionActionType type, TableEntity entity, ETag etag = default)
    {
        if (!string.Equals(entity.PartitionKey, PartitionKey, StringComparison.Ordinal))
            throw new TableBatchRuleException(
                $"A batch of partition '{PartitionKey}' cannot hold an entity of partition '{entity.PartitionKey}'.");
        if (_actions.Count == MaxOperations)
            throw new TableBatchRuleException($"A batch holds at most {MaxOperations} operations.");
        if (_actions.Exists(a => string.Equals(a.Entity.RowKey, entity.RowKey, StringComparison.Ordinal)))
            throw new TableBatchRuleException($"A batch may touch row '{entity.RowKey}' only once.");

        var bytes = EstimateBytes(entity);
        if (EstimatedBytes + bytes > MaxBytes)
            throw new TableBatchRuleException($"A batch holds at most {MaxBytes} bytes; this one would hold about {EstimatedBytes + bytes}.");

        _actions.Add(new TableTransactionAction(type, entity, etag));
        EstimatedBytes += bytes;
    }

    public async Task SubmitAsync(TableClient table, CancellationToken cancellationToken)
    {
        if (_actions.Count == 0) return;
        await table.SubmitTransactionAsync(_actions, cancellationToken);
    }

    internal static long EstimateBytes(TableEntity entity)
    {
        long bytes = OperationOverheadBytes;
        foreach (var (name, value) in entity)
        {
            bytes += Encoding.UTF8.GetByteCount(name) + 8;
            bytes += value switch
            {
                string text => Encoding.UTF8.GetByteCount(text) * 2L, // twice the UTF-8 length leaves room for JSON escapes
                byte[] data => (data.Length + 2) / 3 * 4,
                BinaryData data => (data.ToMemory().Length + 2) / 3 * 4,
                _ => 64,
            };
        }

        return bytes;
    }
}
