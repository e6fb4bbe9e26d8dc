#include "tools/bench/floor/http_receive_buffer.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace sslstore::bench {

absl::Status ReceiveBuffer::ParseHead(absl::string_view head) {
  std::vector<absl::string_view> lines = absl::StrSplit(head, "\r\n");
  if (lines.empty() || !absl::StartsWith(lines[0], "HTTP/1.1 200 ")) {
    return absl::UnavailableError(
        absl::StrCat("HTTP status line '", lines.empty() ? "" : lines[0], "'"));
  }
  bool has_length = false;
  for (size_t i = 1; i < lines.size(); ++i) {
    const size_t colon = lines[i].find(':');
    if (colon == absl::string_view::npos) continue;
    const absl::string_view name = lines[i].substr(0, colon);
    const absl::string_view value =
        absl::StripAsciiWhitespace(lines[i].substr(colon + 1));
    if (absl::EqualsIgnoreCase(name, "Content-Length")) {
      has_length = absl::SimpleAtoi(value, &body_length_);
    } else if (absl::EqualsIgnoreCase(name, "Transfer-Encoding")) {
      return absl::UnimplementedError("chunked responses are not supported");
    } else if (absl::EqualsIgnoreCase(name, "Connection") &&
               absl::EqualsIgnoreCase(value, "close")) {
      return absl::UnavailableError("server closes the connection");
    }
  }
  if (!has_length || body_length_ > (64u << 20)) {
    return absl::DataLossError("response without a usable Content-Length");
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> ReceiveBuffer::Complete() {
  if (header_end_ == 0) {
    const absl::string_view text(data_.data(), size_);
    const size_t end = text.find("\r\n\r\n");
    if (end == absl::string_view::npos) {
      if (size_ > (size_t{64} << 10))
        return absl::DataLossError("HTTP head too long");
      return false;
    }
    absl::Status head = ParseHead(text.substr(0, end));
    if (!head.ok()) return head;
    header_end_ = end + 4;
  }
  if (size_ < header_end_ + body_length_) return false;
  if (size_ > header_end_ + body_length_) {
    return absl::DataLossError("bytes after the response body");
  }
  data_[size_] = '\0';  // the spare byte
  return true;
}

}  // namespace sslstore::bench
