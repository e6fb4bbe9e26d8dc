#include "service/observability/message_scrub.h"

#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "google/protobuf/any.pb.h"
#include "google/protobuf/descriptor.h"
#include "google/rpc/status.pb.h"
#include "service/observability/redactor.h"

namespace sslstore::service::observability {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// Nested messages deeper than this are left alone (requests are shallow).
constexpr int kMaxDepth = 16;

std::vector<const FieldDescriptor*> SetFields(const Message& message) {
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  return fields;
}

void Collect(const Message& message, int depth, std::vector<std::string>* out) {
  if (depth > kMaxDepth) return;
  const Reflection* reflection = message.GetReflection();
  for (const FieldDescriptor* field : SetFields(message)) {
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING &&
        IsSecretFieldName(field->name())) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          std::string value = reflection->GetRepeatedString(message, field, i);
          if (!value.empty()) out->push_back(std::move(value));
        }
      } else {
        std::string value = reflection->GetString(message, field);
        if (!value.empty()) out->push_back(std::move(value));
      }
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
          Collect(reflection->GetRepeatedMessage(message, field, i), depth + 1,
                  out);
        }
      } else {
        Collect(reflection->GetMessage(message, field), depth + 1, out);
      }
    }
  }
}

// Applies `rewrite` to every string field (only secret ones when
// `secrets_only`); true when something changed.
bool Rewrite(Message* message, int depth, bool secrets_only,
             const StringScrubber& rewrite) {
  if (depth > kMaxDepth) return false;
  bool changed = false;
  const Reflection* reflection = message->GetReflection();
  for (const FieldDescriptor* field : SetFields(*message)) {
    if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
      if (secrets_only && !IsSecretFieldName(field->name())) continue;
      if (field->type() == FieldDescriptor::TYPE_BYTES && !secrets_only) {
        continue;  // certificates and the like: binary, never a message
      }
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(*message, field); ++i) {
          const std::string value =
              reflection->GetRepeatedString(*message, field, i);
          std::string rewritten = rewrite(value);
          if (rewritten != value) {
            reflection->SetRepeatedString(message, field, i,
                                          std::move(rewritten));
            changed = true;
          }
        }
      } else {
        const std::string value = reflection->GetString(*message, field);
        std::string rewritten = rewrite(value);
        if (rewritten != value) {
          reflection->SetString(message, field, std::move(rewritten));
          changed = true;
        }
      }
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (field->is_repeated()) {
        for (int i = 0; i < reflection->FieldSize(*message, field); ++i) {
          changed |=
              Rewrite(reflection->MutableRepeatedMessage(message, field, i),
                      depth + 1, secrets_only, rewrite);
        }
      } else {
        changed |= Rewrite(reflection->MutableMessage(message, field),
                           depth + 1, secrets_only, rewrite);
      }
    }
  }
  return changed;
}

// Scrubs the strings inside one packed detail; false when its type is
// unknown or nothing changed.
bool ScrubAny(google::protobuf::Any* any, const StringScrubber& scrub) {
  const absl::string_view type_url = any->type_url();
  const size_t slash = type_url.rfind('/');
  const std::string type_name(
      slash == absl::string_view::npos ? type_url : type_url.substr(slash + 1));
  const google::protobuf::Descriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
          type_name);
  if (descriptor == nullptr) return false;
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(
          descriptor);
  if (prototype == nullptr) return false;
  std::unique_ptr<Message> detail(prototype->New());
  if (!detail->ParseFromString(any->value())) return false;
  if (!ScrubStringFields(detail.get(), scrub)) return false;
  any->set_value(detail->SerializeAsString());
  return true;
}

}  // namespace

bool IsSecretFieldName(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(name);
  return lower == "auth_token" || lower == "authtoken" ||
         absl::StrContains(lower, "password") ||
         absl::StrContains(lower, "secret");
}

void CollectSecretFields(const Message& message,
                         std::vector<std::string>* out) {
  Collect(message, 0, out);
}

void BlankSecretFields(Message* message) {
  Rewrite(message, 0, /*secrets_only=*/true, [](absl::string_view value) {
    return value.empty() ? std::string() : std::string(kRedacted);
  });
}

bool ScrubStringFields(Message* message, const StringScrubber& scrub) {
  return Rewrite(message, 0, /*secrets_only=*/false, scrub);
}

std::string ScrubStatusDetails(const std::string& details,
                               const StringScrubber& scrub) {
  google::rpc::Status status;
  if (details.empty() || !status.ParseFromString(details)) return details;
  bool changed = false;
  std::string message = scrub(status.message());
  if (message != status.message()) {
    status.set_message(std::move(message));
    changed = true;
  }
  for (google::protobuf::Any& any : *status.mutable_details()) {
    changed |= ScrubAny(&any, scrub);
  }
  return changed ? status.SerializeAsString() : details;
}

}  // namespace sslstore::service::observability
