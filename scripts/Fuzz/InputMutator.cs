namespace DialogueActs.Fuzz;

/// <summary>A format-aware mutation: returns null when it does not apply to <paramref name="data"/>.</summary>
public delegate byte[]? StructuredMutation(byte[] data, Random random, bool allowHuge, out string name);

/// <summary>Stacks one to three mutations on a seed, mixing format-aware and byte-level ones.</summary>
public static class InputMutator
{
    /// <summary>
    /// Picks a seed and applies one to three mutations; one case in thirty keeps the seed unchanged (it
    /// must be accepted). Each step uses <paramref name="structured"/> with probability <paramref name="structuredShare"/> when given.
    /// </summary>
    public static FuzzInput Mutate(IReadOnlyList<byte[]> seeds, Random random, bool allowHuge, StructuredMutation? structured,
        string variant = "", double structuredShare = 0.5)
    {
        byte[] data = seeds[random.Next(seeds.Count)];
        if (random.Next(30) == 0)
        {
            return new FuzzInput(data, "seed", variant);
        }
        var names = new List<string>();
        for (int step = random.Next(1, 4); step > 0; step--)
        {
            string name;
            if (structured is not null && random.NextDouble() < structuredShare && structured(data, random, allowHuge, out name) is { } mutated)
            {
                data = mutated;
            }
            else
            {
                data = ByteMutator.ApplyRandom(data, random, allowHuge, out name);
            }
            names.Add(name);
            if (data.Length > 8 * 1024 * 1024)
            {
                break;
            }
        }
        return new FuzzInput(data, string.Join('+', names), variant);
    }
}
