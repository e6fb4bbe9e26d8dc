#ifndef TESTS_SANITIZER_SLOWDOWN_H_
#define TESTS_SANITIZER_SLOWDOWN_H_

namespace sslstore::test_timing {

// How many times slower this build runs our code: 3 with AddressSanitizer
// (tools/scripts/run-sanitized-tests.sh: ASan + UBSan at -O1 measure 2-3x
// slower than Release), else 1. A test that bounds a duration to check an
// algorithm's speed multiplies the bound by it; the test still runs in every
// build and still fails a real regression.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr int kSanitizerSlowdown = 3;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr int kSanitizerSlowdown = 3;
#else
inline constexpr int kSanitizerSlowdown = 1;
#endif
#else
inline constexpr int kSanitizerSlowdown = 1;
#endif

}  // namespace sslstore::test_timing

#endif  // TESTS_SANITIZER_SLOWDOWN_H_
