#include "itkal/formats/review_report.hpp"

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <map>
#include <set>

#include "itkal/extract/issue_date.hpp"
#include "itkal/formats/extraction_json.hpp"
#include "itkal/text/html_escape.hpp"
#include "itkal/text/iso_date.hpp"
#include "itkal/text/json_writer.hpp"

namespace itkal {
namespace {

/// "x.eml: cannot read …" → ("x.eml", "cannot read …").
std::pair<std::string, std::string> split_note(const std::string& note) {
  const auto colon = note.find(": ");
  if (colon == std::string::npos) return {"", note};
  return {note.substr(0, colon), note.substr(colon + 2)};
}

const char* kind_label(const std::string& kind) {
  static const std::map<std::string, const char*> kLabels{
      {"warning", "held back or doubtful"},
      {"year_across_boundary", "year inferred across the turn of the year"},
      {"undated", "undated, not in the feeds"},
      {"skipped_source", "source skipped"},
      {"correction_applied", "correction applied"},
      {"correction_unmatched", "correction matches no event"},
      {"feed_size", "feed over Google's limit"}};
  const auto found = kLabels.find(kind);
  return found == kLabels.end() ? "" : found->second;
}

}  // namespace

std::string ReviewItem::key() const {
  return kind + '\x1f' + source + '\x1f' + std::to_string(line) + '\x1f' + text + '\x1f' + why;
}

bool year_inferred_across_boundary(const Entry& entry, boost::gregorian::date issue_date) {
  for (const Occurrence& occurrence : entry.occurrences) {
    for (const auto day : {occurrence.start_date, occurrence.end_date}) {
      const int year = day.year();
      if (year == issue_date.year()) continue;
      if (!entry_writes_year(entry, year)) return true;
    }
  }
  return false;
}

std::vector<ReviewItem> collect_review_items(const ReviewInput& input) {
  std::vector<ReviewItem> items;
  for (const auto& [source, warning] : input.warnings) {
    const bool correction = warning.message.starts_with("correction for ");
    items.push_back({correction ? "correction_unmatched" : "warning", source, warning.line,
                     warning.text, warning.message});
  }
  for (const std::string& note : input.skipped) {
    auto [source, why] = split_note(note);
    items.push_back({"skipped_source", source, 0, "", why});
  }
  for (const Extraction* extraction : input.extractions) {
    for (const Entry& entry : extraction->entries) {
      if (entry.dated && year_inferred_across_boundary(entry, extraction->issue_date)) {
        items.push_back({"year_across_boundary", extraction->source, entry.line, entry.text,
                         "issue of " + iso_date(extraction->issue_date) + ", entry on " +
                             iso_date(entry.occurrences.front().start_date)});
      }
    }
  }
  if (input.aggregation) {
    const Aggregation& aggregation = *input.aggregation;
    for (std::size_t i = 0; i < aggregation.undated.size(); ++i) {
      const Entry& entry = aggregation.undated[i];
      const std::string source =
          i < aggregation.undated_sources.size() ? aggregation.undated_sources[i] : "";
      items.push_back({"undated", source, entry.line, entry.text,
                       entry.notes.empty() ? "no day given" : entry.notes.front()});
    }
  }
  for (const std::string& applied : input.corrections_applied) {
    items.push_back({"correction_applied", "corrections.json", 0, "", applied});
  }
  for (const std::string& feed : input.oversized_feeds) {
    auto [file, size] = split_note(feed);
    items.push_back({"feed_size", feed.substr(0, feed.find(' ')), 0, "",
                     feed + ": still over Google Calendar's limit (~1 MB or 1,000 events) after "
                            "the feed window; lower feed_past_days or split the feed"});
  }
  std::stable_sort(items.begin(), items.end(), [](const ReviewItem& a, const ReviewItem& b) {
    return std::tie(a.source, a.line) < std::tie(b.source, b.line);
  });
  return items;
}

std::size_t mark_new_review_items(std::vector<ReviewItem>& items, std::string_view previous_json) {
  std::set<std::string> previous;
  try {
    if (!previous_json.empty()) {
      Poco::JSON::Parser parser;
      const auto root = parser.parse(std::string(previous_json)).extract<Poco::JSON::Object::Ptr>();
      const auto list = root ? root->getArray("items") : nullptr;
      for (unsigned i = 0; list && i < list->size(); ++i) {
        const auto object = list->getObject(i);
        if (!object) continue;
        ReviewItem item{
            object->optValue<std::string>("kind", ""), object->optValue<std::string>("source", ""),
            object->optValue<std::size_t>("line", 0), object->optValue<std::string>("text", ""),
            object->optValue<std::string>("why", "")};
        previous.insert(item.key());
      }
    }
  } catch (const std::exception&) {
    previous.clear();  // a damaged review.json: everything counts as new, which is safe
  }
  std::size_t count = 0;
  for (auto& item : items) {
    item.is_new = !previous.contains(item.key());
    count += item.is_new ? 1 : 0;
  }
  return count;
}

std::string review_to_json(const std::vector<ReviewItem>& items) {
  JsonWriter json;
  json.begin_object();
  json.key("new_items")
      .value(static_cast<std::size_t>(std::count_if(
          items.begin(), items.end(), [](const ReviewItem& item) { return item.is_new; })));
  json.key("items").begin_array();
  for (const auto& item : items) {
    json.begin_object();
    json.key("kind").value(item.kind);
    json.key("source").value(item.source);
    json.key("line").value(item.line);
    json.key("text").value(item.text);
    json.key("why").value(item.why);
    json.key("new").value(item.is_new);
    json.end_object();
  }
  json.end_array();
  json.end_object();
  return json.str();
}

std::string review_to_html(const std::vector<ReviewItem>& items, const std::string& title) {
  const auto new_count =
      std::count_if(items.begin(), items.end(), [](const ReviewItem& item) { return item.is_new; });
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Review: " +
      escape_html(title) +
      "</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
      "td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
      "tr.new td{background:#fff3c4}.text{font-family:monospace}</style>\n</head>\n<body>\n"
      "<h1>Review: " +
      escape_html(title) + "</h1>\n<p>" + std::to_string(items.size()) + " items, " +
      std::to_string(new_count) +
      " new since the previous build (marked). Fix an entry in the newsletter source, pass its "
      "issue date, or correct the event in corrections.json.</p>\n";
  std::string current;
  bool open = false;
  for (const auto& item : items) {
    if (!open || item.source != current) {
      if (open) html += "</table>\n";
      current = item.source;
      open = true;
      html += "<h2>" + escape_html(current.empty() ? "(build)" : current) +
              "</h2>\n<table>\n<tr><th></th><th>line</th><th>what</th><th>original text</th>"
              "<th>why</th></tr>\n";
    }
    html += std::string(item.is_new ? "<tr class=\"new\"><td>new</td>" : "<tr><td></td>") + "<td>" +
            (item.line ? std::to_string(item.line) : "") + "</td><td>" + kind_label(item.kind) +
            "</td><td class=\"text\">" + escape_html(item.text) + "</td><td>" +
            escape_html(item.why) + "</td></tr>\n";
  }
  if (open) html += "</table>\n";
  if (items.empty()) html += "<p>Nothing to review.</p>\n";
  html += "</body>\n</html>\n";
  return html;
}

}  // namespace itkal
