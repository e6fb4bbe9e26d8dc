#include "tools/gateway-cli/catalog_output.h"

#include <cmath>
#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"

namespace sslstore::gateway::cli {
namespace {

namespace v1 = sslstore::connector::v1;

// "  Name [type, required, default \"x\"]: description\n".
std::string FieldLine(const v1::EnrollmentField& field) {
  std::string type = v1::FieldType_Name(field.type());
  absl::string_view short_type = type;
  absl::ConsumePrefix(&short_type, "FIELD_TYPE_");
  std::string line = absl::StrCat(
      "  ", field.name(), " [", absl::AsciiStrToLower(short_type),
      field.required() ? ", required" : "",
      field.has_default_value()
          ? absl::StrCat(", default \"", field.default_value(), "\"")
          : "",
      "]");
  if (!field.description().empty()) {
    absl::StrAppend(&line, ": ", field.description());
  }
  return absl::StrCat(line, "\n");
}

const char* TypeName(v1::AnnotationType type) {
  switch (type) {
    case v1::ANNOTATION_TYPE_SECRET:
      return "Secret";
    case v1::ANNOTATION_TYPE_NUMBER:
      return "Number";
    case v1::ANNOTATION_TYPE_BOOLEAN:
      return "Boolean";
    default:
      return "String";
  }
}

// A default value as shown: "\"text\"", true/false, a whole number when the
// number is one, or none.
std::string ValueText(const google::protobuf::Value& value) {
  switch (value.kind_case()) {
    case google::protobuf::Value::kStringValue:
      return absl::StrCat("\"", value.string_value(), "\"");
    case google::protobuf::Value::kBoolValue:
      return value.bool_value() ? "true" : "false";
    case google::protobuf::Value::kNumberValue: {
      const double number = value.number_value();
      if (std::isfinite(number) && std::trunc(number) == number &&
          std::fabs(number) < 1e15) {
        return std::to_string(static_cast<int64_t>(number));
      }
      return std::to_string(number);
    }
    default:
      return "none";
  }
}

}  // namespace

std::string ProductLine(const v1::Product& product) {
  return absl::StrCat(product.code(), "\t", product.validation_type(), "\t",
                      product.vendor(), "\t", product.name());
}

std::string ProductText(const v1::Product& product) {
  std::string text = absl::StrCat(
      "code: ", product.code(), "\nname: ", product.name(),
      "\nvendor: ", product.vendor(),
      "\nvalidation: ", product.validation_type(),
      "\nordered as: ", product.api_code(),
      "\nwildcard: ", product.wildcard() ? "yes" : "no",
      "\nmulti-domain: ", product.multi_domain() ? "yes" : "no",
      "\nvalidity (days): ", absl::StrJoin(product.validity_days(), ", "),
      "\n");
  if (product.has_max_sans()) {
    absl::StrAppend(&text, "max domains: ", product.max_sans(), "\n");
  }
  if (!product.note().empty()) {
    absl::StrAppend(&text, "note: ", product.note(), "\n");
  }
  absl::StrAppend(&text, "fields:\n");
  for (const v1::EnrollmentField& field : product.fields()) {
    absl::StrAppend(&text, FieldLine(field));
  }
  return text;
}

std::string AnnotationLine(const std::string& name,
                           const v1::Annotation& info) {
  return absl::StrCat(name, " (", TypeName(info.type()), ", default ",
                      ValueText(info.default_value()),
                      info.hidden() ? ", hidden" : "", "): ", info.comments());
}

}  // namespace sslstore::gateway::cli
