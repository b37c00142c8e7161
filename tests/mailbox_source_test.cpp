// Mailbox sources against a real dovecot (IMAP and POP3, plain and TLS with the test's own CA)
// started in a temporary folder on free loopback ports, through the real itkal binary:
// matching messages fetched once, new ones fetched later, flags untouched, a stopped server
// gives exit 4 with the previous feeds intact, a wrong CA fetches nothing.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "support/fixtures.hpp"
#include "support/itkal_run.hpp"
#include "support/minimal_pdf.hpp"
#include "support/pdf_mail.hpp"

namespace itkal {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDovecot = "/usr/sbin/dovecot";

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

bool accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

int shell(const std::string& command) { return std::system(command.c_str()); }

std::string mail(const std::string& from, const std::string& subject, const std::string& body) {
  return "From: " + from + "\r\nTo: kalender@example.org\r\nSubject: " + subject +
         "\r\nDate: Wed, 15 Apr 2026 09:00:00 +0200\r\nMessage-ID: <" +
         std::to_string(body.size()) + subject.substr(subject.size() - 1) +
         "@example.org>\r\n\r\n" + body;
}

/// One dovecot serving one Maildir, for as long as the object lives.
class Dovecot {
 public:
  Dovecot(const fs::path& root, bool tls) : root_(root), tls_(tls) {
    fs::create_directories(root_ / "Maildir" / "new");
    fs::create_directories(root_ / "Maildir" / "cur");
    fs::create_directories(root_ / "Maildir" / "tmp");
    fs::create_directories(root_ / "run");
    fs::create_directories(root_ / "state");
    std::ofstream(root_ / "passwd") << "kalender:{PLAIN}geheim\n";
    // As root, dovecot's login processes must run as another user, and so must the mail user.
    std::string internal_user = ::getpwuid(::geteuid())->pw_name;
    std::string login_user = internal_user;
    uid_t mail_uid = ::geteuid();
    gid_t mail_gid = ::getegid();
    if (::geteuid() == 0) {
      internal_user = "dovecot";
      login_user = "dovenull";
      const passwd* dovecot = ::getpwnam("dovecot");
      mail_uid = dovecot->pw_uid;
      mail_gid = dovecot->pw_gid;
      fs::permissions(root_, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    }
    mail_uid_ = mail_uid;
    mail_gid_ = mail_gid;
    imap_port_ = free_port();
    pop3_port_ = free_port();
    std::ofstream conf(root_ / "dovecot.conf");
    conf << "base_dir = " << (root_ / "run").string()
         << "\nstate_dir = " << (root_ / "state").string()
         << "\nlog_path = " << (root_ / "dovecot.log").string()
         << "\nprotocols = imap pop3\nlisten = 127.0.0.1\ndisable_plaintext_auth = no\n"
         << "auth_mechanisms = plain login\ndefault_internal_user = " << internal_user
         << "\ndefault_internal_group = " << internal_user
         << "\ndefault_login_user = " << login_user
         << "\nfirst_valid_uid = 1\nmail_location = maildir:" << (root_ / "Maildir").string()
         << "\npop3_uidl_format = %08Xu%08Xv\n"
         << "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u "
         << (root_ / "passwd").string()
         << "\n}\nuserdb {\n  driver = static\n  args = uid=" << mail_uid << " gid=" << mail_gid
         << " home=" << root_.string() << "\n}\n";
    if (tls_) {
      conf << "ssl = required\nssl_cert = <" << (root_ / "server.pem").string() << "\nssl_key = <"
           << (root_ / "server.key").string() << "\n";
      conf
          << "service imap-login {\n inet_listener imap {\n  port = 0\n }\n inet_listener imaps {\n"
          << "  port = " << imap_port_ << "\n }\n}\n";
      conf
          << "service pop3-login {\n inet_listener pop3 {\n  port = 0\n }\n inet_listener pop3s {\n"
          << "  port = " << pop3_port_ << "\n }\n}\n";
    } else {
      conf << "ssl = no\nservice imap-login {\n inet_listener imap {\n  port = " << imap_port_
           << "\n }\n inet_listener imaps {\n  port = 0\n }\n}\n";
      conf << "service pop3-login {\n inet_listener pop3 {\n  port = " << pop3_port_
           << "\n }\n inet_listener pop3s {\n  port = 0\n }\n}\n";
    }
  }
  ~Dovecot() { stop(); }

  /// A CA and a server certificate for 127.0.0.1 signed by it (openssl CLI), and a second CA.
  void make_certificates() {
    const std::string dir = root_.string();
    const std::string quiet = " >/dev/null 2>&1";
    ASSERT_EQ(shell("cd " + dir +
                    " && openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem "
                    "-days 2 -subj /CN=itkal-test-ca" +
                    quiet),
              0);
    ASSERT_EQ(shell("cd " + dir +
                    " && openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out "
                    "other-ca.pem -days 2 -subj /CN=other-ca" +
                    quiet),
              0);
    std::ofstream(root_ / "san.ext") << "subjectAltName=IP:127.0.0.1\n";
    ASSERT_EQ(shell("cd " + dir +
                    " && openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr "
                    "-subj /CN=127.0.0.1" +
                    quiet +
                    " && openssl x509 -req -in server.csr -CA "
                    "ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile "
                    "san.ext" +
                    quiet),
              0);
  }

  void start() {
    if (::geteuid() == 0)
      shell("chown -R " + std::to_string(mail_uid_) + ":" + std::to_string(mail_gid_) + " " +
            (root_ / "Maildir").string());
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl(kDovecot, kDovecot, "-F", "-c", (root_ / "dovecot.conf").c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 200 && !(accepts(imap_port_) && accepts(pop3_port_)); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_TRUE(accepts(imap_port_)) << testing::read_file((root_ / "dovecot.log").string());
  }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  void deliver(const std::string& name, const std::string& bytes) {
    const fs::path path = root_ / "Maildir" / "new" / name;
    std::ofstream(path, std::ios::binary) << bytes;
    if (::geteuid() == 0) ::chown(path.c_str(), mail_uid_, mail_gid_);
  }

  /// Maildir file names carry the flags after ":2,"; "S" is \Seen.
  int seen_messages() const {
    int seen = 0;
    for (const auto& item : fs::directory_iterator(root_ / "Maildir" / "cur")) {
      const std::string name = item.path().filename().string();
      const auto flags = name.find(":2,");
      if (flags != std::string::npos && name.find('S', flags) != std::string::npos) ++seen;
    }
    return seen;
  }

  int imap_port() const { return imap_port_; }
  int pop3_port() const { return pop3_port_; }

 private:
  fs::path root_;
  bool tls_;
  int imap_port_ = 0;
  int pop3_port_ = 0;
  uid_t mail_uid_ = 0;
  gid_t mail_gid_ = 0;
  pid_t pid_ = -1;
};

const char* kIssue =
    "15. April 2026\n\nTermine\n\n3.6., 10.00-12.00, Hannover: **Kommunalforum**, hannIT\n\n"
    "9.6.: **Webinar Barrierefreiheit**, KDO\n\nImpressum\n";
const char* kLaterIssue =
    "15. Mai 2026\n\nTermine\n\n1.7.: **Sommerforum Digitalisierung**, KDO\n\nImpressum\n";

class MailboxSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kDovecot) || !fs::exists("/usr/lib/dovecot/imap") ||
        !fs::exists("/usr/lib/dovecot/pop3")) {
      GTEST_SKIP() << "dovecot-imapd and dovecot-pop3d are not installed";
    }
    // dovecot's unix sockets live below it: the path must stay short (108 bytes).
    static int counter = 0;
    root_ = fs::temp_directory_path() /
            ("itkal-mb-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    fs::remove_all(root_);
    fs::create_directories(root_ / "feeds");
    fs::create_directories(root_ / "server");
    std::ofstream(root_ / "feeds" / "mail.pass") << "geheim\n";
    fs::permissions(root_ / "feeds" / "mail.pass", fs::perms::owner_read | fs::perms::owner_write);
  }
  void TearDown() override {
    server_.reset();
    if (!root_.empty()) fs::remove_all(root_);
  }

