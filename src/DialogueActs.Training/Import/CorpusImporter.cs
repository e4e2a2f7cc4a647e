using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace DialogueActs.Training.Import;

/// <summary>
/// Carries out an <see cref="ImportPlan"/>: reads every conversation file (one utterance per line, fields separated
/// by <c>|</c>), then writes <c>train.csv</c>, <c>valid.csv</c>, <c>test.csv</c> and <c>labels.json</c>. Every input is read
/// and checked before the first file is written, and each file is written atomically (<see cref="AtomicFile"/>), so bad
/// input leaves the output folder as it was.
/// </summary>
public static class CorpusImporter
{
    /// <summary>File name of the label names written beside the CSVs.</summary>
    public const string LabelsFileName = "labels.json";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The CSV dialect of the project's corpora: RFC 4180, <c>\n</c> line ends, and a field quoted only when it holds a
    /// comma, a quote or a line break (as Python's <c>csv</c> module writes; SwDA tags such as <c>fo_o_fw_"_by_bc</c> need it).
    /// </summary>
    private static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\n",
        ShouldQuote = args => args.Field is { } field && field.AsSpan().IndexOfAny(",\"\r\n") >= 0,
    };

    /// <summary>Imports <paramref name="plan"/> into <paramref name="outDir"/> (created when missing).</summary>
    /// <exception cref="DialogueActsException">
    /// A conversation file or label map is unreadable, a line has the wrong number of fields or an empty label field, a
    /// file has no utterances, or an output cannot be written. One line naming the file and line.
    /// </exception>
    public static ImportResult Import(ImportPlan plan, string outDir)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrEmpty(outDir);

        var outputs = new List<(string Path, byte[] Content)>();
        var splits = new List<ImportedSplit>();
        foreach (var split in plan.Splits)
        {
            if (split.Conversations.Count == 0) continue;
            var (content, utterances) = RenderCsv(plan.Columns, split);
            string path = Path.Combine(outDir, split.Name + ".csv");
            outputs.Add((path, content));
            splits.Add(new ImportedSplit(split.Name, path, split.Conversations.Count, utterances));
        }
        if (splits.Count == 0) throw new DialogueActsException("nothing to import: no split has a conversation file");
        string? labels = null;
        if (plan.LabelMaps.Count > 0)
        {
            labels = Path.Combine(outDir, LabelsFileName);
            outputs.Add((labels, RenderLabels(plan.LabelMaps)));
        }

        AtomicFile.EnsureFolder(outDir);
        foreach (var (path, content) in outputs) AtomicFile.WriteAllBytes(path, content);
        var removed = new List<string>();
        foreach (string stale in ImportPlan.SplitNames.Select(n => Path.Combine(outDir, n + ".csv")).Append(Path.Combine(outDir, LabelsFileName)))
        {
            if (outputs.Any(o => o.Path == stale) || !File.Exists(stale)) continue;
            AtomicFile.Delete(stale);
            removed.Add(stale);
        }
        return new ImportResult(splits, labels, removed, plan.SkippedConversations);
    }

    /// <summary>The CSV of <paramref name="split"/> and its row count.</summary>
    private static (byte[] Content, int Rows) RenderCsv(ImportColumns columns, PlannedSplit split)
    {
        using var buffer = new MemoryStream();
        int rows = 0;
        using (var writer = new StreamWriter(buffer, Utf8, leaveOpen: true))
        using (var csv = new CsvWriter(writer, Csv))
        {
            foreach (string column in columns.Header) csv.WriteField(column);
            csv.NextRecord();
            foreach (var conversation in split.Conversations)
            {
                int index = 0;
                foreach (string[] fields in ReadConversation(columns, conversation.File))
                {
                    csv.WriteField(conversation.Id);
                    csv.WriteField(index++.ToString(CultureInfo.InvariantCulture));
                    foreach (int field in columns.CsvOrder) csv.WriteField(fields[field]);
                    csv.NextRecord();
                }
                rows += index;
            }
        }
        return (buffer.ToArray(), rows);
    }

    /// <summary>The fields of every utterance of a conversation file, in order.</summary>
    private static List<string[]> ReadConversation(ImportColumns columns, string path)
    {
        var utterances = new List<string[]>();
        foreach (var (line, content) in ImportText.Lines(ImportText.Read(path, "conversation file")))
        {
            string[] fields = content.Split('|');
            if (fields.Length != columns.Fields.Count)
                throw new DialogueActsException($"{path}:{line}: expected {columns.Fields.Count} fields ({columns.Pattern}), got {fields.Length}");
            for (int i = 0; i < fields.Length; i++)
            {
                if (fields[i].Length == 0 && i != columns.TextIndex)
                    throw new DialogueActsException($"{path}:{line}: field '{columns.Fields[i]}' is empty");
            }
            utterances.Add(fields);
        }
        if (utterances.Count == 0) throw new DialogueActsException($"{path}: no utterances");
        return utterances;
    }

    /// <summary>
    /// <c>labels.json</c>: per label field, each tag of its map with its name, in map order:
    /// <c>{"act": {"sd": {"name": "Statement-non-opinion"}, ...}}</c>.
    /// </summary>
    private static byte[] RenderLabels(IReadOnlyList<LabelMapSource> maps)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var map in maps)
            {
                json.WriteStartObject(map.Field);
                foreach (var (tag, name) in LabelMap.Read(map.File))
                {
                    json.WriteStartObject(tag);
                    json.WriteString("name", name);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
