using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Wand;

// The Functions host only wires triggers and DI: everything else is Wand.Core.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddWandCore(builder.Configuration);
builder.Build().Run();
