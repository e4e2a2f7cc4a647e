namespace DialogueActs.Data;

/// <summary>On-disk format of a corpus file.</summary>
public enum CorpusFormat
{
    /// <summary>Pick the format from the file extension: <c>.csv</c> is CSV, <c>.jsonl</c> and <c>.json</c> are JSON lines.</summary>
    Auto,

    /// <summary>RFC 4180 CSV with a header row and one row per utterance, columns named by a <see cref="ColumnMapping"/>.</summary>
    Csv,

    /// <summary>
    /// JSON lines, one conversation per line:
    /// <c>{"id": "...", "utterances": [{"speaker": "A", "text": "...", "label": "sd"}, ...]}</c>
    /// (<c>speaker</c> and <c>label</c> optional; blank lines skipped).
    /// </summary>
    Jsonl,
}
