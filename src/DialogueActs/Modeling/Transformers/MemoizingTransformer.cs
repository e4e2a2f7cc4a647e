using System.Collections.Concurrent;

namespace DialogueActs.Modeling.Transformers;

/// <summary>
/// A pretrained transformer that remembers what the features compute from it, per feature and text, for as long as
/// it lives: a trainer that tags the same validation texts after every epoch computes their frozen states once.
/// Everything else comes from the wrapped encoder. Holds every text's data it has seen, so it suits training, not a
/// long-running service.
/// </summary>
/// <param name="inner">The encoder.</param>
public sealed class MemoizingTransformer(IPretrainedTransformer inner) : IPretrainedTransformer
{
    private readonly ConcurrentDictionary<(string Feature, string Text), Half[]> _memo = new();

    /// <summary>The wrapped encoder.</summary>
    public IPretrainedTransformer Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc />
    public string Id => Inner.Id;

    /// <inheritdoc />
    public BertEncoder Encoder => Inner.Encoder;

    /// <inheritdoc />
    public BertEncoder FrozenEncoder => Inner.FrozenEncoder;

    /// <inheritdoc />
    public long ClsId => Inner.ClsId;

    /// <inheritdoc />
    public long SepId => Inner.SepId;

    /// <inheritdoc />
    public long[] WordPieces(string word) => Inner.WordPieces(word);

    /// <summary>What <paramref name="feature"/> computed for <paramref name="text"/> before, if it did.</summary>
    internal bool TryGet(string feature, string text, out Half[] data) => _memo.TryGetValue((feature, text), out data!);

    /// <summary>Remembers what <paramref name="feature"/> computed for <paramref name="text"/>.</summary>
    internal void Add(string feature, string text, Half[] data) => _memo.TryAdd((feature, text), data);
}
