#include "service/mapping/catalog_mapper.h"

#include <cstdlib>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;

v1::FieldType ToProto(catalog::FieldType type) {
  switch (type) {
    case catalog::FieldType::kString:
      return v1::FIELD_TYPE_STRING;
    case catalog::FieldType::kEmail:
      return v1::FIELD_TYPE_EMAIL;
    case catalog::FieldType::kEmailList:
      return v1::FIELD_TYPE_EMAIL_LIST;
    case catalog::FieldType::kCountry:
      return v1::FIELD_TYPE_COUNTRY;
    case catalog::FieldType::kInteger:
      return v1::FIELD_TYPE_INTEGER;
    case catalog::FieldType::kBoolean:
      return v1::FIELD_TYPE_BOOLEAN;
    case catalog::FieldType::kEnum:
      return v1::FIELD_TYPE_ENUM;
    case catalog::FieldType::kValidityDays:
      return v1::FIELD_TYPE_VALIDITY_DAYS;
    case catalog::FieldType::kOrganizationId:
      return v1::FIELD_TYPE_ORGANIZATION_ID;
  }
  return v1::FIELD_TYPE_UNSPECIFIED;
}

v1::AnnotationType ToProto(catalog::AnnotationType type) {
  switch (type) {
    case catalog::AnnotationType::kString:
      return v1::ANNOTATION_TYPE_STRING;
    case catalog::AnnotationType::kSecret:
      return v1::ANNOTATION_TYPE_SECRET;
    case catalog::AnnotationType::kNumber:
      return v1::ANNOTATION_TYPE_NUMBER;
    case catalog::AnnotationType::kBoolean:
      return v1::ANNOTATION_TYPE_BOOLEAN;
  }
  return v1::ANNOTATION_TYPE_UNSPECIFIED;
}

void ToProto(const catalog::FieldRequirement& requirement,
             v1::EnrollmentField* out) {
  const catalog::FieldSpec& field = *requirement.field;
  out->set_name(field.name);
  out->set_description(field.description);
  out->set_type(ToProto(field.type));
  out->set_required(requirement.required);
  for (const std::string& name : requirement.required_unless_true) {
    out->add_required_unless_true(name);
  }
  for (const std::string& option : field.options) out->add_options(option);
  if (field.default_value.has_value()) {
    out->set_default_value(*field.default_value);
  }
  if (field.min_value.has_value()) out->set_min_value(*field.min_value);
  if (field.max_value.has_value()) out->set_max_value(*field.max_value);
  out->set_wbapi_target(field.wbapi_target);
}

}  // namespace

int CanonicalValidityDays(int months) {
  return months % 12 == 0 ? months / 12 * 365 : months * 30;
}

void ToProto(const catalog::Product& product, v1::Product* out) {
  out->set_code(product.code);
  out->set_api_code(product.api_code);
  out->set_name(product.name);
  out->set_vendor(product.vendor);
  out->set_validation_type(product.validation_type);
  out->set_field_set(product.field_set_id);
  out->set_wildcard(product.wildcard);
  out->set_multi_domain(product.multi_domain);
  out->set_enterprise_organization(product.enterprise_organization);
  for (int months : product.validity_months) {
    out->add_validity_months(months);
    out->add_validity_days(CanonicalValidityDays(months));
  }
  if (product.max_sans.has_value()) out->set_max_sans(*product.max_sans);
  for (const catalog::FieldRequirement& requirement : product.fields) {
    ToProto(requirement, out->add_fields());
  }
  out->set_note(product.source_note);
}

void ToProto(const catalog::Annotation& annotation, v1::Annotation* out) {
  out->set_comments(annotation.comments);
  out->set_hidden(annotation.hidden);
  out->set_type(ToProto(annotation.type));
  if (!annotation.default_value.has_value()) return;
  const std::string& text = *annotation.default_value;
  google::protobuf::Value* value = out->mutable_default_value();
  double number = 0;
  if (annotation.type == catalog::AnnotationType::kNumber &&
      absl::SimpleAtod(text, &number)) {
    value->set_number_value(number);
  } else if (annotation.type == catalog::AnnotationType::kBoolean &&
             (absl::EqualsIgnoreCase(text, "true") ||
              absl::EqualsIgnoreCase(text, "false"))) {
    value->set_bool_value(absl::EqualsIgnoreCase(text, "true"));
  } else {
    value->set_string_value(text);
  }
}

}  // namespace sslstore::service
