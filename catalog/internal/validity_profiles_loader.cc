#include "absl/strings/str_cat.h"
#include "catalog/internal/json_fields.h"
#include "catalog/internal/loaders.h"

namespace sslstore::catalog::internal {

absl::Status LoadValidityProfiles(const DataFile& file, CatalogData* data) {
  EntryContext top(file.path, "top level");
  absl::Status members = CheckMembers(
      file.document, {"kind", "description", "validity_profiles"}, top);
  if (!members.ok()) return members;
  absl::StatusOr<const rapidjson::Value*> profiles =
      RequiredArray(file.document, "validity_profiles", top);
  if (!profiles.ok()) return profiles.status();
  for (rapidjson::SizeType i = 0; i < (*profiles)->Size(); ++i) {
    const rapidjson::Value& entry = (**profiles)[i];
    EntryContext context(
        file.path,
        EntryLabel((**profiles)[i], absl::StrCat("validity_profiles[", i, "]"),
                   "id"));
    members = CheckMembers(entry, {"id", "months", "reason", "source", "note"},
                           context);
    if (!members.ok()) return members;
    absl::StatusOr<std::string> id = RequiredString(entry, "id", context);
    if (!id.ok()) return id.status();
    const EntryContext& named = context;
    if (data->validity_profiles.count(*id) > 0) {
      return named.Error(
          absl::StrCat("duplicate validity profile id \"", *id, "\""));
    }
    ValidityProfile profile;
    profile.id = *id;
    absl::StatusOr<std::vector<int>> months =
        MonthArray(entry, "months", named);
    if (!months.ok()) return months.status();
    profile.months = std::move(*months);
    absl::StatusOr<std::string> reason = RequiredString(entry, "reason", named);
    if (!reason.ok()) return reason.status();
    profile.reason = *reason;
    data->validity_profiles.emplace(*id, std::move(profile));
  }
  return absl::OkStatus();
}

}  // namespace sslstore::catalog::internal