  void start_server(bool tls) {
    server_ = std::make_unique<Dovecot>(root_ / "server", tls);
    if (tls) server_->make_certificates();
    server_->deliver("1.itkal",
                     mail("VITAKO <newsletter@vitako.de>", "VITAKO aktuell 4/2026", kIssue));
    server_->deliver("2.itkal", mail("Werbung <info@shop.example>", "Angebote", "Kaufen!\n"));
    server_->deliver("3.itkal", mail("newsletter@vitako.de", "Einladung", "Kein Newsletter\n"));
    server_->start();
  }

  /// Writes feeds/itkal.json with one source.
  void configure(const std::string& source) {
    std::ofstream(root_ / "feeds" / "itkal.json")
        << "{\"output\": \"public\", \"organizers\": \"" << ITKAL_SOURCE_DIR
        << "/feeds/organizers.json\", \"sources\": [" << source << "]}";
  }
  std::string imap_source(const std::string& scheme, const std::string& extra = "") {
    return "{\"type\": \"imap\", \"url\": \"" + scheme +
           "://127.0.0.1:" + std::to_string(server_->imap_port()) +
           "/INBOX\", \"user\": \"kalender\", \"password_file\": \"mail.pass\", \"from\": "
           "\"newsletter@vitako.de\", \"subject\": \"VITAKO aktuell\"" +
           extra + "}";
  }
  std::string pop3_source() {
    return "{\"type\": \"pop3\", \"url\": \"pop3://127.0.0.1:" +
           std::to_string(server_->pop3_port()) +
           "\", \"user\": \"kalender\", \"password_env\": \"ITKAL_TEST_POP3_PASSWORD\", "
           "\"from\": \"newsletter@vitako.de\", \"subject\": \"VITAKO aktuell\"}";
  }
  testing::ItkalRun itkal(const std::string& command) {
    return testing::run_itkal_in(root_, {command, "--config", "feeds/itkal.json"});
  }
  std::size_t fetched_files() const {
    std::size_t count = 0;
    const fs::path folder = root_ / "feeds" / "public" / ".state" / "fetched";
    if (!fs::exists(folder)) return 0;
    for (const auto& item : fs::recursive_directory_iterator(folder))
      count += item.is_regular_file() ? 1 : 0;
    return count;
  }

