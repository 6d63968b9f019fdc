using System.Runtime.CompilerServices;

// The placement rules and the app splitter are pure; the emulator tests check them directly, without a manager
// process, so they need the emulator's internal types.
[assembly: InternalsVisibleTo("DasOps.NodeEmulator.Tests")]
