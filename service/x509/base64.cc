#include "service/x509/base64.h"

#include <cstdint>

namespace sslstore::service::x509 {
namespace {

constexpr char kAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Symbol values: 0..63 for the alphabet, kSpace for ASCII whitespace,
// kPad for '=', kBad for anything else.
constexpr uint8_t kSpace = 0x40;
constexpr uint8_t kPad = 0x41;
constexpr uint8_t kBad = 0xFF;

struct DecodeTable {
  uint8_t value[256];
  constexpr DecodeTable() : value() {
    for (uint8_t& v : value) v = kBad;
    for (int i = 0; i < 64; ++i) {
      value[static_cast<uint8_t>(kAlphabet[i])] = static_cast<uint8_t>(i);
    }
    for (char c : {' ', '\t', '\r', '\n', '\v', '\f'}) {
      value[static_cast<uint8_t>(c)] = kSpace;
    }
    value[static_cast<uint8_t>('=')] = kPad;
  }
};

constexpr DecodeTable kDecode;

}  // namespace

std::optional<std::string> DecodeBase64(absl::string_view text) {
  std::string out;
  out.resize(text.size() / 4 * 3 + 3);
  char* const begin = out.data();
  char* o = begin;
  uint32_t accumulator = 0;
  int bits = 0;
  size_t symbols = 0;
  size_t padding = 0;
  for (char c : text) {
    const uint8_t value = kDecode.value[static_cast<uint8_t>(c)];
    if (value < 64) {
      if (padding > 0) return std::nullopt;  // data after padding
      ++symbols;
      accumulator = (accumulator << 6) | value;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        *o++ = static_cast<char>((accumulator >> bits) & 0xFF);
      }
      continue;
    }
    if (value == kSpace) continue;
    if (value != kPad) return std::nullopt;
    ++padding;
    if (padding > 2) return std::nullopt;
  }
  if (symbols == 0) return std::nullopt;
  // A lone trailing symbol carries fewer than 8 bits: not a whole byte.
  if (symbols % 4 == 1) return std::nullopt;
  if (padding > 0 && (symbols + padding) % 4 != 0) return std::nullopt;
  out.resize(static_cast<size_t>(o - begin));
  return out;
}

std::string EncodeBase64(absl::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const uint32_t n = (static_cast<uint8_t>(data[i]) << 16) |
                       (static_cast<uint8_t>(data[i + 1]) << 8) |
                       static_cast<uint8_t>(data[i + 2]);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(kAlphabet[(n >> 6) & 63]);
    out.push_back(kAlphabet[n & 63]);
  }
  const size_t rest = data.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<uint8_t>(data[i]) << 16;
    if (rest == 2) n |= static_cast<uint8_t>(data[i + 1]) << 8;
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

}  // namespace sslstore::service::x509
