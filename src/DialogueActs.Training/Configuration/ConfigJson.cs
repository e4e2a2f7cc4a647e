using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DialogueActs.Training.Configuration;

/// <summary>The strict System.Text.Json settings shared by reading and writing experiment configs.</summary>
internal static class ConfigJson
{
    /// <summary>
    /// camelCase names, unknown keys and duplicate keys rejected, nullable annotations respected, numbers
    /// only as JSON numbers, comments allowed, nulls written (so a null column survives a round trip).
    /// C# <c>required</c> members are checked by <see cref="ConfigValidator"/> so the message names the JSON path.
    /// </summary>
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            AllowDuplicateProperties = false,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver
            {
                Modifiers =
                {
                    static typeInfo =>
                    {
                        foreach (JsonPropertyInfo property in typeInfo.Properties)
                        {
                            property.IsRequired = false;
                        }
                    },
                },
            },
        };
        options.MakeReadOnly();
        return options;
    }
}
