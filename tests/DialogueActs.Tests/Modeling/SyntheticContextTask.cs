using DialogueActs.Text;
using DialogueActs.Modeling;

namespace DialogueActs.Tests.Modeling;

/// <summary>
/// A tiny tagging task that needs both what the words say and which label came before:
/// <list type="bullet">
/// <item><c>start-k</c> utterances have label k (0 or 1);</item>
/// <item><c>ditto</c> utterances take the label after the previous utterance's ((previous + 1) mod 4), so runs need label memory (the CRF's transitions);</item>
/// <item><c>echo</c> utterances have label 2 + the colour word of the previous utterance, which that utterance's own label does not carry (the conversation LSTM).</item>
/// </list>
/// Every utterance also has a colour word and some filler words.
/// </summary>
internal static class SyntheticContextTask
{
    /// <summary>What an utterance needs to be tagged right.</summary>
    public enum Kind
    {
        /// <summary><c>start-k</c>: its own words give the label.</summary>
        Start,
        /// <summary><c>ditto</c> whose run goes back to a <c>start</c> utterance: the previous label gives it (label memory).</summary>
        AnchoredDitto,
        /// <summary><c>ditto</c> whose run goes back to an <c>echo</c> utterance.</summary>
        DittoAfterEcho,
        /// <summary><c>echo</c>: the previous utterance's colour word gives it (conversation context).</summary>
        Echo,
    }

    public const int VocabularySize = 16;
    public const int LabelCount = 4;
    private const int Start0 = 3, Ditto = 5, Echo = 6, Colour0 = 7, Filler0 = 9, FillerCount = 7;

    /// <summary>Conversations like the training ones, but with ditto runs far longer than training shows (probes generalisation).</summary>
    public static EncodedConversation[] GenerateLongRuns(int conversations, int seed) => Generate(conversations, seed, minLength: 30, extraLength: 20, startPercent: 6, dittoPercent: 90);

    public static EncodedConversation[] Generate(int conversations, int seed) => Generate(conversations, seed, minLength: 8, extraLength: 10, startPercent: 30, dittoPercent: 75);

    /// <summary>The kind of each utterance of a generated conversation, read from its words.</summary>
    public static Kind[] Kinds(EncodedConversation conversation)
    {
        var kinds = new Kind[conversation.Length];
        for (int t = 0; t < kinds.Length; t++)
        {
            var words = conversation.Tokens[t];
            kinds[t] = words.Contains(Echo) ? Kind.Echo
                : !words.Contains(Ditto) ? Kind.Start
                : kinds[t - 1] is Kind.Start or Kind.AnchoredDitto ? Kind.AnchoredDitto
                : Kind.DittoAfterEcho;
        }
        return kinds;
    }

    private static EncodedConversation[] Generate(int conversations, int seed, int minLength, int extraLength, int startPercent, int dittoPercent)
    {
        var random = new Random(seed);
        var result = new EncodedConversation[conversations];
        for (int c = 0; c < conversations; c++)
        {
            int length = minLength + random.Next(extraLength);
            var tokens = new int[length][];
            var labels = new int[length];
            int previousColour = 0;
            for (int t = 0; t < length; t++)
            {
                int kind = t == 0 ? 0 : random.Next(100) is var r && r < startPercent ? 0 : r < dittoPercent ? 1 : 2;
                int colour = random.Next(2);
                var words = new List<int>();
                switch (kind)
                {
                    case 0:
                        int k = random.Next(2);
                        words.Add(Start0 + k);
                        labels[t] = k;
                        break;
                    case 1:
                        words.Add(Ditto);
                        labels[t] = (labels[t - 1] + 1) % LabelCount;
                        break;
                    default:
                        words.Add(Echo);
                        labels[t] = 2 + previousColour;
                        break;
                }
                words.Add(Colour0 + colour);
                for (int f = random.Next(3); f > 0; f--) words.Insert(random.Next(words.Count + 1), Filler0 + random.Next(FillerCount));
                tokens[t] = words.ToArray();
                previousColour = colour;
            }
            result[c] = new EncodedConversation($"s{c}", tokens, labels);
        }
        return result;
    }
}
