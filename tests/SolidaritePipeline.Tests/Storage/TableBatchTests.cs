using Azure;
using Azure.Data.Tables;
using SolidaritePipeline.Storage;

namespace SolidaritePipeline.Tests.Storage;

public sealed class TableBatchTests
{
    [Fact]
    public void A_batch_refuses_an_entity_of_another_partition()
    {
        var batch = new TableBatch("2022-2023");
        batch.Add(TableTransactionActionType.Add, new TableEntity("2022-2023", "01"));

        var error = Assert.Throws<TableBatchRuleException>(() =>
            batch.Add(TableTransactionActionType.Add, new TableEntity("2023-2024", "02")));

        Assert.Contains("2023-2024", error.Message);
        Assert.Single(batch.Actions);
    }

    [Fact]
    public void A_batch_holds_one_hundred_operations_and_refuses_the_hundred_and_first()
    {
        var batch = new TableBatch("p");
        for (var i = 0; i < 100; i++)
            batch.Add(TableTransactionActionType.UpsertReplace, new TableEntity("p", i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Throws<TableBatchRuleException>(() => batch.Add(TableTransactionActionType.Add, new TableEntity("p", "100")));
        Assert.Equal(100, batch.Actions.Count);
    }

    [Fact]
    public void A_batch_refuses_to_grow_past_four_mebibytes()
    {
        var batch = new TableBatch("p");
        var big = new string('x', 600_000); // about 1.2 MB counted as JSON text
        batch.Add(TableTransactionActionType.Add, new TableEntity("p", "a") { ["Text"] = big });
        batch.Add(TableTransactionActionType.Add, new TableEntity("p", "b") { ["Text"] = big });
        batch.Add(TableTransactionActionType.Add, new TableEntity("p", "c") { ["Text"] = big });

        Assert.Throws<TableBatchRuleException>(() => batch.Add(TableTransactionActionType.Add, new TableEntity("p", "d") { ["Text"] = big }));
        Assert.True(batch.EstimatedBytes <= TableBatch.MaxBytes);
        Assert.True(batch.EstimatedBytes > 3 * 1_200_000);
    }

    [Fact]
    public void A_batch_touches_a_row_only_once()
    {
        var batch = new TableBatch("p");
        batch.Add(TableTransactionActionType.UpdateReplace, new TableEntity("p", "05"), new ETag("W/\"1\""));

        Assert.Throws<TableBatchRuleException>(() => batch.Add(TableTransactionActionType.Add, new TableEntity("p", "05")));
    }

    [Fact]
    public void Seventeen_regional_rows_fit_one_batch_with_room_to_spare()
    {
        var batch = new TableBatch("2022-2023");
        for (var region = 1; region <= 17; region++)
        {
            batch.Add(TableTransactionActionType.Add, new TableEntity("2022-2023", region.ToString("D2", System.Globalization.CultureInfo.InvariantCulture))
            {
                ["RegionName"] = "Gaspésie–Îles-de-la-Madeleine",
                ["MandataireCount"] = 3,
                ["FqisAmountCents"] = long.MaxValue,
                ["UpdatedAt"] = DateTimeOffset.UnixEpoch,
            });
        }

        Assert.Equal(17, batch.Actions.Count);
        Assert.True(batch.EstimatedBytes < 64 * 1024);
    }
}
