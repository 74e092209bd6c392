using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Wand.Telemetry;

namespace Wand.Cli.Telemetry;

/// <summary>
/// Where `wand` sends Core's traces and metrics (<see cref="WandTelemetry"/>): to an OTLP
/// collector when <c>Wand:Telemetry:OtlpEndpoint</c> or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names one; nowhere otherwise (no listener, no cost).
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Wand:Telemetry";

    /// <summary>The collector's base address (http://127.0.0.1:4318 for OTLP over HTTP, :4317 for gRPC).</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>HttpProtobuf (the default) or Grpc.</summary>
    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.HttpProtobuf;

    /// <summary>How often metrics are sent; they are also sent when `wand` stops.</summary>
    public TimeSpan MetricInterval { get; set; } = TimeSpan.FromSeconds(15);

    public string? Problem() =>
        OtlpEndpoint is { IsAbsoluteUri: false } or { Scheme: not ("http" or "https") } ? $"OtlpEndpoint '{OtlpEndpoint}' is not an http(s) address"
        : MetricInterval < TimeSpan.FromSeconds(1) ? $"MetricInterval {MetricInterval} is under 1 s"
        : null;
}

public static class TelemetryExport
{
    /// <summary>The standard variable every OpenTelemetry SDK reads, honoured when Wand's own setting is absent.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddTelemetryExport(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var options = new TelemetryOptions();
        Read(configuration, options);

        // Checked at start-up with the other options; an invalid one exports nothing meanwhile.
        services.AddOptions<TelemetryOptions>()
            .Configure(o => Read(configuration, o))
            .Validate(o => o.Problem() is null, $"{TelemetryOptions.SectionName} is invalid: {options.Problem()}")
            .ValidateOnStart();
        if (options.OtlpEndpoint is not { } endpoint || options.Problem() is not null)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(WandTelemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing.AddSource(WandTelemetry.Name).AddOtlpExporter(o => Target(o, options, endpoint, "v1/traces")))
            .WithMetrics(metrics => metrics.AddMeter(WandTelemetry.Name).AddOtlpExporter((o, reader) =>
            {
                Target(o, options, endpoint, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.MetricInterval.TotalMilliseconds;
            }));
        return services;
    }

    private static void Read(IConfiguration configuration, TelemetryOptions options)
    {
        configuration.GetSection(TelemetryOptions.SectionName).Bind(options);
        if (options.OtlpEndpoint is null && (configuration[StandardEndpointVariable] ?? Environment.GetEnvironmentVariable(StandardEndpointVariable)) is { Length: > 0 } standard)
        {
            options.OtlpEndpoint = Uri.TryCreate(standard, UriKind.Absolute, out var uri) ? uri : new Uri(standard, UriKind.Relative);
        }
    }

    // Over HTTP the exporter posts to the address as given, so each signal's path is added here.
    private static void Target(OtlpExporterOptions exporter, TelemetryOptions options, Uri endpoint, string signalPath)
    {
        exporter.Protocol = options.Protocol;
        exporter.Endpoint = options.Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
            : endpoint;
    }
}
