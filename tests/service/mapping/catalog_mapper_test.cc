// service/mapping/catalog_mapper: catalog products and annotations as the
// API's Product and Annotation messages, and canonical validity days.
#include "service/mapping/catalog_mapper.h"

#include "gtest/gtest.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;

TEST(CatalogMapperTest, CanonicalValidityDaysFollowsTheSeedTable) {
  EXPECT_EQ(CanonicalValidityDays(3), 90);
  EXPECT_EQ(CanonicalValidityDays(6), 180);
  EXPECT_EQ(CanonicalValidityDays(12), 365);
  EXPECT_EQ(CanonicalValidityDays(24), 730);
  EXPECT_EQ(CanonicalValidityDays(36), 1095);
  // Extended the same way.
  EXPECT_EQ(CanonicalValidityDays(1), 30);
  EXPECT_EQ(CanonicalValidityDays(18), 540);
  EXPECT_EQ(CanonicalValidityDays(60), 1825);
}

TEST(CatalogMapperTest, ProductFieldsAreCopied) {
  catalog::FieldSpec email;
  email.name = "Admin Contact - Email";
  email.description = "Administrator email";
  email.type = catalog::FieldType::kEmail;
  email.wbapi_target = "AdminContact.Email";
  catalog::FieldSpec count;
  count.name = "Server Count";
  count.type = catalog::FieldType::kInteger;
  count.default_value = "1";
  count.min_value = 1;
  count.max_value = 500;
  catalog::FieldSpec method;
  method.name = "Approver Method";
  method.type = catalog::FieldType::kEnum;
  method.options = {"EMAIL", "CNAME"};

  catalog::Product product;
  product.code = "digi_ssl_basic-EO";
  product.api_code = "digi_ssl_basic";
  product.name = "DigiCert Basic SSL";
  product.vendor = "DigiCert";
  product.validation_type = "OV";
  product.field_set_id = "digicert_ov";
  product.source_note = "seed table";
  product.wildcard = true;
  product.multi_domain = false;
  product.enterprise_organization = true;
  product.validity_months = {12, 24};
  product.max_sans = 5;
  product.fields.push_back({&email, true, {"CName Auth Domain Validation"}});
  product.fields.push_back({&count, false, {}});
  product.fields.push_back({&method, false, {}});

  v1::Product out;
  ToProto(product, &out);
  EXPECT_EQ(out.code(), "digi_ssl_basic-EO");
  EXPECT_EQ(out.api_code(), "digi_ssl_basic");
  EXPECT_EQ(out.name(), "DigiCert Basic SSL");
  EXPECT_EQ(out.vendor(), "DigiCert");
  EXPECT_EQ(out.validation_type(), "OV");
  EXPECT_EQ(out.field_set(), "digicert_ov");
  EXPECT_EQ(out.note(), "seed table");
  EXPECT_TRUE(out.wildcard());
  EXPECT_FALSE(out.multi_domain());
  EXPECT_TRUE(out.enterprise_organization());
  ASSERT_EQ(out.validity_months_size(), 2);
  EXPECT_EQ(out.validity_months(0), 12);
  EXPECT_EQ(out.validity_months(1), 24);
  ASSERT_EQ(out.validity_days_size(), 2);
  EXPECT_EQ(out.validity_days(0), 365);
  EXPECT_EQ(out.validity_days(1), 730);
  ASSERT_TRUE(out.has_max_sans());
  EXPECT_EQ(out.max_sans(), 5);

  ASSERT_EQ(out.fields_size(), 3);
  const v1::EnrollmentField& f0 = out.fields(0);
  EXPECT_EQ(f0.name(), "Admin Contact - Email");
  EXPECT_EQ(f0.description(), "Administrator email");
  EXPECT_EQ(f0.type(), v1::FIELD_TYPE_EMAIL);
  EXPECT_TRUE(f0.required());
  ASSERT_EQ(f0.required_unless_true_size(), 1);
  EXPECT_EQ(f0.required_unless_true(0), "CName Auth Domain Validation");
  EXPECT_EQ(f0.wbapi_target(), "AdminContact.Email");
  EXPECT_FALSE(f0.has_default_value());
  EXPECT_FALSE(f0.has_min_value());

  const v1::EnrollmentField& f1 = out.fields(1);
  EXPECT_EQ(f1.type(), v1::FIELD_TYPE_INTEGER);
  EXPECT_FALSE(f1.required());
  ASSERT_TRUE(f1.has_default_value());
  EXPECT_EQ(f1.default_value(), "1");
  EXPECT_EQ(f1.min_value(), 1);
  EXPECT_EQ(f1.max_value(), 500);

  const v1::EnrollmentField& f2 = out.fields(2);
  EXPECT_EQ(f2.type(), v1::FIELD_TYPE_ENUM);
  ASSERT_EQ(f2.options_size(), 2);
  EXPECT_EQ(f2.options(0), "EMAIL");
  EXPECT_EQ(f2.options(1), "CNAME");
}

