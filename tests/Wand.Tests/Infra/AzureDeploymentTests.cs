using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Wand.Infra;

/// <summary>
/// The settings that matter, read from infra/main.bicep compiled to ARM JSON (modules included):
/// storage by identity only, HTTPS and TLS 1.2, secrets only as Key Vault references, a Docker
/// endpoint nobody outside the app's subnet reaches, and roles no wider than the work needs.
/// </summary>
public sealed partial class AzureDeploymentTests
{
    private static readonly Dictionary<string, string> ExpectedRoles = new(StringComparer.Ordinal)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["b86a8fe4-44ce-4948-aee5-eccb2c155cd7"] = "Key Vault Secrets Officer",
        ["5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"] = "Cognitive Services OpenAI User",
    };

    private static readonly string[] AnySource = ["*", "Internet", "0.0.0.0/0", "Any"];

    [Fact]
    public async Task StorageAccount_Compiled_AllowsOnlyEntraIdOverHttpsWithTls12()
    {
        var account = Assert.Single(InfraTemplates.Resources(await MainAsync(), "Microsoft.Storage/storageAccounts"));
        var properties = account["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
    }

    [Fact]
    public async Task FunctionApp_Compiled_IsHttpsOnlyWithTls12AndNoPublishingPasswords()
    {
        var main = await MainAsync();
        var site = Assert.Single(InfraTemplates.Resources(main, "Microsoft.Web/sites"));
        var properties = site["properties"]!;

        Assert.True((bool)properties["httpsOnly"]!);
        Assert.Equal("1.2", (string?)properties["siteConfig"]?["minTlsVersion"]);
        Assert.Equal("1.2", (string?)properties["siteConfig"]?["scmMinTlsVersion"]);
        Assert.Equal("Disabled", (string?)properties["siteConfig"]?["ftpsState"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]?["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)properties["functionAppConfig"]?["deployment"]?["storage"]?["authentication"]?["type"]);
        var publishing = InfraTemplates.Resources(main, "Microsoft.Web/sites/basicPublishingCredentialsPolicies");
        Assert.Equal(2, publishing.Count);
        Assert.All(publishing, p => Assert.False((bool)p["properties"]!["allow"]!));
    }

    [Fact]
    public async Task FunctionApp_Settings_ReachStorageByManagedIdentityWithoutAConnectionString()
    {
        var settings = await AppSettingsAsync();

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("storageAccountName", settings["AzureWebJobsStorage__accountName"], StringComparison.Ordinal);
        Assert.Contains("identityClientId", settings["AzureWebJobsStorage__clientId"], StringComparison.Ordinal);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("Wand__Storage__ConnectionString", StringComparison.Ordinal));
        // The only connection string is Application Insights' endpoints, useless without Entra ID.
        Assert.Equal(["APPLICATIONINSIGHTS_CONNECTION_STRING"], settings.Keys.Where(k => k.Contains("CONNECTION", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Wand__GitHub__WebhookSecret", "github-webhook-secret")]
    [InlineData("Wand__GitHub__PrivateKey", "github-app-private-key")]
    [InlineData("Wand__Sandbox__TlsCaCertificate", "docker-tls-ca")]
    [InlineData("Wand__Sandbox__TlsClientCertificate", "docker-tls-client-cert")]
    [InlineData("Wand__Sandbox__TlsClientKey", "docker-tls-client-key")]
    [InlineData("Wand__Sandbox__EnvironmentRegistryPassword", "environment-registry-password")]
    public async Task FunctionApp_SecretSetting_IsAKeyVaultReference(string setting, string secret)
    {
        var value = (await AppSettingsAsync())[setting];

        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0}secrets/" + secret + ")'", value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Templates_Compiled_ListNoKeyAndHoldNoSecret()
    {
        var text = (await MainAsync()).ToJsonString();

        foreach (var forbidden in new[] { "listKeys", "listSecrets", "listCredentials", "AccountKey=", "SharedAccessSignature", "-----BEGIN" })
        {
            Assert.DoesNotContain(forbidden, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Outputs_Main_NameNoSecretAndParametersDefaultToNone()
    {
        var main = await MainAsync();
        var outputs = main["outputs"]!.AsObject().Select(o => o.Key).ToList();

        Assert.Contains("GITHUB_WEBHOOK_URL", outputs);
        Assert.DoesNotContain(outputs, o => SecretName().IsMatch(o));
        var parameters = AllObjectsNamed(main, "parameters")
            .SelectMany(p => p.Select(e => e.Value)).OfType<JsonObject>()
            .Where(p => p["type"] is not null).ToList();
        Assert.NotEmpty(parameters);
        Assert.DoesNotContain(parameters, p => ((string?)p["type"])!.StartsWith("secure", StringComparison.OrdinalIgnoreCase) && p["defaultValue"] is not null);
    }

    [Fact]
    public async Task Services_Compiled_AcceptNoKeysOnlyEntraId()
    {
        var main = await MainAsync();

        Assert.True((bool)Assert.Single(InfraTemplates.Resources(main, "Microsoft.CognitiveServices/accounts"))["properties"]!["disableLocalAuth"]!);
        Assert.True((bool)Assert.Single(InfraTemplates.Resources(main, "Microsoft.Insights/components"))["properties"]!["DisableLocalAuth"]!);
        // The app's vault and the pool's.
        var vaults = InfraTemplates.Resources(main, "Microsoft.KeyVault/vaults");
        Assert.Equal(2, vaults.Count);
        Assert.All(vaults, v => Assert.True((bool)v["properties"]!["enableRbacAuthorization"]!));
    }

    [Fact]
    public async Task SandboxPool_DockerEndpoint_HasNoPublicAddressAndAdmitsOnlyTheAppSubnet()
    {
        var main = await MainAsync();
        var balancer = Assert.Single(InfraTemplates.Resources(main, "Microsoft.Network/loadBalancers"));
        var hosts = Assert.Single(InfraTemplates.Resources(main, "Microsoft.Compute/virtualMachineScaleSets"));

        // Private front end on 2376; the hosts have no public address of their own.
        var frontEnd = Assert.Single(balancer["properties"]!["frontendIPConfigurations"]!.AsArray())!["properties"]!;
        Assert.Null(frontEnd["publicIPAddress"]);
        Assert.NotNull(frontEnd["privateIPAddress"]);
        Assert.Equal(2376, (int)Assert.Single(balancer["properties"]!["loadBalancingRules"]!.AsArray())!["properties"]!["frontendPort"]!);
        Assert.DoesNotContain("publicIPAddress", hosts.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.True((bool)hosts["properties"]!["virtualMachineProfile"]!["osProfile"]!["linuxConfiguration"]!["disablePasswordAuthentication"]!);
        // The only public address is the NAT gateway's, for the hosts' outbound traffic.
        Assert.All(InfraTemplates.AllResources(main).Where(r => r.ToJsonString().Contains("Microsoft.Network/publicIPAddresses'", StringComparison.Ordinal)
                && !((string)r["type"]!).StartsWith("Microsoft.Resources/", StringComparison.Ordinal)),
            r => Assert.Equal("Microsoft.Network/natGateways", (string?)r["type"]));

        var rules = InfraTemplates.Resources(main, "Microsoft.Network/networkSecurityGroups")
            .SelectMany(g => g["properties"]?["securityRules"]?.AsArray() ?? []).Select(r => r!["properties"]!).ToList();
        var allowed = rules.Where(r => (string?)r["access"] == "Allow" && (string?)r["direction"] == "Inbound").ToList();
        Assert.NotEmpty(allowed);
        Assert.All(allowed, r => Assert.DoesNotContain((string?)r["sourceAddressPrefix"], AnySource));
        Assert.Equal("[parameters('appSubnetPrefix')]", (string?)Assert.Single(allowed, r => (string?)r["sourceAddressPrefix"] != "AzureLoadBalancer")["sourceAddressPrefix"]);
        Assert.Contains(rules, r => (string?)r["access"] == "Deny" && (string?)r["direction"] == "Inbound" && (string?)r["sourceAddressPrefix"] == "*");
        // What the app dials: the load balancer's address, on Docker's TLS port.
        var dockerHost = Assert.Single(AllObjectsNamed(main, "dockerHost").Select(p => (string?)p["value"]).OfType<string>());
        Assert.StartsWith("[format('tcp://{0}:2376'", dockerHost, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleAssignments_Compiled_AreDataRolesOnSingleResources()
    {
        var main = await MainAsync();
        var assignments = InfraTemplates.Resources(main, "Microsoft.Authorization/roleAssignments");
        var roles = RoleGuid().Matches(main.ToJsonString()).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(assignments);
        // Each on the one resource it concerns, never on the group or the subscription.
        Assert.All(assignments, a => Assert.NotNull(a["scope"]));
        Assert.Equal(ExpectedRoles.Keys.Order(StringComparer.Ordinal), roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Registry_Compiled_HasNoAdminUser_AndATokenForTheEnvironmentsOnly()
    {
        var main = await MainAsync();
        var registry = Assert.Single(InfraTemplates.Resources(main, "Microsoft.ContainerRegistry/registries"));
        var scope = Assert.Single(InfraTemplates.Resources(main, "Microsoft.ContainerRegistry/registries/scopeMaps"));
        var token = Assert.Single(InfraTemplates.Resources(main, "Microsoft.ContainerRegistry/registries/tokens"));
        var settings = await AppSettingsAsync();

        Assert.False((bool)registry["properties"]!["adminUserEnabled"]!);
        Assert.Equal("Basic", (string?)registry["sku"]!["name"]);
        Assert.Equal(
            ["[format('repositories/{0}/content/read', parameters('repository'))]", "[format('repositories/{0}/content/write', parameters('repository'))]", "[format('repositories/{0}/metadata/read', parameters('repository'))]"],
            scope["properties"]!["actions"]!.AsArray().Select(a => (string?)a));
        Assert.Contains("scopeMaps", (string?)token["properties"]!["scopeMapId"], StringComparison.Ordinal);
        Assert.Equal("[parameters('environmentRegistry')]", settings["Wand__Sandbox__EnvironmentRegistry"]);
        Assert.Equal("[parameters('environmentRegistryUsername')]", settings["Wand__Sandbox__EnvironmentRegistryUsername"]);
    }

    [Fact]
    public void RegistryPassword_TheAppReads_IsTheOneTheHookStores_AndAzdRunsThatHook()
    {
        var hook = File.ReadAllText(Path.Combine(InfraTemplates.Folder, "scripts", "registry-token.sh"));
        var azure = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "azure.yaml"));

        Assert.Contains("--name environment-registry-password --file", hook, StringComparison.Ordinal);
        Assert.Contains("bash ./infra/scripts/registry-token.sh", azure, StringComparison.Ordinal);
        Assert.DoesNotContain("--value", hook, StringComparison.Ordinal);
    }

    [Fact]
    public void ParametersFile_EveryParameter_IsOneMainDeclares()
    {
        var main = File.ReadAllText(Path.Combine(InfraTemplates.Folder, "main.bicep"));
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(InfraTemplates.Folder, "main.parameters.json")))!;

        var names = file["parameters"]!.AsObject().Select(p => p.Key).ToList();

        Assert.Contains("sandboxAdminPublicKey", names);
        Assert.All(names, n => Assert.Matches($@"(?m)^param {n} ", main));
    }

    [Fact]
    public void SecretNames_AppAndHosts_AreThoseTheHookStores()
    {
        var hook = File.ReadAllText(Path.Combine(InfraTemplates.Folder, "scripts", "docker-tls.sh"));
        var app = File.ReadAllText(Path.Combine(InfraTemplates.Folder, "app", "function-app.bicep"));
        var host = File.ReadAllText(Path.Combine(InfraTemplates.Folder, "sandbox-host", "setup-host.sh"));

        var read = DockerSecretName().Matches(app + host).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(["docker-tls-ca", "docker-tls-client-cert", "docker-tls-client-key", "docker-tls-server-cert", "docker-tls-server-key"], read.Order(StringComparer.Ordinal));
        Assert.All(read, name => Assert.Contains($" {name} ", hook, StringComparison.Ordinal));
    }

    private static Task<JsonObject> MainAsync() => InfraTemplates.CompileAsync("main.bicep");

    /// <summary>The app settings every deployment gets (the GitHub ids are added when given).</summary>
    private static async Task<Dictionary<string, string>> AppSettingsAsync()
    {
        var required = AllObjectsNamed(await MainAsync(), "variables").Select(v => v["requiredSettings"]).OfType<JsonObject>().Single();
        return required.ToDictionary(s => s.Key, s => s.Value!.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)s.Value! : s.Value.ToJsonString(), StringComparer.Ordinal);
    }

    private static IEnumerable<JsonObject> AllObjectsNamed(JsonNode? node, string name) => node switch
    {
        JsonObject obj => obj.SelectMany(p => (p.Key == name && p.Value is JsonObject match ? [match] : Enumerable.Empty<JsonObject>())
            .Concat(AllObjectsNamed(p.Value, name))),
        JsonArray array => array.SelectMany(item => AllObjectsNamed(item, name)),
        _ => [],
    };

    [GeneratedRegex("(?i)secret|password|connection|apikey|_key$|token")]
    private static partial Regex SecretName();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex RoleGuid();

    [GeneratedRegex("docker-tls-[a-z-]+[a-z]")]
    private static partial Regex DockerSecretName();
}
