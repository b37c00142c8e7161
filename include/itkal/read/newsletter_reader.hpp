#pragma once

#include <string>
#include <string_view>

#include "itkal/read/newsletter_text.hpp"

namespace itkal {

/// The forms a newsletter arrives in.
enum class SourceForm { text, html, mail, pdf };

/// Largest source read; larger ones are refused with a message (bounded memory).
inline constexpr std::size_t kMaxSourceBytes = 32u * 1024u * 1024u;

/// Chooses the form by content (the %PDF- header, mail headers, HTML tags), falling back to the
/// file name. A file named .pdf is always read as a PDF, so that one that is not says so.
SourceForm detect_form(std::string_view bytes, std::string_view file_name);

/// Text and Markdown: lines as they are, "**bold**" kept, "#" headings flagged. Invalid UTF-8
/// is read as Windows-1252 with a warning. Throws SourceError for binary content.
NewsletterText read_text_newsletter(const std::string& source, std::string_view bytes);
/// The same, keeping `bytes` without a copy.
NewsletterText read_text_newsletter(const std::string& source, std::string&& bytes);

/// Reads any form from memory; `source` names it in messages.
NewsletterText read_newsletter(const std::string& source, std::string_view bytes);

/// Reads a file of any form; throws SourceError naming the file when it cannot.
NewsletterText read_newsletter_file(const std::string& path);

}  // namespace itkal
