#include "service/sync/sync_reactor.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "google/rpc/status.pb.h"
#include "service/observability/sync_progress.h"
#include "service/server/grpc_status.h"
#include "service/server/stream_registry.h"
#include "service/sync/delivery_ledger.h"
#include "service/sync/order_work.h"
#include "service/sync/page_feed.h"
#include "service/sync/resume_token.h"
#include "service/sync/sync_setup.h"
#include "sslstore_client/errors.h"

namespace sslstore::service {
namespace {

namespace v1 = sslstore::connector::v1;
using Response = v1::SyncCertificatesResponse;

// Ends the stream at once (a request that failed validation).
class FinishedSyncReactor final : public grpc::ServerWriteReactor<Response> {
 public:
  explicit FinishedSyncReactor(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

int64_t OrderIdOf(const client::OrderResponse& order) {
  int64_t id = 0;
  if (!absl::SimpleAtoi(order.the_ssl_store_order_id, &id) || id < 0) return 0;
  return id;
}

// Retries the client made for a call that still failed.
int64_t RetriesOf(const absl::Status& status) {
  if (status.ok()) return 0;
  const std::optional<client::ErrorInfo> info = client::GetErrorInfo(status);
  return info.has_value() && info->attempts > 1 ? info->attempts - 1 : 0;
}

// The code of a stream ended by an upstream failure: UNAVAILABLE for
// anything transient (the sync can be resumed), otherwise the caller-facing
// code of the error (e.g. FAILED_PRECONDITION for rejected credentials).
grpc::StatusCode AbortCode(const absl::Status& status) {
  const std::optional<client::ErrorInfo> info = client::GetErrorInfo(status);
  if (info.has_value() &&
      (info->transient || info->kind == client::ErrorKind::kDeadline ||
       info->kind == client::ErrorKind::kTransport)) {
    return grpc::StatusCode::UNAVAILABLE;
  }
  const absl::StatusCode code = CallerFacingCode(status);
  if (code == absl::StatusCode::kOk || code == absl::StatusCode::kCancelled ||
      code == absl::StatusCode::kDeadlineExceeded ||
      code == absl::StatusCode::kUnknown ||
      code == absl::StatusCode::kInternal) {
    return grpc::StatusCode::UNAVAILABLE;
  }
  return static_cast<grpc::StatusCode>(code);
}

void SetDuration(absl::Duration duration, google::protobuf::Duration* out) {
  const int64_t nanos = absl::ToInt64Nanoseconds(duration);
  out->set_seconds(nanos / 1000000000);
  out->set_nanos(static_cast<int32_t>(nanos % 1000000000));
}

// One SyncCertificates stream. All state is guarded by `mutex_`; gRPC and
// client calls are started only after the lock is released (a callback may
// run inline). The reactor owns one reference for gRPC (dropped in OnDone)
// and one per upstream call in flight; it deletes itself at zero.
class SyncReactor final : public grpc::ServerWriteReactor<Response>,
                          public StoppableStream {
 public:
  SyncReactor(sync::SyncSetup setup, StreamRegistry* streams,
              observability::SyncProgress* progress)
      : streams_(streams),
        progress_(progress),
        client_(setup.client),
        start_(setup.start),
        mode_(setup.mode),
        max_in_flight_(setup.max_in_flight),
        window_limit_(setup.window_limit),
        emit_progress_(setup.emit_progress),
        started_(absl::Now()),
        start_position_(StartPosition(setup.start)),
        anchor_position_(start_position_ - 1 - setup.start.anchor_rows_after),
        seeking_(setup.start.anchor_order_id > 0 && anchor_position_ >= 0),
        feed_(seeking_ ? std::max<int64_t>(
                             0, anchor_position_ - setup.start.page_size)
                       : start_position_,
              setup.start.page_size),
        ledger_(start_position_, setup.start.done_order_ids,
                sync::DeliveryLedger::Anchor{setup.start.anchor_order_id,
                                             setup.start.anchor_rows_after}) {}

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
      AbortForShutdownLocked();
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
      AbortForShutdownLocked();
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
      if (!ok && !cancelled_) to_cancel = CancelLocked();
    }
    for (const client::CallHandle& handle : to_cancel) handle.Cancel();
    Pump();
  }

