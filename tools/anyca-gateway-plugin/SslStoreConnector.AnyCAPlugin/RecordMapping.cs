using System.Collections.Generic;
using System.Globalization;
using Keyfactor.AnyGateway.Extensions;
using Sslstore.Connector.V1;

namespace SslStoreConnector.AnyCAPlugin;

/// <summary>Maps the connector's records and enrollment answers to the
/// gateway's types.</summary>
internal static class RecordMapping
{
    /// <summary>The EndEntityStatus of a connector status.</summary>
    public static int ToEndEntityStatus(CertificateStatus status) => status switch
    {
        CertificateStatus.Issued => EndEntityStatus.Generated,
        CertificateStatus.PendingValidation => EndEntityStatus.ExternalValidation,
        CertificateStatus.Revoked => EndEntityStatus.Revoked,
        CertificateStatus.Failed => EndEntityStatus.Failed,
        _ => EndEntityStatus.New,
    };

    /// <summary>The connector's enrollment type.</summary>
    public static Sslstore.Connector.V1.EnrollmentType ToConnectorType(Keyfactor.AnyGateway.Extensions.EnrollmentType type) =>
        type switch
        {
            Keyfactor.AnyGateway.Extensions.EnrollmentType.Renew => Sslstore.Connector.V1.EnrollmentType.Renew,
            Keyfactor.AnyGateway.Extensions.EnrollmentType.Reissue => Sslstore.Connector.V1.EnrollmentType.Reissue,
            Keyfactor.AnyGateway.Extensions.EnrollmentType.RenewOrReissue =>
                Sslstore.Connector.V1.EnrollmentType.RenewOrReissue,
            _ => Sslstore.Connector.V1.EnrollmentType.New,
        };

    /// <summary>The gateway's record of a connector record.</summary>
    public static AnyCAPluginCertificate ToPluginCertificate(CertificateRecord record)
    {
        var certificate = new AnyCAPluginCertificate
        {
            CARequestID = record.CaRequestId,
            Certificate = record.CertificatePem,
            Status = ToEndEntityStatus(record.Status),
            ProductID = record.ProductCode,
        };
        if (record.Status == CertificateStatus.Revoked && record.Revocation is not null)
        {
            certificate.RevocationReason = (int)record.Revocation.Reason;
            certificate.RevocationDate = record.Revocation.RevokedAt?.ToDateTime();
        }
        return certificate;
    }

    /// <summary>True for a GENERATED or REVOKED record without a certificate,
    /// which the gateway must never receive.</summary>
    public static bool LacksRequiredCertificate(AnyCAPluginCertificate certificate) =>
        string.IsNullOrEmpty(certificate.Certificate) &&
        certificate.Status is EndEntityStatus.Generated or EndEntityStatus.Revoked;

    /// <summary>SSL Store's status as shown to people: "Active (Issued)".</summary>
    public static string CaStatusOf(CertificateRecord record) => record.MinorStatus.Length == 0
        ? record.MajorStatus
        : $"{record.MajorStatus} ({record.MinorStatus})";

    /// <summary>The gateway's result of an enrollment answer. GENERATED only
    /// with a certificate; otherwise EXTERNALVALIDATION until a sync brings
    /// it.</summary>
    public static EnrollmentResult ToEnrollmentResult(EnrollResponse response)
    {
        var result = new EnrollmentResult
        {
            CARequestID = response.CaRequestId,
            Status = ToEndEntityStatus(response.Status),
            StatusMessage = response.StatusMessage,
            EnrollmentContext = EnrollmentContextOf(response),
        };
        if (result.Status == EndEntityStatus.Generated)
        {
            string pem = response.Certificate?.CertificatePem ?? "";
            if (pem.Length > 0)
            {
                result.Certificate = pem;
            }
            else
            {
                result.Status = EndEntityStatus.ExternalValidation;
                result.StatusMessage = response.StatusMessage +
                    "; the certificate was not returned yet and arrives with the next synchronization";
            }
        }
        return result;
    }

    /// <summary>A FAILED result carrying <paramref name="message"/>.</summary>
    public static EnrollmentResult FailedResult(string message) =>
        new() { Status = EndEntityStatus.Failed, StatusMessage = message };

    /// <summary>The order ids, the action taken and the DCV records, e.g.
    /// "dcv.www.example.com.cname_name" -> "_abc.www.example.com".</summary>
    public static Dictionary<string, string> EnrollmentContextOf(EnrollResponse response)
    {
        var context = new Dictionary<string, string>();
        void Put(string key, string value)
        {
            if (value.Length > 0)
            {
                context[key] = value;
            }
        }
        Put("action", EnumName(response.Action.ToString()));
        if (response.SslstoreOrderId != 0)
        {
            Put("sslstore_order_id", response.SslstoreOrderId.ToString(CultureInfo.InvariantCulture));
        }
        Put("partner_order_id", response.PartnerOrderId);
        Put("custom_order_id", response.CustomOrderId);
        Put("vendor_order_id", response.VendorOrderId);
        if (response.ValidityMonths > 0)
        {
            Put("validity_months", response.ValidityMonths.ToString(CultureInfo.InvariantCulture));
        }
        foreach (DcvRecord record in response.DcvRecords)
        {
            string prefix = $"dcv.{record.Domain}.";
            if (record.Method != DcvMethod.Unspecified)
            {
                Put(prefix + "method", EnumName(record.Method.ToString()));
            }
            Put(prefix + "status", record.Status);
            Put(prefix + "approver_email", record.ApproverEmail);
            Put(prefix + "cname_name", record.CnameName);
            Put(prefix + "cname_value", record.CnameValue);
            Put(prefix + "file_name", record.FileName);
            Put(prefix + "file_contents", record.FileContents);
            Put(prefix + "file_path", record.FilePath);
        }
        return context;
    }

    /// <summary>The gateway's form entry of a connector annotation.</summary>
    public static PropertyConfigInfo ToPropertyConfigInfo(Annotation annotation)
    {
        var info = new PropertyConfigInfo
        {
            Comments = annotation.Comments,
            Hidden = annotation.Hidden,
            Type = annotation.Type switch
            {
                AnnotationType.Secret => "Secret",
                AnnotationType.Number => "Number",
                AnnotationType.Boolean => "Boolean",
                _ => "String",
            },
        };
        Google.Protobuf.WellKnownTypes.Value? value = annotation.DefaultValue;
        info.DefaultValue = value?.KindCase switch
        {
            Google.Protobuf.WellKnownTypes.Value.KindOneofCase.StringValue => value.StringValue,
            Google.Protobuf.WellKnownTypes.Value.KindOneofCase.BoolValue => value.BoolValue,
            Google.Protobuf.WellKnownTypes.Value.KindOneofCase.NumberValue => IsWhole(value.NumberValue)
                ? (object)(long)value.NumberValue
                : value.NumberValue,
            _ => null,
        };
        return info;
    }

    /// <summary>The connector's RFC 5280 reason, or null when the number is
    /// not a CRLReason (0-6, 8-10).</summary>
    public static RevocationReason? ToRevocationReason(uint reason) =>
        reason <= 10 && reason != 7 ? (RevocationReason)reason : null;

    private static bool IsWhole(double number) =>
        double.IsFinite(number) && System.Math.Truncate(number) == number && System.Math.Abs(number) < 1e15;

    // "NewOrder" -> "new_order".
    private static string EnumName(string name)
    {
        var builder = new System.Text.StringBuilder();
        foreach (char c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
