using System.Text;

namespace DialogueActs.Fuzz;

/// <summary>
/// Row- and column-aware mutations of CSV text: removed, duplicated, renamed and swapped columns,
/// missing or extra fields, lost or repeated header, shuffled and duplicated rows, bad order values,
/// empty ids, broken quoting and megabyte cells. Fields are split naively on commas, so quoted commas
/// also get broken now and then.
/// </summary>
public static class CsvMutator
{
    /// <summary>Names of the mutations.</summary>
    public static readonly string[] Names =
    [
        "remove-column", "duplicate-column", "remove-header-column", "drop-header", "duplicate-header", "rename-header",
        "extra-field", "missing-field", "shuffle-rows", "duplicate-row", "bad-order", "empty-id", "lone-quote",
        "unterminated-quote", "huge-cell", "blank-lines", "header-only", "swap-columns",
    ];

    private static readonly string[] OrderValues = ["abc", "", "1.5", "99999999999", "-0", " 1", "0x1", "１", "-2147483648", "2147483647", "1e3", "\"2\""];

    /// <summary>Applies one random CSV mutation to <paramref name="data"/> (UTF-8 text).</summary>
    public static byte[] ApplyRandom(byte[] data, Random random, bool allowHuge, out string name)
    {
        string text = Encoding.UTF8.GetString(data);
        string newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split(newline).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        if (lines.Count == 0)
        {
            lines.Add("");
        }
        var rows = lines.Select(line => line.Split(',').ToList()).ToList();
        int width = rows[0].Count;
        int column = random.Next(Math.Max(width, 1));
        int row = rows.Count > 1 ? random.Next(1, rows.Count) : 0;
        name = Names[random.Next(Names.Length)];
        if (name == "huge-cell" && random.Next(5) != 0)
        {
            name = "bad-order";
        }
        switch (name)
        {
            case "remove-column":
                rows.ForEach(r => { if (column < r.Count) r.RemoveAt(column); });
                break;
            case "duplicate-column":
                rows.ForEach(r => { if (column < r.Count) r.Insert(column, r[column]); });
                break;
            case "remove-header-column":
                if (column < rows[0].Count) rows[0].RemoveAt(column);
                break;
            case "drop-header":
                rows.RemoveAt(0);
                break;
            case "duplicate-header":
                rows.Insert(random.Next(rows.Count + 1), [.. rows[0]]);
                break;
            case "rename-header":
                if (column < rows[0].Count) rows[0][column] = random.Next(3) switch { 0 => "", 1 => rows[0][column].ToUpperInvariant(), _ => " " + rows[0][column] };
                break;
            case "extra-field":
                rows[row].Add("extra");
                break;
            case "missing-field":
                if (rows[row].Count > 0) rows[row].RemoveAt(rows[row].Count - 1);
                break;
            case "shuffle-rows":
                var body = rows.Skip(1).OrderBy(_ => random.Next()).ToList();
                rows = [rows[0], .. body];
                break;
            case "duplicate-row":
                rows.Insert(random.Next(1, rows.Count + 1), [.. rows[row]]);
                break;
            case "bad-order":
                int orderColumn = rows[0].IndexOf("utterance_index");
                if (orderColumn >= 0 && orderColumn < rows[row].Count) rows[row][orderColumn] = OrderValues[random.Next(OrderValues.Length)];
                break;
            case "empty-id":
                rows[row][0] = random.Next(2) == 0 ? "" : "  ";
                break;
            case "lone-quote":
                if (column < rows[row].Count) rows[row][column] = rows[row][column].Insert(random.Next(rows[row][column].Length + 1), "\"");
                break;
            case "unterminated-quote":
                if (column < rows[row].Count) rows[row][column] = "\"" + rows[row][column].Trim('"');
                break;
            case "huge-cell":
                if (column < rows[row].Count)
                {
                    string huge = Encoding.UTF8.GetString(ByteMutator.HugeField(random, allowHuge));
                    rows[row][column] = random.Next(2) == 0 ? huge : "\"" + huge + "\nsecond line\"";
                }
                break;
            case "blank-lines":
                rows.Insert(random.Next(rows.Count + 1), [random.Next(2) == 0 ? "" : "   "]);
                break;
            case "header-only":
                rows = [rows[0]];
                break;
            case "swap-columns":
                int other = random.Next(Math.Max(width, 1));
                rows.ForEach(r => { if (column < r.Count && other < r.Count) (r[column], r[other]) = (r[other], r[column]); });
                break;
        }
        var result = new StringBuilder();
        foreach (var fields in rows)
        {
            result.Append(string.Join(',', fields)).Append(newline);
        }
        return Encoding.UTF8.GetBytes(result.ToString());
    }
}
