#include "catalog/catalog.h"

#include <cstdlib>

#include "absl/strings/match.h"
#include "catalog/internal/catalog_data.h"
#include "catalog/internal/loaders.h"

namespace sslstore::catalog {
namespace {

bool MatchesFilter(absl::string_view value, absl::string_view filter) {
  return filter.empty() || absl::EqualsIgnoreCase(value, filter);
}

AnnotationType TemplateAnnotationType(FieldType type) {
  switch (type) {
    case FieldType::kBoolean:
      return AnnotationType::kBoolean;
    case FieldType::kInteger:
    case FieldType::kValidityDays:
      return AnnotationType::kNumber;
    default:
      return AnnotationType::kString;
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<Catalog>> Catalog::LoadFromDirectory(
    const std::string& data_dir) {
  absl::StatusOr<std::unique_ptr<CatalogData>> data =
      internal::LoadCatalogData(data_dir);
  if (!data.ok()) return data.status();
  return std::unique_ptr<Catalog>(new Catalog(std::move(*data)));
}

absl::StatusOr<std::unique_ptr<Catalog>> Catalog::LoadFromTexts(
    std::vector<CatalogFileText> files) {
  absl::StatusOr<std::unique_ptr<CatalogData>> data =
      internal::LoadCatalogDataFromTexts(std::move(files));
  if (!data.ok()) return data.status();
  return std::unique_ptr<Catalog>(new Catalog(std::move(*data)));
}

Catalog::Catalog(std::unique_ptr<CatalogData> data) : data_(std::move(data)) {}

Catalog::~Catalog() = default;

std::vector<const Product*> Catalog::ListProducts(
    absl::string_view vendor_filter,
    absl::string_view validation_type_filter) const {
  std::vector<const Product*> result;
  for (const auto& [code, product] : data_->products) {
    if (MatchesFilter(product.vendor, vendor_filter) &&
        MatchesFilter(product.validation_type, validation_type_filter)) {
      result.push_back(&product);
    }
  }
  return result;
}

const Product* Catalog::FindProduct(absl::string_view code) const {
  auto it = data_->products.find(std::string(code));
  return it == data_->products.end() ? nullptr : &it->second;
}

size_t Catalog::ProductCount() const { return data_->products.size(); }

std::vector<Annotation> Catalog::ConnectorAnnotations() const {
  return data_->connection_annotations;
}

std::vector<Annotation> Catalog::TemplateParameterAnnotations() const {
  std::vector<Annotation> annotations;
  for (const std::unique_ptr<FieldSpec>& field : data_->fields) {
    Annotation annotation;
    annotation.key = field->name;
    annotation.comments = field->description;
    annotation.default_value = field->default_value;
    annotation.type = TemplateAnnotationType(field->type);
    annotations.push_back(std::move(annotation));
  }
  return annotations;
}

std::vector<const FieldSpec*> Catalog::Fields() const {
  std::vector<const FieldSpec*> fields;
  for (const std::unique_ptr<FieldSpec>& field : data_->fields) {
    fields.push_back(field.get());
  }
  return fields;
}

const FieldSpec* Catalog::FindField(absl::string_view name) const {
  auto exact = data_->fields_by_name.find(std::string(name));
  if (exact != data_->fields_by_name.end()) return exact->second;
  for (const std::unique_ptr<FieldSpec>& field : data_->fields) {
    if (absl::EqualsIgnoreCase(field->name, name)) return field.get();
  }
  return nullptr;
}

std::vector<FieldViolation> Catalog::ValidateParameters(
    const Product& product,
    const std::map<std::string, std::string>& parameters) const {
  return ValidateProductParameters(product, parameters);
}

std::map<std::string, std::string> Catalog::NormalizedParameters(
    const Product& product,
    const std::map<std::string, std::string>& parameters) const {
  return NormalizeProductParameters(product, parameters);
}

}  // namespace sslstore::catalog
