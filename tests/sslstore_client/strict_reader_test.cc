#include "sslstore_client/json/strict_reader.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rapidjson/document.h"

namespace sslstore::json {
namespace {

using ::testing::HasSubstr;

rapidjson::Document Parse(const char* text) {
  rapidjson::Document document;
  document.Parse(text);
  return document;
}

TEST(StrictReaderTest, PathStyleNamesTheMemberPath) {
  const JsonContext context = JsonContext::Path("s.json", "tls");
  rapidjson::Document doc = Parse(R"({"cert_file": 3, "x": 1})");
  EXPECT_EQ(RequiredString(doc, "cert_file", context).status().message(),
            "s.json: tls.cert_file: must be a string, found an integer");
  EXPECT_EQ(CheckMembers(doc, {"cert_file"}, context).message(),
            "s.json: tls.x: unknown key (allowed: cert_file)");
  EXPECT_EQ(RequiredBool(doc, "absent", context).status().message(),
            "s.json: tls.absent: is required");
  EXPECT_EQ(
      JsonContext::Path("", "logging").Error("must be an object").message(),
      "logging: must be an object");
}

TEST(StrictReaderTest, EntryStyleQuotesTheMember) {
  const JsonContext context = JsonContext::Entry("file f.json, products[0]");
  rapidjson::Document doc = Parse(R"({"wildcard": "yes", "wildcrad": 1})");
  EXPECT_EQ(OptionalBool(doc, "wildcard", false, context).status().message(),
            "file f.json, products[0]: \"wildcard\" must be true or false, "
            "found a string");
  EXPECT_THAT(CheckMembers(doc, {"wildcard"}, context).message(),
              HasSubstr("unknown member \"wildcrad\" (allowed: wildcard)"));
  EXPECT_THAT(RequiredString(doc, "name", context).status().message(),
              HasSubstr("missing member \"name\""));
}

TEST(StrictReaderTest, RejectsDuplicatesAndNonObjects) {
  const JsonContext context = JsonContext::Path("", "");
  rapidjson::Document twice = Parse(R"({"a": 1, "a": 2})");
  EXPECT_EQ(CheckMembers(twice, {"a"}, context).message(), "a: appears twice");
  rapidjson::Document array = Parse("[]");
  EXPECT_EQ(CheckMembers(array, {"a"}, context).message(),
            "must be an object, found an array");
}

TEST(StrictReaderTest, ReadsValuesAndRanges) {
  const JsonContext context = JsonContext::Path("c", "");
  rapidjson::Document doc =
      Parse(R"({"s": "", "n": 70000, "b": true, "list": ["x", "y"]})");
  EXPECT_EQ(*RequiredString(doc, "s", context, Empty::kAllowed), "");
  EXPECT_EQ(RequiredString(doc, "s", context).status().message(),
            "c: s: must not be empty");
  EXPECT_EQ(RequiredIntInRange(doc, "n", 0, 65535, context).status().message(),
            "c: n: must be an integer from 0 to 65535");
  EXPECT_EQ(*RequiredIntInRange(doc, "n", 0, 70000, context), 70000);
  EXPECT_TRUE(*RequiredBool(doc, "b", context));
  EXPECT_THAT(*StringArray(doc, "list", true, context),
              ::testing::ElementsAre("x", "y"));
  EXPECT_FALSE(OptionalInt(doc, "absent", context)->has_value());
}

}  // namespace
}  // namespace sslstore::json
