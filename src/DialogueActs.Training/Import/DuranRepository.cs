namespace DialogueActs.Training.Import;

/// <summary>
/// Plans the import of a clone of N. Duran's <c>Switchboard-Corpus</c> or <c>MRDA-Corpus</c> repository into the
/// splits of Lee &amp; Dernoncourt (2016), the benchmark splits of the literature:
/// valid = the shipped validation list (<see cref="ValidationLists"/>), each id of which the repository lists under
/// <c>train</c> or <c>val</c>; train = the repository's <c>train</c> list without them; test = its <c>test</c> list.
/// Repository <c>val</c> conversations outside the shipped list are not used. Each conversation is read from the
/// folder of the repository list that names it (<c>swda_data/train/2005.txt</c>); SwDA ids get the prefix <c>sw</c>.
/// </summary>
public static class DuranRepository
{
    private sealed record Layout(
        string Repository, string DataFolder, string Fields, string IdPrefix, string ValidList, (string Field, string File)[] LabelMaps);

    private static readonly (string Folder, string List)[] RepositoryLists =
        [("train", "train_split.txt"), ("val", "val_split.txt"), ("test", "test_split.txt")];

    private static Layout LayoutOf(DuranCorpus corpus) => corpus switch
    {
        DuranCorpus.Swda => new("Switchboard-Corpus", "swda_data", "speaker,text,act", "sw", ValidationLists.Swda,
            [("act", "label_map.txt")]),
        DuranCorpus.Mrda => new("MRDA-Corpus", "mrda_data", "speaker,text,basic,general,full", "", ValidationLists.Mrda,
            [("basic", "basic_label_map.txt"), ("general", "general_label_map.txt")]),
        _ => throw new ArgumentOutOfRangeException(nameof(corpus), corpus, null),
    };

    /// <summary>Plans the import of the clone at <paramref name="source"/> (the repository folder, or its data folder).</summary>
    /// <param name="corpus">Which repository it is.</param>
    /// <param name="source">The clone: the folder holding <c>swda_data/</c> (or <c>mrda_data/</c>), or that folder itself.</param>
    /// <param name="partial">
    /// An excerpt of a repository: listed conversations without a file, split lists and label maps that are missing are
    /// left out (and counted) instead of failing.
    /// </param>
    /// <exception cref="DialogueActsException">
    /// The folder is not such a clone, a split list is missing, a conversation has no file or is in two lists, or a
    /// shipped validation id is in neither the repository's train nor its val list. One line, naming the file and line.
    /// </exception>
    public static ImportPlan Plan(DuranCorpus corpus, string source, bool partial = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        Layout layout = LayoutOf(corpus);
        string root = Root(source, layout);
        string metadata = Path.Combine(root, "metadata");

        var lists = new List<(string Folder, IReadOnlyList<ListedId> Ids)>();
        foreach (var (folder, list) in RepositoryLists)
        {
            string path = Path.Combine(metadata, list);
            lists.Add((folder, partial && !File.Exists(path) ? [] : SplitList.Read(path)));
        }
        ImportPlan.CheckDisjoint(lists.Select(l => (l.Folder, l.Ids.AsEnumerable())));
        var folderOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (folder, ids) in lists)
            foreach (var listed in ids) folderOf[listed.Id] = folder;

        var valid = ValidationLists.Read(layout.ValidList);
        foreach (var listed in valid)
        {
            if (folderOf.GetValueOrDefault(listed.Id) is not ("train" or "val"))
            {
                throw new DialogueActsException(
                    $"{listed.Where}: validation conversation '{listed.Id}' is in neither {Path.Combine(metadata, "train_split.txt")} nor val_split.txt");
            }
        }
        var validIds = valid.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        string FileOf(ListedId listed) => Path.Combine(root, folderOf[listed.Id], listed.Id + ".txt");
        IReadOnlyList<(ListedId, string)> WithFiles(IEnumerable<ListedId> ids) => ids.Select(i => (i, FileOf(i))).ToList();

        var (splits, skipped) = ImportPlan.Place(
        [
            ("train", WithFiles(lists[0].Ids.Where(i => !validIds.Contains(i.Id)))),
            ("valid", WithFiles(valid)),
            ("test", WithFiles(lists[2].Ids)),
        ], layout.IdPrefix, partial);

        var labelMaps = layout.LabelMaps
            .Select(m => new LabelMapSource(m.Field, Path.Combine(metadata, m.File)))
            .Where(m => !partial || File.Exists(m.File))
            .ToList();
        return new ImportPlan(ImportColumns.Parse(layout.Fields, layout.Repository), splits, labelMaps, skipped);
    }

    /// <summary>The data folder (<c>swda_data</c>) of the clone at <paramref name="source"/>.</summary>
    private static string Root(string source, Layout layout)
    {
        if (!Directory.Exists(source)) throw new DialogueActsException($"{source}: folder not found");
        string data = Path.Combine(source, layout.DataFolder);
        if (Directory.Exists(Path.Combine(data, "metadata"))) return data;
        if (Directory.Exists(Path.Combine(source, "metadata"))) return source;
        throw new DialogueActsException($"{source}: not a clone of {layout.Repository} (no {layout.DataFolder}/metadata folder)");
    }
}
