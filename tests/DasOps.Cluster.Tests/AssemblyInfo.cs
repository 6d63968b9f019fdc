// One lab per machine: the cluster test classes take turns.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
