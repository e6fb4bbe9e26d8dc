#include "service/sync/sync_reactor.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "service/observability/sync_progress.h"
#include "service/server/error_reason.h"
#include "service/server/grpc_status.h"
#include "service/server/stream_registry.h"
#include "service/server/timer_service.h"
#include "service/sync/anchor_seek.h"
#include "service/sync/delivery_ledger.h"
#include "service/sync/in_flight_calls.h"
#include "service/sync/order_work.h"
#include "service/sync/page_feed.h"
#include "service/sync/resume_status.h"
#include "service/sync/resume_token.h"
#include "service/sync/sync_phase.h"
#include "service/sync/sync_report.h"
#include "service/sync/sync_setup.h"
#include "service/sync/write_coalescer.h"
#include "service/upstream/upstream_connection.h"
#include "sslstore_client/errors.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;
using Response = v1::SyncCertificatesResponse;
using observability::SyncEvent;
using sync::PhaseEvent;
using sync::SyncPhase;

// Ends the stream at once (a request that failed validation).
class FinishedSyncReactor final : public grpc::ServerWriteReactor<Response> {
 public:
  explicit FinishedSyncReactor(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

// Records written back to back once this many wait (see WriteCoalescer),
// and the longest a record waits for its batch.
constexpr int kWriteBatch = 8;
constexpr absl::Duration kWriteHold = absl::Milliseconds(20);

// Retries the client made for a call that still failed.
int64_t RetriesOf(const absl::Status& status) {
  if (status.ok()) return 0;
  const std::optional<client::ErrorInfo> info = client::GetErrorInfo(status);
  return info.has_value() && info->attempts > 1 ? info->attempts - 1 : 0;
}

// One SyncCertificates stream. Its phase (sync::SyncPhase) says what it
// does next; every event (a write done, an upstream answer, a cancellation,
// a shutdown) updates the state under `mutex_` and then calls Pump(), which
// plans the next steps from the phase under the lock and starts them after
// releasing it (a callback may run inline). The reactor owns one reference
// for gRPC (dropped in OnDone) and one per upstream call in flight; it
// deletes itself at zero.
class SyncReactor final : public grpc::ServerWriteReactor<Response>,
                          public StoppableStream {
 public:
  SyncReactor(const sync::SyncSetup& setup, StreamRegistry* streams,
              observability::SyncProgress* progress, TimerService* timers)
      : streams_(streams),
        progress_(progress),
        timers_(timers),
        client_(setup.client),
        connection_name_(setup.connection_name),
        start_(setup.start),
        mode_(setup.mode),
        max_in_flight_(setup.max_in_flight),
        window_limit_(setup.window_limit),
        emit_progress_(setup.emit_progress),
        started_(absl::Now()),
        seek_(sync::AnchorSeek::For(setup.start, setup.window_limit)),
        phase_(seek_.has_value() ? SyncPhase::kSeeking : SyncPhase::kStreaming),
        feed_(seek_.has_value() ? seek_->FeedStart(setup.start.page_size)
                                : sync::RowsBefore(setup.start),
              setup.start.page_size),
        ledger_(sync::RowsBefore(setup.start), setup.start.done_order_ids,
                sync::ResumeAnchor{setup.start.anchor_order_id,
                                   setup.start.anchor_rows_after}) {
    notes_.full_sync = mode_.full_sync;
  }

  ~SyncReactor() override {
    if (streams_ != nullptr) streams_->Remove(this);
  }

  // Registers with the server's open streams and starts the first page
  // fetch; a server already shutting down gets the stream stopped at once.
  void Begin() {
    if (progress_ != nullptr) progress_->SyncStarted();
    const bool accepted = streams_ == nullptr || streams_->Add(this);
    if (!accepted) {
      absl::MutexLock lock(&mutex_);
      StopForShutdownLocked();
    }
    Pump();
  }

  bool TryRetain() override {
    absl::MutexLock lock(&mutex_);
    if (refs_ == 0) return false;
    ++refs_;
    return true;
  }

  // Stops fetching pages and starting orders; the orders in flight finish
  // and are delivered, then the stream ends with UNAVAILABLE and a resume
  // token that continues after them.
  void StopForShutdown() override {
    {
      absl::MutexLock lock(&mutex_);
      StopForShutdownLocked();
    }
    Pump();
  }

  void Release() override {
    bool last = false;
    {
      absl::MutexLock lock(&mutex_);
      last = --refs_ == 0;
    }
    if (last) delete this;
  }

  void OnWriteDone(bool ok) override {
    std::vector<client::CallHandle> to_cancel;
    {
      absl::MutexLock lock(&mutex_);
      writing_ = false;
      if (!ok) to_cancel = CancelLocked();
    }
    for (const client::CallHandle& handle : to_cancel) handle.Cancel();
    Pump();
  }

  void OnCancel() override {
    std::vector<client::CallHandle> to_cancel;
    {
      absl::MutexLock lock(&mutex_);
      to_cancel = CancelLocked();
    }
    for (const client::CallHandle& handle : to_cancel) handle.Cancel();
    Pump();
  }

  void OnDone() override { Release(); }

 private:
  struct OrderTask {
    sync::FeedRow row;
    int64_t order_id = 0;
    sync::OrderResult pending;
  };
  enum class OutKind { kRecord, kSkipped, kFailed, kProgress, kSummary };
  struct Outgoing {
    OutKind kind = OutKind::kRecord;
    int64_t position = 0;
    Response message;
  };
  // What one planning round decided, to do outside the lock.
  struct Actions {
    std::optional<sync::PageRequest> fetch_page;
    int64_t fetch_call = 0;
    std::vector<std::pair<std::shared_ptr<OrderTask>, int64_t>> statuses;
    bool write = false;
    std::optional<absl::Time> arm_hold;
    std::optional<grpc::Status> finish;
    bool empty() const {
      return !fetch_page && statuses.empty() && !write && !arm_hold && !finish;
    }
  };
  // Why the stream stops early (kDraining and kStopping).
  struct StopCause {
    absl::Status status;
    std::string reason;
  };

  void Pump() {
    while (true) {
      Actions actions;
      {
        absl::MutexLock lock(&mutex_);
        actions = PlanLocked();
      }
      if (actions.empty()) return;
      if (actions.write) StartWrite(&write_message_);
      if (actions.arm_hold) ArmHoldTimer(*actions.arm_hold);
      if (actions.fetch_page) {
        StartQuery(*actions.fetch_page, actions.fetch_call);
      }
      for (auto& [task, call] : actions.statuses) StartStatus(task, call);
      if (actions.finish) {
        if (progress_ != nullptr) progress_->SyncEnded();
        Finish(*actions.finish);
        return;
      }
    }
  }

  Actions PlanLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    Actions actions;
    if (phase_ == SyncPhase::kFinished) return actions;
    if (sync::DispatchesRows(phase_)) DispatchLocked(actions);
    NoteCompletedPagesLocked();
    if (phase_ == SyncPhase::kStreaming && AllHandledLocked()) {
      QueueSummaryLocked();
    }
    if (!writing_ && queue_.empty()) coalescer_.QueueEmptied();
    if (!writing_ && !sync::IsOver(phase_) && !queue_.empty()) {
      PlanWriteLocked(actions);
    }
    if (sync::FetchesPages(phase_)) {
      if (std::optional<sync::PageRequest> page = feed_.TakePageToFetch()) {
        actions.fetch_page = page;
        actions.fetch_call = RegisterCallLocked();
      }
    }
    actions.finish = FinalStatusLocked();
    if (actions.finish) MoveLocked(PhaseEvent::kFinishing);
    return actions;
  }

  // Writes the next queued message now, or holds the queue (see
  // sync::WriteCoalescer) with a timer armed for the end of the hold.
  void PlanWriteLocked(Actions& actions) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    // Only a streaming phase with orders in flight can add to a batch.
    const bool urgent = timers_ == nullptr || hold_failed_ ||
                        phase_ != SyncPhase::kStreaming || running_orders_ == 0;
    switch (coalescer_.Decide(static_cast<int>(queue_.size()), urgent,
                              absl::Now())) {
      case sync::WriteCoalescer::Decision::kWrite:
        TakeWriteLocked();
        actions.write = true;
        break;
      case sync::WriteCoalescer::Decision::kHold:
        if (!hold_timer_armed_) {
          hold_timer_armed_ = true;
          ++refs_;  // the timer's, dropped when it fires
          actions.arm_hold = coalescer_.due();
        }
        break;
    }
  }

