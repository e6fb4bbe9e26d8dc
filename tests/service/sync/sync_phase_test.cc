#include "service/sync/sync_phase.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace sslstore::service::sync {
namespace {

constexpr SyncPhase kPhases[] = {
    SyncPhase::kSeeking,  SyncPhase::kStreaming,   SyncPhase::kDraining,
    SyncPhase::kStopping, SyncPhase::kSummarizing, SyncPhase::kCancelled,
    SyncPhase::kFinished,
};
constexpr PhaseEvent kEvents[] = {
    PhaseEvent::kSeekEnded,     PhaseEvent::kPageFailed,
    PhaseEvent::kStopRequested, PhaseEvent::kAllHandled,
    PhaseEvent::kCancelled,     PhaseEvent::kFinishing,
};

struct Move {
  SyncPhase from;
  PhaseEvent event;
  SyncPhase to;
};

// Every transition that changes the phase; every other pair keeps it.
const std::vector<Move>& Moves() {
  static const auto* moves = new std::vector<Move>{
      {SyncPhase::kSeeking, PhaseEvent::kSeekEnded, SyncPhase::kStreaming},
      {SyncPhase::kSeeking, PhaseEvent::kPageFailed, SyncPhase::kStopping},
      {SyncPhase::kSeeking, PhaseEvent::kStopRequested, SyncPhase::kStopping},
      {SyncPhase::kSeeking, PhaseEvent::kCancelled, SyncPhase::kCancelled},
      {SyncPhase::kStreaming, PhaseEvent::kPageFailed, SyncPhase::kDraining},
      {SyncPhase::kStreaming, PhaseEvent::kStopRequested, SyncPhase::kStopping},
      {SyncPhase::kStreaming, PhaseEvent::kAllHandled, SyncPhase::kSummarizing},
      {SyncPhase::kStreaming, PhaseEvent::kCancelled, SyncPhase::kCancelled},
      {SyncPhase::kDraining, PhaseEvent::kStopRequested, SyncPhase::kStopping},
      {SyncPhase::kDraining, PhaseEvent::kCancelled, SyncPhase::kCancelled},
      {SyncPhase::kDraining, PhaseEvent::kFinishing, SyncPhase::kFinished},
      {SyncPhase::kStopping, PhaseEvent::kCancelled, SyncPhase::kCancelled},
      {SyncPhase::kStopping, PhaseEvent::kFinishing, SyncPhase::kFinished},
      {SyncPhase::kSummarizing, PhaseEvent::kStopRequested,
       SyncPhase::kStopping},
      {SyncPhase::kSummarizing, PhaseEvent::kCancelled, SyncPhase::kCancelled},
      {SyncPhase::kSummarizing, PhaseEvent::kFinishing, SyncPhase::kFinished},
      {SyncPhase::kCancelled, PhaseEvent::kFinishing, SyncPhase::kFinished},
  };
  return *moves;
}

SyncPhase Expected(SyncPhase from, PhaseEvent event) {
  for (const Move& move : Moves()) {
    if (move.from == from && move.event == event) return move.to;
  }
  return from;
}

TEST(SyncPhaseTest, EveryPhaseAndEventMovesAsTheTableSays) {
  for (SyncPhase from : kPhases) {
    for (PhaseEvent event : kEvents) {
      EXPECT_EQ(NextPhase(from, event), Expected(from, event))
          << "from " << PhaseName(from) << " on event "
          << static_cast<int>(event);
    }
  }
}

TEST(SyncPhaseTest, FinishedIsFinal) {
  for (PhaseEvent event : kEvents) {
    EXPECT_EQ(NextPhase(SyncPhase::kFinished, event), SyncPhase::kFinished);
  }
}

TEST(SyncPhaseTest, OnlyAnEndingPhaseFinishes) {
  EXPECT_EQ(NextPhase(SyncPhase::kSeeking, PhaseEvent::kFinishing),
            SyncPhase::kSeeking);
  EXPECT_EQ(NextPhase(SyncPhase::kStreaming, PhaseEvent::kFinishing),
            SyncPhase::kStreaming);
}

TEST(SyncPhaseTest, AStopAfterACancellationChangesNothing) {
  EXPECT_EQ(NextPhase(SyncPhase::kCancelled, PhaseEvent::kStopRequested),
            SyncPhase::kCancelled);
  EXPECT_EQ(NextPhase(SyncPhase::kCancelled, PhaseEvent::kPageFailed),
            SyncPhase::kCancelled);
}

TEST(SyncPhaseTest, WhatEachPhaseDoes) {
  struct Row {
    SyncPhase phase;
    bool dispatches, fetches, stopping, over;
  };
  const Row rows[] = {
      {SyncPhase::kSeeking, true, true, false, false},
      {SyncPhase::kStreaming, true, true, false, false},
      {SyncPhase::kDraining, true, false, true, false},
      {SyncPhase::kStopping, false, false, true, false},
      {SyncPhase::kSummarizing, false, false, false, false},
      {SyncPhase::kCancelled, false, false, false, true},
      {SyncPhase::kFinished, false, false, false, true},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(PhaseName(row.phase)));
    EXPECT_EQ(DispatchesRows(row.phase), row.dispatches);
    EXPECT_EQ(FetchesPages(row.phase), row.fetches);
    EXPECT_EQ(IsStopping(row.phase), row.stopping);
    EXPECT_EQ(IsOver(row.phase), row.over);
  }
}

TEST(SyncPhaseTest, EveryPhaseHasADistinctName) {
  std::vector<std::string> names;
  for (SyncPhase phase : kPhases) {
    const std::string name(PhaseName(phase));
    EXPECT_NE(name, "Unknown");
    for (const std::string& other : names) EXPECT_NE(name, other);
    names.push_back(name);
  }
}

}  // namespace
}  // namespace sslstore::service::sync
