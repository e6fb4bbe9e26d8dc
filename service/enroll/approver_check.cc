#include "service/enroll/approver_check.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace sslstore::service::enroll {
namespace {

constexpr char kField[] = "parameters[Approver Email]";

std::set<std::string> LowerSet(const std::vector<std::string>& values) {
  std::set<std::string> lowered;
  for (const std::string& value : values) {
    lowered.insert(absl::AsciiStrToLower(value));
  }
  return lowered;
}

const std::vector<std::string>& ListOf(
    const std::map<std::string, std::vector<std::string>>& lists,
    const std::string& domain) {
  static const std::vector<std::string>* const kEmpty =
      new std::vector<std::string>();
  auto found = lists.find(ApproverDomain(domain));
  return found == lists.end() ? *kEmpty : found->second;
}

}  // namespace

std::string ApproverDomain(const std::string& name) {
  return absl::AsciiStrToLower(absl::StartsWith(name, "*.") ? name.substr(2)
                                                            : name);
}

std::vector<catalog::FieldViolation> CheckApproverEmails(
    bool digicert, const std::vector<std::string>& domains,
    const std::vector<std::string>& supplied,
    const std::map<std::string, std::vector<std::string>>& lists) {
  std::vector<catalog::FieldViolation> problems;
  if (domains.empty()) return problems;
  const std::set<std::string> emails = LowerSet(supplied);
  if (digicert) {
    if (supplied.size() != 1) {
      problems.push_back(
          {kField, absl::StrCat("DigiCert products take exactly one approver "
                                "email; ",
                                supplied.size(), " given")});
      return problems;
    }
    const std::set<std::string> allowed = LowerSet(ListOf(lists, domains[0]));
    if (allowed.count(*emails.begin()) == 0) {
      problems.push_back(
          {kField,
           absl::StrCat("\"", supplied[0], "\" is not an approver for ",
                        domains[0], "; SSL Store accepts: ",
                        absl::StrJoin(ListOf(lists, domains[0]), ", "))});
    }
    return problems;
  }
  for (const std::string& domain : domains) {
    const std::set<std::string> allowed = LowerSet(ListOf(lists, domain));
    bool covered = false;
    for (const std::string& email : emails) {
      covered = covered || allowed.count(email) > 0;
    }
    if (!covered) {
      problems.push_back(
          {kField, absl::StrCat("no supplied email is an approver for ", domain,
                                "; SSL Store accepts: ",
                                absl::StrJoin(ListOf(lists, domain), ", "))});
    }
  }
  return problems;
}

}  // namespace sslstore::service::enroll
