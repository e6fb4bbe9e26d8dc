#include "absl/strings/str_cat.h"
#include "catalog/internal/json_fields.h"
#include "catalog/internal/loaders.h"

namespace sslstore::catalog::internal {

absl::Status LoadValidityProfiles(const DataFile& file, CatalogData* data) {
  return ForEachEntry(
      file.document, file.path, "validity_profiles", "id",
      [data](const rapidjson::Value& entry, const EntryContext& context) {
        absl::Status members = CheckMembers(
            entry, {"id", "months", "reason", "source", "note"}, context);
        if (!members.ok()) return members;
        absl::StatusOr<std::string> id = RequiredString(entry, "id", context);
        if (!id.ok()) return id.status();
        if (data->validity_profiles.count(*id) > 0) {
          return context.Error(
              absl::StrCat("duplicate validity profile id \"", *id, "\""));
        }
        ValidityProfile profile;
        profile.id = *id;
        absl::StatusOr<std::vector<int>> months =
            MonthArray(entry, "months", context);
        if (!months.ok()) return months.status();
        profile.months = std::move(*months);
        absl::StatusOr<std::string> reason =
            RequiredString(entry, "reason", context);
        if (!reason.ok()) return reason.status();
        profile.reason = *reason;
        data->validity_profiles.emplace(*id, std::move(profile));
        return absl::OkStatus();
      });
}

}  // namespace sslstore::catalog::internal
