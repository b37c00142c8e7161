#pragma once

#include <ostream>
#include <string>

#include "itkal/extract/calendar_extractor.hpp"
#include "itkal/text/json_writer.hpp"

namespace itkal {

/// `itkal extract --json`: source, issue_date, issue_date_source (option, masthead,
/// mail_header, file_name), section_heading_line, entries[], warnings[].
std::string extraction_to_json(const Extraction& extraction);

/// extraction_to_json written to a stream while the calendar is read (stream_calendar): the head
/// when it is known, each entry as it comes, the warnings at the end; the bytes are the same.
class ExtractionJsonStream : public ExtractionSink {
 public:
  explicit ExtractionJsonStream(std::ostream& out) : out_(out) {}
  void begin(const Extraction& head) override;
  void entry(Entry&& entry) override;
  std::unique_ptr<ExtractionSink> part() override;
  void join(ExtractionSink& part) override;
  /// The warnings and the end of the document; flushes.
  void finish(const std::vector<Warning>& warnings);

 private:
  std::ostream& out_;
  JsonWriter json_;
};

}  // namespace itkal
