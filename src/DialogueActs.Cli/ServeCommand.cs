using System.CommandLine;
using DialogueActs.Hosting;
using DialogueActs.Inference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TorchSharp;

namespace DialogueActs.Cli;

/// <summary>
/// <c>dialogue-acts serve</c>: an HTTP API over a trained model (<c>POST /v1/tag</c>, <c>POST /v1/tag/batch</c>,
/// <c>GET /v1/model</c>, <c>GET /healthz</c>, and the streaming sessions of a causal model under <c>/v1/sessions</c>). Runs on the generic host: SIGTERM or Ctrl+C stops accepting
/// connections, lets requests in flight finish, then exits 0. Settings come from the flags, else from the
/// configuration section <c>DialogueActs</c> (appsettings.json in the working directory or environment
/// variables such as <c>DialogueActs__MaxRequestBodyBytes</c>).
/// </summary>
internal static class ServeCommand
{
    /// <summary>
    /// Seconds that requests in flight get after SIGTERM (ASP.NET's <see cref="HostOptions.ShutdownTimeout"/>):
    /// the longest MRDA meeting took up to 21 s to tag with 8 clients on 2 busy cores.
    /// </summary>
    public const int DefaultShutdownTimeoutSeconds = 30;

    public static Command Create()
    {
        var defaults = new DialogueActsOptions();
        var model = new Option<string>("--model") { Description = "Model file (model.zip).", Required = true };
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, separated by ';' (port 0 picks a free port).", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var topK = new Option<int?>("--top-k") { Description = $"Alternatives per utterance (default {defaults.TopK})." };
        var maxConcurrency = new Option<int?>("--max-concurrency") { Description = $"Tagging calls allowed to run at once; further requests wait for a slot (default: the number of cores, {TaggerOptions.DefaultMaxConcurrency} here)." };
        var maxBodyBytes = new Option<long?>("--max-body-bytes") { Description = $"Largest request body, in bytes (default {defaults.MaxRequestBodyBytes})." };
        var maxBatch = new Option<int?>("--max-batch") { Description = $"Most conversations per batch request (default {defaults.MaxConversationsPerBatch})." };
        var maxUtterances = new Option<int?>("--max-utterances") { Description = $"Most utterances per conversation (default {defaults.MaxUtterancesPerConversation})." };
        var maxCharacters = new Option<int?>("--max-chars") { Description = $"Most characters per utterance (default {defaults.MaxCharactersPerUtterance})." };
        var maxSessions = new Option<int?>("--max-sessions") { Description = $"Most streaming sessions open at once (default {defaults.MaxSessions})." };
        var sessionIdleTimeout = new Option<int?>("--session-idle-timeout") { Description = $"Seconds a streaming session may go unused before it expires (default {defaults.SessionIdleTimeout.TotalSeconds})." };
        var maxSessionUtterances = new Option<int?>("--max-utterances-per-session") { Description = $"Most utterances per streaming session (default {defaults.MaxUtterancesPerSession})." };
        var maxSessionLag = new Option<int?>("--max-session-lag") { Description = $"Largest lag a streaming session may ask for (default {defaults.MaxSessionLag})." };
        var threads = new Option<int>("--threads")
        {
            Description = "libtorch intra-op threads (default 1: concurrent requests then share the cores).",
            DefaultValueFactory = _ => 1,
        };
        var shutdownTimeout = new Option<int>("--shutdown-timeout")
        {
            Description = $"Seconds that requests in flight get to finish after SIGTERM or Ctrl+C (default {DefaultShutdownTimeoutSeconds}).",
            DefaultValueFactory = _ => DefaultShutdownTimeoutSeconds,
        };
        var precision = PrecisionOption.Create();
        var jsonLogs = new Option<bool>("--json-logs") { Description = "Write logs as JSON lines instead of plain lines." };
        var command = new Command("serve", "Serve the model over HTTP until SIGTERM or Ctrl+C.")
        {
            model, urls, topK, maxConcurrency, maxBodyBytes, maxBatch, maxUtterances, maxCharacters,
            maxSessions, sessionIdleTimeout, maxSessionUtterances, maxSessionLag, threads, precision, shutdownTimeout, jsonLogs,
        };
        command.SetAction(parse => CommandAction.Run(() =>
        {
            int n = parse.GetValue(threads);
            if (n < 1) throw new DialogueActsException($"--threads: must be at least 1, got {n}");
            torch.set_num_threads(n);
            int grace = parse.GetValue(shutdownTimeout);
            if (grace < 0) throw new DialogueActsException($"--shutdown-timeout: must be at least 0, got {grace}");
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
            builder.WebHost.UseUrls(parse.GetValue(urls)!);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
            // After SIGTERM Kestrel stops accepting connections and waits this long for the requests in flight.
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(grace));
            ConfigureLogging(builder.Logging, parse.GetValue(jsonLogs));
            builder.Services.AddDialogueActTagger(options =>
            {
                options.ModelPath = parse.GetValue(model)!;
                if (parse.GetValue(topK) is int k) options.TopK = k;
                if (parse.GetValue(maxConcurrency) is int c) options.MaxConcurrency = c;
                if (parse.GetValue(maxBodyBytes) is long b) options.MaxRequestBodyBytes = b;
                if (parse.GetValue(maxBatch) is int m) options.MaxConversationsPerBatch = m;
                if (parse.GetValue(maxUtterances) is int u) options.MaxUtterancesPerConversation = u;
                if (parse.GetValue(maxCharacters) is int ch) options.MaxCharactersPerUtterance = ch;
                if (parse.GetValue(maxSessions) is int s) options.MaxSessions = s;
                if (parse.GetValue(sessionIdleTimeout) is int idle) options.SessionIdleTimeout = TimeSpan.FromSeconds(idle);
                if (parse.GetValue(maxSessionUtterances) is int su) options.MaxUtterancesPerSession = su;
                if (parse.GetValue(maxSessionLag) is int lag) options.MaxSessionLag = lag;
                options.Precision = parse.GetValue(precision);
            });
            foreach (var provider in ResourceProviders.All(n)) builder.Services.AddSingleton(provider);
            using var app = builder.Build();
            app.MapDialogueActs();
            try
            {
                app.Run();
            }
            catch (OptionsValidationException ex)
            {
                throw new DialogueActsException(ex.Message, ex);
            }
            catch (IOException ex) when (ex.Message.StartsWith("Failed to bind", StringComparison.Ordinal))
            {
                throw new DialogueActsException($"--urls: {ex.Message.TrimEnd('.')}", ex);
            }
            return 0;
        }, AllocatorProfile.Serving));                                                                 // tuned before the host's threads start allocating, so the arena bound covers them all
        return command;
    }

    private static void ConfigureLogging(ILoggingBuilder logging, bool json)
    {
        logging.ClearProviders();
        if (json)
            logging.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; });
        else
            logging.AddSimpleConsole(o => { o.SingleLine = true; o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ "; });
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Start-up failures are reported once, as the CLI's one-line error, without the host's stack trace.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    }
}
