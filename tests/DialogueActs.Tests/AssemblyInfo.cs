// libtorch's random generator and thread settings are process-wide: tests that train or seed
// would disturb each other if they ran in parallel, so the suite runs one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
