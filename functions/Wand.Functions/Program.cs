using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using Wand;
using Wand.Telemetry;

// The Functions host only wires triggers, DI and telemetry: everything else is Wand.Core.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddWandCore(builder.Configuration);

// Core's traces and metrics beside the host's own (host.json's telemetryMode is OpenTelemetry),
// to Application Insights when the app has its connection string (infra/ sets it).
var telemetry = builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults()
    .WithTracing(tracing => tracing.AddSource(WandTelemetry.Name))
    .WithMetrics(metrics => metrics.AddMeter(WandTelemetry.Name));
if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    telemetry.WithTracing(tracing => tracing.AddAzureMonitorTraceExporter())
        .WithMetrics(metrics => metrics.AddAzureMonitorMetricExporter());
}

builder.Build().Run();
