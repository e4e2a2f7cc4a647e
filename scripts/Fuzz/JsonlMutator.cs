using System.Text;

namespace DialogueActs.Fuzz;

/// <summary>Line-aware mutations of JSON lines: one line mutated as JSON, or lines duplicated, dropped, swapped or blanked.</summary>
public static class JsonlMutator
{
    /// <summary>Applies one random JSONL mutation to <paramref name="data"/> (UTF-8 text).</summary>
    public static byte[]? ApplyRandom(byte[] data, Random random, bool allowHuge, out string name)
    {
        var lines = Encoding.UTF8.GetString(data).Split('\n').ToList();
        if (lines.Count > 1 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        int index = random.Next(lines.Count);
        switch (random.Next(6))
        {
            case 0:
                lines.Insert(random.Next(lines.Count + 1), lines[index]);
                name = "duplicate-line";
                break;
            case 1:
                lines.RemoveAt(index);
                name = "remove-line";
                break;
            case 2:
                lines.Insert(random.Next(lines.Count + 1), random.Next(2) == 0 ? "" : " \t ");
                name = "blank-line";
                break;
            default:
                byte[]? mutated = JsonMutator.ApplyRandom(Encoding.UTF8.GetBytes(lines[index]), random, allowHuge, out string inner);
                if (mutated is null)
                {
                    name = "";
                    return null;
                }
                lines[index] = Encoding.UTF8.GetString(mutated);
                name = "line-" + inner;
                break;
        }
        return Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
    }
}
