#include "itkal/read/newsletter_reader.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <memory>
#include <sstream>

#include "itkal/read/html_newsletter_reader.hpp"
#include "itkal/read/mail_newsletter_reader.hpp"
#include "itkal/read/pdf_newsletter_reader.hpp"
#include "itkal/text/text_folding.hpp"
#include "itkal/text/text_scanner.hpp"

namespace itkal {
namespace {

std::string_view file_extension(std::string_view name) {
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : name.substr(dot + 1);
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (ascii_lower(text[i]) != ascii_lower(prefix[i])) return false;
  }
  return true;
}

bool looks_binary(std::string_view bytes) {
  const std::size_t probe = std::min<std::size_t>(bytes.size(), 64 * 1024);
  return std::find(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(probe), '\0') !=
         bytes.begin() + static_cast<std::ptrdiff_t>(probe);
}

}  // namespace

SourceForm detect_form(std::string_view bytes, std::string_view file_name) {
  if (looks_like_pdf(bytes) || file_extension(file_name) == "pdf") return SourceForm::pdf;
  // RFC 5322 headers come first in a mail: "Name: value" lines up to a blank line.
  std::size_t pos = 0;
  // A mail saved from an mbox starts with a "From sender date" separator line.
  if (bytes.starts_with("From ") && bytes.find('\n') != std::string_view::npos) {
    pos = bytes.find('\n') + 1;
  }
  int header_lines = 0;
  bool mail_header = false;
  while (pos < bytes.size() && header_lines < 40) {
    const auto end = bytes.find('\n', pos);
    std::string_view line =
        bytes.substr(pos, end == std::string_view::npos ? bytes.size() - pos : end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    if (line[0] != ' ' && line[0] != '\t') {
      const auto colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0 ||
          line.substr(0, colon).find(' ') != std::string_view::npos) {
        mail_header = false;
        break;
      }
      for (std::string_view name : {"from", "date", "subject", "mime-version", "content-type",
                                    "received", "return-path", "message-id"}) {
        if (starts_with_ignoring_case(line, name) && line.size() > name.size() &&
            line[name.size()] == ':') {
          mail_header = true;
        }
      }
    }
    ++header_lines;
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  if (mail_header) return SourceForm::mail;
  std::string head(bytes.substr(0, 4096));
  std::transform(head.begin(), head.end(), head.begin(), [](char c) { return ascii_lower(c); });
  if (head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos ||
      head.find("<body") != std::string::npos || head.find("<p>") != std::string::npos ||
      head.find("<br") != std::string::npos || head.find("<table") != std::string::npos) {
    return SourceForm::html;
  }
  const std::string_view extension = file_extension(file_name);
  if (extension == "html" || extension == "htm") return SourceForm::html;
  if (extension == "eml") return SourceForm::mail;
  return SourceForm::text;
}

namespace {

/// Asks for huge pages under the whole 2 MiB pages of the `size` bytes at `data`, which are about
/// to be written at once: a large issue's lines (32 bytes each, as many as the file has lines)
/// otherwise cost a page fault every 128 lines, on the one thread that splits them.
void prefer_huge_pages(const void* data, std::size_t size) {
  constexpr std::uintptr_t kHugePage = 2 * 1024 * 1024;
  const auto start = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (start + kHugePage - 1) & ~(kHugePage - 1);
  const std::uintptr_t end = (start + size) & ~(kHugePage - 1);
  // Only advice: where the kernel has no huge pages, the lines are faulted in as before.
  if (end > first) ::madvise(reinterpret_cast<void*>(first), end - first, MADV_HUGEPAGE);
}

/// read_text_newsletter of bytes that `text` keeps already.
void split_text_lines(NewsletterText& text, std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (!is_valid_utf8(bytes)) {
    bytes = text.keep(windows1252_to_utf8(bytes));
    text.warnings.push_back(
        {0, "", "'" + text.source + "' is not valid UTF-8; read as Windows-1252"});
  }
  // One line per line end and one after the last: counted first, so that the lines of a large
  // file are not moved as the vector grows.
  text.lines.reserve(static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n')) + 1);
  prefer_huge_pages(text.lines.data(), text.lines.capacity() * sizeof(TextLine));
  std::size_t number = 0;
  std::size_t pos = 0;
  while (pos <= bytes.size()) {
    auto end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++number;
    std::size_t hashes = 0;
    while (hashes < line.size() && hashes < 6 && line[hashes] == '#') ++hashes;
    const bool heading = hashes > 0 && hashes < line.size() && line[hashes] == ' ';
    if (heading) line.remove_prefix(hashes + 1);
    text.lines.push_back({number, line, heading});
    if (end == bytes.size()) break;
    pos = end + 1;
  }
}

void refuse_binary(const std::string& source, std::string_view bytes) {
  if (looks_binary(bytes)) {
    throw SourceError("cannot read '" + source + "': binary content (NUL bytes), not a newsletter");
  }
}

}  // namespace

NewsletterText read_text_newsletter(const std::string& source, std::string_view bytes) {
  refuse_binary(source, bytes);
  NewsletterText text;
  text.source = source;
  split_text_lines(text, text.keep(std::string(bytes)));
  return text;
}

NewsletterText read_text_newsletter(const std::string& source, std::string&& bytes) {
  refuse_binary(source, bytes);
  NewsletterText text;
  text.source = source;
  split_text_lines(text, text.keep(std::move(bytes)));
  return text;
}

NewsletterText read_newsletter(const std::string& source, std::string_view bytes) {
  if (bytes.size() > kMaxSourceBytes) {
    throw SourceError("cannot read '" + source + "': " + std::to_string(bytes.size()) +
                      " bytes is more than the " + std::to_string(kMaxSourceBytes) +
                      " bytes a newsletter may have");
  }
  switch (detect_form(bytes, source)) {
    case SourceForm::html:
      return read_html_newsletter(source, bytes);
    case SourceForm::mail:
      return read_mail_newsletter(source, bytes);
    case SourceForm::pdf:
      return read_pdf_newsletter(source, bytes);
    case SourceForm::text:
      break;
  }
  return read_text_newsletter(source, bytes);
}

namespace {

/// The `size` bytes of the file `fd`, in a buffer that is read into without being zero-filled
/// first (std::string(size, '\0') wrote every byte of a large issue once more before reading).
std::shared_ptr<const char[]> read_bytes(int fd, std::size_t size, const std::string& path) {
  std::shared_ptr<char[]> bytes = std::make_unique_for_overwrite<char[]>(size);
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, bytes.get() + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw SourceError("cannot read '" + path + "': read failed");
    done += static_cast<std::size_t>(n);
  }
  return bytes;
}

/// From this size on a file is mapped rather than read: its pages are the page cache's own, not
/// copied into fresh memory that is faulted in once more.
constexpr std::size_t kMapFromBytes = 1024 * 1024;

/// The `size` bytes of the file `fd`: mapped when it is large and the mapping works, read
/// otherwise.
std::shared_ptr<const char[]> file_bytes(int fd, std::size_t size, const std::string& path) {
  if (size >= kMapFromBytes) {
    void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (mapped != MAP_FAILED) {
      return std::shared_ptr<const char[]>(
          static_cast<const char*>(mapped),
          [size](const char* bytes) { ::munmap(const_cast<char*>(bytes), size); });
    }
  }
  return read_bytes(fd, size, path);
}

/// Closes a file descriptor when it goes out of scope.
struct FileDescriptor {
  int fd;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

NewsletterText read_newsletter_file(const std::string& path) {
  const FileDescriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) throw SourceError("cannot read '" + path + "': no such file or not readable");
  struct stat status {};
  if (::fstat(file.fd, &status) != 0 || !S_ISREG(status.st_mode)) {
    throw SourceError("cannot read '" + path + "': not a regular file");
  }
  const auto size = static_cast<std::size_t>(status.st_size);
  if (size > kMaxSourceBytes) {
    throw SourceError("cannot read '" + path + "': " + std::to_string(size) +
                      " bytes is more than the " + std::to_string(kMaxSourceBytes) +
                      " bytes a newsletter may have");
  }
  std::shared_ptr<const char[]> owned = file_bytes(file.fd, size, path);
  const std::string_view bytes(owned.get(), size);
  const auto slash = path.rfind('/');
  const std::string source = slash == std::string::npos ? path : path.substr(slash + 1);
  // A text newsletter keeps the bytes read, its lines point into them: held once.
  if (detect_form(bytes, source) == SourceForm::text) {
    refuse_binary(source, bytes);
    NewsletterText text;
    text.source = source;
    split_text_lines(text, text.keep(std::move(owned), size));
    return text;
  }
  return read_newsletter(source, bytes);
}

}  // namespace itkal
