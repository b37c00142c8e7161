#include "itkal/fetch/mailbox_source.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "itkal/fetch/curl_session.hpp"
#include "itkal/fetch/source_fetcher.hpp"
#include "itkal/read/newsletter_reader.hpp"
#include "itkal/text/text_folding.hpp"

namespace itkal {
namespace {

/// "imaps://host:993/INBOX" → {"imaps://host:993", "INBOX" as written in the URL}.
std::pair<std::string, std::string> split_mailbox_url(const std::string& url) {
  const auto authority = url.find("://");
  const auto slash = url.find('/', authority == std::string::npos ? 0 : authority + 3);
  if (slash == std::string::npos) return {url, ""};
  std::string path = url.substr(slash + 1);
  while (!path.empty() && path.back() == '/') path.pop_back();
  return {url.substr(0, slash), path};
}

/// An IMAP quoted string (RFC 3501 4.3).
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

bool is_ascii(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

/// The numbers of the untagged "* SEARCH 3 5 8" lines.
std::vector<unsigned long> search_results(const std::string& response) {
  std::vector<unsigned long> numbers;
  std::istringstream lines(response);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.starts_with("* SEARCH")) continue;
    std::istringstream words(line.substr(8));
    unsigned long number = 0;
    while (words >> number) numbers.push_back(number);
  }
  return numbers;
}

/// The number after "[NAME " in a response such as "* OK [UIDVALIDITY 1796476256] UIDs valid".
unsigned long response_code(const std::string& response, const std::string& name) {
  const auto at = response.find("[" + name + " ");
  if (at == std::string::npos) throw FetchError("the server sent no " + name);
  return std::strtoul(response.c_str() + at + name.size() + 2, nullptr, 10);
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](char c) { return ascii_lower(c); });
  return text;
}

/// The value of header `name` (unfolded) in a header block; empty when absent.
std::string header_value(const std::string& headers, const std::string& name) {
  std::istringstream lines(headers);
  std::string line;
  std::string value;
  bool in_header = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    if (line[0] == ' ' || line[0] == '\t') {
      if (in_header) value += " " + line.substr(line.find_first_not_of(" \t"));
      continue;
    }
    if (in_header) return value;
    const auto colon = line.find(':');
    if (colon != std::string::npos && lowercase(line.substr(0, colon)) == name) {
      in_header = true;
      value = line.substr(colon + 1);
    }
  }
  return in_header ? value : std::string();
}

bool contains_folded(const std::string& haystack, const std::string& needle) {
  return needle.empty() || lowercase(haystack).find(lowercase(needle)) != std::string::npos;
}

std::string search_criteria(const SourceConfig& source, unsigned long first_uid) {
  std::string criteria = "UID " + std::to_string(first_uid) + ":*";
  if (!source.from.empty()) criteria += " FROM " + quoted(source.from);
  if (!source.subject.empty()) criteria += " SUBJECT " + quoted(source.subject);
  if (!is_ascii(source.from) || !is_ascii(source.subject)) criteria = "CHARSET UTF-8 " + criteria;
  return criteria;
}

}  // namespace

std::string read_mailbox_password(const SourceConfig& source) {
  if (!source.password_file.empty()) {
    struct stat info {};
    if (::stat(source.password_file.c_str(), &info) != 0)
      throw FetchError("cannot read password file '" + source.password_file + "'");
    if ((info.st_mode & 077) != 0) {
      throw FetchError("password file '" + source.password_file +
                       "' may be read by group or others; chmod 600 it");
    }
    std::ifstream in(source.password_file);
    std::string password;
    if (!in || !std::getline(in, password))
      throw FetchError("cannot read password file '" + source.password_file + "'");
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
  }
  if (!source.password_env.empty()) {
    const char* value = std::getenv(source.password_env.c_str());
    if (!value) throw FetchError("environment variable '" + source.password_env + "' is not set");
    return value;
  }
  if (!source.user.empty()) throw FetchError("no password_file or password_env for the user");
  return {};
}