  void OnCancel() override {
    std::vector<client::CallHandle> to_cancel;
    {
      absl::MutexLock lock(&mutex_);
      if (!cancelled_) to_cancel = CancelLocked();
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
    std::optional<grpc::Status> finish;
    bool empty() const {
      return !fetch_page && statuses.empty() && !write && !finish;
    }
  };

  static int64_t StartPosition(const sync::SyncPosition& start) {
    return (start.page - 1) * start.page_size + start.done_in_page;
  }

  void Pump() {
    while (true) {
      Actions actions;
      {
        absl::MutexLock lock(&mutex_);
        actions = PlanLocked();
      }
      if (actions.empty()) return;
      if (actions.write) StartWrite(&write_message_);
      if (actions.fetch_page)
        StartQuery(*actions.fetch_page, actions.fetch_call);
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
    if (finish_planned_) return actions;
    if (!cancelled_ && !stop_dispatch_) DispatchLocked(actions);
    NoteCompletedPagesLocked();
    if (!cancelled_ && !abort_.has_value() && !summary_queued_ &&
        feed_.Finished() && !seeking_ && released_.empty() &&
        running_orders_ == 0 && queued_orders_ == 0 && !writing_) {
      bool unreported_page = false;
      while (feed_.TakeCompletedPage(INT64_MAX)) unreported_page = true;
      if (emit_progress_ && unreported_page) {
        queue_.push_back(Outgoing{OutKind::kProgress, 0, {}});
      }
      queue_.push_back(Outgoing{OutKind::kSummary, 0, {}});
      summary_queued_ = true;
    }
    if (!writing_ && !cancelled_ && !queue_.empty()) {
      TakeWriteLocked();
      actions.write = true;
    }
    if (!cancelled_ && !abort_.has_value()) {
      if (std::optional<sync::PageRequest> page = feed_.TakePageToFetch()) {
        actions.fetch_page = page;
        actions.fetch_call = RegisterCallLocked();
      }
    }
    if (!writing_ && !feed_.fetching()) {
      if (cancelled_) {
        actions.finish = grpc::Status(grpc::StatusCode::CANCELLED,
                                      "SyncCertificates was cancelled");
      } else if (queue_.empty() && running_orders_ == 0) {
        if (abort_.has_value()) {
          actions.finish = AbortStatusLocked();
        } else if (summary_written_) {
          actions.finish = grpc::Status::OK;
        }
      }
    }
    if (actions.finish) finish_planned_ = true;
    return actions;
  }

  void DispatchLocked(Actions& actions) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (seeking_ && !SeekLocked()) return;
    sync::FeedRow row;
    while (running_orders_ + queued_orders_ < max_in_flight_ &&
           ledger_.window_size() < window_limit_ && NextRowLocked(&row)) {
      DispatchRowLocked(std::move(row), actions);
    }
  }

  // The next row to dispatch: rows held while seeking first, then the feed.
  bool NextRowLocked(sync::FeedRow* row) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (released_.empty()) return feed_.NextRow(row);
    *row = std::move(released_.front());
    released_.pop_front();
    return true;
  }

  // A resumed sync looks for the anchor, the last order delivered before
  // it was interrupted, holding the rows it reads meanwhile: orders placed
  // since (newest first) move every row down. Found, the rows before it are
  // known as delivered and dispatch continues right after it; not found
  // within the window (or before the listing ends), every held row is
  // dispatched (some may be repeats) and the summary says so. True once
  // the seek is over.
  bool SeekLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    const sync::DeliveryLedger::Anchor anchor = ledger_.anchor();
    sync::FeedRow row;
    while (feed_.NextRow(&row)) {
      const int64_t id = row.rejected.ok() ? OrderIdOf(row.order) : 0;
      if (id > 0 && id == anchor.order_id) {
        for (const sync::FeedRow& held : held_) {
          const int64_t held_id =
              held.rejected.ok() ? OrderIdOf(held.order) : 0;
          if (held_id > 0) seen_ids_.insert(held_id);
        }
        seen_ids_.insert(id);
        if (row.position != anchor_position_) listing_moved_ = true;
        ledger_.Restart(row.position + 1 + anchor.rows_after, anchor);
        held_.clear();
        seeking_ = false;
        return true;
      }
      held_.push_back(std::move(row));
      if (held_.back().position - anchor_position_ >= window_limit_) break;
    }
    if (!feed_.Finished() &&
        (held_.empty() ||
         held_.back().position - anchor_position_ < window_limit_)) {
      return false;  // read on
    }
    const int64_t restart =
        held_.empty() ? start_position_ : held_.front().position;
    warnings_.push_back(absl::StrCat(
        "the resumed sync did not find order ", anchor.order_id,
        ", the last one delivered before the interruption, near where it was: "
        "the order list changed; up to ",
        std::max<int64_t>(0, start_position_ - restart),
        " orders delivered before the interruption may arrive again"));
    ledger_.Restart(restart, sync::DeliveryLedger::Anchor{});
    released_ = std::move(held_);
    held_.clear();
    seeking_ = false;
    return true;
  }

