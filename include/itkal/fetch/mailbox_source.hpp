#pragma once

#include <cstddef>
#include <string>

#include "itkal/config/source_config.hpp"
#include "itkal/fetch/source_store.hpp"

namespace itkal {

/// The mailbox password: the first line of `password_file` (refused when its group or others
/// may read it) or the environment variable `password_env`. Throws FetchError; the message
/// names the file or variable, never the password.
std::string read_mailbox_password(const SourceConfig& source);

/// IMAP: the messages of the URL's mailbox (INBOX when the URL names none) that match
/// `from`/`subject` (IMAP SEARCH: substrings, any case) and whose UID is above the last one
/// seen under the same UIDVALIDITY; each is stored as .eml. Flags stay as they were: libcurl
/// fetches with BODY[], which marks a message read, so a message that was unread is marked
/// unread again. Returns the number of new files; throws FetchError.
std::size_t fetch_imap(const SourceConfig& source, SourceStore& store);

/// POP3: every message whose UIDL was not seen before and whose From/Subject headers contain
/// `from`/`subject` (any case), stored as .eml; nothing is deleted. Returns the new files.
std::size_t fetch_pop3(const SourceConfig& source, SourceStore& store);

}  // namespace itkal
