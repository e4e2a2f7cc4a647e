namespace DialogueActs.Text;

/// <summary>
/// The model's labels in index order. Built from training labels, most frequent first (ties in
/// ordinal order), so label ids are deterministic.
/// </summary>
public sealed class LabelSet
{
    private readonly string[] _labels;
    private readonly Dictionary<string, int> _ids;

    /// <summary>Creates a label set from labels in index order.</summary>
    /// <exception cref="ArgumentException">No labels, or a label listed twice.</exception>
    public LabelSet(IEnumerable<string> labelsInIndexOrder)
    {
        _labels = labelsInIndexOrder.ToArray();
        if (_labels.Length == 0) throw new ArgumentException("A label set needs at least one label.", nameof(labelsInIndexOrder));
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _labels.Length; i++)
            if (!_ids.TryAdd(_labels[i], i)) throw new ArgumentException($"Label '{_labels[i]}' is listed twice.", nameof(labelsInIndexOrder));
    }

    /// <summary>Builds the set from training labels: most frequent first, ties in ordinal order.</summary>
    public static LabelSet FromTrainingLabels(IEnumerable<string> labels) => new(labels
        .GroupBy(l => l, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => g.Key));

    /// <summary>Number of labels.</summary>
    public int Count => _labels.Length;

    /// <summary>Labels in index order.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The label with the given id.</summary>
    public string this[int id] => _labels[id];

    /// <summary>The id of a label, or false when the model does not know it.</summary>
    public bool TryGetId(string label, out int id) => _ids.TryGetValue(label, out id);
}
