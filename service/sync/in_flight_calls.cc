#include "service/sync/in_flight_calls.h"

#include <utility>

namespace sslstore::service::sync {

int64_t InFlightCalls::Add() {
  const int64_t id = next_id_++;
  handles_.emplace(id, client::CallHandle());
  return id;
}

bool InFlightCalls::SetHandle(int64_t id, client::CallHandle handle) {
  auto found = handles_.find(id);
  if (found == handles_.end()) return false;
  found->second = std::move(handle);
  return true;
}

void InFlightCalls::Remove(int64_t id) { handles_.erase(id); }

std::vector<client::CallHandle> InFlightCalls::Handles() const {
  std::vector<client::CallHandle> handles;
  handles.reserve(handles_.size());
  for (const auto& [id, handle] : handles_) handles.push_back(handle);
  return handles;
}

}  // namespace sslstore::service::sync
