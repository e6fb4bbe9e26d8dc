using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Keyfactor.AnyGateway.Extensions;

namespace SslStoreConnector.AnyCAPlugin.Tests.Support;

/// <summary>The gateway's CA connection settings.</summary>
internal sealed class FakeConfigProvider : IAnyCAPluginConfigProvider
{
    public FakeConfigProvider(Dictionary<string, object> data) => CAConnectionData = data;

    public Dictionary<string, object> CAConnectionData { get; }
}

/// <summary>A gateway database holding the serial -> request id pairs it was given.</summary>
internal sealed class FakeCertificateDataReader : ICertificateDataReader
{
    private readonly ConcurrentDictionary<string, string> _requestIds = new(StringComparer.Ordinal);

    /// <summary>The serials asked for, in order.</summary>
    public ConcurrentQueue<string> Lookups { get; } = new();

    public void Store(string serial, string requestId) => _requestIds[serial] = requestId;

    public Task<bool> DoesCertExistForRequestID(string caRequestID) =>
        Task.FromResult(_requestIds.Values.Contains(caRequestID));

    public DateTime? GetExpirationDateByRequestId(string caRequestID) => null;

    public Task<string> GetRequestIDBySerialNumber(string serialNumber)
    {
        Lookups.Enqueue(serialNumber);
        return Task.FromResult(_requestIds.TryGetValue(serialNumber, out string? id) ? id : "");
    }

    public Task<int> GetStatusByRequestID(string caRequestID) => Task.FromResult(-1);
}

#if ANYCA_DCV
/// <summary>A DNS provider that records what it publishes and removes.</summary>
internal sealed class FakeDomainValidator : IDomainValidator
{
    /// <summary>Runs after each record is staged (e.g. to approve the order).</summary>
    public Func<string, Task>? OnStaged { get; init; }

    /// <summary>When set, staging fails with this message.</summary>
    public string? StageError { get; init; }

    public ConcurrentQueue<(string Key, string Value)> Staged { get; } = new();
    public ConcurrentQueue<string> CleanedUp { get; } = new();

    public void Initialize(IDomainValidatorConfigProvider configProvider)
    {
    }

    public async Task<DomainValidationResult> StageValidation(string key, string value, CancellationToken cancellationToken)
    {
        if (StageError is not null)
        {
            return new DomainValidationResult { Success = false, ErrorMessage = StageError };
        }
        Staged.Enqueue((key, value));
        if (OnStaged is not null)
        {
            await OnStaged(key);
        }
        return new DomainValidationResult { Success = true };
    }

    public Task<DomainValidationResult> CleanupValidation(string key, CancellationToken cancellationToken)
    {
        CleanedUp.Enqueue(key);
        return Task.FromResult(new DomainValidationResult { Success = true });
    }

    public Task ValidateConfiguration(Dictionary<string, object> configuration) => Task.CompletedTask;

    public Dictionary<string, PropertyConfigInfo> GetDomainValidatorAnnotations() => new();

    public string GetValidationType() => "cname";
}

/// <summary>The gateway's validator lookup: one validator for every domain.</summary>
internal sealed class FakeDomainValidatorFactory : IDomainValidatorFactory
{
    private readonly IDomainValidator _validator;

    public FakeDomainValidatorFactory(IDomainValidator validator) => _validator = validator;

    /// <summary>The (domain, type) pairs asked for.</summary>
    public ConcurrentQueue<(string Domain, string Type)> Resolved { get; } = new();

    public IDomainValidator ResolveDomainValidator(string domain, string validationType)
    {
        Resolved.Enqueue((domain, validationType));
        return _validator;
    }
}
#endif
