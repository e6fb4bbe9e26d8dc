#include "service/server/request_limits.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "catalog/parameter_validation.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"
#include "service/server/error_reason.h"
#include "service/server/grpc_status.h"

namespace sslstore::service {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Map keys used in a path are cut to this many bytes.
constexpr size_t kMaxKeyInPath = 64;

class LimitChecker {
 public:
  explicit LimitChecker(const LimitsConfig& limits) : limits_(limits) {}

  void CheckMessage(const Message& message, const std::string& path) {
    const Reflection* reflection = message.GetReflection();
    std::vector<const FieldDescriptor*> fields;
    reflection->ListFields(message, &fields);
    for (const FieldDescriptor* field : fields) {
      const std::string field_path =
          path.empty() ? field->name() : absl::StrCat(path, ".", field->name());
      if (field->is_repeated()) {
        CheckRepeated(message, *field, field_path);
      } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        std::string scratch;
        const std::string& value =
            reflection->GetStringReference(message, field, &scratch);
        CheckString(*field, value.size(), field_path);
      } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        CheckMessage(reflection->GetMessage(message, field), field_path);
      }
    }
  }

  std::vector<catalog::FieldViolation> TakeViolations() {
    return std::move(violations_);
  }

 private:
  void CheckRepeated(const Message& message, const FieldDescriptor& field,
                     const std::string& path) {
    const Reflection* reflection = message.GetReflection();
    const int size = reflection->FieldSize(message, &field);
    if (size > limits_.max_repeated_entries) {
      violations_.push_back(
          {path, absl::StrCat("has ", size, " entries; at most ",
                              limits_.max_repeated_entries, " are accepted")});
      return;
    }
    for (int i = 0; i < size; ++i) {
      if (field.cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
        std::string scratch;
        const std::string& value = reflection->GetRepeatedStringReference(
            message, &field, i, &scratch);
        CheckString(field, value.size(), absl::StrCat(path, "[", i, "]"));
      } else if (field.is_map()) {
        CheckMapEntry(reflection->GetRepeatedMessage(message, &field, i), path);
      } else if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        CheckMessage(reflection->GetRepeatedMessage(message, &field, i),
                     absl::StrCat(path, "[", i, "]"));
      }
    }
  }

  // A map entry is named by its key: "parameters[\"Name\"]".
  void CheckMapEntry(const Message& entry, const std::string& path) {
    const Reflection* reflection = entry.GetReflection();
    const FieldDescriptor* key = entry.GetDescriptor()->map_key();
    const FieldDescriptor* value = entry.GetDescriptor()->map_value();
    std::string entry_path = absl::StrCat(path, "[]");
    if (key->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      std::string text = reflection->GetString(entry, key);
      CheckString(*key, text.size(), absl::StrCat(path, " key"));
      if (text.size() > kMaxKeyInPath) text.resize(kMaxKeyInPath);
      entry_path = absl::StrCat(path, "[\"", text, "\"]");
    }
    if (value->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      std::string scratch;
      CheckString(*value,
                  reflection->GetStringReference(entry, value, &scratch).size(),
                  entry_path);
    } else if (value->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      CheckMessage(reflection->GetMessage(entry, value), entry_path);
    }
  }

  void CheckString(const FieldDescriptor& field, size_t size,
                   const std::string& path) {
    const size_t limit =
        static_cast<size_t>(field.name() == "csr" ? limits_.max_csr_bytes
                                                  : limits_.max_field_bytes);
    if (size > limit) {
      violations_.push_back(
          {path, absl::StrCat("is ", size, " bytes long; at most ", limit,
                              " bytes are accepted")});
    }
  }

  const LimitsConfig& limits_;
  std::vector<catalog::FieldViolation> violations_;
};

}  // namespace

absl::Status CheckRequestLimits(const google::protobuf::Message& request,
                                const LimitsConfig& limits) {
  LimitChecker checker(limits);
  checker.CheckMessage(request, "");
  std::vector<catalog::FieldViolation> violations = checker.TakeViolations();
  if (violations.empty()) return absl::OkStatus();
  return WithReason(
      InvalidArgumentStatus("the request exceeds the connector's limits",
                            violations),
      sslstore::connector::v1::LIMIT_EXCEEDED);
}

}  // namespace sslstore::service
