namespace DialogueActs.Training.Import;

/// <summary>The two corpora of N. Duran's public repositories that <see cref="DuranRepository"/> imports.</summary>
public enum DuranCorpus
{
    /// <summary>Switchboard-Corpus (<c>swda_data/</c>): lines <c>speaker|text|act</c>, 41 SWBD-DAMSL tags.</summary>
    Swda,

    /// <summary>MRDA-Corpus (<c>mrda_data/</c>): lines <c>speaker|text|basic|general|full</c>.</summary>
    Mrda,
}
