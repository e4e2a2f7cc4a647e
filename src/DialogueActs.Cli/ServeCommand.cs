using System.CommandLine;
using DialogueActs.Hosting;
using DialogueActs.Inference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TorchSharp;

namespace DialogueActs.Cli;

/// <summary>
/// <c>dialogue-acts serve</c>: an HTTP API over a trained model (<c>POST /v1/tag</c>, <c>POST /v1/tag/batch</c>,
/// <c>GET /v1/model</c>, <c>GET /healthz</c>, and the streaming sessions of a causal model under <c>/v1/sessions</c>), its OpenAPI
/// document at <c>/openapi/v1.json</c> and a web page at <c>/</c>. Runs on the generic host: SIGTERM or Ctrl+C stops accepting
/// connections, lets requests in flight finish, then exits 0. The tagger's settings are the configuration section
/// <c>DialogueActs</c>, read from appsettings.json in the working directory, environment variables such as
/// <c>DialogueActs__MaxRequestBodyBytes</c> and the flags generated from the same settings (<see cref="ServeSettings"/>),
/// in that order of precedence, lowest first. <c>--urls</c>, <c>--threads</c>, <c>--shutdown-timeout</c> and
/// <c>--json-logs</c> set up the process and are flags only.
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
        var settings = new ServeSettings();
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, separated by ';' (port 0 picks a free port).", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var threads = new Option<int>("--threads")
        {
            Description = "libtorch intra-op threads; with 1, concurrent requests share the cores.",
            DefaultValueFactory = _ => 1,
        };
        var shutdownTimeout = new Option<int>("--shutdown-timeout")
        {
            Description = "Seconds that requests in flight get to finish after SIGTERM or Ctrl+C.",
            DefaultValueFactory = _ => DefaultShutdownTimeoutSeconds,
        };
        var jsonLogs = new Option<bool>("--json-logs") { Description = "Write logs as JSON lines instead of plain lines." };
        var command = new Command("serve",
            "Serve the model over HTTP until SIGTERM or Ctrl+C. Each tagger setting [DialogueActs:Name] is also read from " +
            "appsettings.json in the working directory and from environment variables (DialogueActs__TopK=2); a flag wins.")
;
        foreach (var flag in settings.Flags) command.Options.Add(flag);
        foreach (var flag in new Option[] { urls, threads, shutdownTimeout, jsonLogs }) command.Options.Add(flag);
        command.SetAction(parse => CommandAction.Run(() =>
        {
            int n = parse.GetValue(threads);
            if (n < 1) throw new DialogueActsException($"--threads: must be at least 1, got {n}");
            torch.set_num_threads(n);
            int grace = parse.GetValue(shutdownTimeout);
            if (grace < 0) throw new DialogueActsException($"--shutdown-timeout: must be at least 0, got {grace}");
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
            // appsettings.json and environment variables are already sources; the flags come last, so they win.
            builder.Configuration.AddCommandLine(settings.Arguments(parse), settings.SwitchMappings);
            builder.WebHost.UseUrls(parse.GetValue(urls)!);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
            // After SIGTERM Kestrel stops accepting connections and waits this long for the requests in flight.
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(grace));
            ConfigureLogging(builder.Logging, parse.GetValue(jsonLogs));
            builder.Services.AddDialogueActTagger();                                                     // binds and validates the section DialogueActs
            foreach (var provider in ResourceProviders.All(n)) builder.Services.AddSingleton(provider);   // the resources of the model's features
            ServeApp.AddServices(builder.Services);                                                      // the OpenAPI document
            using var app = builder.Build();
            ServeApp.Map(app);                                                                           // the API, the page at /, /openapi/v1.json
            try
            {
                app.Run();
            }
            catch (OptionsValidationException ex)
            {
                throw new DialogueActsException(string.Join("; ", ex.Failures.Select(settings.Explain)), ex);
            }
            catch (IOException ex) when (ex.Message.StartsWith("Failed to bind", StringComparison.Ordinal))
            {
                throw new DialogueActsException($"--urls: {ex.Message.TrimEnd('.')}", ex);
            }
            return 0;
        }, profile: null));                                                                           // DialogueActs:TuneNativeMemory tunes for serving as the model loads
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
