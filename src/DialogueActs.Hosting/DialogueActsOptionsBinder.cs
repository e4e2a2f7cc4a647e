using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DialogueActs.Hosting;

/// <summary>
/// Binds <see cref="DialogueActsOptions"/> from a configuration section (appsettings.json, environment variables such as
/// <c>DialogueActs__TopK</c>, the command line of <c>dialogue-acts serve</c>) after checking every key in it: a key that
/// names no setting, or a value the setting's type cannot read, fails with one line naming the key and the value
/// (<c>DialogueActs:TopK: must be an integer, got 'three'</c>) instead of the binder's exception or a silent default.
/// The ranges are checked afterwards by <see cref="DialogueActsOptionsValidator"/>.
/// </summary>
internal static class DialogueActsOptionsBinder
{
    /// <summary>
    /// The settings configuration can set, in declaration order: the public read-write properties whose type reads from
    /// a string.
    /// </summary>
    public static IReadOnlyList<PropertyInfo> Settings { get; } = typeof(DialogueActsOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.SetMethod is { IsPublic: true } && TypeDescriptor.GetConverter(p.PropertyType).CanConvertFrom(typeof(string)))
        .ToArray();

    /// <summary>The configuration key of a setting: <c>DialogueActs:TopK</c>.</summary>
    public static string Key(PropertyInfo setting) => $"{DialogueActsOptions.SectionName}:{setting.Name}";

    /// <summary>Checks <paramref name="section"/>, then binds it to <paramref name="options"/>.</summary>
    /// <exception cref="OptionsValidationException">A key names no setting, or a value does not read as its setting's type; one failure per key.</exception>
    public static void Bind(IConfiguration section, DialogueActsOptions options)
    {
        var failures = Check(section);
        if (failures.Count > 0) throw new OptionsValidationException(Options.DefaultName, typeof(DialogueActsOptions), failures);
        section.Bind(options);
    }

    /// <summary>One line per key of <paramref name="section"/> that names no setting or whose value its setting cannot read.</summary>
    public static List<string> Check(IConfiguration section)
    {
        string prefix = section is IConfigurationSection { Path: var path } ? path + ":" : "";
        var failures = new List<string>();
        foreach (var child in section.GetChildren())
        {
            var setting = Settings.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (setting is null)
                failures.Add($"{prefix}{child.Key}: unknown setting (the settings are {string.Join(", ", Settings.Select(p => p.Name))})");
            else if (child.Value is null)
                failures.Add($"{prefix}{setting.Name}: must be a single value, got a section");
            else if (Problem(setting.PropertyType, child.Value) is string problem)
                failures.Add($"{prefix}{setting.Name}: {problem}, got '{DialogueActsException.Excerpt(child.Value)}'");
        }
        return failures;
    }

    /// <summary>Why <paramref name="value"/> does not read as <paramref name="type"/> as the configuration binder reads it; null when it does.</summary>
    private static string? Problem(Type type, string value)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null && value.Length == 0) return null;                                   // empty: none
        type = underlying ?? type;
        // A bare number reads as days (TimeSpan.Parse("30") is 30 days): almost certainly meant as seconds, so refused.
        bool readable = type == typeof(TimeSpan) && !value.Contains(':') ? false : Reads(type, value);
        if (readable) return null;
        string expected = type == typeof(int) || type == typeof(long) ? "must be an integer"
            : type == typeof(bool) ? "must be true or false"
            : type == typeof(TimeSpan) ? "must be a time span as hh:mm:ss or d.hh:mm:ss (00:00:30 is 30 seconds)"
            : type.IsEnum ? $"must be one of {string.Join(", ", Enum.GetNames(type))}"
            : $"must be a {type.Name}";
        return underlying is null ? expected : expected + " or empty (none)";
    }

    private static bool Reads(Type type, string value)
    {
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or NotSupportedException || ex.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }
}
