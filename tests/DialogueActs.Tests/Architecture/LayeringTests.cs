using System.Reflection;
using System.Text.RegularExpressions;
using DialogueActs.Hosting;
using DialogueActs.Inference;
using DialogueActs.Training;

namespace DialogueActs.Tests.Architecture;

/// <summary>
/// The layers of docs/architecture.md: what each product assembly may reference, and no cycles between the
/// namespaces of the product's source.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly string[] CoreNamespaces = ["DialogueActs", "DialogueActs.Data", "DialogueActs.Text", "DialogueActs.Modeling", "DialogueActs.Modeling.Transformers", "DialogueActs.Inference"];

    [Fact]
    public void TheCoreReferencesOnlyTorchSharpTheTokenizersCsvHelperAndTheFramework()
    {
        var references = typeof(DialogueActTagger).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        string[] allowed = ["System", "Microsoft.ML.Tokenizers", "TorchSharp", "CsvHelper", "netstandard", "mscorlib", "Microsoft.Win32.Primitives"];
        Assert.DoesNotContain(references, name => !allowed.Any(prefix => name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal)));
        Assert.Contains("TorchSharp", references);
    }

    [Fact]
    public void HostingReferencesTheCoreButNotTraining()
    {
        var references = typeof(DialogueActsOptions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.Contains("DialogueActs", references);
        Assert.DoesNotContain(references, name => name.StartsWith("DialogueActs.Training", StringComparison.Ordinal)
                                                  || name.StartsWith("ScottPlot", StringComparison.Ordinal) || name.StartsWith("SkiaSharp", StringComparison.Ordinal));
    }

    /// <summary>
    /// ONNX Runtime comes only with the DialogueActs.Onnx package; the 91 MB encoder model only with it and
    /// DialogueActs.Transformers (and the tool that uses them). Neither package references the other.
    /// </summary>
    [Fact]
    public void OnlyTheOnnxPackageCarriesOnnxRuntime_AndOnlyItAndTransformersTheEncoderModel()
    {
        static bool Runtime(string name) => name.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal);
        static bool Model(string name) => name.StartsWith("SentenceTransformers", StringComparison.Ordinal);
        foreach (var assembly in new[] { typeof(DialogueActTagger).Assembly, typeof(Trainer).Assembly, typeof(DialogueActsOptions).Assembly })
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => Runtime(a.Name!) || Model(a.Name!) || a.Name!.Contains("Onnx", StringComparison.OrdinalIgnoreCase));

        var onnx = typeof(DialogueActs.Onnx.MiniLmSentenceEncoder).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.Contains("DialogueActs", onnx);
        Assert.Contains("Microsoft.ML.OnnxRuntime", onnx);
        Assert.Contains(onnx, Model);
        Assert.DoesNotContain(onnx, name => name.StartsWith("DialogueActs.", StringComparison.Ordinal));

        var transformers = typeof(DialogueActs.Transformers.MiniLm).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        Assert.Contains("DialogueActs", transformers);
        Assert.Contains("TorchSharp", transformers);
        Assert.Contains("OnnxSharp", transformers);
        Assert.Contains(transformers, Model);
        Assert.DoesNotContain(transformers, Runtime);
        Assert.DoesNotContain(transformers, name => name.StartsWith("DialogueActs.", StringComparison.Ordinal));
    }

    /// <summary>Every namespace of a package starts with the package's name, so a type's namespace says which package to install.</summary>
    [Fact]
    public void NamespacesNameThePackageTheyLiveIn()
    {
        string src = Path.Combine(RepositoryRoot(), "src");
        foreach (var project in Directory.GetDirectories(src))
        {
            string package = Path.GetFileName(project);
            foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
                if (NamespaceOf(File.ReadAllText(file)) is { } name)
                    Assert.True(name == package || name.StartsWith(package + ".", StringComparison.Ordinal) || package == "DialogueActs.Cli" && name == "DialogueActs.Cli",
                        $"{Path.GetRelativePath(src, file)}: namespace {name} is not in the package {package}");
        }
    }

    [Fact]
    public void PlottingStaysInTraining()
    {
        Assert.Contains(typeof(Trainer).Assembly.GetReferencedAssemblies(), a => a.Name == "ScottPlot");
    }

    [Fact]
    public void NamespacesFormNoCycle()
    {
        var graph = NamespaceGraph();
        Assert.True(graph.Count >= 10, $"only {graph.Count} namespaces found under src/");
        Assert.Contains("DialogueActs.Text", graph["DialogueActs.Modeling"]);                             // the reader sees real edges
        Assert.Contains("DialogueActs.Inference", graph["DialogueActs.Hosting"]);
        var cycle = FindCycle(graph);
        Assert.True(cycle is null, $"namespace cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void CoreNamespacesUseOnlyCoreNamespaces()
    {
        var graph = NamespaceGraph();
        foreach (var core in CoreNamespaces)
        {
            Assert.True(graph.ContainsKey(core), $"{core} not found");
            var outside = graph[core].Where(target => !CoreNamespaces.Contains(target)).ToArray();
            Assert.True(outside.Length == 0, $"{core} uses {string.Join(", ", outside)}");
        }
    }

    // The detector itself: a cycle planted in a small graph is found, an acyclic one passes.
    [Fact]
    public void TheCycleDetectorFindsACycle()
    {
        var acyclic = new Dictionary<string, HashSet<string>> { ["a"] = ["b"], ["b"] = ["c"], ["c"] = [] };
        Assert.Null(FindCycle(acyclic));
        acyclic["c"].Add("a");
        Assert.Equal(["a", "b", "c", "a"], FindCycle(acyclic));
    }

    /// <summary>Namespace → the other product namespaces its files use (using directives and qualified names).</summary>
    private static Dictionary<string, HashSet<string>> NamespaceGraph()
    {
        string source = Path.Combine(RepositoryRoot(), "src");
        var files = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(f => (Path: f, Text: StripCommentsAndStrings(File.ReadAllText(f))))
            .ToArray();
        var known = files.Select(f => NamespaceOf(f.Text)).Where(n => n is not null).Select(n => n!).ToHashSet();
        var graph = known.ToDictionary(n => n, _ => new HashSet<string>());
        foreach (var (path, text) in files)
        {
            string? ns = NamespaceOf(text);
            if (ns is null) continue;
            var used = UsingDirective().Matches(text).Select(m => m.Groups[1].Value)
                .Select(name => known.Contains(name) || !name.Contains('.') ? name : name[..name.LastIndexOf('.')])  // using static N.Type
                .Concat(QualifiedName().Matches(FileNamespace().Replace(text, "")).Select(m => "DialogueActs." + m.Groups[1].Value))
                .Where(known.Contains);
            foreach (var target in used)
                if (target != ns) graph[ns].Add(target);
        }
        return graph;
    }

    private static string? NamespaceOf(string text) => FileNamespace().Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>();                                                         // 1 on the stack, 2 done
        var stack = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            stack.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
            {
                if (state.GetValueOrDefault(next) == 1) return [.. stack.Skip(stack.IndexOf(next)), next];
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found) return found;
            }
            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
            return null;
        }
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle) return cycle;
        return null;
    }

    private static string StripCommentsAndStrings(string text) => CommentOrString().Replace(text, m => m.Value.StartsWith('/') ? " " : "\"\"");

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DialogueActs.sln"))) return dir.FullName;
        throw new InvalidOperationException($"DialogueActs.sln not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    [GeneratedRegex(@"^using\s+(?:static\s+)?(DialogueActs[\w.]*)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    // A product namespace named by its last part, e.g. Text.CharacterIds inside DialogueActs.Modeling.
    [GeneratedRegex(@"(?<![\w.])(?:DialogueActs\.)?((?:Training\.)?(?:Data|Text|Modeling|Inference|Configuration|Training|Evaluation|Pretrained|Import|Hosting|Cli))\.[A-Z]\w*")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|\$?""(?:[^""\\\n]|\\.)*""", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();
}
