using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using static DialogueActs.DialogueActsException;

namespace DialogueActs.Data;

/// <summary>
/// Parses RFC 4180 CSV corpus text (header row, one row per utterance) into conversations.
/// Every problem becomes a one-line <see cref="DialogueActsException"/> naming the file and line.
/// </summary>
internal sealed class CsvCorpusParser
{
    private readonly string _text;
    private readonly string _name;
    private readonly ColumnMapping _columns;
    private readonly bool _requireLabels;
    private readonly ConversationLimits _limits;
    private LineIndex? _lines;
    private string? _badField;

    private CsvCorpusParser(string text, string name, ColumnMapping columns, bool requireLabels, ConversationLimits limits)
    {
        _text = text;
        _name = name;
        _columns = columns;
        _requireLabels = requireLabels;
        _limits = limits;
    }

    /// <summary>Parses <paramref name="text"/>, the whole content of the file called <paramref name="name"/>.</summary>
    public static IReadOnlyList<Conversation> Parse(string text, string name, ColumnMapping columns, bool requireLabels,
        ConversationLimits limits) =>
        new CsvCorpusParser(text, name, columns, requireLabels, limits).Parse();

    private IReadOnlyList<Conversation> Parse()
    {
        if (_requireLabels && _columns.Label is null)
            throw new DialogueActsException($"{_name}: labels are required but no label column is configured");
        if (string.IsNullOrWhiteSpace(_text))
            throw new DialogueActsException($"{_name}: file is empty");

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Mode = CsvMode.RFC4180,
            IgnoreBlankLines = true,
            BadDataFound = args => _badField ??= args.Field,
        };
        using var parser = new CsvParser(new StringReader(_text), config);

        if (ReadRecord(parser) is not { } headerRecord)
            throw new DialogueActsException($"{_name}: file is empty");
        var header = new CsvHeader(headerRecord, Line(RecordOffset(parser)), _name);
        int conversationColumn = header.Require(_columns.Conversation);
        int orderColumn = _columns.Order is null ? -1 : header.Require(_columns.Order);
        int speakerColumn = _columns.Speaker is null ? -1 : header.Require(_columns.Speaker);
        int textColumn = header.Require(_columns.Text);
        int labelColumn = _columns.Label is null ? -1
            : _requireLabels ? header.Require(_columns.Label)
            : header.Find(_columns.Label);

        var conversations = new Dictionary<string, List<CsvRow>>(StringComparer.Ordinal);
        var firstSeen = new List<string>();
        int rowCount = 0;
        while (ReadRecord(parser) is { } record)
        {
            int offset = RecordOffset(parser);
            if (record.Length != header.Count)
                throw Error(offset, $"expected {header.Count} fields as in the header, got {record.Length}");

            string id = record[conversationColumn];
            if (string.IsNullOrWhiteSpace(id))
                throw Error(offset, $"column '{Excerpt(_columns.Conversation)}' is empty");

            int order = orderColumn < 0 ? rowCount : ParseOrder(record[orderColumn], offset);
            string? speaker = speakerColumn < 0 ? null : NullIfEmpty(record[speakerColumn]);
            string? label = labelColumn < 0 ? null : NullIfEmpty(record[labelColumn]);
            if (_requireLabels && label is null)
                throw Error(offset, $"column '{Excerpt(_columns.Label!)}' is empty (labels are required)");
            string text = record[textColumn];
            if (text.Length > _limits.MaxCharactersPerUtterance)
            {
                throw new InputLimitException(
                    $"{_name}:{Line(offset)}: column '{Excerpt(_columns.Text)}' has {text.Length} characters, over the limit of {_limits.MaxCharactersPerUtterance}");
            }

            if (!conversations.TryGetValue(id, out var rows))
            {
                rows = [];
                conversations.Add(id, rows);
                firstSeen.Add(id);
            }
            rows.Add(new CsvRow(order, offset, new Utterance(speaker, text, label)));
            rowCount++;
        }

        if (rowCount == 0)
            throw new DialogueActsException($"{_name}: no data rows after the header");

        var result = new List<Conversation>(firstSeen.Count);
        foreach (string id in firstSeen)
            result.Add(BuildConversation(id, conversations[id]));
        return result;
    }

    private Conversation BuildConversation(string id, List<CsvRow> rows)
    {
        if (rows.Count > _limits.MaxUtterancesPerConversation)
        {
            throw new InputLimitException(
                $"{_name}:{Line(rows[0].Offset)}: conversation '{Excerpt(id)}' has {rows.Count} utterances, over the limit of {_limits.MaxUtterancesPerConversation}");
        }
        if (_columns.Order is not null)
        {
            rows.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Offset.CompareTo(b.Offset));
            for (int i = 1; i < rows.Count; i++)
            {
                if (rows[i].Order == rows[i - 1].Order)
                {
                    throw Error(rows[i].Offset,
                        $"duplicate value {rows[i].Order} in column '{Excerpt(_columns.Order)}' for conversation '{Excerpt(id)}' (also on line {Line(rows[i - 1].Offset)})");
                }
            }
        }
        var utterances = new Utterance[rows.Count];
        for (int i = 0; i < rows.Count; i++)
            utterances[i] = rows[i].Utterance;
        return new Conversation(id, utterances);
    }

    private int ParseOrder(string value, int offset)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int order))
            throw Error(offset, $"column '{Excerpt(_columns.Order!)}' must be an integer, got '{Excerpt(value)}'");
        return order;
    }

    /// <summary>
    /// Reads the next record and its fields (null at the end of the file), turning CsvHelper errors
    /// and bad quoting into our one-line errors. Fields are fetched at once because CsvHelper only
    /// reports bad quoting when a field is processed.
    /// </summary>
    private string[]? ReadRecord(CsvParser parser)
    {
        string[]? record;
        try
        {
            record = parser.Read() ? parser.Record ?? [] : null;
        }
        catch (CsvHelperException e)
        {
            string reason = Brief(e.Message.Trim());
            throw new DialogueActsException($"{_name}:{parser.RawRow}: malformed CSV: {reason}", e);
        }
        if (record is not null && _badField is { } field)
        {
            int offset = RecordOffset(parser);
            bool unterminated = field.StartsWith('"') && field.Count(c => c == '"') % 2 == 1;
            throw Error(offset, unterminated
                ? "unterminated quoted field (the opening '\"' is never closed)"
                : $"malformed quoting in field '{Excerpt(field)}' (a field containing '\"' must be quoted, with each '\"' doubled)");
        }
        return record;
    }

    private static int RecordOffset(CsvParser parser) => (int)(parser.CharCount - parser.RawRecord.Length);

    private int Line(int offset) => (_lines ??= new LineIndex(_text)).LineOf(offset);

    private DialogueActsException Error(int offset, string problem) => new($"{_name}:{Line(offset)}: {problem}");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private readonly record struct CsvRow(int Order, int Offset, Utterance Utterance);
}
