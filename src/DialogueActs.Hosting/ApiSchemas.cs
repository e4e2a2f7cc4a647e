using System.Text.Json.Serialization;
using DialogueActs.Inference;

namespace DialogueActs.Hosting;

/// <summary>
/// The shapes of the HTTP API's requests and answers, for the OpenAPI document only: the handlers read and write JSON by
/// hand (<see cref="TagRequestParser"/>, <see cref="TagResponseWriter"/>, <see cref="SessionResponseWriter"/>), and a test
/// validates their real answers against the schemas made from these types. <c>required</c> marks what every answer has.
/// </summary>
internal static class ApiSchemas
{
    /// <summary>An utterance to tag.</summary>
    internal sealed record UtteranceRequest
    {
        /// <summary>Who spoke it (any string; the model's speaker features compare it with the previous speaker's).</summary>
        [JsonPropertyName("speaker")] public string? Speaker { get; init; }

        /// <summary>The utterance's text (may be empty).</summary>
        [JsonPropertyName("text")] public required string Text { get; init; }
    }

    /// <summary>A conversation to tag, the shape of a JSONL corpus line.</summary>
    internal sealed record ConversationRequest
    {
        /// <summary>The conversation's id, echoed in the answer.</summary>
        [JsonPropertyName("id")] public string? Id { get; init; }

        /// <summary>Its utterances, in order.</summary>
        [JsonPropertyName("utterances")] public required IReadOnlyList<UtteranceRequest> Utterances { get; init; }
    }

    /// <summary>Several conversations to tag.</summary>
    internal sealed record BatchRequest
    {
        /// <summary>The conversations, answered in the same order.</summary>
        [JsonPropertyName("conversations")] public required IReadOnlyList<ConversationRequest> Conversations { get; init; }
    }

    /// <summary>A label and its probability.</summary>
    internal sealed record LabelProbability
    {
        /// <summary>The label.</summary>
        [JsonPropertyName("label")] public required string Label { get; init; }

        /// <summary>The label's name, where the model's glossary has one.</summary>
        [JsonPropertyName("name")] public string? Name { get; init; }

        /// <summary>Its CRF marginal probability, in 0..1.</summary>
        [JsonPropertyName("probability")] public required double Probability { get; init; }
    }

    /// <summary>A tagged utterance.</summary>
    internal sealed record TaggedUtterance
    {
        /// <summary>The speaker, as given (absent when none was).</summary>
        [JsonPropertyName("speaker")] public string? Speaker { get; init; }

        /// <summary>The text, as given.</summary>
        [JsonPropertyName("text")] public required string Text { get; init; }

        /// <summary>The label on the Viterbi path.</summary>
        [JsonPropertyName("label")] public required string Label { get; init; }

        /// <summary>The label's name, where the model's glossary has one.</summary>
        [JsonPropertyName("name")] public string? Name { get; init; }

        /// <summary>The label's marginal probability.</summary>
        [JsonPropertyName("confidence")] public required double Confidence { get; init; }

        /// <summary>The most probable labels, most probable first.</summary>
        [JsonPropertyName("top")] public required IReadOnlyList<LabelProbability> Top { get; init; }
    }

    /// <summary>A tagged conversation: a line of <c>dialogue-acts predict</c>'s output.</summary>
    internal sealed record TaggedConversation
    {
        /// <summary>The conversation's id.</summary>
        [JsonPropertyName("id")] public required string Id { get; init; }

        /// <summary>Its utterances, in order.</summary>
        [JsonPropertyName("utterances")] public required IReadOnlyList<TaggedUtterance> Utterances { get; init; }
    }

    /// <summary>The answer of a batch.</summary>
    internal sealed record TaggedBatch
    {
        /// <summary>The conversations, in the request's order.</summary>
        [JsonPropertyName("conversations")] public required IReadOnlyList<TaggedConversation> Conversations { get; init; }
    }

    /// <summary>The body of <c>POST /v1/sessions</c> (optional).</summary>
    internal sealed record SessionStartRequest
    {
        /// <summary>How many utterances before the newest one a new utterance may revise (0 when absent).</summary>
        [JsonPropertyName("lag")] public int? Lag { get; init; }
    }

    /// <summary>A started session.</summary>
    internal sealed record SessionStarted
    {
        /// <summary>The session's id.</summary>
        [JsonPropertyName("id")] public required string Id { get; init; }

        /// <summary>Its lag.</summary>
        [JsonPropertyName("lag")] public required int Lag { get; init; }
    }

    /// <summary>A new label of an earlier utterance of a session.</summary>
    internal sealed record RevisedLabel
    {
        /// <summary>The utterance's index in the session, from 0.</summary>
        [JsonPropertyName("index")] public required int Index { get; init; }

        /// <summary>Its new label.</summary>
        [JsonPropertyName("label")] public required string Label { get; init; }

        /// <summary>The label's name, where the model's glossary has one.</summary>
        [JsonPropertyName("name")] public string? Name { get; init; }

        /// <summary>The new label's probability.</summary>
        [JsonPropertyName("confidence")] public required double Confidence { get; init; }
    }

