#pragma once

#include <string>
#include <vector>

namespace Poco::Util {
class AbstractConfiguration;
}

namespace itkal {

/// Where issues come from (`sources` in feeds/itkal.json).
enum class SourceType { folder, imap, pop3, url, ics };

/// One entry of `sources`; paths are absolute. Passwords are never held here, only where they
/// are read from.
struct SourceConfig {
  SourceType type = SourceType::folder;
  std::string path;  ///< folder: the folder read in place
  std::string url;   ///< imap(s)://host[:port]/MAILBOX, pop3(s)://host[:port], http(s)://…
  std::string user;  ///< mailbox login
  std::string password_file;  ///< mailbox password: a file only its owner may read …
  std::string password_env;   ///< … or the environment variable named here
  std::string from;           ///< mailbox: only messages whose From contains this (any case)
  std::string subject;        ///< mailbox: only messages whose Subject contains this (any case)
  std::string ca_file;     ///< PEM file of the certificate authorities to trust, else the system's
  bool tls_verify = true;  ///< false only when the configuration says so (a warning every run)
  std::string organizer;   ///< ics: the organizer of its events
  std::string name;        ///< ics: the feed's name; any source: how messages call it
  long connect_timeout_seconds = 10;
  long timeout_seconds = 60;  ///< a whole transfer (one message, one page)

  /// Stable name of the source's fetched files and state ("imap-3f2a…"): the type and a digest
  /// of what identifies it (URL and user, or path), so reordering `sources` changes nothing.
  [[nodiscard]] std::string key() const;
  /// How messages name it: "imap imaps://mail.example.org/INBOX (kalender)"; never a password.
  [[nodiscard]] std::string label() const;
};

/// A folder source reading `path` in place.
SourceConfig folder_source(const std::string& path);

/// "folder", "imap", …
const char* to_string(SourceType type);

/// Reads `sources` from the configuration; relative paths are resolved against `base`. Throws
/// std::runtime_error naming `file` and the entry for an unknown type, a missing url or path, or
/// a password written into the JSON.
std::vector<SourceConfig> load_sources(Poco::Util::AbstractConfiguration& json,
                                       const std::string& base, const std::string& file);

}  // namespace itkal
