#pragma once

// Shared by the server tests: a temporary inbox and output folder built with the real
// `itkal build` code, an in-process FeedServer on an ephemeral loopback port, and an HTTP
// client that returns status, headers and body.
#include <gtest/gtest.h>

#include <Poco/InflatingStream.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "itkal/build/feed_builder.hpp"
#include "itkal/config/config.hpp"
#include "itkal/serve/feed_server.hpp"

namespace itkal::testing {

/// The bytes of a gzip body, to compare a compressed response with the plain one.
inline std::string gunzip(const std::string& compressed) {
  std::istringstream in(compressed);
  Poco::InflatingInputStream inflate(in, Poco::InflatingStreamBuf::STREAM_GZIP);
  std::ostringstream out;
  out << inflate.rdbuf();
  return out.str();
}

/// The project's own example issues (tests/data/issues): text, HTML and a multipart mail.
inline std::string own_issues_dir() { return std::string(ITKAL_SOURCE_DIR) + "/tests/data/issues"; }

/// The issues the server tests build from: the project's three example issues, which overlap,
/// change, cancel and move events, so every feed and filter has something to show.
inline std::vector<std::string> fixture_sources() {
  return {own_issues_dir() + "/kommunal-it-kalender-2026-04-15.txt",
          own_issues_dir() + "/kommunal-it-kalender-2026-05-13.html",
          own_issues_dir() + "/kommunal-it-kalender-2026-06-10.eml"};
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

/// A temporary folder with inbox/, public/ and a configuration like feeds/itkal.json; removed
/// with the object.
class TempBuild {
 public:
  explicit TempBuild(const std::vector<std::string>& sources) {
    std::random_device random;
    root_ = std::filesystem::temp_directory_path() /
            ("itkal-server-test-" + std::to_string(random()) + "-" + std::to_string(random()));
    std::filesystem::create_directories(root_ / "inbox");
    config.inbox = (root_ / "inbox").string();
    config.output = (root_ / "public").string();
    config.organizers = std::string(ITKAL_SOURCE_DIR) + "/feeds/organizers.json";
    config.calendar_description = "Veranstaltungen aus dem IT-Kalender des Newsletters";
    config.uid_domain = "itkal.example";
    config.named_feeds = {{"online", "VITAKO IT-Kalender – Online-Termine", "online=1"},
                          {"nrw", "VITAKO IT-Kalender – Dienstleister in NRW",
                           "organizer=KDN&organizer=regio "
                           "iT&organizer=citeq&organizer=Südwestfalen-IT&organizer=KRZ"}};
    set_sources(sources);
  }
  ~TempBuild() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  TempBuild(const TempBuild&) = delete;
  TempBuild& operator=(const TempBuild&) = delete;

  /// Makes the inbox hold exactly these issues.
  void set_sources(const std::vector<std::string>& sources) {
    for (const auto& entry : std::filesystem::directory_iterator(root_ / "inbox")) {
      std::filesystem::remove(entry.path());
    }
    for (const auto& source : sources) {
      std::filesystem::copy_file(source,
                                 root_ / "inbox" / std::filesystem::path(source).filename());
    }
  }
  BuildReport build() const { return build_feeds(config); }
  [[nodiscard]] std::string output_file(const std::string& file) const {
    return slurp(config.output + "/" + file);
  }
  [[nodiscard]] const std::filesystem::path& root() const { return root_; }

  Config config;

 private:
  std::filesystem::path root_;
};

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  [[nodiscard]] std::string header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
  [[nodiscard]] bool has(const std::string& name) const { return headers.count(name) != 0; }
};

inline HttpReply http_request(
    unsigned short port, const std::string& method, const std::string& target,
    const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) request.set(name, value);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& body = session.receiveResponse(response);
  HttpReply reply;
  reply.status = response.getStatus();
  for (const auto& [name, value] : response) {
    std::string lower;
    for (const char c : name)
      lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[lower] = value;
  }
  std::ostringstream content;
  Poco::StreamCopier::copyStream(body, content);
  reply.body = content.str();
  return reply;
}

/// A FeedServer serving `config`'s output on 127.0.0.1 and an ephemeral port.
class TestServer {
 public:
  explicit TestServer(const Config& config,
                      const std::function<void(FeedServerOptions&)>& customize = {})
      : socket_(bind_server_socket("127.0.0.1", 0)) {
    FeedServerOptions options;
    options.config = config;
    // No base_url: the server derives it from the address and the ephemeral port.
    options.config.base_url.clear();
    options.reload_interval = std::chrono::milliseconds(50);
    if (customize) customize(options);
    server_ = std::make_unique<FeedServer>(options, socket_);
    server_->start();
  }
  ~TestServer() { server_->stop(); }

  [[nodiscard]] unsigned short port() const { return server_->port(); }
  [[nodiscard]] FeedServer& server() { return *server_; }
  HttpReply get(const std::string& target,
                const std::vector<std::pair<std::string, std::string>>& headers = {}) const {
    return http_request(port(), "GET", target, headers);
  }
  [[nodiscard]] std::string base_url() const {
    return "http://127.0.0.1:" + std::to_string(port());
  }

 private:
  Poco::Net::ServerSocket socket_;
  std::unique_ptr<FeedServer> server_;
};

}  // namespace itkal::testing