  void DispatchRowLocked(sync::FeedRow row, Actions& actions)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    const int64_t position = row.position;
    if (position < ledger_.next_position()) return;  // before the restart
    if (!row.rejected.ok()) {
      ++processed_;
      CountLocked(observability::SyncEvent::kOrderProcessed);
      ledger_.Dispatch(position, 0);
      QueueSkippedLocked(OutKind::kSkipped, position,
                         sync::MakeSkipped(row.order, row.rejected));
      return;
    }
    const int64_t id = OrderIdOf(row.order);
    if (id > 0 && ledger_.TakeSkip(id)) {  // delivered before the resume
      seen_ids_.insert(id);
      ledger_.Dispatch(position, id);
      ledger_.Handled(position);
      return;
    }
    if (id > 0 && !seen_ids_.insert(id).second) {
      // Listed again: rows moved down while the listing was paged.
      ++rows_repeated_;
      listing_moved_ = true;
      ledger_.Repeat(position, id);
      return;
    }
    ++processed_;
    CountLocked(observability::SyncEvent::kOrderProcessed);
    ledger_.Dispatch(position, id);
    std::string reason;
    switch (sync::PlanRow(row.order, &reason)) {
      case sync::RowPlan::kSkip:
        QueueSkippedLocked(
            OutKind::kSkipped, position,
            sync::MakeSkipped(row.order, absl::InvalidArgumentError(reason)));
        break;
      case sync::RowPlan::kFetch: {
        auto task = std::make_shared<OrderTask>();
        task->row = std::move(row);
        task->order_id = id;
        ++running_orders_;
        actions.statuses.emplace_back(std::move(task), RegisterCallLocked());
        break;
      }
    }
  }

