#ifndef SERVICE_ENROLL_APPROVER_CHECK_H_
#define SERVICE_ENROLL_APPROVER_CHECK_H_

#include <map>
#include <string>
#include <vector>

#include "catalog/parameter_validation.h"

namespace sslstore::service::enroll {

// The approver-email rules of email DCV, given each domain's list from SSL
// Store (`lists`, keyed by domain as in `domains`):
// - DigiCert (`digicert` true): exactly one email, and it is in the list of
//   the common name (`domains[0]`).
// - Sectigo/Comodo: for each domain at least one supplied email is in that
//   domain's list.
// Emails compare case-insensitively. Returns one violation per problem, on
// the "parameters[Approver Email]" field.
std::vector<catalog::FieldViolation> CheckApproverEmails(
    bool digicert, const std::vector<std::string>& domains,
    const std::vector<std::string>& supplied,
    const std::map<std::string, std::vector<std::string>>& lists);

// The domain whose approver list applies to `name`: the name without a
// leading "*.".
std::string ApproverDomain(const std::string& name);

}  // namespace sslstore::service::enroll

#endif  // SERVICE_ENROLL_APPROVER_CHECK_H_
