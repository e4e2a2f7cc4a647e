namespace DialogueActs.Training.Evaluation;

/// <summary>Precision, recall, F1 and support of one class (or of an average over classes).</summary>
/// <param name="Precision">True positives over predicted positives, in 0..1 (0 when nothing was predicted).</param>
/// <param name="Recall">True positives over gold positives, in 0..1 (0 when the class has no gold items).</param>
/// <param name="F1">Harmonic mean of precision and recall, in 0..1 (0 when both are 0).</param>
/// <param name="Support">Number of gold items of the class (for an average: all items).</param>
public sealed record ClassMetrics(double Precision, double Recall, double F1, int Support);