  fs::path root_;
  std::unique_ptr<Dovecot> server_;
};

TEST_F(MailboxSourceTest, ImapFetchesEachMatchingMessageOnceAndLeavesFlags) {
  ASSERT_NO_FATAL_FAILURE(start_server(false));
  configure(imap_source("imap"));
  testing::ItkalRun first = itkal("fetch");
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("imap imap://127.0.0.1:"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find(": 1 new"), std::string::npos) << first.out;
  EXPECT_EQ(fetched_files(), 1u);
  EXPECT_EQ(first.out.find("geheim"), std::string::npos);
  EXPECT_EQ(first.err.find("geheim"), std::string::npos);
  EXPECT_EQ(server_->seen_messages(), 0) << "fetching must not mark messages read";

  testing::ItkalRun second = itkal("fetch");
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find(": unchanged"), std::string::npos) << second.out;
  EXPECT_EQ(fetched_files(), 1u);

  server_->deliver("4.itkal", mail("newsletter@vitako.de", "VITAKO aktuell 5/2026", kLaterIssue));
  testing::ItkalRun build = itkal("build");
  EXPECT_EQ(build.exit_code, 0) << build.err;
  EXPECT_NE(build.out.find(": 1 new"), std::string::npos) << build.out;
  EXPECT_EQ(fetched_files(), 2u);
  const std::string calendar = testing::read_file((root_ / "feeds/public/calendar.ics").string());
  EXPECT_NE(calendar.find("Kommunalforum"), std::string::npos);
  EXPECT_NE(calendar.find("Sommerforum Digitalisierung"), std::string::npos);
}

/// The example mail issue (multipart/alternative, base64 HTML) as if VITAKO had sent it.
std::string example_multipart_issue() {
  std::string mail = testing::read_file(std::string(ITKAL_SOURCE_DIR) +
                                        "/tests/data/issues/kommunal-it-kalender-2026-06-10.eml");
  mail.replace(0, mail.find('\n'), "From: newsletter@vitako.de");
  const std::size_t subject = mail.find("Subject: ");
  mail.replace(subject, mail.find('\n', subject) - subject, "Subject: VITAKO aktuell 6/2026");
  return mail;
}

TEST_F(MailboxSourceTest, ImapFetchesMultipartAndPdfIssues) {
  ASSERT_NO_FATAL_FAILURE(start_server(false));
  const std::string pdf_issue =
      "10. Juni 2026\n\nTermine\n\n2.7., 14.00-16.00, Oldenburg: **Sommerforum Verwaltung**, "
      "KDO\n\nImpressum\n";
  server_->deliver(
      "5.itkal",
      testing::mail_with_pdf(testing::minimal_pdf(testing::paged(pdf_issue)), "application/pdf",
                             "newsletter@vitako.de", "VITAKO aktuell 6/2026 als PDF"));
  server_->deliver("6.itkal", example_multipart_issue());
  configure(imap_source("imap"));
  testing::ItkalRun build = itkal("build");
  EXPECT_EQ(build.exit_code, 0) << build.err;
  EXPECT_NE(build.out.find(": 3 new"), std::string::npos) << build.out;
  const std::string calendar = testing::read_file((root_ / "feeds/public/calendar.ics").string());
  EXPECT_NE(calendar.find("Kommunalforum"), std::string::npos);
  EXPECT_NE(calendar.find("SUMMARY:Sommerforum Verwaltung"), std::string::npos) << calendar;
  EXPECT_NE(calendar.find("DTSTART;TZID=Europe/Berlin:20260702T140000"), std::string::npos);
  EXPECT_NE(calendar.find("SUMMARY:Anwendertag Finanzwesen"), std::string::npos);
}

