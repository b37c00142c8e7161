// What the server sends (not the files on disk) read by real client parsers: ical.js, the parser
// inside Thunderbird, and python-icalendar, through the checks in tests/clients/.
#include <gtest/gtest.h>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <filesystem>
#include <thread>

#include "feed_server_fixture.hpp"

namespace itkal {
namespace {

using testing::gunzip;

constexpr const char* kIcalJsVersion = "2.2.1";  // as tests/clients/CMakeLists.txt pins it

struct ToolRun {
  int exit_code = -1;
  std::string output;
};

ToolRun run(const std::string& program, const std::vector<std::string>& args) {
  Poco::Pipe out;
  Poco::ProcessHandle handle = Poco::Process::launch(program, args, nullptr, &out, &out);
  ToolRun result;
  std::thread reader([&] {
    Poco::PipeInputStream stream(out);
    Poco::StreamCopier::copyToString(stream, result.output);
  });
  result.exit_code = handle.wait();
  out.close(Poco::Pipe::CLOSE_WRITE);
  reader.join();
  return result;
}

std::string clients_dir() { return std::string(ITKAL_SOURCE_DIR) + "/tests/clients"; }

/// The ical.js the client tests install below the build folder; installed here when this test
/// runs first (same script, same pinned version).
std::string icaljs_modules() {
  const auto modules = std::filesystem::current_path() / "clients" / "node";
  if (!std::filesystem::exists(modules / "node_modules" / "ical.js" / "package.json")) {
    const ToolRun install = run("/bin/bash", {clients_dir() + "/install_icaljs.sh",
                                              modules.string(), kIcalJsVersion, "npm"});
    EXPECT_EQ(install.exit_code, 0) << install.output;
  }
  return modules.string();
}

TEST(FeedServerClients, IcalJsAndPythonIcalendarReadTheServedFeeds) {
  testing::TempBuild build(testing::fixture_sources());
  build.build();
  testing::TestServer server(build.config);
  const auto served = std::filesystem::current_path() / "clients-served";
  std::filesystem::create_directories(served);
  const std::string modules = icaljs_modules();

  for (const std::string target :
       {"/calendar.ics", "/organizers/kdo.ics",
        "/calendar.ics?organizer=KDO&organizer=AKDB&from=2026-05-01", "/online.ics"}) {
    SCOPED_TRACE(target);
    const testing::HttpReply reply = server.get(target, {{"Accept-Encoding", "gzip"}});
    ASSERT_EQ(reply.status, 200);
    const std::string body =
        reply.header("content-encoding") == "gzip" ? gunzip(reply.body) : reply.body;
    std::string name = target.substr(1);
    for (char& c : name) c = (std::isalnum(static_cast<unsigned char>(c)) || c == '.') ? c : '_';
    const auto file = served / (name + ".ics");
    std::ofstream(file, std::ios::binary) << body;

    const ToolRun icaljs =
        run("node", {clients_dir() + "/check_icaljs.mjs", modules, file.string(), "-"});
    EXPECT_EQ(icaljs.exit_code, 0) << "ical.js: " << icaljs.output;
    const ToolRun python =
        run("/usr/bin/python3", {clients_dir() + "/check_icalendar.py", file.string(), "-"});
    EXPECT_EQ(python.exit_code, 0) << "python-icalendar: " << python.output;
  }
}

}  // namespace
}  // namespace itkal
