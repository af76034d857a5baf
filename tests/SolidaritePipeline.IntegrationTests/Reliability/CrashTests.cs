using System.Globalization;
using SolidaritePipeline.Cli.Local;
using SolidaritePipeline.Storage;
using Xunit.Abstractions;

namespace SolidaritePipeline.IntegrationTests.Reliability;

public sealed class CrashTests(ITestOutputHelper output)
{
    private const int PendingBeforeEachRun = 100;

    [Fact]
    public async Task The_local_host_killed_at_random_points_while_processing_then_restarted_converges_to_exact_totals()
    {
        var settings = ReliabilitySettings.FromEnvironment();
        var random = new Random(settings.Seed);
        // Enough waves that work never runs out before the last kill, however fast the machine: a kill
        // comes at most 800 ms after the first outcome, and a run then finishes up to about 40 uploads.
        var plan = new UploadWaves(versions: settings.Kills * 2 + 2, settings.Seed);
        await using var azurite = await Azurite.StartAsync();
        await StorageClients.FromConnectionString(azurite.ConnectionString).EnsureCreatedAsync();
        var state = new PipelineState(azurite.ConnectionString);
        var temp = Directory.CreateTempSubdirectory("solidarite-crash-");
        var run = new[] { "run", "--once", "--parallel", "4", "--storage", azurite.ConnectionString };
        var (waves, kills, outcomesBeforeKills) = (0, 0, 0);
        var started = DateTimeOffset.UtcNow;
        try
        {
            while (kills < settings.Kills)
            {
                // More pending than a run can finish before its kill, so that a kill always finds work in flight
                // (the validation got faster: 40 pending were sometimes all done within the 800 ms).
                while ((await state.BlobNamesAsync(StorageNames.UploadsContainer)).Count < PendingBeforeEachRun)
                {
                    Assert.True(waves < plan.Waves.Count, $"work ran out after {kills} kills");
                    await plan.UploadAsync([state.Uploads], waves++);
                }

                using var host = LocalHostProcess.Start(temp.FullName, run);
                // Killed once processing has begun (several uploads are in flight, each at its own step), after a random delay.
                var exited = host.WaitAsync(TimeSpan.FromMinutes(2));
                if (await Task.WhenAny(host.FirstOutcome, exited) == exited)
                {
                    Assert.True(await exited, "run --once neither reported an upload nor ended");
                    continue; // it finished first: not a kill
                }

                if (await host.WaitAsync(TimeSpan.FromMilliseconds(random.Next(0, 800)))) continue;
                await host.KillAsync();
                kills++;
                outcomesBeforeKills += host.Outcomes;
            }

            var restarts = 0;
            while ((await state.BlobNamesAsync(StorageNames.UploadsContainer)).Count > 0)
            {
                Assert.True(restarts++ < 5, "uploads still pending after 5 runs without kills");
                using var host = LocalHostProcess.Start(temp.FullName, run);
                Assert.True(await host.WaitAsync(TimeSpan.FromMinutes(3)), "run --once did not finish");
                Assert.Equal(0, host.ExitCode);
            }

            await state.AssertCompleteAsync(plan, waves);

            // And reconcile, which trusts no stored number, finds nothing to repair.
            using var reconcile = LocalHostProcess.Start(temp.FullName, "reconcile", "--storage", azurite.ConnectionString);
            Assert.True(await reconcile.WaitAsync(TimeSpan.FromMinutes(1)));
            Assert.Equal(0, reconcile.ExitCode);
            Assert.Contains("Totals already matched the submissions.", reconcile.Error, StringComparison.Ordinal);

            var uploads = plan.Waves.Take(waves).Sum(w => w.Count);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"FIGURES crashes: seed {settings.Seed}, {kills} SIGKILLs survived, each while uploads were in flight ({outcomesBeforeKills} uploads finished by runs later killed), {uploads} uploads in {waves} waves from {plan.Waves[0].Count} mandataires, {restarts} final runs, {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s; totals exact to the cent, nothing lost, nothing counted twice"));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }
}
