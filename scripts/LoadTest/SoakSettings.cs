namespace DialogueActs.LoadTest;

/// <summary>Settings of the soak: MODEL CORPUS [--clients 8] [--seconds 600] [--sample-seconds 10] [--seed 1] [-- serve flags].</summary>
internal sealed record SoakSettings(string ServerDll, string Model, string Corpus, int Clients, int Seconds, int SampleSeconds, int Seed,
    IReadOnlyList<string> ServeArguments)
{
    private const string Usage =
        "usage: scripts/soak-test.sh MODEL.zip CORPUS.csv [--clients 8] [--seconds 600] [--sample-seconds 10] [--seed 1] [-- extra 'serve' flags]";

    public static SoakSettings? Parse(string[] args)
    {
        string? server = null;
        var positional = new List<string>();
        var numbers = new Dictionary<string, int> { ["--clients"] = 8, ["--seconds"] = 600, ["--sample-seconds"] = 10, ["--seed"] = 1 };
        var serveArguments = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--") { serveArguments.AddRange(args[(i + 1)..]); break; }
            if (a == "--server" || numbers.ContainsKey(a))
            {
                if (i + 1 >= args.Length) return Fail($"{a}: needs a value");
                string value = args[++i];
                if (a == "--server") { server = value; continue; }
                if (!int.TryParse(value, out int n) || n < 1) return Fail($"{a}: must be a positive integer, got '{value}'");
                numbers[a] = n;
                continue;
            }
            if (a.StartsWith("--", StringComparison.Ordinal)) return Fail($"unknown option {a}");
            positional.Add(a);
        }
        if (positional.Count != 2 || server is null) return Fail("expected MODEL and CORPUS");
        if (numbers["--clients"] > 64) return Fail("--clients: at most 64");
        if (numbers["--seconds"] > 3600) return Fail("--seconds: at most 3600");
        foreach (string path in positional.Append(server))
            if (!File.Exists(path)) return Fail($"{path}: file not found");
        return new SoakSettings(Path.GetFullPath(server), Path.GetFullPath(positional[0]), Path.GetFullPath(positional[1]),
            numbers["--clients"], numbers["--seconds"], numbers["--sample-seconds"], numbers["--seed"], serveArguments);
    }

    private static SoakSettings? Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        Console.Error.WriteLine(Usage);
        return null;
    }
}
