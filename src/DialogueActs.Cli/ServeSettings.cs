using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text;
using DialogueActs.Hosting;

namespace DialogueActs.Cli;

/// <summary>
/// The flags of <c>serve</c> that set <see cref="DialogueActsOptions"/>, generated from the settings configuration binds
/// (<see cref="DialogueActsOptionsBinder.Settings"/>): each setting's flag is its name in kebab case (<c>TopK</c>:
/// <c>--top-k</c>; <c>ModelPath</c> is <c>--model</c>), and its value reaches the configuration key
/// <c>DialogueActs:TopK</c> through <c>AddCommandLine</c> with the generated switch mappings. So a flag, an appsettings.json
/// key and an environment variable (<c>DialogueActs__TopK</c>) are one setting, bound and validated once; a flag wins.
/// </summary>
internal sealed class ServeSettings
{
    private readonly (PropertyInfo Setting, Option<string> Flag)[] _flags;

    public ServeSettings()
    {
        var defaults = new DialogueActsOptions();
        _flags = DialogueActsOptionsBinder.Settings.Select(setting => (setting, new Option<string>(FlagName(setting))
        {
            Description = Help(setting, defaults),
            // A switch (--tune-native-memory) may stand alone for true; every other flag takes one value.
            Arity = setting.PropertyType == typeof(bool) ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
        })).ToArray();
        SwitchMappings = _flags.ToDictionary(f => f.Flag.Name, f => DialogueActsOptionsBinder.Key(f.Setting), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The flags, in the order of the settings.</summary>
    public IEnumerable<Option> Flags => _flags.Select(f => f.Flag);

    /// <summary>Each flag's configuration key, for <c>AddCommandLine</c>: <c>--top-k</c> → <c>DialogueActs:TopK</c>.</summary>
    public IDictionary<string, string> SwitchMappings { get; }

    /// <summary>The flag of a setting: <c>--</c> and its name in kebab case, except <c>--model</c> for the model path.</summary>
    public static string FlagName(PropertyInfo setting) =>
        setting.Name == nameof(DialogueActsOptions.ModelPath) ? "--model" : "--" + KebabCase(setting.Name);

    /// <summary>
    /// The flags given on the command line, as <c>AddCommandLine</c> arguments (<c>--top-k=2</c>); a switch without a
    /// value is <c>true</c>. System.CommandLine has already refused unknown flags and missing values.
    /// </summary>
    public string[] Arguments(ParseResult parse) =>
        _flags.Where(f => parse.GetResult(f.Flag) is not null)
            .Select(f => $"{f.Flag.Name}={parse.GetValue(f.Flag) ?? "true"}")
            .ToArray();

    /// <summary>
    /// A settings failure with the flag named beside its key: <c>DialogueActs:TopK: must be at least 1, got 0</c> becomes
    /// <c>--top-k (DialogueActs:TopK): must be at least 1, got 0</c>, whichever source gave the value. Other messages
    /// (a model file's) are returned as they are.
    /// </summary>
    public string Explain(string failure)
    {
        foreach (var (setting, flag) in _flags)
        {
            string key = DialogueActsOptionsBinder.Key(setting);
            if (failure.StartsWith(key + ":", StringComparison.Ordinal)) return $"{flag.Name} ({key}){failure[key.Length..]}";
        }
        return failure;
    }

    private static string Help(PropertyInfo setting, DialogueActsOptions defaults)
    {
        string description = setting.GetCustomAttribute<System.ComponentModel.DescriptionAttribute>()?.Description ?? setting.Name + ".";
        string key = DialogueActsOptionsBinder.Key(setting);
        string help = $"{description} ({key})";
        string? value = setting.GetValue(defaults) switch
        {
            "" => null,
            null => "none",
            bool b => b ? "true" : "false",
            TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
        return value is null ? help : $"{help} [default: {value}]";
    }

    private static string KebabCase(string name)
    {
        var kebab = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) kebab.Append('-');
            kebab.Append(char.ToLowerInvariant(name[i]));
        }
        return kebab.ToString();
    }
}
