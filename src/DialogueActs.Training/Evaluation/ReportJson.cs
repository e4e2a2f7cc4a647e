using System.Text.Json;
using System.Text.Json.Serialization;
using DialogueActs.Data;
using DialogueActs.Inference;

namespace DialogueActs.Training.Evaluation;

/// <summary>
/// Writes and reads <c>report.json</c>: snake_case keys, fractions in 0..1, <c>per_class</c> holding every
/// class plus <c>"macro avg"</c> and <c>"weighted avg"</c>, <c>labels</c> giving the row/column order of
/// <c>confusion_matrix</c> ([gold][predicted] counts), <c>unknown_labels</c> mapping unseen gold labels to counts, and
/// first <c>mode</c> (<c>"offline"</c> or <c>"online"</c>, <see cref="EvaluationMode"/>) with <c>lag</c> when online.
/// A report without <c>mode</c> (written before it existed) reads as offline. A <c>per_class</c> entry has the label's
/// <c>name</c> when the model has one (<see cref="ClassificationReport.Glossary"/>), and an offline report has
/// <c>calibration</c> (<see cref="CalibrationReport"/>): <c>temperature</c>, then <c>before</c>, <c>after</c> and
/// <c>cross_fitted</c> (with <c>cross_fit_temperatures</c>), each with <c>ece</c>, <c>brier</c>, <c>nll</c> and the
/// <c>reliability</c> bins (<c>lower</c>, <c>upper</c>, <c>count</c>, <c>confidence</c>, <c>accuracy</c>).
/// </summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions _options = new()
    {
        WriteIndented = true,
        Converters = { new CompactIntArrayConverter() },
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>Serialises the report to a JSON string.</summary>
    public static string Serialize(ClassificationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.PerClass.ContainsKey(ClassificationReport.MacroAverageKey)
            || report.PerClass.ContainsKey(ClassificationReport.WeightedAverageKey))
        {
            throw new DialogueActsException(
                $"Cannot write report.json: a label is named '{ClassificationReport.MacroAverageKey}' or '{ClassificationReport.WeightedAverageKey}', which per_class reserves for averages.");
        }
        var perClass = new OrderedDictionary<string, ClassMetricsDto>(StringComparer.Ordinal);
        foreach (var (label, metrics) in report.PerClass)
        {
            perClass.Add(label, ClassMetricsDto.From(metrics, report.Glossary.NameOf(label)));
        }
        perClass[ClassificationReport.MacroAverageKey] = ClassMetricsDto.From(report.MacroAverage);
        perClass[ClassificationReport.WeightedAverageKey] = ClassMetricsDto.From(report.WeightedAverage);

        var dto = new ReportDto(
            report.Accuracy,
            report.MacroF1,
            report.WeightedF1,
            report.UtteranceCount,
            report.ConversationCount,
            perClass,
            report.Labels.ToList(),
            report.ConfusionMatrix.Select(row => row.ToArray()).ToList(),
            new OrderedDictionary<string, int>(report.UnknownLabels, StringComparer.Ordinal),
            report.Mode.Name,
            report.Mode.Lag,
            CalibrationDto.From(report.Calibration));
        return JsonSerializer.Serialize(dto, _options);
    }

    /// <summary>Writes the report as JSON to <paramref name="path"/>, replacing any existing file atomically.</summary>
    /// <exception cref="DialogueActsException">The file cannot be written.</exception>
    public static void Write(ClassificationReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.WriteAllText(path, Serialize(report) + Environment.NewLine);
    }

    /// <summary>Reads a report written by <see cref="Write"/>.</summary>
    /// <exception cref="DialogueActsException">The file is missing, is not valid JSON or lacks a required field.</exception>
    public static ClassificationReport Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DialogueActsException($"Cannot read report '{path}': {ex.Message}", ex);
        }
        return Deserialize(json, path);
    }

    /// <summary>Parses a report from a JSON string; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="DialogueActsException">The JSON is invalid or inconsistent.</exception>
    public static ClassificationReport Deserialize(string json, string source = "report.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        ReportDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<ReportDto>(json, _options);
        }
        catch (JsonException ex)
        {
            throw new DialogueActsException($"{source}: {Describe(ex)}", ex);
        }
        if (dto is null)
        {
            throw new DialogueActsException($"{source}: $: expected a report object, got null");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < dto.Labels.Count; i++)
        {
            if (dto.Labels[i] is null || !seen.Add(dto.Labels[i]))
            {
                throw new DialogueActsException(
                    $"{source}: $.labels[{i}]: labels must be distinct strings");
            }
        }
        int n = dto.Labels.Count;
        if (dto.ConfusionMatrix.Count != n || dto.ConfusionMatrix.Any(row => row is null || row.Length != n))
        {
            throw new DialogueActsException(
                $"{source}: $.confusion_matrix: expected a {n}x{n} matrix to match $.labels");
        }
        if (!dto.PerClass.TryGetValue(ClassificationReport.MacroAverageKey, out var macro)
            || !dto.PerClass.TryGetValue(ClassificationReport.WeightedAverageKey, out var weighted))
        {
            throw new DialogueActsException(
                $"{source}: $.per_class: '{ClassificationReport.MacroAverageKey}' and '{ClassificationReport.WeightedAverageKey}' are required");
        }

        var mode = ReadMode(dto, source);
        var perClass = new OrderedDictionary<string, ClassMetrics>(StringComparer.Ordinal);
        var names = new Dictionary<string, LabelName>(StringComparer.Ordinal);
        foreach (var label in dto.Labels)
        {
            if (dto.PerClass.TryGetValue(label, out var metrics))
            {
                perClass.Add(label, metrics.ToMetrics());
                if (!string.IsNullOrEmpty(metrics.Name)) names.Add(label, new LabelName(metrics.Name));
            }
        }
        return new ClassificationReport(
            dto.Accuracy,
            dto.NUtterances,
            dto.NConversations,
            dto.Labels.AsReadOnly(),
            dto.ConfusionMatrix.Select(row => (int[])row.Clone()).ToArray(),
            perClass,
            macro.ToMetrics(),
            weighted.ToMetrics(),
            new OrderedDictionary<string, int>(dto.UnknownLabels ?? [], StringComparer.Ordinal),
            mode).WithGlossary(new LabelGlossary(names)).WithCalibration(dto.Calibration?.ToReport(source));
    }

    /// <summary>The evaluation mode of <c>mode</c> and <c>lag</c>; offline when <c>mode</c> is missing.</summary>
    private static EvaluationMode ReadMode(ReportDto dto, string source)
    {
        string mode = dto.Mode ?? EvaluationMode.OfflineName;
        if (mode == EvaluationMode.OfflineName)
        {
            if (dto.Lag is not null) throw new DialogueActsException($"{source}: $.lag: only an {EvaluationMode.OnlineName} evaluation has a lag");
            return EvaluationMode.Offline;
        }
        if (mode != EvaluationMode.OnlineName)
            throw new DialogueActsException(
                $"{source}: $.mode: expected '{EvaluationMode.OfflineName}' or '{EvaluationMode.OnlineName}', got '{DialogueActsException.Excerpt(mode)}'");
        if (dto.Lag is not int lag) throw new DialogueActsException($"{source}: $.lag: an {EvaluationMode.OnlineName} evaluation needs a lag");
        if (lag < 0) throw new DialogueActsException($"{source}: $.lag: must be at least 0, got {lag}");
        return EvaluationMode.Online(lag);
    }

    /// <summary>A JSON error the one way (<see cref="JsonErrors.Describe"/>), with the wire types' names replaced by what they are.</summary>
    private static string Describe(JsonException ex) => JsonErrors.Describe(ex)
        .Replace($"type '{typeof(ReportDto).FullName}'", "the report", StringComparison.Ordinal)
        .Replace($"to {typeof(ReportDto).FullName}", "to the expected type", StringComparison.Ordinal)
        .Replace($"to {typeof(ClassMetricsDto).FullName}", "to the expected type", StringComparison.Ordinal)
        .Replace($"to {typeof(CalibrationDto).FullName}", "to the expected type", StringComparison.Ordinal)
        .Replace($"to {typeof(CalibrationMetricsDto).FullName}", "to the expected type", StringComparison.Ordinal)
        .Replace($"to {typeof(ReliabilityBinDto).FullName}", "to the expected type", StringComparison.Ordinal);

    /// <summary>Wire shape of report.json.</summary>
    private sealed record ReportDto(
        [property: JsonPropertyName("accuracy")] double Accuracy,
        [property: JsonPropertyName("macro_f1")] double MacroF1,
        [property: JsonPropertyName("weighted_f1")] double WeightedF1,
        [property: JsonPropertyName("n_utterances")] int NUtterances,
        [property: JsonPropertyName("n_conversations")] int NConversations,
        [property: JsonPropertyName("per_class")] OrderedDictionary<string, ClassMetricsDto> PerClass,
        [property: JsonPropertyName("labels")] List<string> Labels,
        [property: JsonPropertyName("confusion_matrix")] List<int[]> ConfusionMatrix,
        [property: JsonPropertyName("unknown_labels")] OrderedDictionary<string, int>? UnknownLabels = null,
        [property: JsonPropertyName("mode"), JsonPropertyOrder(-1)] string? Mode = null,
        [property: JsonPropertyName("lag"), JsonPropertyOrder(-1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Lag = null,
        [property: JsonPropertyName("calibration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CalibrationDto? Calibration = null);

    /// <summary>Wire shape of one <c>per_class</c> entry.</summary>
    private sealed record ClassMetricsDto(
        [property: JsonPropertyName("precision")] double Precision,
        [property: JsonPropertyName("recall")] double Recall,
        [property: JsonPropertyName("f1")] double F1,
        [property: JsonPropertyName("support")] int Support,
        [property: JsonPropertyName("name"), JsonPropertyOrder(-1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null)
    {
        public static ClassMetricsDto From(ClassMetrics m, string? name = null) => new(m.Precision, m.Recall, m.F1, m.Support, name);

        public ClassMetrics ToMetrics() => new(Precision, Recall, F1, Support);
    }

    /// <summary>Wire shape of <c>calibration</c>.</summary>
    private sealed record CalibrationDto(
        [property: JsonPropertyName("temperature")] double Temperature,
        [property: JsonPropertyName("before")] CalibrationMetricsDto Before,
        [property: JsonPropertyName("after")] CalibrationMetricsDto After,
        [property: JsonPropertyName("cross_fitted"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CalibrationMetricsDto? CrossFitted = null,
        [property: JsonPropertyName("cross_fit_temperatures")] double[]? CrossFitTemperatures = null)
    {
        public static CalibrationDto? From(CalibrationReport? report) => report is null ? null
            : new(report.Temperature, CalibrationMetricsDto.From(report.Before), CalibrationMetricsDto.From(report.After),
                report.CrossFitted is null ? null : CalibrationMetricsDto.From(report.CrossFitted), report.CrossFitTemperatures.ToArray());

        public CalibrationReport ToReport(string source)
        {
            if (!double.IsFinite(Temperature) || Temperature <= 0)
                throw new DialogueActsException(FormattableString.Invariant($"{source}: $.calibration.temperature: must be a positive number, got {Temperature}"));
            return new CalibrationReport(Temperature, Before.ToMetrics(source, "before"), After.ToMetrics(source, "after"),
                CrossFitted?.ToMetrics(source, "cross_fitted"), CrossFitTemperatures ?? []);
        }
    }

    /// <summary>Wire shape of one set of calibration metrics.</summary>
    private sealed record CalibrationMetricsDto(
        [property: JsonPropertyName("ece")] double Ece,
        [property: JsonPropertyName("brier")] double Brier,
        [property: JsonPropertyName("nll")] double Nll,
        [property: JsonPropertyName("reliability")] List<ReliabilityBinDto> Reliability)
    {
        public static CalibrationMetricsDto From(CalibrationMetrics m) => new(m.Ece, m.Brier, m.NegativeLogLikelihood,
            m.Bins.Select(b => new ReliabilityBinDto(b.Lower, b.Upper, b.Count, b.Confidence, b.Accuracy)).ToList());

        public CalibrationMetrics ToMetrics(string source, string name)
        {
            if (Reliability.Count != CalibrationMetrics.BinCount)
                throw new DialogueActsException($"{source}: $.calibration.{name}.reliability: expected {CalibrationMetrics.BinCount} bins, got {Reliability.Count}");
            return new CalibrationMetrics(Ece, Brier, Nll, Reliability.Select(b => new ReliabilityBin(b.Lower, b.Upper, b.Count, b.Confidence, b.Accuracy)).ToList());
        }
    }

    /// <summary>Wire shape of one reliability bin.</summary>
    private sealed record ReliabilityBinDto(
        [property: JsonPropertyName("lower")] double Lower,
        [property: JsonPropertyName("upper")] double Upper,
        [property: JsonPropertyName("count")] int Count,
        [property: JsonPropertyName("confidence")] double Confidence,
        [property: JsonPropertyName("accuracy")] double Accuracy);

    /// <summary>Writes each <c>int[]</c> (a confusion-matrix row) on one line, so an indented 40x40 matrix stays readable.</summary>
    private sealed class CompactIntArrayConverter : JsonConverter<int[]>
    {
        public override int[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("Expected an array of integers.");
            }
            var values = new List<int>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int value))
                {
                    throw new JsonException("Expected an integer count.");
                }
                values.Add(value);
            }
            return values.ToArray();
        }

        public override void Write(Utf8JsonWriter writer, int[] value, JsonSerializerOptions options)
        {
            // A raw value gets no line break or indentation from an indented writer: add them here.
            string indent = writer.Options.Indented
                ? writer.Options.NewLine + new string(writer.Options.IndentCharacter, writer.Options.IndentSize * writer.CurrentDepth)
                : "";
            writer.WriteRawValue(indent + "[" + string.Join(",", value) + "]", skipInputValidation: true);
        }
    }
}
