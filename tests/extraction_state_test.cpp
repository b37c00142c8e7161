// The build's state of each source (output/.state/<source>.json): what is written is read back
// field for field, old and damaged files are handled, and the status has one spelling.
#include "itkal/formats/extraction_state.hpp"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <string>

namespace itkal {
namespace {

namespace greg = boost::gregorian;

/// An extraction that uses every field the state keeps.
Extraction full_reading() {
  Extraction extraction;
  extraction.source = "vitako-2026-04.eml";
  extraction.issue_date = greg::date(2026, 4, 15);
  extraction.issue_date_source = IssueDateSource::mail_header;
  extraction.section_heading_line = 12;
  Entry spanning;
  spanning.line = 14;
  spanning.dated = true;
  spanning.occurrences = {
      {greg::date(2026, 6, 2), greg::date(2026, 6, 3), TimeOfDay{9, 0}, TimeOfDay{17, 0}, true}};
  spanning.location = "Hannover";
  spanning.title = "Kommunaler IT-Sicherheitskongress";
  spanning.organizers = {"hannIT", "GovConnect"};
  spanning.details = {"Anmeldung erbeten"};
  spanning.online = false;
  spanning.text = "2./3.6., 9.00-17.00, Hannover: Kommunaler IT-Sicherheitskongress, hannIT";
  spanning.url = "https://www.example.org/kongress";
  Entry cancelled;
  cancelled.line = 20;
  cancelled.dated = true;
  cancelled.occurrences = {{greg::date(2026, 6, 25), greg::date(2026, 6, 25), {}, {}, false}};
  cancelled.title = "Management Kommunen";
  cancelled.online = true;
  cancelled.status = EntryStatus::cancelled;
  cancelled.text = "25.6: Management Kommunen, KDO – abgesagt";
  Entry undated;
  undated.line = 22;
  undated.title = "Digitalwoche";
  undated.notes = {"month only: Juni 2026"};
  undated.text = "Juni: Digitalwoche";
  extraction.entries = {spanning, cancelled, undated};
  return extraction;
}

void expect_same_entry(const Entry& read, const Entry& written) {
  EXPECT_EQ(read.line, written.line);
  EXPECT_EQ(read.dated, written.dated);
  EXPECT_EQ(read.occurrences, written.occurrences);
  EXPECT_EQ(read.location, written.location);
  EXPECT_EQ(read.title, written.title);
  EXPECT_EQ(read.organizers, written.organizers);
  EXPECT_EQ(read.details, written.details);
  EXPECT_EQ(read.online, written.online);
  EXPECT_EQ(read.status, written.status);
  EXPECT_EQ(read.text, written.text);
  EXPECT_EQ(read.notes, written.notes);
  EXPECT_EQ(read.url, written.url);
}

TEST(ExtractionState, WhatIsWrittenIsReadBackFieldForField) {
  const Extraction written = full_reading();
  const auto read = extraction_from_state(extraction_to_state(written));
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->source, written.source);
  EXPECT_EQ(read->issue_date, written.issue_date);
  EXPECT_EQ(read->issue_date_source, written.issue_date_source);
  EXPECT_EQ(read->section_heading_line, written.section_heading_line);
  ASSERT_EQ(read->entries.size(), written.entries.size());
  for (std::size_t i = 0; i < written.entries.size(); ++i) {
    SCOPED_TRACE(i);
    expect_same_entry(read->entries[i], written.entries[i]);
  }
  EXPECT_EQ(extraction_to_state(*read), extraction_to_state(written));
}

TEST(ExtractionState, StateFromBeforeTheIssueDateSourceIsFromTheMasthead) {
  std::string text = extraction_to_state(full_reading());
  const std::string key = "\n  \"issue_date_source\": \"mail_header\",";
  const std::size_t at = text.find(key);
  ASSERT_NE(at, std::string::npos) << text;
  text.erase(at, key.size());
  const auto read = extraction_from_state(text);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->issue_date_source, IssueDateSource::masthead);
}

TEST(ExtractionState, EmptyOrDamagedStateIsNone) {
  const std::string good = extraction_to_state(full_reading());
  EXPECT_FALSE(extraction_from_state("").has_value());
  EXPECT_FALSE(extraction_from_state(good.substr(0, good.size() / 2)).has_value());
  EXPECT_FALSE(extraction_from_state("{\"source\": 3}").has_value());
  EXPECT_FALSE(extraction_from_state("[]").has_value());
}

TEST(EntryStatusNames, RoundTripAndRefuseOthers) {
  for (const EntryStatus status : {EntryStatus::confirmed, EntryStatus::cancelled}) {
    EXPECT_EQ(entry_status_from_string(to_string(status)), status);
  }
  EXPECT_EQ(entry_status_from_string("Cancelled"), std::nullopt);
  EXPECT_EQ(entry_status_from_string("abgesagt"), std::nullopt);
  EXPECT_EQ(entry_status_from_string(""), std::nullopt);
}

}  // namespace
}  // namespace itkal
