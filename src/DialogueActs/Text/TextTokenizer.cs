using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace DialogueActs.Text;

/// <summary>
/// Splits utterance text into token strings, built on Microsoft.ML.Tokenizers. The word kind yields
/// words (letters, digits and apostrophes, e.g. <c>don't</c>) and single punctuation marks; the cl100k
/// kind yields GPT-4 byte-pair token strings (whitespace-only tokens are dropped). Thread-safe.
/// </summary>
public sealed class TextTokenizer
{
    private static readonly Regex _wordRegex = new(
        @"[\p{L}\p{M}\p{N}']+|[^\s\p{L}\p{M}\p{N}']",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private static readonly Lazy<TiktokenTokenizer> _cl100k =
        new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Normalizer? _normalizer;
    private readonly PreTokenizer? _preTokenizer;
    private readonly TiktokenTokenizer? _subword;

    private TextTokenizer(Normalizer? normalizer, PreTokenizer? preTokenizer, TiktokenTokenizer? subword)
    {
        _normalizer = normalizer;
        _preTokenizer = preTokenizer;
        _subword = subword;
    }

    /// <summary>Creates the tokenizer that <paramref name="options"/> describes.</summary>
    /// <exception cref="DialogueActsException">The kind is neither <c>word</c> nor <c>cl100k</c>.</exception>
    public static TextTokenizer Create(TokenizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Normalizer? normalizer = options.Lowercase ? LowerCaseNormalizer.Instance : null;
        return options.Kind switch
        {
            TokenizerOptions.WordKind => new TextTokenizer(normalizer, new RegexPreTokenizer(_wordRegex, null), null),
            TokenizerOptions.Cl100kKind => new TextTokenizer(normalizer, null, _cl100k.Value),
            _ => throw new DialogueActsException(
                $"tokenizer kind must be one of \"{TokenizerOptions.WordKind}\", \"{TokenizerOptions.Cl100kKind}\", got \"{options.Kind}\""),
        };
    }

    /// <summary>Returns the tokens of <paramref name="text"/> in order; empty when it has none.</summary>
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string normalized = _normalizer is null ? text : _normalizer.Normalize(text);
        var tokens = new List<string>();
        if (_subword is not null)
        {
            foreach (EncodedToken token in _subword.EncodeToTokens(normalized, out _, considerPreTokenization: true, considerNormalization: false))
            {
                if (!string.IsNullOrWhiteSpace(token.Value))
                {
                    tokens.Add(token.Value);
                }
            }
            return tokens;
        }
        foreach ((int offset, int length) in _preTokenizer!.PreTokenize(normalized))
        {
            tokens.Add(normalized.Substring(offset, length));
        }
        return tokens;
    }
}
