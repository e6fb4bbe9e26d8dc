using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Keyfactor.AnyGateway.Extensions;

/// <summary>Finds the gateway's domain validator configured for a domain
/// (contract 3.3).</summary>
public interface IDomainValidatorFactory
{
    /// <summary>The validator for <paramref name="domain"/> and a validation
    /// type such as "cname"; null when none is configured.</summary>
    IDomainValidator ResolveDomainValidator(string domain, string validationType);
}

/// <summary>Settings of a domain validator.</summary>
public interface IDomainValidatorConfigProvider
{
    /// <summary>The validator's configuration values.</summary>
    Dictionary<string, object> DomainValidationConfiguration { get; }
}

/// <summary>Publishes and removes domain control validation records
/// (contract 3.3).</summary>
public interface IDomainValidator
{
    /// <summary>Receives the validator's configuration.</summary>
    void Initialize(IDomainValidatorConfigProvider configProvider);

    /// <summary>Publishes record <paramref name="key"/> with <paramref name="value"/>.</summary>
    Task<DomainValidationResult> StageValidation(string key, string value, CancellationToken cancellationToken);

    /// <summary>Removes record <paramref name="key"/>.</summary>
    Task<DomainValidationResult> CleanupValidation(string key, CancellationToken cancellationToken);

    /// <summary>Throws when the configuration is unusable.</summary>
    Task ValidateConfiguration(Dictionary<string, object> configuration);

    /// <summary>The validator's configuration form.</summary>
    Dictionary<string, PropertyConfigInfo> GetDomainValidatorAnnotations();

    /// <summary>The validation type it handles, e.g. "cname".</summary>
    string GetValidationType();
}

/// <summary>Outcome of staging or removing a record.</summary>
public class DomainValidationResult
{
    /// <summary>Whether the operation succeeded.</summary>
    public bool Success { get; set; }

    /// <summary>Why it failed.</summary>
    public string ErrorMessage { get; set; } = string.Empty;
}