  void QueueSkippedLocked(OutKind kind, int64_t position,
                          v1::SkippedOrder skipped)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    Outgoing out{kind, position, {}};
    *out.message.mutable_skipped() = std::move(skipped);
    queue_.push_back(std::move(out));
    ++queued_orders_;
  }

  // Moves the next queued message to `write_message_`; what it reports
  // counts as delivered from now on (the client receives it before any
  // later message or the final status).
  void TakeWriteLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    Outgoing out = std::move(queue_.front());
    queue_.pop_front();
    switch (out.kind) {
      case OutKind::kRecord:
      case OutKind::kSkipped:
      case OutKind::kFailed:
        --queued_orders_;
        ledger_.Handled(out.position);
        if (out.kind == OutKind::kRecord) ++emitted_;
        if (out.kind == OutKind::kSkipped) ++skipped_;
        if (out.kind == OutKind::kFailed) ++failed_;
        CountLocked(out.kind == OutKind::kRecord
                        ? observability::SyncEvent::kRecordEmitted
                    : out.kind == OutKind::kSkipped
                        ? observability::SyncEvent::kOrderSkipped
                        : observability::SyncEvent::kOrderFailed);
        break;
      case OutKind::kProgress:
        *out.message.mutable_progress() = ProgressLocked();
        break;
      case OutKind::kSummary:
        FillSummaryLocked(out.message.mutable_summary());
        summary_written_ = true;
        break;
    }
    write_message_ = std::move(out.message);
    writing_ = true;
    NoteCompletedPagesLocked();
  }

  // Queues a progress message for each page whose rows are all delivered.
  void NoteCompletedPagesLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    while (feed_.TakeCompletedPage(ledger_.first_unhandled())) {
      if (emit_progress_) queue_.push_back(Outgoing{OutKind::kProgress, 0, {}});
    }
  }

  sync::SyncPosition PositionLocked() const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    sync::SyncPosition position = start_;
    const int64_t first = ledger_.first_unhandled();
    const int page_size = feed_.page_size();
    position.page_size = page_size;
    position.page = first / page_size + 1;
    position.done_in_page = first % page_size;
    position.done_order_ids = ledger_.DeliveredBeyond();
    const sync::DeliveryLedger::Anchor anchor = ledger_.anchor();
    position.anchor_order_id = anchor.order_id;
    position.anchor_rows_after = anchor.order_id > 0 ? anchor.rows_after : 0;
    return position;
  }

  v1::SyncProgress ProgressLocked() const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    v1::SyncProgress progress;
    progress.set_pages_fetched(feed_.pages_fetched());
    progress.set_orders_seen(feed_.rows_seen());
    progress.set_records_emitted(emitted_);
    progress.set_orders_skipped(skipped_ + unchanged_);
    progress.set_orders_failed(failed_);
    progress.set_resume_token(sync::EncodeResumeToken(PositionLocked()));
    return progress;
  }

  void FillSummaryLocked(v1::SyncSummary* summary) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    summary->set_orders_processed(processed_);
    summary->set_records_emitted(emitted_);
    summary->set_orders_skipped(skipped_);
    summary->set_orders_failed(failed_);
    summary->set_orders_unchanged(unchanged_);
    summary->set_pages_fetched(feed_.pages_fetched());
    summary->set_upstream_calls(upstream_calls_);
    SetDuration(absl::Now() - started_, summary->mutable_elapsed());
    summary->set_full_sync(mode_.full_sync);
    summary->set_rows_repeated(rows_repeated_);
    if (listing_moved_) {
      summary->add_warnings(
          "the order list moved while it was paged (orders placed during the "
          "sync move the rows of a newest-first listing): rows listed again "
          "were passed over, and orders placed during the sync may arrive "
          "only with the next sync");
    }
    for (const std::string& warning : warnings_) summary->add_warnings(warning);
  }

  grpc::Status AbortStatusLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    const sync::SyncPosition position = PositionLocked();
    v1::SyncResumeInfo info;
    info.set_resume_token(sync::EncodeResumeToken(position));
    info.set_next_page(position.page);
    info.set_reason(abort_reason_);
    const grpc::StatusCode code = AbortCode(*abort_);
    const std::string message = absl::StrCat(
        "sync stopped: ", abort_reason_,
        "; resume with the SyncResumeInfo token (page ", position.page, ")");
    google::rpc::Status rich;
    rich.set_code(static_cast<int>(code));
    rich.set_message(message);
    rich.add_details()->PackFrom(info);
    return grpc::Status(code, message, rich.SerializeAsString());
  }

  // Stops the stream after the work in progress; `stop_dispatch` also stops
  // starting the orders of pages already fetched.
  void AbortLocked(const absl::Status& status, std::string reason,
                   bool stop_dispatch) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (!abort_.has_value()) {
      abort_ = status;
      abort_reason_ = std::move(reason);
    }
    feed_.Stop();
    if (stop_dispatch) stop_dispatch_ = true;
  }

  // Reports one sync event to the metrics, if any.
  void CountLocked(observability::SyncEvent event)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (progress_ != nullptr) progress_->Count(event);
  }

  void AbortForShutdownLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    if (cancelled_ || finish_planned_) return;
    AbortLocked(absl::UnavailableError("the connector is shutting down"),
                "the connector is shutting down", /*stop_dispatch=*/true);
  }

  std::vector<client::CallHandle> CancelLocked()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    cancelled_ = true;
    feed_.Stop();
    std::vector<client::CallHandle> handles;
    for (const auto& [id, handle] : handles_) handles.push_back(handle);
    return handles;
  }

  int64_t RegisterCallLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    const int64_t id = next_call_id_++;
    handles_.emplace(id, client::CallHandle());
    ++refs_;
    ++upstream_calls_;
    return id;
  }

  void SetHandle(int64_t id, client::CallHandle handle) {
    bool cancel = false;
    {
      absl::MutexLock lock(&mutex_);
      auto found = handles_.find(id);
      if (found == handles_.end()) return;  // already completed
      found->second = handle;
      cancel = cancelled_;
    }
    if (cancel) handle.Cancel();
  }

  // Called first in every client callback.
  void CallEndedLocked(int64_t id, const absl::Status& status)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    handles_.erase(id);
    upstream_calls_ += RetriesOf(status);
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
      } else {
        feed_.OnPageFailed();
        if (!cancelled_) {
          AbortLocked(
              result.status(),
              absl::StrCat("page ", page, ": ", result.status().message()),
              /*stop_dispatch=*/false);
        }
      }
    }
    Pump();
    Release();
  }

  void StartStatus(std::shared_ptr<OrderTask> task, int64_t call) {
    client::OrderRef ref;
    ref.the_ssl_store_order_id = task->row.order.the_ssl_store_order_id;
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
        if (!cancelled_) download_call = RegisterCallLocked();
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
    ref.the_ssl_store_order_id = task->row.order.the_ssl_store_order_id;
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
        Outgoing out{OutKind::kRecord, position, {}};
        *out.message.mutable_record() = std::move(result.record);
        queue_.push_back(std::move(out));
        ++queued_orders_;
        break;
      }
      case sync::OrderEnd::kSkipped:
        QueueSkippedLocked(OutKind::kSkipped, position,
                           sync::MakeSkipped(task.row.order, result.status));
        break;
      case sync::OrderEnd::kUnchanged:
        ++unchanged_;
        CountLocked(observability::SyncEvent::kOrderUnchanged);
        ledger_.Handled(position);
        break;
      case sync::OrderEnd::kFailed:
        QueueSkippedLocked(OutKind::kFailed, position,
                           sync::MakeSkipped(task.row.order, result.status));
        break;
      case sync::OrderEnd::kAbort:
        AbortLocked(result.status,
                    absl::StrCat("order ", task.order_id, ": ",
                                 result.status.message()),
                    /*stop_dispatch=*/true);
        break;
      case sync::OrderEnd::kCancelled:
        if (!cancelled_) {
          AbortLocked(absl::UnavailableError("upstream call cancelled"),
                      absl::StrCat("order ", task.order_id,
                                   ": upstream call cancelled"),
                      /*stop_dispatch=*/true);
        }
        break;
    }
  }

  StreamRegistry* const streams_;                // may be null
  observability::SyncProgress* const progress_;  // may be null
  client::SslStoreClient* const client_;
  const sync::SyncPosition start_;
  const sync::SyncMode mode_;
  const int max_in_flight_;
  const int window_limit_;
  const bool emit_progress_;
  const absl::Time started_;
  // Where the token (or page 1) says this stream starts.
  const int64_t start_position_;
  // Where a resumed stream expects the anchor order (start_position_ - 1
  // less the id-less rows after it).
  const int64_t anchor_position_;

  absl::Mutex mutex_;
  int refs_ ABSL_GUARDED_BY(mutex_) = 1;  // gRPC's, dropped in OnDone
  // A resumed stream looks for its anchor before dispatching anything.
  bool seeking_ ABSL_GUARDED_BY(mutex_);
  sync::PageFeed feed_ ABSL_GUARDED_BY(mutex_);
  sync::DeliveryLedger ledger_ ABSL_GUARDED_BY(mutex_);
  // Rows read while seeking, and those released when the seek gave up.
  std::deque<sync::FeedRow> held_ ABSL_GUARDED_BY(mutex_);
  std::deque<sync::FeedRow> released_ ABSL_GUARDED_BY(mutex_);
  // Order ids met in this stream (a row listed again is passed over).
  std::unordered_set<int64_t> seen_ids_ ABSL_GUARDED_BY(mutex_);
  bool listing_moved_ ABSL_GUARDED_BY(mutex_) = false;
  int64_t rows_repeated_ ABSL_GUARDED_BY(mutex_) = 0;
  std::vector<std::string> warnings_ ABSL_GUARDED_BY(mutex_);
  std::deque<Outgoing> queue_ ABSL_GUARDED_BY(mutex_);
  int queued_orders_ ABSL_GUARDED_BY(mutex_) = 0;
  int running_orders_ ABSL_GUARDED_BY(mutex_) = 0;
  Response write_message_;  // owned by the one outstanding write
  bool writing_ ABSL_GUARDED_BY(mutex_) = false;
  bool cancelled_ ABSL_GUARDED_BY(mutex_) = false;
  bool stop_dispatch_ ABSL_GUARDED_BY(mutex_) = false;
  std::optional<absl::Status> abort_ ABSL_GUARDED_BY(mutex_);
  std::string abort_reason_ ABSL_GUARDED_BY(mutex_);
  bool summary_queued_ ABSL_GUARDED_BY(mutex_) = false;
  bool summary_written_ ABSL_GUARDED_BY(mutex_) = false;
  bool finish_planned_ ABSL_GUARDED_BY(mutex_) = false;
  std::map<int64_t, client::CallHandle> handles_ ABSL_GUARDED_BY(mutex_);
  int64_t next_call_id_ ABSL_GUARDED_BY(mutex_) = 1;
  int64_t processed_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t emitted_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t skipped_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t failed_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t unchanged_ ABSL_GUARDED_BY(mutex_) = 0;
  int64_t upstream_calls_ ABSL_GUARDED_BY(mutex_) = 0;
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
  if (!setup.ok()) return new FinishedSyncReactor(ToGrpcStatus(setup.status()));
  auto* reactor =
      new SyncReactor(*std::move(setup), deps.streams, deps.sync_progress);
  reactor->Begin();
  return reactor;
}

}  // namespace sslstore::service