TEST_F(MailboxSourceTest, Pop3FetchesEachMatchingMessageOnce) {
  ASSERT_NO_FATAL_FAILURE(start_server(false));
  configure(pop3_source());
  ::setenv("ITKAL_TEST_POP3_PASSWORD", "geheim", 1);
  testing::ItkalRun first = itkal("fetch");
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("pop3 pop3://127.0.0.1:"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find(": 1 new"), std::string::npos) << first.out;
  EXPECT_EQ(fetched_files(), 1u);
  testing::ItkalRun second = itkal("fetch");
  EXPECT_NE(second.out.find(": unchanged"), std::string::npos) << second.out;
  server_->deliver("4.itkal", mail("newsletter@vitako.de", "VITAKO aktuell 5/2026", kLaterIssue));
  testing::ItkalRun third = itkal("fetch");
  EXPECT_NE(third.out.find(": 1 new"), std::string::npos) << third.out;
  EXPECT_EQ(fetched_files(), 2u);
  ::unsetenv("ITKAL_TEST_POP3_PASSWORD");
}

TEST_F(MailboxSourceTest, StoppedServerGivesExit4AndKeepsTheFeeds) {
  ASSERT_NO_FATAL_FAILURE(start_server(false));
  configure(imap_source("imap"));
  ASSERT_EQ(itkal("build").exit_code, 0);
  const std::string before = testing::read_file((root_ / "feeds/public/calendar.ics").string());
  ASSERT_NE(before.find("Kommunalforum"), std::string::npos);
  server_->stop();
  testing::ItkalRun build = itkal("build");
  EXPECT_EQ(build.exit_code, 4) << build.err;
  EXPECT_NE(build.err.find("warning: source imap imap://127.0.0.1:"), std::string::npos)
      << build.err;
  EXPECT_NE(build.err.find("failed"), std::string::npos) << build.err;
  EXPECT_EQ(testing::read_file((root_ / "feeds/public/calendar.ics").string()), before);
  EXPECT_EQ(itkal("fetch").exit_code, 4);
  // Without fetching, nothing can fail.
  EXPECT_EQ(testing::run_itkal_in(root_, {"build", "--config", "feeds/itkal.json", "--no-fetch"})
                .exit_code,
            0);
}

TEST_F(MailboxSourceTest, PasswordFileReadableByOthersIsRefused) {
  ASSERT_NO_FATAL_FAILURE(start_server(false));
  configure(imap_source("imap"));
  fs::permissions(root_ / "feeds" / "mail.pass", fs::perms::others_read, fs::perm_options::add);
  testing::ItkalRun fetch = itkal("fetch");
  EXPECT_EQ(fetch.exit_code, 4);
  EXPECT_NE(fetch.err.find("may be read by group or others"), std::string::npos) << fetch.err;
  EXPECT_EQ(fetched_files(), 0u);
}

TEST_F(MailboxSourceTest, ImapsVerifiesAgainstTheConfiguredCa) {
  ASSERT_NO_FATAL_FAILURE(start_server(true));
  configure(imap_source("imaps", ", \"ca_file\": \"../server/other-ca.pem\""));
  testing::ItkalRun wrong = itkal("fetch");
  EXPECT_EQ(wrong.exit_code, 4) << wrong.out;
  EXPECT_NE(wrong.err.find("failed"), std::string::npos) << wrong.err;
  EXPECT_EQ(fetched_files(), 0u);

  configure(imap_source("imaps", ", \"ca_file\": \"../server/ca.pem\""));
  testing::ItkalRun right = itkal("fetch");
  EXPECT_EQ(right.exit_code, 0) << right.err;
  EXPECT_NE(right.out.find(": 1 new"), std::string::npos) << right.out;
  EXPECT_EQ(fetched_files(), 1u);
}

TEST_F(MailboxSourceTest, TlsVerifyOffWarnsEveryRun) {
  ASSERT_NO_FATAL_FAILURE(start_server(true));
  configure(imap_source("imaps", ", \"tls_verify\": false"));
  for (int run = 0; run < 2; ++run) {
    testing::ItkalRun fetch = itkal("fetch");
    EXPECT_EQ(fetch.exit_code, 0) << fetch.err;
    EXPECT_NE(fetch.err.find("not verified"), std::string::npos) << fetch.err;
  }
  EXPECT_EQ(fetched_files(), 1u);
}

}  // namespace
}  // namespace itkal
