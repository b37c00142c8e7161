#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <utility>

#include "cli/command.hpp"
#include "cli/commands.hpp"
#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/formats/extraction_json.hpp"
#include "itkal/model/organizer_directory.hpp"
#include "itkal/read/newsletter_reader.hpp"
#include "itkal/text/iso_date.hpp"
#include "itkal/text/text_column.hpp"

namespace itkal::cli {
namespace {

using Poco::Util::Option;
using Poco::Util::OptionSet;

std::string format_occurrences(const Entry& entry, bool times) {
  if (!entry.dated) {
    if (times) return "";
    return entry.notes.empty() ? "undated" : entry.notes.front();
  }
  std::string text;
  for (const auto& occurrence : entry.occurrences) {
    if (!text.empty()) text += "; ";
    if (!times) {
      text += iso_date(occurrence.start_date);
      if (occurrence.end_date != occurrence.start_date)
        text += ".." + iso_date(occurrence.end_date);
    } else {
      if (occurrence.start_time) text += occurrence.start_time->to_string();
      if (occurrence.end_time) text += "-" + occurrence.end_time->to_string();
    }
  }
  return text;
}

/// The table's rows, made as the entries are read. The line above the table counts the entries,
/// so the rows wait until the calendar is read: in a temporary file once they pass a few pieces,
/// so that a large issue's table does not grow the process (in memory when there is no
/// temporary file to be had).
class TableRows : public ExtractionSink {
 public:
  TableRows() = default;
  TableRows(const TableRows&) = delete;
  TableRows& operator=(const TableRows&) = delete;
  ~TableRows() override {
    if (spill_) std::fclose(spill_);
  }

  void begin(const Extraction&) override {}
  void entry(Entry&& entry) override {
    add_row(entry);
    if (spills_ && rows_.size() >= kPieceBytes) spill();
  }
  std::unique_ptr<ExtractionSink> part() override {
    auto part = std::make_unique<TableRows>();
    part->spills_ = false;  // a part's rows are joined from memory
    return part;
  }
  void join(ExtractionSink& part) override {
    auto& rows = dynamic_cast<TableRows&>(part);
    count += std::exchange(rows.count, 0);
    rows_ += rows.rows_;
    rows.rows_.clear();
    if (rows_.size() >= kPieceBytes) spill();
  }

  /// Writes every row to `out`, in order.
  void write_to(std::ostream& out) {
    if (spill_) {
      std::rewind(spill_);
      std::string piece(kPieceBytes, '\0');
      while (const std::size_t got = std::fread(piece.data(), 1, piece.size(), spill_)) {
        out.write(piece.data(), static_cast<std::streamsize>(got));
      }
      if (std::ferror(spill_)) {
        throw std::runtime_error("cannot read the table back from its temporary file");
      }
    }
    out << rows_;
  }

  std::size_t count = 0;

 private:
  static constexpr std::size_t kPieceBytes = 256 * 1024;

  void add_row(const Entry& entry) {
    ++count;
    rows_ += padded_column(std::to_string(entry.line), 6);
    rows_ += padded_column(format_occurrences(entry, false), 24);
    rows_ += padded_column(format_occurrences(entry, true), 13);
    rows_ += padded_column(entry.online ? std::string("online") : entry.location.value_or(""), 16);
    if (entry.status == EntryStatus::cancelled) rows_ += "ABGESAGT: ";
    rows_ += entry.title;
    if (!entry.organizers.empty()) {
      rows_ += " [";
      for (std::size_t i = 0; i < entry.organizers.size(); ++i) {
        if (i > 0) rows_ += ", ";
        rows_ += entry.organizers[i];
      }
      rows_ += "]";
    }
    rows_ += "\n";
  }

  void spill() {
    if (!spill_ && !spill_failed_) {
      spill_ = std::tmpfile();
      spill_failed_ = spill_ == nullptr;
    }
    if (!spill_) return;  // kept in memory
    if (std::fwrite(rows_.data(), 1, rows_.size(), spill_) != rows_.size()) {
      throw std::runtime_error("cannot write the table to a temporary file: " +
                               std::string(std::strerror(errno)));
    }
    rows_.clear();
  }

  std::string rows_;
  std::FILE* spill_ = nullptr;
  bool spill_failed_ = false;
  bool spills_ = true;
};

void print_table(const Extraction& extraction, TableRows& table, std::ostream& out) {
  out << extraction.source << ", issue of " << iso_date(extraction.issue_date) << " (from "
      << to_string(extraction.issue_date_source) << "), calendar at line "
      << extraction.section_heading_line << ": " << table.count << " entries\n\n";
  out << padded_column("line", 6) << padded_column("date", 24) << padded_column("time", 13)
      << padded_column("place", 16) << "title [organizers]\n";
  table.write_to(out);
  if (!extraction.warnings.empty()) {
    out << "\n" << extraction.warnings.size() << " warning(s):\n";
    for (const auto& warning : extraction.warnings) {
      out << "  line " << warning.line << ": " << warning.message;
      if (!warning.text.empty()) out << ": " << warning.text;
      out << "\n";
    }
  }
}

class ExtractCommand : public Command<> {
 public:
  ExtractCommand()
      : Command({.name = "extract",
                 .usage = "[OPTIONS] FILE",
                 .header = "Reads one newsletter issue (text, Markdown, HTML or mail) and prints "
                           "the entries of its event calendar, then the lines that could not be "
                           "read. Exit 0 when the calendar was read (even with warnings), 2 when "
                           "the file cannot be read or has no calendar, 64 for bad usage.",
                 .arguments = Arguments::one_file,
                 // -o was --organizers here but is --output everywhere else.
                 .deprecated_short_options = {{"o", "organizers", "FILE"}}}) {}

 protected:
  void define_command_options(OptionSet& options) override {
    options.addOption(Option("json", "j", "print the entries as JSON instead of a table"));
    options.addOption(issue_date_option());
    options.addOption(organizers_option());
    options.addOption(
        Option("heading", "H",
               "a heading that opens the calendar section (repeatable; replaces the defaults)")
            .argument("TEXT")
            .repeatable(true));
  }

  void handle_command_option(const std::string& name, const std::string& value) override {
    if (name == "json") {
      json_ = true;
    } else if (name == "issue-date") {
      issue_date_text_ = value;
    } else if (name == "organizers") {
      organizers_ = value;
    } else if (name == "heading") {
      headings_.push_back(value);
    }
  }

  int run_command(const ArgVec& args) override {
    ExtractOptions options;
    if (!issue_date_text_.empty()) {
      options.issue_date = parse_issue_date_option("extract", issue_date_text_);
      if (!options.issue_date) return kExitUsage;
    }
    if (!headings_.empty()) options.section.headings = headings_;
    try {
      // The entries are written as they are read, never all held: a large issue costs little
      // more memory than its lines.
      if (json_) {
        ExtractionJsonStream json(std::cout);
        const Extraction extraction = stream_issue_file(args.front(), organizers_, options, json);
        json.finish(extraction.warnings);
      } else {
        TableRows table;
        const Extraction extraction = stream_issue_file(args.front(), organizers_, options, table);
        print_table(extraction, table, std::cout);
      }
      return kExitOk;
    } catch (const std::runtime_error& error) {
      std::cerr << "itkal extract: " << error.what() << "\n";
      return kExitSource;
    }
  }

 private:
  bool json_ = false;
  std::string issue_date_text_;
  std::string organizers_;
  std::vector<std::string> headings_;
};

}  // namespace

Poco::AutoPtr<Poco::Util::Application> make_extract_command() { return new ExtractCommand; }

}  // namespace itkal::cli