std::size_t fetch_imap(const SourceConfig& source, SourceStore& store) {
  CurlSession session(source, read_mailbox_password(source), kMaxSourceBytes);
  auto [base, mailbox_in_url] = split_mailbox_url(source.url);
  if (mailbox_in_url.empty()) mailbox_in_url = "INBOX";
  std::string mailbox;
  Poco::URI::decode(mailbox_in_url, mailbox);
  const std::string mailbox_url = base + "/" + mailbox_in_url;

  // EXAMINE opens the mailbox read-only and names UIDVALIDITY and UIDNEXT (RFC 3501 6.3.2).
  const std::string status = session.perform(base + "/", "EXAMINE " + quoted(mailbox));
  const unsigned long validity = response_code(status, "UIDVALIDITY");
  const unsigned long next = response_code(status, "UIDNEXT");
  Poco::JSON::Object::Ptr state = store.load_state();
  unsigned long last_uid = 0;
  if (state->has("uidvalidity") && state->getValue<unsigned long>("uidvalidity") == validity)
    last_uid = state->getValue<unsigned long>("last_uid");

  const std::string criteria = search_criteria(source, last_uid + 1);
  std::vector<unsigned long> uids =
      search_results(session.perform(mailbox_url, "UID SEARCH " + criteria));
  // "n:*" always includes the highest UID, even below n (RFC 3501 6.4.8).
  std::erase_if(uids, [&](unsigned long uid) { return uid <= last_uid; });
  std::vector<unsigned long> unseen =
      search_results(session.perform(mailbox_url, "UID SEARCH " + criteria + " UNSEEN"));
  const std::set<unsigned long> unread(unseen.begin(), unseen.end());

  std::size_t added = 0;
  unsigned long highest = next > 0 ? next - 1 : 0;
  for (unsigned long uid : uids) {
    const std::string message = session.perform(mailbox_url + ";UID=" + std::to_string(uid));
    if (unread.contains(uid))
      session.perform(mailbox_url, "UID STORE " + std::to_string(uid) + " -FLAGS.SILENT (\\Seen)");
    if (store.add(message, "eml")) ++added;
    highest = std::max(highest, uid);
  }
  Poco::JSON::Object::Ptr updated = new Poco::JSON::Object;
  updated->set("uidvalidity", validity);
  updated->set("last_uid", std::max(highest, last_uid));
  store.save_state(updated);
  return added;
}

std::size_t fetch_pop3(const SourceConfig& source, SourceStore& store) {
  CurlSession session(source, read_mailbox_password(source), kMaxSourceBytes);
  const std::string base = split_mailbox_url(source.url).first;
  Poco::JSON::Object::Ptr state = store.load_state();
  std::set<std::string> seen;
  if (auto list = state->getArray("uidls")) {
    for (unsigned i = 0; i < list->size(); ++i) seen.insert(list->getElement<std::string>(i));
  }
  std::vector<std::pair<std::string, std::string>> messages;  // number, UIDL (RFC 1939 7)
  std::istringstream lines(session.perform(base + "/", "UIDL"));
  std::string number;
  std::string uidl;
  while (lines >> number >> uidl) messages.emplace_back(number, uidl);

  std::size_t added = 0;
  Poco::JSON::Array::Ptr remembered = new Poco::JSON::Array;
  for (const auto& [message_number, message_uidl] : messages) {
    remembered->add(message_uidl);  // only UIDLs still on the server: the list stays bounded
    if (seen.contains(message_uidl)) continue;
    if (!source.from.empty() || !source.subject.empty()) {
      const std::string headers = session.perform(base + "/", "TOP " + message_number + " 0");
      if (!contains_folded(header_value(headers, "from"), source.from) ||
          !contains_folded(header_value(headers, "subject"), source.subject)) {
        continue;
      }
    }
    if (store.add(session.perform(base + "/" + message_number), "eml")) ++added;
  }
  Poco::JSON::Object::Ptr updated = new Poco::JSON::Object;
  updated->set("uidls", remembered);
  store.save_state(updated);
  return added;
}

}  // namespace itkal
