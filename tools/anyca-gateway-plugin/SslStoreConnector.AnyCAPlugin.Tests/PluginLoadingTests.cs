using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Threading.Tasks;
using Keyfactor.AnyGateway.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SslStoreConnector.AnyCAPlugin.Tests.Support;
using Xunit;

namespace SslStoreConnector.AnyCAPlugin.Tests;

/// <summary>Does what the gateway does with the published drop-in folder:
/// reads manifest.json, loads the assembly in its own load context with the
/// contract shared from the host, builds the type through dependency
/// injection and calls it.</summary>
public sealed class PluginLoadingTests : PluginTestBase
{
    [Theory]
    [InlineData("net8.0", "contract-3.3")]
    [InlineData("net8.0", "contract-3.0")]
    [InlineData("net6.0", "contract-3.3")]
    [InlineData("net6.0", "contract-3.0")]
    public async Task TheGatewayLoadsThePublishedFolderFromItsManifest(string framework, string flavour)
    {
        string folder = Path.Combine(PublishRoot(), framework, flavour, "SslStoreConnectorCaPlugin");
        Assert.True(Directory.Exists(folder), $"{folder} is missing: run tools/anyca-gateway-plugin/package.sh");
        Assert.False(File.Exists(Path.Combine(folder, "Keyfactor.AnyGateway.IAnyCAPlugin.dll")),
            "the published folder must not carry the contract assembly");
        (string assemblyPath, string typeName) = ReadManifest(folder);

        var context = new PluginLoadContext(assemblyPath);
        try
        {
            Assembly assembly = context.LoadFromAssemblyPath(assemblyPath);
            Assert.NotSame(typeof(SslStoreConnectorCaPlugin).Assembly, assembly);
            Type type = assembly.GetType(typeName, throwOnError: true)!;
            Assert.True(typeof(IAnyCAPlugin).IsAssignableFrom(type), "the contract is not shared with the host");

            ConnectorStack stack = await StartStackAsync();
            using ServiceProvider services = new ServiceCollection()
                .AddSingleton<ILoggerFactory>(Logs)
                .AddSingleton<IDomainValidatorFactory>(new NoValidators())
                .BuildServiceProvider();
            var plugin = (IAnyCAPlugin)ActivatorUtilities.CreateInstance(services, type);
            plugin.Initialize(new FakeConfigProvider(stack.GatewaySettings()), new FakeCertificateDataReader());
            await plugin.Ping();
            Assert.Contains("positivessl", plugin.GetProductIds());
            // The host's logger factory reached the plugin.
            Assert.Contains(Logs.Lines, l => l.Contains("Ping: SSL Store accepted", StringComparison.Ordinal));
            bool takesValidators = type.GetConstructors().Any(c =>
                c.GetParameters().Any(p => p.ParameterType == typeof(IDomainValidatorFactory)));
            Assert.Equal(flavour == "contract-3.3", takesValidators);
            Assert.Contains(type.GetConstructors(), c => c.GetParameters().Length == 0);
        }
        finally
        {
            context.Unload();
        }
    }

    private static string PublishRoot()
    {
        string? root = Environment.GetEnvironmentVariable("ANYCA_PLUGIN_PUBLISH_DIR");
        if (!string.IsNullOrEmpty(root))
        {
            return root;
        }
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "proto", "sslstore")))
            {
                return Path.Combine(dir.FullName, "build", "anyca-gateway-plugin");
            }
        }
        throw new DirectoryNotFoundException("set ANYCA_PLUGIN_PUBLISH_DIR to package.sh's output");
    }

    private static (string AssemblyPath, string TypeName) ReadManifest(string folder)
    {
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
        JsonElement entry = manifest.RootElement.GetProperty("extensions")
            .GetProperty("Keyfactor.AnyGateway.Extensions.IAnyCAPlugin").EnumerateObject().Single().Value;
        return (Path.Combine(folder, entry.GetProperty("assemblypath").GetString()!),
            entry.GetProperty("TypeFullName").GetString()!);
    }

    // The gateway's plugin context: the plugin's own dependencies from its
    // folder; the contract and the hosting abstractions from the host.
    private sealed class PluginLoadContext : AssemblyLoadContext
    {
        private readonly AssemblyDependencyResolver _resolver;

        public PluginLoadContext(string pluginPath)
            : base(isCollectible: true) => _resolver = new AssemblyDependencyResolver(pluginPath);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string name = assemblyName.Name ?? "";
            if (name == "Keyfactor.AnyGateway.IAnyCAPlugin" ||
                name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
            {
                return null;
            }
            string? path = _resolver.ResolveAssemblyToPath(assemblyName);
            return path is null ? null : LoadFromAssemblyPath(path);
        }
    }

    private sealed class NoValidators : IDomainValidatorFactory
    {
        public IDomainValidator ResolveDomainValidator(string domain, string validationType) => null!;
    }
}
