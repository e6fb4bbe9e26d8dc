#ifndef TOOLS_FUZZ_FUZZ_CHECK_H_
#define TOOLS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

// FUZZ_CHECK(condition): a property every input must keep. When it does not
// hold, prints the condition and aborts, which libFuzzer reports as a crash
// (with the input saved). Unlike assert(), it stays on under NDEBUG.
#define FUZZ_CHECK(condition)                                          \
  do {                                                                 \
    if (!(condition)) {                                                \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, \
                   __LINE__, #condition);                              \
      std::abort();                                                    \
    }                                                                  \
  } while (false)

#endif  // TOOLS_FUZZ_FUZZ_CHECK_H_
