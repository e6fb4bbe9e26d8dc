#include "service/x509/pem_text.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "service/x509/base64.h"

namespace sslstore::service::x509 {
namespace {

constexpr absl::string_view kBegin = "-----BEGIN ";
constexpr absl::string_view kDashes = "-----";
constexpr size_t kMaxLabelLength = 64;

bool IsLabelChar(char c) {
  return absl::ascii_isupper(c) || absl::ascii_isdigit(c) || c == ' ' ||
         c == '-' || c == '_';
}

// The base64 body of a PEM block without its RFC 1421 header lines.
std::string BodyWithoutHeaders(absl::string_view body) {
  std::string out;
  out.reserve(body.size());
  for (absl::string_view line : absl::StrSplit(body, '\n')) {
    if (absl::StrContains(line, ':')) continue;  // "Proc-Type: 4,ENCRYPTED"
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<DerBlock>> ExtractDerBlocks(absl::string_view text,
                                                       size_t max_blocks) {
  if (text.size() > kMaxPemTextBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("text of ", text.size(), " bytes; at most ",
                     kMaxPemTextBytes, " accepted"));
  }
  std::vector<DerBlock> blocks;
  if (absl::StripAsciiWhitespace(text).empty()) return blocks;

  size_t pos = text.find(kBegin);
  if (pos == absl::string_view::npos) {
    std::optional<std::string> der = DecodeBase64(text);
    if (!der.has_value()) {
      return absl::InvalidArgumentError("not PEM or base64 DER");
    }
    blocks.push_back(DerBlock{"", *std::move(der)});
    return blocks;
  }
  while (pos != absl::string_view::npos) {
    const size_t label_start = pos + kBegin.size();
    const size_t label_end = text.find(kDashes, label_start);
    if (label_end == absl::string_view::npos ||
        label_end - label_start > kMaxLabelLength) {
      return absl::InvalidArgumentError("malformed PEM BEGIN line");
    }
    const absl::string_view label =
        text.substr(label_start, label_end - label_start);
    for (char c : label) {
      if (!IsLabelChar(c)) {
        return absl::InvalidArgumentError("malformed PEM BEGIN line");
      }
    }
    const std::string end_line = absl::StrCat("-----END ", label, kDashes);
    const size_t body_start = label_end + kDashes.size();
    const size_t end_pos = text.find(end_line, body_start);
    if (end_pos == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("PEM block \"", label, "\" has no END line"));
    }
    if (blocks.size() >= max_blocks) {
      return absl::InvalidArgumentError(
          absl::StrCat("more than ", max_blocks, " PEM blocks; not accepted"));
    }
    const absl::string_view raw_body =
        text.substr(body_start, end_pos - body_start);
    std::optional<std::string> der =
        absl::StrContains(raw_body, ':')
            ? DecodeBase64(BodyWithoutHeaders(raw_body))
            : DecodeBase64(raw_body);
    if (!der.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("PEM block \"", label, "\" is not valid base64"));
    }
    blocks.push_back(DerBlock{std::string(label), *std::move(der)});
    pos = text.find(kBegin, end_pos + end_line.size());
  }
  return blocks;
}

std::string ToPem(absl::string_view label, absl::string_view der) {
  const std::string encoded = EncodeBase64(der);
  std::string out = absl::StrCat("-----BEGIN ", label, "-----\n");
  for (size_t i = 0; i < encoded.size(); i += 64) {
    absl::StrAppend(&out, absl::string_view(encoded).substr(i, 64), "\n");
  }
  absl::StrAppend(&out, "-----END ", label, "-----\n");
  return out;
}

}  // namespace sslstore::service::x509
