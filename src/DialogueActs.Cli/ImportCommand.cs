using System.CommandLine;
using System.Globalization;
using DialogueActs.Training.Import;

namespace DialogueActs.Cli;

/// <summary>
/// <c>dialogue-acts import swda|mrda|folder</c>: turn a clone of N. Duran's Switchboard-Corpus or MRDA-Corpus repository
/// (or any folder of per-conversation <c>|</c>-separated files with split lists) into <c>train.csv</c>, <c>valid.csv</c>,
/// <c>test.csv</c> and <c>labels.json</c>, the layout <c>configs/swda.json</c> and <c>configs/mrda.json</c> read.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var command = new Command("import", "Convert a corpus of per-conversation files into train.csv, valid.csv, test.csv and labels.json.");
        command.Subcommands.Add(Duran("swda", DuranCorpus.Swda, "Switchboard-Corpus"));
        command.Subcommands.Add(Duran("mrda", DuranCorpus.Mrda, "MRDA-Corpus"));
        command.Subcommands.Add(Folder());
        return command;
    }

    private static Option<string> Output() => new("--out") { Description = "Output folder for train.csv, valid.csv, test.csv and labels.json.", Required = true };

    private static Option<bool> Partial() => new("--partial")
    {
        Description = "The source is an excerpt: leave out listed conversations without a file (and missing split lists and label maps) instead of failing.",
    };

    private static Command Duran(string name, DuranCorpus corpus, string repository)
    {
        var source = new Option<string>("--source") { Description = $"A clone of N. Duran's {repository} repository (or its {name}_data folder).", Required = true };
        var output = Output();
        var partial = Partial();
        var command = new Command(name, $"Import a clone of {repository} into Lee & Dernoncourt's (2016) train, valid and test splits.") { source, output, partial };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var plan = DuranRepository.Plan(corpus, parse.GetValue(source)!, parse.GetValue(partial));
            return Report(CorpusImporter.Import(plan, parse.GetValue(output)!));
        }));
        return command;
    }

    private static Command Folder()
    {
        var source = new Option<string>("--source") { Description = "Folder of conversation files (searched with its subfolders for the ids of split lists).", Required = true };
        var columns = new Option<string>("--columns") { Description = "The |-separated fields of a line, one of them 'text', e.g. speaker,text,act.", Required = true };
        var train = new Option<string>("--train") { Description = "Split list (one conversation id per line) or folder of conversation files for train.csv.", Required = true };
        var valid = new Option<string?>("--valid") { Description = "Split list or folder for valid.csv." };
        var test = new Option<string?>("--test") { Description = "Split list or folder for test.csv." };
        var extension = new Option<string>("--extension") { Description = "Extension of the conversation files.", DefaultValueFactory = _ => ".txt" };
        var prefix = new Option<string>("--id-prefix") { Description = "Prefix of the conversation ids (a file's name without its extension follows).", DefaultValueFactory = _ => "" };
        var labels = new Option<string[]>("--labels") { Description = "FIELD=FILE: a label map (lines name|tag) for labels.json; repeat for several fields.", AllowMultipleArgumentsPerToken = false };
        var output = Output();
        var partial = Partial();
        var command = new Command("folder", "Import any folder of per-conversation files with |-separated fields, splits given as lists or folders.")
        {
            source, columns, train, valid, test, extension, prefix, labels, output, partial,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            var splits = new Dictionary<string, string> { ["train"] = parse.GetValue(train)! };
            if (parse.GetValue(valid) is { } v) splits["valid"] = v;
            if (parse.GetValue(test) is { } t) splits["test"] = t;
            var options = new FolderImportOptions
            {
                Source = parse.GetValue(source)!,
                Columns = ImportColumns.Parse(parse.GetValue(columns)!, "--columns"),
                Splits = splits,
                Extension = parse.GetValue(extension)!,
                IdPrefix = parse.GetValue(prefix)!,
                LabelMaps = (parse.GetValue(labels) ?? []).Select(LabelMapOption).ToList(),
                Partial = parse.GetValue(partial),
            };
            return Report(CorpusImporter.Import(FolderImport.Plan(options), parse.GetValue(output)!));
        }));
        return command;
    }

    private static LabelMapSource LabelMapOption(string value)
    {
        int equals = value.IndexOf('=');
        if (equals <= 0 || equals == value.Length - 1)
            throw new DialogueActsException($"--labels: expected FIELD=FILE, got '{DialogueActsException.Excerpt(value)}'");
        return new LabelMapSource(value[..equals], value[(equals + 1)..]);
    }

    private static int Report(ImportResult result)
    {
        foreach (var split in result.Splits)
            Console.WriteLine($"{split.Name}: {split.File} ({N(split.Conversations)} conversations, {N(split.Utterances)} utterances)");
        if (result.LabelsFile is not null) Console.WriteLine($"labels: {result.LabelsFile}");
        foreach (string removed in result.Removed) Console.WriteLine($"removed {removed} (not part of this import)");
        if (result.SkippedConversations > 0) Console.WriteLine($"skipped {N(result.SkippedConversations)} listed conversations without a file (--partial)");
        return 0;
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