TEST(CatalogMapperTest, ProductWithoutMaxSansLeavesItUnset) {
  catalog::Product product;
  product.code = "x";
  v1::Product out;
  ToProto(product, &out);
  EXPECT_FALSE(out.has_max_sans());
  EXPECT_EQ(out.validity_days_size(), 0);
  EXPECT_EQ(out.fields_size(), 0);
}

TEST(CatalogMapperTest, EveryFieldTypeMapsToItsApiType) {
  const std::pair<catalog::FieldType, v1::FieldType> cases[] = {
      {catalog::FieldType::kString, v1::FIELD_TYPE_STRING},
      {catalog::FieldType::kEmail, v1::FIELD_TYPE_EMAIL},
      {catalog::FieldType::kEmailList, v1::FIELD_TYPE_EMAIL_LIST},
      {catalog::FieldType::kCountry, v1::FIELD_TYPE_COUNTRY},
      {catalog::FieldType::kInteger, v1::FIELD_TYPE_INTEGER},
      {catalog::FieldType::kBoolean, v1::FIELD_TYPE_BOOLEAN},
      {catalog::FieldType::kEnum, v1::FIELD_TYPE_ENUM},
      {catalog::FieldType::kValidityDays, v1::FIELD_TYPE_VALIDITY_DAYS},
      {catalog::FieldType::kOrganizationId, v1::FIELD_TYPE_ORGANIZATION_ID},
  };
  for (const auto& [type, expected] : cases) {
    catalog::FieldSpec spec;
    spec.type = type;
    catalog::Product product;
    product.fields.push_back({&spec, false, {}});
    v1::Product out;
    ToProto(product, &out);
    ASSERT_EQ(out.fields_size(), 1);
    EXPECT_EQ(out.fields(0).type(), expected) << catalog::FieldTypeName(type);
  }
}

TEST(CatalogMapperTest, AnnotationNumberDefaultBecomesANumber) {
  catalog::Annotation annotation;
  annotation.comments = "Timeout in seconds";
  annotation.type = catalog::AnnotationType::kNumber;
  annotation.default_value = "30.5";
  v1::Annotation out;
  ToProto(annotation, &out);
  EXPECT_EQ(out.comments(), "Timeout in seconds");
  EXPECT_FALSE(out.hidden());
  EXPECT_EQ(out.type(), v1::ANNOTATION_TYPE_NUMBER);
  ASSERT_TRUE(out.has_default_value());
  ASSERT_TRUE(out.default_value().has_number_value());
  EXPECT_DOUBLE_EQ(out.default_value().number_value(), 30.5);
}

TEST(CatalogMapperTest, AnnotationBooleanDefaultBecomesABool) {
  catalog::Annotation annotation;
  annotation.type = catalog::AnnotationType::kBoolean;
  annotation.default_value = "True";
  v1::Annotation out;
  ToProto(annotation, &out);
  EXPECT_EQ(out.type(), v1::ANNOTATION_TYPE_BOOLEAN);
  ASSERT_TRUE(out.default_value().has_bool_value());
  EXPECT_TRUE(out.default_value().bool_value());

  annotation.default_value = "FALSE";
  v1::Annotation out_false;
  ToProto(annotation, &out_false);
  ASSERT_TRUE(out_false.default_value().has_bool_value());
  EXPECT_FALSE(out_false.default_value().bool_value());
}

TEST(CatalogMapperTest, AnnotationUnparsableDefaultStaysAString) {
  catalog::Annotation number;
  number.type = catalog::AnnotationType::kNumber;
  number.default_value = "abc";
  v1::Annotation out;
  ToProto(number, &out);
  ASSERT_TRUE(out.default_value().has_string_value());
  EXPECT_EQ(out.default_value().string_value(), "abc");

  catalog::Annotation flag;
  flag.type = catalog::AnnotationType::kBoolean;
  flag.default_value = "yes";
  v1::Annotation out_flag;
  ToProto(flag, &out_flag);
  ASSERT_TRUE(out_flag.default_value().has_string_value());
  EXPECT_EQ(out_flag.default_value().string_value(), "yes");
}

TEST(CatalogMapperTest, AnnotationSecretWithoutDefault) {
  catalog::Annotation secret;
  secret.type = catalog::AnnotationType::kSecret;
  secret.hidden = true;
  v1::Annotation out;
  ToProto(secret, &out);
  EXPECT_EQ(out.type(), v1::ANNOTATION_TYPE_SECRET);
  EXPECT_TRUE(out.hidden());
  EXPECT_FALSE(out.has_default_value());
}

TEST(CatalogMapperTest, AnnotationStringDefaultStaysAString) {
  catalog::Annotation text;
  text.type = catalog::AnnotationType::kString;
  text.default_value = "42";
  v1::Annotation out;
  ToProto(text, &out);
  EXPECT_EQ(out.type(), v1::ANNOTATION_TYPE_STRING);
  ASSERT_TRUE(out.default_value().has_string_value());
  EXPECT_EQ(out.default_value().string_value(), "42");
}

}  // namespace
}  // namespace sslstore::service
