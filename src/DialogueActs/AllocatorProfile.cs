namespace DialogueActs;

/// <summary>How <see cref="NativeMemory.Tune"/> configures glibc malloc.</summary>
public enum AllocatorProfile
{
    /// <summary>
    /// Few threads, many short-lived tensors: large blocks from the heap and no trimming below 512 MiB,
    /// so freed memory is reused instead of faulted in again (training, evaluation, <c>predict</c>).
    /// </summary>
    Training,

    /// <summary>
    /// Many request threads: blocks of <see cref="NativeMemory.ServingMmapThreshold"/> bytes and more are
    /// returned when freed, and at most
    /// <see cref="NativeMemory.ServingArenas"/> arenas, so resident memory stays flat (<c>serve</c> and hosted taggers).
    /// </summary>
    Serving,
}
