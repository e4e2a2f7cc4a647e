namespace DialogueActs.Training;

/// <summary>
/// A training step met a NaN or infinite value. <see cref="TrainingStep"/> throws it before the
/// optimiser step; <see cref="EpochRunner"/> turns it into a <see cref="DialogueActsException"/> that names
/// the epoch and batch.
/// </summary>
internal sealed class NonFiniteTrainingException : Exception
{
    public NonFiniteTrainingException(string quantity, double value)
        : base($"the {quantity} is {Describe(value)}")
    {
    }

    private static string Describe(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";
}