    /// <summary>A session's next utterance, tagged.</summary>
    internal sealed record SessionTagged
    {
        /// <summary>The utterance's index in the session, from 0.</summary>
        [JsonPropertyName("index")] public required int Index { get; init; }

        /// <summary>Its label.</summary>
        [JsonPropertyName("label")] public required string Label { get; init; }

        /// <summary>The label's name, where the model's glossary has one.</summary>
        [JsonPropertyName("name")] public string? Name { get; init; }

        /// <summary>The label's probability.</summary>
        [JsonPropertyName("confidence")] public required double Confidence { get; init; }

        /// <summary>The most probable labels, most probable first.</summary>
        [JsonPropertyName("top")] public required IReadOnlyList<LabelProbability> Top { get; init; }

        /// <summary>Earlier utterances whose label changed.</summary>
        [JsonPropertyName("revised")] public required IReadOnlyList<RevisedLabel> Revised { get; init; }
    }

    /// <summary>The answer of ending a session.</summary>
    internal sealed record SessionEnded
    {
        /// <summary>The utterances whose label changed at the end.</summary>
        [JsonPropertyName("revised")] public required IReadOnlyList<RevisedLabel> Revised { get; init; }
    }

    /// <summary>The request limits in <c>GET /v1/model</c>.</summary>
    internal sealed record ModelLimits
    {
        /// <summary>Largest request body, in bytes.</summary>
        [JsonPropertyName("maxRequestBodyBytes")] public required long MaxRequestBodyBytes { get; init; }

        /// <summary>Most conversations in a batch.</summary>
        [JsonPropertyName("maxConversationsPerBatch")] public required int MaxConversationsPerBatch { get; init; }

        /// <summary>Most utterances in a conversation.</summary>
        [JsonPropertyName("maxUtterancesPerConversation")] public required int MaxUtterancesPerConversation { get; init; }

        /// <summary>Most characters in an utterance.</summary>
        [JsonPropertyName("maxCharactersPerUtterance")] public required int MaxCharactersPerUtterance { get; init; }

        /// <summary>Most sessions open at once.</summary>
        [JsonPropertyName("maxSessions")] public required int MaxSessions { get; init; }

        /// <summary>Seconds after which an idle session expires.</summary>
        [JsonPropertyName("sessionIdleTimeoutSeconds")] public required double SessionIdleTimeoutSeconds { get; init; }

        /// <summary>Most utterances in a session.</summary>
        [JsonPropertyName("maxUtterancesPerSession")] public required int MaxUtterancesPerSession { get; init; }

        /// <summary>Largest lag a session may ask for.</summary>
        [JsonPropertyName("maxSessionLag")] public required int MaxSessionLag { get; init; }
    }

    /// <summary>The answer of <c>GET /v1/model</c>.</summary>
    internal sealed record ModelDescription
    {
        /// <summary>The model's labels, in index order.</summary>
        [JsonPropertyName("labels")] public required IReadOnlyList<string> Labels { get; init; }

        /// <summary>The names of the labels the model's glossary names, label to name; null without a glossary.</summary>
        [JsonPropertyName("labelNames")] public IReadOnlyDictionary<string, string>? LabelNames { get; init; }

        /// <summary>The temperature the confidences are divided by (1 for an uncalibrated model).</summary>
        [JsonPropertyName("temperature")] public double? Temperature { get; init; }

        /// <summary>How many labels each answer's <c>top</c> lists.</summary>
        [JsonPropertyName("topK")] public required int TopK { get; init; }

        /// <summary>Whether the model is causal, so that it can tag live conversations under <c>/v1/sessions</c>.</summary>
        [JsonPropertyName("streaming")] public required bool Streaming { get; init; }

        /// <summary>How the model was trained.</summary>
        [JsonPropertyName("metadata")] public required ModelMetadata Metadata { get; init; }

        /// <summary>The config's <c>tokenizer</c> and <c>model</c> sections the model was trained with (absent for a tagger that is not a loaded model).</summary>
        [JsonPropertyName("config")] public ModelConfig? Config { get; init; }

        /// <summary>The request limits.</summary>
        [JsonPropertyName("limits")] public required ModelLimits Limits { get; init; }
    }

    /// <summary>The config sections of a trained model (<see cref="ModelDescription.Config"/>).</summary>
    internal sealed record ModelConfig
    {
        /// <summary>The <c>tokenizer</c> section.</summary>
        [JsonPropertyName("tokenizer")] public required DialogueActs.Text.TokenizerOptions Tokenizer { get; init; }

        /// <summary>The <c>model</c> section.</summary>
        [JsonPropertyName("model")] public required DialogueActs.Modeling.ModelOptions Model { get; init; }
    }

    /// <summary>The answer of <c>GET /healthz</c>.</summary>
    internal sealed record Health
    {
        /// <summary><c>ok</c>, <c>degraded</c> or <c>unhealthy</c>.</summary>
        [JsonPropertyName("status")] public required string Status { get; init; }

        /// <summary>Each check that is not healthy, with its one-line description.</summary>
        [JsonPropertyName("checks")] public IReadOnlyDictionary<string, string>? Checks { get; init; }
    }
}
