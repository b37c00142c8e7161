#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "itkal/aggregate/aggregator.hpp"
#include "itkal/extract/calendar_extractor.hpp"

namespace itkal {

/// One thing a person should look at after a build.
struct ReviewItem {
  /// "warning" (held back or doubtful), "year_across_boundary", "undated", "skipped_source",
  /// "correction_applied", "correction_unmatched", "feed_size".
  std::string kind;
  std::string source;  ///< the file it comes from ("corrections.json", "calendar.ics")
  std::size_t line = 0;
  std::string text;  ///< the original text, when there is one
  std::string why;
  bool is_new = false;  ///< not in the previous build's review

  /// What identifies the item from build to build (kind, source, line, text, why).
  [[nodiscard]] std::string key() const;
};

/// What a build gives the review: read, aggregated and corrected.
struct ReviewInput {
  std::vector<const Extraction*> extractions;
  const Aggregation* aggregation = nullptr;
  /// Warnings with their source file (reader, parser, issue date, corrections, feeds).
  std::vector<std::pair<std::string, Warning>> warnings;
  std::vector<std::string> skipped;  ///< "x.eml: cannot read …" (--keep-going)
  std::vector<std::string> corrections_applied;
  std::vector<std::string> oversized_feeds;
};

/// Every item to review, in a stable order (by source, then line).
std::vector<ReviewItem> collect_review_items(const ReviewInput& input);

/// Marks the items that the previous review.json (empty: none) did not list; returns how many.
std::size_t mark_new_review_items(std::vector<ReviewItem>& items, std::string_view previous_json);

/// review.json: {"new_items": n, "items": [{kind, source, line, text, why, new}]}.
std::string review_to_json(const std::vector<ReviewItem>& items);

/// review.html: one table per source, new items marked, for a person to read.
std::string review_to_html(const std::vector<ReviewItem>& items, const std::string& title);

/// True when an entry's day lies in another year than its issue and the entry does not write
/// that year: the year was inferred across the turn of the year ("13.1." in a December issue).
bool year_inferred_across_boundary(const Entry& entry, boost::gregorian::date issue_date);

}  // namespace itkal
