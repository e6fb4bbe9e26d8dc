#include "tools/bench/common/bench_child.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace sslstore::bench {
namespace {

// Parent-side pipe ends of earlier children, closed in later children.
std::vector<int>& ParentFds() {
  static std::vector<int>* fds = new std::vector<int>();
  return *fds;
}

}  // namespace

std::string ReadLine(int fd) {
  std::string line;
  char c = 0;
  while (read(fd, &c, 1) == 1 && c != '\n') line.push_back(c);
  return line;
}

void WriteLine(int fd, const std::string& line) {
  const std::string text = line + "\n";
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

Child Spawn(const std::function<int(int, int)>& role) {
  int down[2], up[2];
  Child child;
  if (pipe(down) != 0 || pipe(up) != 0) return child;
  child.pid = fork();
  if (child.pid == 0) {
    close(down[1]);
    close(up[0]);
    for (int fd : ParentFds()) close(fd);
    _exit(role(down[0], up[1]));
  }
  close(down[0]);
  close(up[1]);
  child.to_child = down[1];
  child.from_child = up[0];
  ParentFds().push_back(down[1]);
  ParentFds().push_back(up[0]);
  return child;
}

void Reap(Child& child) {
  if (child.pid <= 0) return;
  close(child.to_child);
  waitpid(child.pid, nullptr, 0);
  close(child.from_child);
  child.pid = -1;
}

Usage ReadUsage() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  Usage usage;
  usage.user_ms = u.ru_utime.tv_sec * 1000.0 + u.ru_utime.tv_usec / 1000.0;
  usage.system_ms = u.ru_stime.tv_sec * 1000.0 + u.ru_stime.tv_usec / 1000.0;
  usage.nvcsw = u.ru_nvcsw;
  usage.nivcsw = u.ru_nivcsw;
  return usage;
}

Usage Minus(const Usage& after, const Usage& before) {
  return {after.user_ms - before.user_ms, after.system_ms - before.system_ms,
          after.nvcsw - before.nvcsw, after.nivcsw - before.nivcsw};
}

std::string FormatUsage(const Usage& u) {
  return absl::StrCat(u.user_ms, " ", u.system_ms, " ", u.nvcsw, " ", u.nivcsw);
}

bool ParseUsage(const std::vector<std::string>& fields, size_t at, Usage* u) {
  int64_t nvcsw = 0, nivcsw = 0;
  if (fields.size() < at + 4 || !absl::SimpleAtod(fields[at], &u->user_ms) ||
      !absl::SimpleAtod(fields[at + 1], &u->system_ms) ||
      !absl::SimpleAtoi(fields[at + 2], &nvcsw) ||
      !absl::SimpleAtoi(fields[at + 3], &nivcsw)) {
    return false;
  }
  u->nvcsw = static_cast<long>(nvcsw);
  u->nivcsw = static_cast<long>(nivcsw);
  return true;
}

std::string DescribeUsage(const Usage& u) {
  char text[160];
  std::snprintf(text, sizeof(text),
                "cpu=%.1fms (user %.1fms, system %.1fms) nvcsw=%ld nivcsw=%ld",
                u.cpu_ms(), u.user_ms, u.system_ms, u.nvcsw, u.nivcsw);
  return text;
}

}  // namespace sslstore::bench
