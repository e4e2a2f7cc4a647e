using DialogueActs.Training.Import;

namespace DialogueActs.Tests.Import;

/// <summary>
/// Runs only when <c>DIALOGUE_ACTS_RAW_SAMPLES</c> (a folder with <c>Switchboard-Corpus/</c> and <c>MRDA-Corpus/</c>, clones
/// or excerpts) and <c>DIALOGUE_ACTS_DATA</c> (a folder with <c>swda/</c> and <c>mrda/</c> CSVs) are set.
/// </summary>
public sealed class RawSamplesFactAttribute : FactAttribute
{
    public const string RawVariable = "DIALOGUE_ACTS_RAW_SAMPLES";
    public const string DataVariable = "DIALOGUE_ACTS_DATA";

    public RawSamplesFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(RawVariable) is null || Environment.GetEnvironmentVariable(DataVariable) is null)
        {
            Skip = $"compares the import of real repository files with the published CSVs: set {RawVariable}=DIR (holding Switchboard-Corpus/ and " +
                   $"MRDA-Corpus/) and {DataVariable}=DIR (holding swda/ and mrda/), or run scripts/check-import.sh RAW_DIR DATA_DIR";
        }
    }
}

/// <summary>The import of real repository files (excerpts are enough) against the CSV corpora made from them.</summary>
public sealed class RawSampleImportTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("da-raw-import-").FullName;
    private static string Raw => Environment.GetEnvironmentVariable(RawSamplesFactAttribute.RawVariable)!;
    private static string Data => Environment.GetEnvironmentVariable(RawSamplesFactAttribute.DataVariable)!;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>Every imported row equals the row of the published CSV with the same split, conversation and index.</summary>
    [RawSamplesFact]
    public void EveryImportedRow_EqualsThePublishedRow()
    {
        foreach (var (corpus, name, repository) in new[] { (DuranCorpus.Swda, "swda", "Switchboard-Corpus"), (DuranCorpus.Mrda, "mrda", "MRDA-Corpus") })
        {
            string output = Path.Combine(_work, name);
            var result = CorpusImporter.Import(DuranRepository.Plan(corpus, Path.Combine(Raw, repository), partial: true), output);
            int compared = 0;
            foreach (var split in result.Splits)
            {
                var published = DuranImportTests.ReadCsv(Path.Combine(Data, name, split.Name + ".csv"));
                var byKey = published.Skip(1).ToDictionary(r => (r[0], r[1]));
                var imported = DuranImportTests.ReadCsv(split.File);
                Assert.Equal(published[0], imported[0]);
                foreach (var row in imported.Skip(1))
                {
                    Assert.True(byKey.TryGetValue((row[0], row[1]), out var expected), $"{name} {split.Name}: {row[0]},{row[1]} is not in the published CSV");
                    Assert.Equal(expected, row);
                    compared++;
                }
            }
            Assert.True(compared > 0, $"{name}: no rows imported from {Raw}");
        }
    }

    /// <summary>With a file for every listed conversation, each split holds the published conversations in the published order.</summary>
    [RawSamplesFact]
    public void EveryPublishedConversation_IsPlacedInItsSplit_InOrder()
    {
        foreach (var (corpus, name, repository, folder) in new[] { (DuranCorpus.Swda, "swda", "Switchboard-Corpus", "swda_data"), (DuranCorpus.Mrda, "mrda", "MRDA-Corpus", "mrda_data") })
        {
            string stub = Path.Combine(_work, name + "-stub", folder);
            Directory.CreateDirectory(Path.Combine(stub, "metadata"));
            foreach (string list in Directory.GetFiles(Path.Combine(Raw, repository, folder, "metadata"), "*_split.txt"))
            {
                File.Copy(list, Path.Combine(stub, "metadata", Path.GetFileName(list)));
                string split = Path.Combine(stub, Path.GetFileName(list)[..^"_split.txt".Length]);
                Directory.CreateDirectory(split);
                foreach (string id in File.ReadLines(list).Select(l => l.Trim()).Where(l => l.Length > 0))
                    File.WriteAllText(Path.Combine(split, id + ".txt"), corpus == DuranCorpus.Swda ? "A|x|sd\n" : "me001|x|S|s|s\n");
            }
            var plan = DuranRepository.Plan(corpus, Path.GetDirectoryName(stub)!, partial: true);
            foreach (var split in plan.Splits)
            {
                string published = Path.Combine(Data, name, split.Name + ".csv");
                if (!File.Exists(published)) continue;                                                    // the test splits are held back
                var ids = DuranImportTests.ReadCsv(published).Skip(1).Select(r => r[0]).Distinct().ToList();
                Assert.Equal(ids, split.Conversations.Select(c => c.Id));
            }
        }
    }
}
