namespace DialogueActs.LoadTest;

/// <summary>
/// Settings of the sessions load test: MODEL CORPUS [--replicas N] [--redis] [--clients C] [--seconds S] [--utterances U]
/// [-- serve flags].
/// </summary>
internal sealed record SessionSettings(string ServerDll, string Model, string Corpus, int Replicas, bool Redis, int Clients, int Seconds,
    int Utterances, IReadOnlyList<string> ServeArguments)
{
    private const string Usage =
        "usage: scripts/session-scale-test.sh MODEL.zip CORPUS.csv [--replicas 1] [--redis] [--clients 16] [--seconds 30] [--utterances 100] [-- extra 'serve' flags]";

    public static SessionSettings? Parse(string[] args)
    {
        string? server = null;
        var positional = new List<string>();
        int replicas = 1, clients = 16, seconds = 30, utterances = 100;
        bool redis = false;
        var serveArguments = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--") { serveArguments.AddRange(args[(i + 1)..]); break; }
            if (a == "--redis") { redis = true; continue; }
            if (a is "--server" or "--replicas" or "--clients" or "--seconds" or "--utterances")
            {
                if (i + 1 >= args.Length) return Fail($"{a}: needs a value");
                string value = args[++i];
                if (a == "--server") { server = value; continue; }
                if (!int.TryParse(value, out int n) || n < 1) return Fail($"{a}: must be a positive integer, got '{value}'");
                if (a == "--replicas") replicas = n;
                else if (a == "--clients") clients = n;
                else if (a == "--seconds") seconds = n;
                else utterances = n;
                continue;
            }
            if (a.StartsWith("--", StringComparison.Ordinal)) return Fail($"unknown option {a}");
            positional.Add(a);
        }
        if (positional.Count != 2 || server is null) return Fail("expected MODEL and CORPUS");
        if (replicas > 8) return Fail("--replicas: at most 8");
        if (replicas > 1 && !redis) return Fail("--replicas: more than one needs --redis (in-memory sessions need sticky routing)");
        if (clients > 512) return Fail("--clients: at most 512");
        if (seconds > 600) return Fail("--seconds: at most 600");
        foreach (string path in positional.Append(server))
            if (!File.Exists(path)) return Fail($"{path}: file not found");
        return new SessionSettings(Path.GetFullPath(server), Path.GetFullPath(positional[0]), Path.GetFullPath(positional[1]), replicas, redis, clients,
            seconds, utterances, serveArguments);
    }

    private static SessionSettings? Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        Console.Error.WriteLine(Usage);
        return null;
    }
}
