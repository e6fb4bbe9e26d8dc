using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Keyfactor.AnyGateway.Extensions;
using SslStoreConnector.AnyCAPlugin.Tests.Support;
using Xunit;

namespace SslStoreConnector.AnyCAPlugin.Tests;

/// <summary>CNAME DCV through the gateway's domain validators (contract 3.3).</summary>
public sealed class DcvTests : PluginTestBase
{
    private static readonly string[] Domains = { "dcv1.example.com", "dcv2.example.com", "dcv3.example.org" };

    private static EnrollmentProductInfo CnameMultiDomain() => new()
    {
        ProductID = "positivemdcssl",
        ProductParameters = new Dictionary<string, string>
        {
            ["Admin Contact - Email"] = "pki@example.com",
            ["Validity Period (In Days)"] = "365",
            ["CName Auth Domain Validation"] = "true",
        },
    };

    private static Dictionary<string, string[]> Sans() => new() { ["dns"] = Domains };

    [Fact]
    public async Task RecordsAreStagedForEveryDomainIssuanceAwaitedThenCleanedUp()
    {
        ConnectorStack stack = await StartStackAsync(new StackOptions { Approval = "manual" });
        int staged = 0;
        var validator = new FakeDomainValidator
        {
            // The CA validates once every record is published.
            OnStaged = async _ =>
            {
                if (++staged == Domains.Length)
                {
                    foreach (SimOrder order in (await stack.Admin.GroundTruthAsync()).Where(o => o.MajorStatus == "Pending"))
                    {
                        await stack.Admin.ApproveAsync(order.Id);
                    }
                }
            },
        };
        var factory = new FakeDomainValidatorFactory(validator);
        Dictionary<string, object> settings = stack.GatewaySettings();
        settings["ConnectorDcvWaitSeconds"] = 60L;
        SslStoreConnectorCaPlugin plugin = NewPlugin(settings, validators: factory);

        EnrollmentResult result = await plugin.Enroll(CsrFactory.Make(Domains[0]), "", Sans(), CnameMultiDomain(),
            RequestFormat.PKCS10, EnrollmentType.New);
        Shown(result.StatusMessage);
        Assert.Equal(EndEntityStatus.Generated, result.Status);
        CertificateChecks.AssertIssuedBySimulator(result.Certificate, stack, Domains[2]);
        Assert.Equal(Domains.OrderBy(d => d), factory.Resolved.Select(r => r.Domain).OrderBy(d => d));
        Assert.All(factory.Resolved, r => Assert.Equal("cname", r.Type));
        Assert.Equal(Domains.Length, validator.Staged.Count);
        foreach (string domain in Domains)
        {
            Assert.Equal(result.EnrollmentContext[$"dcv.{domain}.cname_value"],
                validator.Staged.Single(s => s.Key == result.EnrollmentContext[$"dcv.{domain}.cname_name"]).Value);
        }
        Assert.Equal(validator.Staged.Select(s => s.Key).OrderBy(k => k), validator.CleanedUp.OrderBy(k => k));
    }

    [Fact]
    public async Task AFailingValidatorLeavesTheOrderPendingWithAClearMessageAndCleansUp()
    {
        ConnectorStack stack = await StartStackAsync(new StackOptions { Approval = "manual" });
        var failing = new FakeDomainValidator { StageError = "zone example.org is read-only" };
        SslStoreConnectorCaPlugin plugin = NewPlugin(stack.GatewaySettings(),
            validators: new FakeDomainValidatorFactory(failing));
        EnrollmentResult result = await plugin.Enroll(CsrFactory.Make(Domains[0]), "", Sans(), CnameMultiDomain(),
            RequestFormat.PKCS10, EnrollmentType.New);
        Shown(result.StatusMessage);
        Assert.Equal(EndEntityStatus.ExternalValidation, result.Status);
        Assert.Contains("zone example.org is read-only", result.StatusMessage, StringComparison.Ordinal);
        Assert.Contains("publish them by hand", result.StatusMessage, StringComparison.Ordinal);
        Assert.NotEqual("", result.CARequestID);
        Assert.Empty(failing.CleanedUp); // nothing was published

        // One domain fails, the others are published and then removed.
        int calls = 0;
        var partly = new PartlyFailingValidator(() => ++calls == 2);
        plugin = NewPlugin(stack.GatewaySettings(), validators: new FakeDomainValidatorFactory(partly));
        result = await plugin.Enroll(CsrFactory.Make("partly.example.com"), "", new() { ["dns"] = Domains },
            CnameMultiDomain(), RequestFormat.PKCS10, EnrollmentType.New);
        Assert.Equal(EndEntityStatus.ExternalValidation, result.Status);
        Assert.Contains("DNS API timed out", result.StatusMessage, StringComparison.Ordinal);
        Assert.Equal(Domains.Length, partly.Inner.Staged.Count); // four names, one failed
        Assert.Equal(partly.Inner.Staged.Select(s => s.Key).OrderBy(k => k), partly.Inner.CleanedUp.OrderBy(k => k));
    }

    [Fact]
    public async Task IssuanceThatDoesNotComeInTimeEndsPendingAndCleansUp()
    {
        ConnectorStack stack = await StartStackAsync(new StackOptions { Approval = "manual" });
        var validator = new FakeDomainValidator();
        Dictionary<string, object> settings = stack.GatewaySettings();
        settings["ConnectorDcvWaitSeconds"] = 1L;
        SslStoreConnectorCaPlugin plugin = NewPlugin(settings, validators: new FakeDomainValidatorFactory(validator));
        EnrollmentResult result = await plugin.Enroll(CsrFactory.Make(Domains[0]), "", Sans(), CnameMultiDomain(),
            RequestFormat.PKCS10, EnrollmentType.New);
        Shown(result.StatusMessage);
        Assert.Equal(EndEntityStatus.ExternalValidation, result.Status);
        Assert.Contains("did not issue within 1 s", result.StatusMessage, StringComparison.Ordinal);
        Assert.Equal(Domains.Length, validator.Staged.Count);
        Assert.Equal(validator.Staged.Select(s => s.Key).OrderBy(k => k), validator.CleanedUp.OrderBy(k => k));
        Assert.Equal("Pending", (await stack.Admin.GroundTruthAsync()).Single().MajorStatus);
    }

    // Fails staging when `fail` says so, otherwise records like the fake.
    private sealed class PartlyFailingValidator : IDomainValidator
    {
        private readonly Func<bool> _fail;

        public PartlyFailingValidator(Func<bool> fail) => _fail = fail;

        public FakeDomainValidator Inner { get; } = new();

        public void Initialize(IDomainValidatorConfigProvider configProvider)
        {
        }

        public Task<DomainValidationResult> StageValidation(string key, string value,
            System.Threading.CancellationToken cancellationToken) =>
            _fail() ? throw new InvalidOperationException("DNS API timed out") : Inner.StageValidation(key, value, cancellationToken);

        public Task<DomainValidationResult> CleanupValidation(string key,
            System.Threading.CancellationToken cancellationToken) => Inner.CleanupValidation(key, cancellationToken);

        public Task ValidateConfiguration(Dictionary<string, object> configuration) => Task.CompletedTask;

        public Dictionary<string, PropertyConfigInfo> GetDomainValidatorAnnotations() => new();

        public string GetValidationType() => "cname";
    }
}
