using System;
using System.Collections.Generic;

namespace Keyfactor.AnyGateway.Extensions;

/// <summary>How an enrollment's request is encoded.</summary>
public enum RequestFormat
{
    /// <summary>A PKCS#10 certificate signing request.</summary>
    PKCS10,

    /// <summary>A PFX enrollment (the gateway generates the key).</summary>
    PFX,
}

/// <summary>What kind of enrollment the gateway asks for.</summary>
public enum EnrollmentType
{
    /// <summary>A new certificate.</summary>
    New,

    /// <summary>A renewal of a prior certificate.</summary>
    Renew,

    /// <summary>A reissue of a prior certificate.</summary>
    Reissue,

    /// <summary>Renew or reissue, as the plugin decides.</summary>
    RenewOrReissue,
}

/// <summary>The product bound to a template and its parameter values.</summary>
public class EnrollmentProductInfo
{
    /// <summary>One of the plugin's product ids.</summary>
    public string ProductID { get; set; } = string.Empty;

    /// <summary>Template parameter values, plus gateway keys such as PriorCertSN.</summary>
    public Dictionary<string, string> ProductParameters { get; set; } = new();
}

/// <summary>What Enroll returns.</summary>
public class EnrollmentResult
{
    /// <summary>The CA's id of the request.</summary>
    public string CARequestID { get; set; } = string.Empty;

    /// <summary>The issued certificate (PEM or base64 DER).</summary>
    public string Certificate { get; set; } = string.Empty;

    /// <summary>An EndEntityStatus.</summary>
    public int Status { get; set; }

    /// <summary>Text shown to the requester.</summary>
    public string StatusMessage { get; set; } = string.Empty;

    /// <summary>Extra facts about the enrollment, shown by Command.</summary>
    public Dictionary<string, string> EnrollmentContext { get; set; } = new();
}

/// <summary>One certificate record of GetSingleRecord or Synchronize.</summary>
public class AnyCAPluginCertificate
{
    /// <summary>The CA's id of the request.</summary>
    public string CARequestID { get; set; } = string.Empty;

    /// <summary>The certificate (PEM or base64 DER).</summary>
    public string Certificate { get; set; } = string.Empty;

    /// <summary>An EndEntityStatus.</summary>
    public int Status { get; set; }

    /// <summary>The product id of the request.</summary>
    public string ProductID { get; set; } = string.Empty;

    /// <summary>The request's CSR, when the CA returns it.</summary>
    public string CSR { get; set; } = string.Empty;

    /// <summary>RFC 5280 reason code of a revoked certificate.</summary>
    public int RevocationReason { get; set; }

    /// <summary>When the certificate was revoked.</summary>
    public DateTime? RevocationDate { get; set; }
}

/// <summary>One entry of an annotation dictionary (a form field).</summary>
public class PropertyConfigInfo
{
    /// <summary>Help text.</summary>
    public string Comments { get; set; } = string.Empty;

    /// <summary>Whether the value is masked (secrets).</summary>
    public bool Hidden { get; set; }

    /// <summary>Default value (string, bool or number), or null.</summary>
    public object? DefaultValue { get; set; }

    /// <summary>"String", "Secret", "Number" or "Boolean".</summary>
    public string Type { get; set; } = "String";
}
