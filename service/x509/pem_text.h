#ifndef SERVICE_X509_PEM_TEXT_H_
#define SERVICE_X509_PEM_TEXT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sslstore::service::x509 {

// The largest text ExtractDerBlocks accepts (1 MiB).
inline constexpr size_t kMaxPemTextBytes = 1 << 20;

// One binary object found in a text: the PEM label ("CERTIFICATE",
// "CERTIFICATE REQUEST", ...; empty for unarmoured base64) and its DER bytes.
struct DerBlock {
  std::string label;
  std::string der;
};

// Finds the DER objects in `text`: every "-----BEGIN <label>-----" ...
// "-----END <label>-----" block, in order, ignoring text around the blocks,
// CR/LF/space differences and RFC 1421 header lines ("Proc-Type: ...")
// inside a block. A text without any BEGIN line is read as one unarmoured
// base64 object (label ""). Whitespace-only text gives an empty list.
// Errors (INVALID_ARGUMENT): text larger than kMaxPemTextBytes, more than
// `max_blocks` blocks, a BEGIN line without its END line, a block whose body
// is not base64, or a text that is neither PEM nor base64
// ("not PEM or base64 DER").
absl::StatusOr<std::vector<DerBlock>> ExtractDerBlocks(absl::string_view text,
                                                       size_t max_blocks);

// PEM encoding of `der` under `label`: BEGIN line, base64 in 64-character
// lines, END line, each line ending in "\n".
std::string ToPem(absl::string_view label, absl::string_view der);

}  // namespace sslstore::service::x509

#endif  // SERVICE_X509_PEM_TEXT_H_
