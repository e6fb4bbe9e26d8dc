// The upstream floor's HTTP/1.1 response framing: one response of a
// keep-alive connection, framed by Content-Length only (a chunked or closing
// reply is an error, the simulator never sends one).
#ifndef TOOLS_BENCH_FLOOR_HTTP_RECEIVE_BUFFER_H_
#define TOOLS_BENCH_FLOOR_HTTP_RECEIVE_BUFFER_H_

#include <cstddef>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sslstore::bench {

// A growable receive buffer for one HTTP/1.1 response; one spare byte always
// follows the data, so a complete body can be NUL-terminated for in-situ
// parsing. Accepts only "200" responses with a Content-Length up to 64 MiB
// and a head up to 64 KiB.
class ReceiveBuffer {
 public:
  // Forgets the current response (keeps the memory) for the next one.
  void Clear() {
    size_ = 0;
    header_end_ = 0;
    body_length_ = 0;
  }
  // Room for at least `n` more bytes (plus the spare byte); write them at
  // the returned pointer, then Commit.
  char* Reserve(size_t n) {
    if (data_.size() < size_ + n + 1) data_.resize((size_ + n + 1) * 2);
    return data_.data() + size_;
  }
  // Counts `n` bytes written at Reserve's pointer as received.
  void Commit(size_t n) { size_ += n; }

  // Parses the head once it has arrived. Returns true when the whole
  // response is here, then body() is NUL-terminated; an error for a status
  // other than 200, unusable framing or bytes after the body.
  absl::StatusOr<bool> Complete();
  // The body; valid once Complete() returned true.
  char* body() { return data_.data() + header_end_; }

 private:
  absl::Status ParseHead(absl::string_view head);

  std::vector<char> data_;
  size_t size_ = 0;
  size_t header_end_ = 0;  // 0 until the head is parsed
  size_t body_length_ = 0;
};

}  // namespace sslstore::bench

#endif  // TOOLS_BENCH_FLOOR_HTTP_RECEIVE_BUFFER_H_
