// Forked child processes that talk to the parent over two pipes, one text
// line at a time, and getrusage snapshots a child takes of itself. Shared by
// the benchmarks that measure one part of the work in its own process.
#ifndef TOOLS_BENCH_COMMON_BENCH_CHILD_H_
#define TOOLS_BENCH_COMMON_BENCH_CHILD_H_

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace sslstore::bench {

// One child process and the parent's ends of its two pipes.
struct Child {
  pid_t pid = -1;
  int to_child = -1;    // the parent writes, the child reads
  int from_child = -1;  // the child writes, the parent reads
};

// Reads up to a newline (not included) or EOF; empty at EOF or on error.
std::string ReadLine(int fd);

// Writes `line` and a newline; gives up silently if the pipe is closed.
void WriteLine(int fd, const std::string& line);

// Forks a child that runs `role(in, out)` on its ends of the pipes and exits
// with its return value. The child closes the parent's pipe ends of every
// earlier child (an earlier child waits for EOF on its input). Call before
// any thread starts. On failure the returned Child has pid -1.
Child Spawn(const std::function<int(int, int)>& role);

// Closes the child's input (it exits at EOF), waits for it and closes its
// output; does nothing for a child that was never started or already reaped.
void Reap(Child& child);

// CPU and context switches of this process, from getrusage(RUSAGE_SELF).
struct Usage {
  double user_ms = 0;
  double system_ms = 0;
  long nvcsw = 0;   // voluntary context switches
  long nivcsw = 0;  // involuntary context switches
  // User plus system time (only the sum is exact for several threads).
  double cpu_ms() const { return user_ms + system_ms; }
};

// This process's usage so far.
Usage ReadUsage();

// The usage between two snapshots.
Usage Minus(const Usage& after, const Usage& before);

// "<user_ms> <system_ms> <nvcsw> <nivcsw>", for a pipe line.
std::string FormatUsage(const Usage& u);

// Parses FormatUsage's four fields starting at fields[at]; false (and *u
// partly written) when they are missing or malformed.
bool ParseUsage(const std::vector<std::string>& fields, size_t at, Usage* u);

// "cpu=...ms (user ...ms, system ...ms) nvcsw=... nivcsw=...", for a report.
std::string DescribeUsage(const Usage& u);

}  // namespace sslstore::bench

#endif  // TOOLS_BENCH_COMMON_BENCH_CHILD_H_
