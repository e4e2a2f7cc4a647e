using DialogueActs.Data;
using DialogueActs.Hosting;
using DialogueActs.Inference;

// A minimal tagging service on the DialogueActs packages. The model path comes from the "DialogueActs"
// section (appsettings.json, DialogueActs__ModelPath in the environment, or --DialogueActs:ModelPath=FILE).
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDialogueActTagger();

var app = builder.Build();
// POST /v1/tag, POST /v1/tag/batch, GET /v1/model, GET /healthz (docs/hosting.md).
app.MapDialogueActs();
// The tagger is a thread-safe singleton: an endpoint of the service's own can use it directly.
app.MapGet("/act", (string text, IDialogueActTagger tagger) =>
    tagger.Tag(new Conversation("query", [new Utterance(null, text, null)])).Utterances[0].Label);
app.Run();
