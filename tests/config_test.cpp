// load_config: every value the server section cannot use is refused when the file is loaded (so
// `itkal build` refuses it as `itkal serve` does), naming the file, the key and the value; the
// values it can use load. Other settings are refused the same way.
#include "itkal/config/config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "itkal/config/server_limits.hpp"

namespace itkal {
namespace {

namespace fs = std::filesystem;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() /
              ("itkal-config-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(folder_);
    fs::create_directories(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }

  /// Writes `json` as the configuration file and returns its path.
  std::string write(const std::string& json) {
    const std::string path = (folder_ / "itkal.json").string();
    std::ofstream(path, std::ios::trunc) << json;
    return path;
  }
  /// The message load_config refuses `json` with, without "configuration '<path>': "; "" when it
  /// loads.
  std::string refusal(const std::string& json) {
    const std::string path = write(json);
    try {
      load_config(path);
      return "";
    } catch (const std::runtime_error& error) {
      const std::string message = error.what();
      const std::string head = "configuration '" + path + "': ";
      EXPECT_EQ(message.rfind(head, 0), 0u) << "does not name the file: " << message;
      return message.rfind(head, 0) == 0 ? message.substr(head.size()) : message;
    }
  }

  fs::path folder_;
};

struct Refused {
  const char* server;   ///< the "server" object
  const char* message;  ///< after "configuration '<path>': "
};

TEST_F(ConfigTest, RefusesEveryServerValueItCannotUse) {
  const std::vector<Refused> cases = {
      {R"({"port": 65536})", "server.port '65536' is not a number from 0 to 65535"},
      {R"({"port": -1})", "server.port '-1' is not a number from 0 to 65535"},
      {R"({"port": "http"})", "server.port 'http' is not a number from 0 to 65535"},
      {R"({"port": ""})", "server.port '' is not a number from 0 to 65535"},
      {R"({"event_loops": -1})", "server.event_loops '-1' is not a number from 0 to 256"},
      {R"({"event_loops": 257})", "server.event_loops '257' is not a number from 0 to 256"},
      {R"({"max_threads": 0})", "server.max_threads '0' is not a number from 1 to 1024"},
      {R"({"max_threads": 1025})", "server.max_threads '1025' is not a number from 1 to 1024"},
      {R"({"max_threads": 2.5})", "server.max_threads '2.5' is not a number from 1 to 1024"},
      {R"({"max_connections": 0})", "server.max_connections '0' is not a number from 1 to 1000000"},
      {R"({"max_connections": 1000001})",
       "server.max_connections '1000001' is not a number from 1 to 1000000"},
      {R"({"max_queued": 0})", "server.max_queued '0' is not a number from 1 to 65536"},
      {R"({"max_queued": 65537})", "server.max_queued '65537' is not a number from 1 to 65536"},
      {R"({"reload_seconds": 0})", "server.reload_seconds '0' is not a number from 1 to 86400"},
      {R"({"reload_seconds": 86401})",
       "server.reload_seconds '86401' is not a number from 1 to 86400"},
      {R"({"keep_alive_seconds": -1})",
       "server.keep_alive_seconds '-1' is not a number from 0 to 86400"},
      {R"({"keep_alive_seconds": 86401})",
       "server.keep_alive_seconds '86401' is not a number from 0 to 86400"},
      {R"({"gzip": "maybe"})", "server.gzip 'maybe' is not true or false"},
      // The first bad value is named, in the order of the Config fields.
      {R"({"max_queued": 0, "max_threads": 0})",
       "server.max_threads '0' is not a number from 1 to 1024"},
  };
  for (const Refused& row : cases) {
    SCOPED_TRACE(row.server);
    EXPECT_EQ(refusal(std::string(R"({"server": )") + row.server + "}"), row.message);
  }
}

TEST_F(ConfigTest, LoadsEveryServerValueWithinItsLimits) {
  const Config defaults = load_config(write("{}"));
  EXPECT_EQ(defaults.port, 8080);
  EXPECT_EQ(defaults.max_threads, 16);
  EXPECT_TRUE(defaults.gzip);

  const Config low = load_config(write(R"({"server": {"port": 0, "event_loops": 0,
      "max_threads": 1, "max_connections": 1, "max_queued": 1, "reload_seconds": 1,
      "keep_alive_seconds": 0, "gzip": false, "bind_address": "0.0.0.0"}})"));
  EXPECT_EQ(low.port, 0);
  EXPECT_EQ(low.event_loops, 0);
  EXPECT_EQ(low.max_threads, 1);
  EXPECT_EQ(low.max_connections, 1);
  EXPECT_EQ(low.max_queued, 1);
  EXPECT_EQ(low.reload_seconds, 1);
  EXPECT_EQ(low.keep_alive_seconds, 0);
  EXPECT_FALSE(low.gzip);
  EXPECT_EQ(low.bind_address, "0.0.0.0");

  const Config high = load_config(write(R"({"server": {"port": 65535, "event_loops": 256,
      "max_threads": 1024, "max_connections": 1000000, "max_queued": 65536,
      "reload_seconds": 86400, "keep_alive_seconds": 86400, "gzip": true}})"));
  EXPECT_EQ(high.port, 65535);
  EXPECT_EQ(high.event_loops, 256);
  EXPECT_EQ(high.max_threads, 1024);
  EXPECT_EQ(high.max_connections, 1000000);
  EXPECT_EQ(high.max_queued, 65536);
  EXPECT_EQ(high.reload_seconds, 86400);
  EXPECT_EQ(high.keep_alive_seconds, 86400);
  EXPECT_TRUE(high.gzip);

  // A number written as a string is still the number.
  EXPECT_EQ(load_config(write(R"({"server": {"port": "8081"}})")).port, 8081);
}

TEST_F(ConfigTest, RefusesOtherSettingsItCannotUse) {
  const std::vector<Refused> cases = {
      {R"({"time_zone": "UTC"})",
       "time_zone 'UTC' is not supported; itkal reads German calendars in Europe/Berlin"},
      {R"({"refresh_hours": 0})", "refresh_hours must be 1 to 168"},
      {R"({"feed_past_days": -1})", "feed_past_days must be 0 (keep everything) or more"},
      {R"({"issue_dates": [{"file": "a.eml", "date": "14.10.2026"}]})",
       "issue_dates[0].date '14.10.2026' is not a date like 2026-10-14"},
  };
  for (const Refused& row : cases) {
    SCOPED_TRACE(row.server);
    EXPECT_EQ(refusal(row.server), row.message);
  }
}

TEST(ConfigServerLimits, ParseOnlyWholeNumbersInRange) {
  EXPECT_EQ(parse_server_number("0", kPortLimit), 0);
  EXPECT_EQ(parse_server_number("65535", kPortLimit), 65535);
  EXPECT_EQ(parse_server_number("65536", kPortLimit), std::nullopt);
  EXPECT_EQ(parse_server_number("-1", kPortLimit), std::nullopt);
  EXPECT_EQ(parse_server_number("8080 ", kPortLimit), std::nullopt);
  EXPECT_EQ(parse_server_number("0x10", kPortLimit), std::nullopt);
  EXPECT_EQ(parse_server_number("", kPortLimit), std::nullopt);
  EXPECT_EQ(parse_server_number("99999999999999", kPortLimit), std::nullopt);
  EXPECT_EQ(server_limit_message(kMaxThreadsLimit), "is not a number from 1 to 1024");
}

}  // namespace
}  // namespace itkal
