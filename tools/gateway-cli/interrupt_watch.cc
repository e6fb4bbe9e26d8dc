#include "tools/gateway-cli/interrupt_watch.h"

#include <semaphore.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <utility>

namespace sslstore::gateway::cli {
namespace {

// Shared with the signal handler: only async-signal-safe use there.
sem_t wakeup;
std::atomic<bool> interrupted{false};
std::atomic<bool> stopping{false};
struct sigaction previous;

void OnSigint(int) {
  interrupted.store(true);
  // The next SIGINT ends the process as if nothing handled it.
  struct sigaction fallback = {};
  fallback.sa_handler = SIG_DFL;
  sigaction(SIGINT, &fallback, nullptr);
  sem_post(&wakeup);
}

}  // namespace

InterruptWatch::InterruptWatch(std::function<void()> on_interrupt)
    : on_interrupt_(std::move(on_interrupt)) {
  sem_init(&wakeup, 0, 0);
  interrupted.store(false);
  stopping.store(false);
  watcher_ = std::thread([this] {
    while (sem_wait(&wakeup) != 0 && errno == EINTR) {
    }
    if (interrupted.load() && !stopping.load()) on_interrupt_();
  });
  struct sigaction handler = {};
  handler.sa_handler = OnSigint;
  sigemptyset(&handler.sa_mask);
  handler.sa_flags = SA_RESTART;
  sigaction(SIGINT, &handler, &previous);
}

InterruptWatch::~InterruptWatch() {
  sigaction(SIGINT, &previous, nullptr);
  stopping.store(true);
  sem_post(&wakeup);
  watcher_.join();
  sem_destroy(&wakeup);
}

}  // namespace sslstore::gateway::cli
