namespace DialogueActs.LoadTest;

/// <summary>Command-line settings: MODEL CORPUS [--clients N] [--seconds S] [--utterances U] [-- serve flags].</summary>
internal sealed record Settings(string ServerDll, string Model, string Corpus, int Clients, int Seconds, int Utterances, IReadOnlyList<string> ServeArguments)
{
    private const string Usage =
        "usage: scripts/load-test.sh MODEL.zip CORPUS.csv [--clients 8] [--seconds 30] [--utterances 100] [-- extra 'serve' flags]";

    public static Settings? Parse(string[] args)
    {
        string? server = null;
        var positional = new List<string>();
        int clients = 8, seconds = 30, utterances = 100;
        var serveArguments = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--") { serveArguments.AddRange(args[(i + 1)..]); break; }
            if (a is "--server" or "--clients" or "--seconds" or "--utterances")
            {
                if (i + 1 >= args.Length) return Fail($"{a}: needs a value");
                string value = args[++i];
                if (a == "--server") { server = value; continue; }
                if (!int.TryParse(value, out int n) || n < 1) return Fail($"{a}: must be a positive integer, got '{value}'");
                if (a == "--clients") clients = n;
                else if (a == "--seconds") seconds = n;
                else utterances = n;
                continue;
            }
            if (a.StartsWith("--", StringComparison.Ordinal)) return Fail($"unknown option {a}");
            positional.Add(a);
        }
        if (positional.Count != 2 || server is null) return Fail("expected MODEL and CORPUS");
        if (clients > 256) return Fail("--clients: at most 256");
        if (seconds > 600) return Fail("--seconds: at most 600");
        foreach (string path in positional.Append(server))
            if (!File.Exists(path)) return Fail($"{path}: file not found");
        return new Settings(Path.GetFullPath(server), Path.GetFullPath(positional[0]), Path.GetFullPath(positional[1]), clients, seconds, utterances, serveArguments);
    }

    private static Settings? Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        Console.Error.WriteLine(Usage);
        return null;
    }
}

/// <summary>What one client saw.</summary>
internal sealed class ClientResult
{
    public List<double> Latencies { get; } = new();
    public int Errors { get; set; }
    public int ServerErrors { get; set; }
    public int Exceptions { get; set; }
}
