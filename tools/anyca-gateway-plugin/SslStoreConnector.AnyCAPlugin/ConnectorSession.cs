using System;
using System.Threading;
using System.Threading.Tasks;
using Grpc.Core;
using Sslstore.Connector.V1;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>A consistent view of the plugin's state for one gateway call:
/// the settings, the channel and the redactor of their secrets.</summary>
internal sealed class ConnectorSession
{
    /// <summary>A session over <paramref name="channel"/> for <paramref name="settings"/>.</summary>
    public ConnectorSession(PluginSettings settings, ConnectorChannel channel)
    {
        Settings = settings;
        Channel = channel;
        Redactor = new SecretRedactor(new[] { settings.AuthToken, channel.BearerToken });
    }

    /// <summary>The settings.</summary>
    public PluginSettings Settings { get; }

    /// <summary>The channel to the connector.</summary>
    public ConnectorChannel Channel { get; }

    /// <summary>Scrubs the session's secrets.</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>The generated client.</summary>
    public ConnectorService.ConnectorServiceClient Client => Channel.Client;

    /// <summary>Runs one unary call with the configured deadline (plus
    /// <paramref name="extraTime"/>); a failure becomes a
    /// <see cref="ConnectorCallException"/> naming <paramref name="call"/>.</summary>
    public async Task<TResponse> CallAsync<TResponse>(string call,
        Func<ConnectorService.ConnectorServiceClient, CallOptions, AsyncUnaryCall<TResponse>> rpc,
        TimeSpan extraTime = default, CancellationToken cancellationToken = default)
    {
        CallOptions options = Channel.CallOptions(Settings.Connector.Timeout + extraTime, cancellationToken);
        try
        {
            return await rpc(Client, options).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException error)
        {
            throw Failure(error, call);
        }
    }

    /// <summary>The scrubbed exception for <paramref name="error"/> of <paramref name="call"/>.</summary>
    public ConnectorCallException Failure(RpcException error, string call) =>
        ConnectorErrors.ToException(error, call, Settings.Connector.Address, Redactor);
}
