// Load and soak tests for `dialogue-acts serve`, on 127.0.0.1 only and bounded in time and requests.
//   LoadTest --server DLL MODEL CORPUS [--clients 8] [--seconds 30] [--utterances 100] [-- serve flags]   (scripts/load-test.sh)
//   LoadTest soak --server DLL MODEL CORPUS [--clients 8] [--seconds 600] [--sample-seconds 10] [-- serve flags]   (scripts/soak-test.sh)
//   LoadTest sessions --server DLL MODEL CORPUS [--replicas 1] [--redis] [--clients 16] [--seconds 30] [--utterances 100] [-- serve flags]   (scripts/session-scale-test.sh)
using DialogueActs.LoadTest;

if (args.Length > 0 && args[0] == "soak")
{
    var soak = SoakSettings.Parse(args[1..]);
    return soak is null ? 2 : await SoakRun.RunAsync(soak);
}
if (args.Length > 0 && args[0] == "sessions")
{
    var sessions = SessionSettings.Parse(args[1..]);
    return sessions is null ? 2 : await SessionRun.RunAsync(sessions);
}
var settings = Settings.Parse(args);
return settings is null ? 2 : await LoadRun.RunAsync(settings);