  // Plans again when the hold ends. A timer service that has stopped fires
  // at once with an error: the stream then writes without holding.
  void ArmHoldTimer(absl::Time due) {
    timers_->Schedule(due, [this](const absl::Status& status) {
      {
        absl::MutexLock lock(&mutex_);
        hold_timer_armed_ = false;
        if (!status.ok()) hold_failed_ = true;
      }
      Pump();
      Release();
    });
  }

  // The only place the phase changes.
  void MoveLocked(PhaseEvent event) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    phase_ = sync::NextPhase(phase_, event);
  }

  // The final status once nothing is in progress that the phase waits for;
  // nullopt before.
  std::optional<grpc::Status> FinalStatusLocked() const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (writing_ || feed_.fetching()) return std::nullopt;
    if (phase_ == SyncPhase::kCancelled) {
      return ToGrpcStatus(
          WithConnection(absl::CancelledError("SyncCertificates was cancelled"),
                         connection_name_));
    }
    if (!queue_.empty() || running_orders_ > 0) return std::nullopt;
    if (sync::IsStopping(phase_)) {
      return sync::StoppedSyncStatus(stop_.status, stop_.reason,
                                     connection_name_, PositionLocked());
    }
    // The summary, the last message queued, is written.
    if (phase_ == SyncPhase::kSummarizing) return grpc::Status::OK;
    return std::nullopt;
  }

  // True once every row of the listing is handled and written.
  bool AllHandledLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return feed_.Finished() && released_.empty() && running_orders_ == 0 &&
           queued_orders_ == 0 && !writing_;
  }

  // Queues the summary, after the progress of pages not reported yet.
  void QueueSummaryLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    bool unreported_page = false;
    while (feed_.TakeCompletedPage(INT64_MAX)) unreported_page = true;
    if (emit_progress_ && unreported_page) {
      queue_.push_back(Outgoing{OutKind::kProgress, 0, {}});
    }
    queue_.push_back(Outgoing{OutKind::kSummary, 0, {}});
    MoveLocked(PhaseEvent::kAllHandled);
  }

  void DispatchLocked(Actions& actions) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (phase_ == SyncPhase::kSeeking && !SeekLocked()) return;
    // Records held for a batch do not count against max_in_flight: only
    // beyond a batch is the queue back-pressure from the client.
    while (running_orders_ + std::max(0, queued_orders_ - coalescer_.batch()) <
               max_in_flight_ &&
           ledger_.window_size() < window_limit_) {
      sync::FeedRow row;
      if (!NextRowLocked(&row)) break;
      DispatchRowLocked(std::move(row), actions);
    }
  }

  // The next row to dispatch: rows released by the anchor search first, then
  // the feed.
  bool NextRowLocked(sync::FeedRow* row) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (released_.empty()) return feed_.NextRow(row);
    *row = std::move(released_.front());
    released_.pop_front();
    return true;
  }

  // Reads the buffered rows in search of the anchor (see AnchorSeek); true
  // once the search is over and dispatch may start.
  bool SeekLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    std::optional<sync::AnchorSeek::Outcome> outcome = seek_->Read(feed_);
    if (!outcome.has_value()) return false;
    seen_ids_.insert(outcome->seen_ids.begin(), outcome->seen_ids.end());
    if (outcome->listing_moved) notes_.listing_moved = true;
    if (!outcome->found) notes_.warnings.push_back(std::move(outcome->warning));
    ledger_.Restart(outcome->restart, outcome->anchor);
    released_ = std::move(outcome->released);
    seek_.reset();
    MoveLocked(PhaseEvent::kSeekEnded);
    return true;
  }

  void DispatchRowLocked(sync::FeedRow row, Actions& actions)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    const int64_t position = row.position;
    if (position < ledger_.next_position()) return;  // before the restart
    if (!row.rejected.ok()) {
      CountLocked(SyncEvent::kOrderProcessed);
      ledger_.Dispatch(position, 0);
      QueueSkippedLocked(OutKind::kSkipped, position,
                         sync::MakeSkipped(row.order, row.rejected));
      return;
    }
    const int64_t id = sync::OrderIdOf(row.order);
    if (id > 0 && ledger_.TakeSkip(id)) {  // delivered before the resume
      seen_ids_.insert(id);
      ledger_.Dispatch(position, id);
      ledger_.Handled(position);
      return;
    }
    if (id > 0 && !seen_ids_.insert(id).second) {
      // Listed again: rows moved down while the listing was paged.
      ++counters_.rows_repeated;
      notes_.listing_moved = true;
      ledger_.Repeat(position, id);
      return;
    }
    CountLocked(SyncEvent::kOrderProcessed);
    ledger_.Dispatch(position, id);
    std::string reason;
    switch (sync::PlanRow(row.order, &reason)) {
      case sync::RowPlan::kSkip:
        QueueSkippedLocked(
            OutKind::kSkipped, position,
            sync::MakeSkipped(row.order, absl::InvalidArgumentError(reason)));
        break;
      case sync::RowPlan::kFetch:
        StartOrderLocked(std::move(row), id, actions);
        break;
    }
  }

  // Plans the order's /rest/order/status call.
  void StartOrderLocked(sync::FeedRow row, int64_t id, Actions& actions)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    auto task = std::make_shared<OrderTask>();
    task->row = std::move(row);
    task->order_id = id;
    ++running_orders_;
    actions.statuses.emplace_back(std::move(task), RegisterCallLocked());
  }

  // Queues the message of an order (a record or a SkippedOrder); the order
  // counts as delivered once the message is taken for writing.
  void QueueOrderLocked(OutKind kind, int64_t position, Response message)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    queue_.push_back(Outgoing{kind, position, std::move(message)});
    ++queued_orders_;
  }

  void QueueSkippedLocked(OutKind kind, int64_t position,
                          v1::SkippedOrder skipped)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    Response message;
    *message.mutable_skipped() = std::move(skipped);
    QueueOrderLocked(kind, position, std::move(message));
  }

  // Moves the next queued message to `write_message_`; what it reports
  // counts as delivered from now on (the client receives it before any
  // later message or the final status).
  void TakeWriteLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    Outgoing out = std::move(queue_.front());
    queue_.pop_front();
    switch (out.kind) {
      case OutKind::kRecord:
        DeliveredLocked(out.position, SyncEvent::kRecordEmitted);
        break;
      case OutKind::kSkipped:
        DeliveredLocked(out.position, SyncEvent::kOrderSkipped);
        break;
      case OutKind::kFailed:
        DeliveredLocked(out.position, SyncEvent::kOrderFailed);
        break;
      case OutKind::kProgress:
        *out.message.mutable_progress() = sync::MakeProgress(
            counters_, sync::EncodeResumeToken(PositionLocked()));
        break;
      case OutKind::kSummary:
        *out.message.mutable_summary() =
            sync::MakeSummary(counters_, notes_, absl::Now() - started_);
        break;
    }
    write_message_ = std::move(out.message);
    writing_ = true;
    NoteCompletedPagesLocked();
  }

  // The order at `position` is delivered as `event`.
  void DeliveredLocked(int64_t position, SyncEvent event)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    --queued_orders_;
    ledger_.Handled(position);
    CountLocked(event);
  }

  // Queues a progress message for each page whose rows are all delivered.
  void NoteCompletedPagesLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    while (feed_.TakeCompletedPage(ledger_.first_unhandled())) {
      if (emit_progress_) queue_.push_back(Outgoing{OutKind::kProgress, 0, {}});
    }
  }

  sync::SyncPosition PositionLocked() const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return sync::ResumePosition(start_, ledger_, feed_.page_size());
  }

  // Counts one sync event, in the counters and in the metrics (if any).
  void CountLocked(SyncEvent event) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    counters_.Count(event);
    if (progress_ != nullptr) progress_->Count(event);
  }

  // Applies `event` (kPageFailed or kStopRequested); the first stop's
  // `status` and `reason` make the final status. Fetches no more pages.
  void StopLocked(PhaseEvent event, absl::Status status, std::string reason)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    const SyncPhase before = phase_;
    MoveLocked(event);
    if (!sync::IsStopping(before) && sync::IsStopping(phase_)) {
      stop_ = StopCause{std::move(status), std::move(reason)};
    }
    feed_.Stop();
  }

  void StopForShutdownLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (sync::IsOver(phase_)) return;
    StopLocked(
        PhaseEvent::kStopRequested,
        WithReason(absl::UnavailableError("the connector is shutting down"),
                   v1::CONNECTOR_SHUTTING_DOWN),
        "the connector is shutting down");
  }

  // Moves to kCancelled; returns the calls to cancel once the lock is
  // released (none when the stream was already over).
  std::vector<client::CallHandle> CancelLocked()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (sync::IsOver(phase_)) return {};
    MoveLocked(PhaseEvent::kCancelled);
    feed_.Stop();
    return calls_.Handles();
  }

  int64_t RegisterCallLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    ++refs_;
    ++counters_.upstream_calls;
    return calls_.Add();
  }

  void SetHandle(int64_t id, const client::CallHandle& handle) {
    {
      absl::MutexLock lock(&mutex_);
      if (!calls_.SetHandle(id, handle)) return;  // already completed
      if (!sync::IsOver(phase_)) return;
    }
    handle.Cancel();
  }

  // Called first in every client callback.
  void CallEndedLocked(int64_t id, const absl::Status& status)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    calls_.Remove(id);
    counters_.upstream_calls += RetriesOf(status);
  }

  void StartQuery(sync::PageRequest request, int64_t call) {
    const int64_t page = request.page;
    client::QueryRequest query;
    query.page_number = static_cast<int>(page);
    query.page_size = request.page_size;
    SetHandle(call,
              client_->Query(
                  query, [this, page,
                          call](absl::StatusOr<client::QueryResponse> result) {
                    OnQuery(page, call, std::move(result));
                  }));
  }

  void OnQuery(int64_t page, int64_t call,
               absl::StatusOr<client::QueryResponse> result) {
    {
      absl::MutexLock lock(&mutex_);
      CallEndedLocked(call, result.status());
      if (result.ok()) {
        feed_.OnPage(page, *std::move(result));
        counters_.pages_fetched = feed_.pages_fetched();
        counters_.orders_seen = feed_.rows_seen();
      } else {
        feed_.OnPageFailed();
        StopLocked(
            PhaseEvent::kPageFailed, result.status(),
            absl::StrCat("page ", page, ": ", result.status().message()));
      }
    }
    Pump();
    Release();
  }

  void StartStatus(const std::shared_ptr<OrderTask>& task, int64_t call) {
    client::OrderRef ref;
    ref.the_sslstore_order_id = task->row.order.the_sslstore_order_id;
    SetHandle(call, client_->Status(
                        ref, [this, task,
                              call](absl::StatusOr<client::OrderResponse> r) {
                          OnStatus(task, call, std::move(r));
                        }));
  }

  void OnStatus(const std::shared_ptr<OrderTask>& task, int64_t call,
                absl::StatusOr<client::OrderResponse> status) {
    {
      absl::MutexLock lock(&mutex_);
      CallEndedLocked(call, status.status());
    }
    sync::OrderResult result =
        sync::FromStatus(task->row.order, std::move(status), mode_);
    if (result.end == sync::OrderEnd::kRecord && result.needs_download) {
      task->pending = std::move(result);
      int64_t download_call = 0;
      {
        absl::MutexLock lock(&mutex_);
        if (!sync::IsOver(phase_)) download_call = RegisterCallLocked();
        if (download_call == 0) --running_orders_;
      }
      if (download_call != 0) StartDownload(task, download_call);
    } else {
      absl::MutexLock lock(&mutex_);
      CompleteOrderLocked(*task, std::move(result));
    }
    Pump();
    Release();
  }

  void StartDownload(const std::shared_ptr<OrderTask>& task, int64_t call) {
    client::OrderRef ref;
    ref.the_sslstore_order_id = task->row.order.the_sslstore_order_id;
    SetHandle(call, client_->Download(
                        ref, [this, task, call](
                                 absl::StatusOr<client::DownloadResponse> r) {
                          OnDownload(task, call, std::move(r));
                        }));
  }

  void OnDownload(const std::shared_ptr<OrderTask>& task, int64_t call,
                  absl::StatusOr<client::DownloadResponse> download) {
    {
      absl::MutexLock lock(&mutex_);
      CallEndedLocked(call, download.status());
    }
    sync::OrderResult result =
        sync::FromDownload(std::move(task->pending), std::move(download));
    {
      absl::MutexLock lock(&mutex_);
      CompleteOrderLocked(*task, std::move(result));
    }
    Pump();
    Release();
  }

  void CompleteOrderLocked(const OrderTask& task, sync::OrderResult result)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    --running_orders_;
    const int64_t position = task.row.position;
    switch (result.end) {
      case sync::OrderEnd::kRecord: {
        Response message;
        *message.mutable_record() = std::move(result.record);
        QueueOrderLocked(OutKind::kRecord, position, std::move(message));
        break;
      }
      case sync::OrderEnd::kSkipped:
        QueueSkippedLocked(OutKind::kSkipped, position,
                           sync::MakeSkipped(task.row.order, result.status));
        break;
      case sync::OrderEnd::kUnchanged:
        CountLocked(SyncEvent::kOrderUnchanged);
        ledger_.Handled(position);
        break;
      case sync::OrderEnd::kFailed:
        QueueSkippedLocked(OutKind::kFailed, position,
                           sync::MakeSkipped(task.row.order, result.status));
        break;
      case sync::OrderEnd::kAbort:
        StopLocked(PhaseEvent::kStopRequested, result.status,
                   absl::StrCat("order ", task.order_id, ": ",
                                result.status.message()));
        break;
      case sync::OrderEnd::kCancelled:
        StopLocked(
            PhaseEvent::kStopRequested,
            WithReason(absl::UnavailableError("upstream call cancelled"),
                       v1::UPSTREAM_UNAVAILABLE),
            absl::StrCat("order ", task.order_id, ": upstream call cancelled"));
        break;
    }
  }

  StreamRegistry* const streams_;                // may be null
  observability::SyncProgress* const progress_;  // may be null
  TimerService* const timers_;  // may be null: records are not held
  const std::shared_ptr<client::Wbapi> client_;
  // The ErrorInfo "connection" of the stream's errors.
  const std::string connection_name_;
  // Where the token (or page 1) says this stream starts, with its mode.
  const sync::SyncPosition start_;
  const sync::SyncMode mode_;
  const int max_in_flight_;
  const int window_limit_;
  const bool emit_progress_;
  const absl::Time started_;

  absl::Mutex mutex_;
  int refs_ ABSL_GUARDED_BY(mutex_) = 1;  // gRPC's, dropped in OnDone
  // The anchor search of a resumed stream, while kSeeking.
  std::optional<sync::AnchorSeek> seek_ ABSL_GUARDED_BY(mutex_);
  SyncPhase phase_ ABSL_GUARDED_BY(mutex_);
  // Set on entering kDraining or kStopping.
  StopCause stop_ ABSL_GUARDED_BY(mutex_);
  sync::PageFeed feed_ ABSL_GUARDED_BY(mutex_);
  sync::DeliveryLedger ledger_ ABSL_GUARDED_BY(mutex_);
  // Rows the anchor search read and gave back, dispatched before the feed's.
  std::deque<sync::FeedRow> released_ ABSL_GUARDED_BY(mutex_);
  // Order ids met in this stream (a row listed again is passed over).
  std::unordered_set<int64_t> seen_ids_ ABSL_GUARDED_BY(mutex_);
  std::deque<Outgoing> queue_ ABSL_GUARDED_BY(mutex_);
  // Order messages in `queue_`, and orders with an upstream call in flight.
  int queued_orders_ ABSL_GUARDED_BY(mutex_) = 0;
  int running_orders_ ABSL_GUARDED_BY(mutex_) = 0;
  Response write_message_;  // owned by the one outstanding write
  bool writing_ ABSL_GUARDED_BY(mutex_) = false;
  sync::WriteCoalescer coalescer_ ABSL_GUARDED_BY(mutex_){kWriteBatch,
                                                          kWriteHold};
  bool hold_timer_armed_ ABSL_GUARDED_BY(mutex_) = false;
  bool hold_failed_ ABSL_GUARDED_BY(mutex_) = false;
  sync::InFlightCalls calls_ ABSL_GUARDED_BY(mutex_);
  sync::SyncCounters counters_ ABSL_GUARDED_BY(mutex_);
  sync::SummaryNotes notes_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace

grpc::ServerWriteReactor<Response>* FinishedSyncStream(
    const grpc::Status& status) {
  return new FinishedSyncReactor(status);
}

grpc::ServerWriteReactor<Response>* StartSync(
    ServiceDeps& deps, grpc::CallbackServerContext* /*context*/,
    const v1::SyncCertificatesRequest* request) {
  absl::StatusOr<sync::SyncSetup> setup = sync::PrepareSync(deps, *request);
  if (!setup.ok()) {
    return new FinishedSyncReactor(ToGrpcStatus(WithConnection(
        setup.status(), ConnectionLabel(request->connection()))));
  }
  auto* reactor = new SyncReactor(*std::move(setup), deps.streams,
                                  deps.sync_progress, deps.timers);
  reactor->Begin();
  return reactor;
}

}  // namespace sslstore::service
