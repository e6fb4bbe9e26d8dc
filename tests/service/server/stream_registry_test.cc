// service/server/stream_registry: registration of open streams and the
// shutdown that stops each live one exactly once, outside the registry's
// lock.
#include "service/server/stream_registry.h"

#include <functional>

#include "gtest/gtest.h"

namespace sslstore::service {
namespace {

// A stream that counts what the registry does to it.
class CountingStream : public StoppableStream {
 public:
  explicit CountingStream(bool alive = true) : alive_(alive) {}

  bool TryRetain() override {
    ++retains;
    return alive_;
  }
  void StopForShutdown() override {
    ++stops;
    if (on_stop) on_stop();
  }
  void Release() override { ++releases; }

  int retains = 0;
  int stops = 0;
  int releases = 0;
  std::function<void()> on_stop;

 private:
  const bool alive_;
};

TEST(StreamRegistryTest, AddAndRemoveTrackOpenStreams) {
  StreamRegistry registry;
  CountingStream a, b;
  EXPECT_EQ(registry.size(), 0);
  EXPECT_TRUE(registry.Add(&a));
  EXPECT_TRUE(registry.Add(&b));
  EXPECT_EQ(registry.size(), 2);
  registry.Remove(&a);
  EXPECT_EQ(registry.size(), 1);
  registry.Remove(&b);
  EXPECT_EQ(registry.size(), 0);
  EXPECT_EQ(a.stops + b.stops, 0);
}

TEST(StreamRegistryTest, StopAllStopsEveryLiveStreamOnce) {
  StreamRegistry registry;
  CountingStream a, b;
  CountingStream dying(/*alive=*/false);
  CountingStream removed;
  ASSERT_TRUE(registry.Add(&a));
  ASSERT_TRUE(registry.Add(&b));
  ASSERT_TRUE(registry.Add(&dying));
  ASSERT_TRUE(registry.Add(&removed));
  registry.Remove(&removed);

  registry.StopAll();
  for (const CountingStream* stream : {&a, &b}) {
    EXPECT_EQ(stream->retains, 1);
    EXPECT_EQ(stream->stops, 1);
    EXPECT_EQ(stream->releases, 1);
  }
  // A stream being destroyed is neither stopped nor released.
  EXPECT_EQ(dying.retains, 1);
  EXPECT_EQ(dying.stops, 0);
  EXPECT_EQ(dying.releases, 0);
  // A removed stream is not touched.
  EXPECT_EQ(removed.retains, 0);
  EXPECT_EQ(removed.stops, 0);
}

TEST(StreamRegistryTest, AddAfterShutdownBeganReturnsFalse) {
  StreamRegistry registry;
  registry.StopAll();
  CountingStream late;
  EXPECT_FALSE(registry.Add(&late));
  // The caller stops it itself; the registry did not.
  EXPECT_EQ(late.stops, 0);
  registry.Remove(&late);
  EXPECT_EQ(registry.size(), 0);
}

TEST(StreamRegistryTest, StreamMayUnregisterWhileBeingStopped) {
  StreamRegistry registry;
  CountingStream stream;
  // A stream that ends at once removes itself from inside StopForShutdown:
  // the registry must not hold its lock then.
  stream.on_stop = [&] { registry.Remove(&stream); };
  ASSERT_TRUE(registry.Add(&stream));
  registry.StopAll();
  EXPECT_EQ(stream.stops, 1);
  EXPECT_EQ(stream.releases, 1);
  EXPECT_EQ(registry.size(), 0);
}

}  // namespace
}  // namespace sslstore::service
