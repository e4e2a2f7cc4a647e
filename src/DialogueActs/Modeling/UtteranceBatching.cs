namespace DialogueActs.Modeling;

/// <summary>How the utterance encoder feeds utterances of different lengths to the LSTM kernel.</summary>
public enum UtteranceBatching
{
    /// <summary>One unpacked call per distinct token length (no padding computed). The default.</summary>
    LengthBuckets,

    /// <summary>One <c>pack_padded_sequence</c> call over all utterances.</summary>
    Packed,
}
