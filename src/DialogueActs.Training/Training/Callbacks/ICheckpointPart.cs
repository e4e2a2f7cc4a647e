namespace DialogueActs.Training;

/// <summary>State of a training part beyond the weights and the optimiser that <c>checkpoint.zip</c> keeps in an entry of its own.</summary>
internal interface ICheckpointPart
{
    /// <summary>The entry's name inside the checkpoint, e.g. <c>average.bin</c>.</summary>
    string EntryName { get; }

    /// <summary>Writes the state.</summary>
    void Save(BinaryWriter writer);

    /// <summary>Reads what <see cref="Save"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The data does not fit this part.</exception>
    void Load(BinaryReader reader);
}
