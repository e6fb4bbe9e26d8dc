// Runs an action on SIGINT (Ctrl-C) while an operation is in progress: the
// signal handler only wakes a watcher thread, which runs the action (so it
// may lock, call gRPC, ...). A second SIGINT ends the process at once.
#ifndef TOOLS_GATEWAY_CLI_INTERRUPT_WATCH_H_
#define TOOLS_GATEWAY_CLI_INTERRUPT_WATCH_H_

#include <functional>
#include <thread>

namespace sslstore::gateway::cli {

// At most one at a time in a process. Not copyable.
class InterruptWatch {
 public:
  // Installs the SIGINT handler; `on_interrupt` runs on the watcher thread
  // at the first SIGINT.
  explicit InterruptWatch(std::function<void()> on_interrupt);
  // Restores the previous SIGINT disposition and joins the watcher.
  ~InterruptWatch();

  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

 private:
  std::function<void()> on_interrupt_;
  std::thread watcher_;
};

}  // namespace sslstore::gateway::cli

#endif  // TOOLS_GATEWAY_CLI_INTERRUPT_WATCH_H_
