// libtorch's random generator and thread settings are process-wide: tests that train or seed
// would disturb each other if they ran in parallel, so the suite runs one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace DialogueActs.Tests
{
    internal static class TestProcess
    {
        // The suite trains far more than it serves: tune native memory for training before any test runs, as the CLI's
        // batch commands do (otherwise the first DialogueActTagger.Load would choose the serving profile for the whole run).
        [System.Runtime.CompilerServices.ModuleInitializer]
        internal static void TuneForTraining() => NativeMemory.Tune(AllocatorProfile.Training);
    }
}
