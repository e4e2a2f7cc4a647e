// libtorch's random generator and thread count are process-wide: tests that train, seed or set the thread count
// would disturb each other if they ran in parallel, so the suite runs one test at a time. (Native memory tuning is not a
// reason: no library call tunes, so no test's outcome depends on which one runs first.)
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace DialogueActs.Tests
{
    internal static class TestProcess
    {
        // The test process is a program like the CLI, and the library tunes nothing on its own: it tunes native memory
        // for training at its start, as the CLI's batch commands do, since the suite trains far more than it serves.
        [System.Runtime.CompilerServices.ModuleInitializer]
        internal static void TuneForTraining() => NativeMemory.Tune(AllocatorProfile.Training);
    }
}
