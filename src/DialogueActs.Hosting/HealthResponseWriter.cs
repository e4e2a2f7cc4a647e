using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DialogueActs.Hosting;

/// <summary>
/// Writes the health report of <c>GET /healthz</c>: <c>{"status":"ok"}</c> when every check is healthy, else
/// <c>{"status":"unhealthy","checks":{"dialogue-acts-model":"models/x.zip: file not found"}}</c> (or <c>"degraded"</c>)
/// naming each check that is not healthy with its one-line description.
/// </summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status switch
            {
                HealthStatus.Healthy => "ok",
                HealthStatus.Degraded => "degraded",
                _ => "unhealthy",
            });
            if (report.Status != HealthStatus.Healthy)
            {
                json.WriteStartObject("checks");
                foreach (var (name, entry) in report.Entries)
                {
                    if (entry.Status == HealthStatus.Healthy) continue;
                    string description = entry.Description ?? entry.Exception?.Message ?? entry.Status.ToString();
                    json.WriteString(name, DialogueActsException.Brief(description));
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = buffer.Length;
        return context.Response.Body.WriteAsync(buffer.GetBuffer(), 0, (int)buffer.Length, context.RequestAborted);
    }
}
