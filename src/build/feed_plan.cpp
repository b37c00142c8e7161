#include "itkal/build/feed_plan.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "itkal/text/text_folding.hpp"

namespace itkal {

bool is_valid_slug(const std::string& slug) {
  if (slug.empty() || slug.front() == '-' || slug.back() == '-') return false;
  char previous = '\0';
  for (const char c : slug) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!allowed || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

FeedPlan plan_feeds(const std::vector<Event>& events, const OrganizerDirectory& directory,
                    const FeedPlanOptions& options) {
  FeedPlan plan;
  plan.feeds.push_back({options.name, options.all_slug, {}});

  // Named feeds first claim their slugs, so that planning organizers can give way to them.
  std::vector<FeedSpec> named;
  std::set<std::string, std::less<>> taken{options.all_slug};
  for (FeedSpec spec : options.named) {
    if (spec.slug.empty()) spec.slug = slugify(spec.name);
    if (!is_valid_slug(spec.slug)) {
      plan.warnings.push_back("feed '" + spec.name + "': slug '" + spec.slug +
                              "' is not made of a-z, 0-9 and '-'; skipped");
      continue;
    }
    if (!taken.insert(spec.slug).second) {
      plan.warnings.push_back("feed '" + spec.name + "': slug '" + spec.slug +
                              "' is already taken; skipped");
      continue;
    }
    named.push_back(std::move(spec));
  }

  if (options.per_organizer) {
    // One feed per body, however its events spell it: keyed by the folded canonical name; the
    // first spelling in event order names the feed (the directory's name when it knows one).
    std::map<std::string, std::string> name_by_key;
    for (const auto& event : events) {
      for (const auto& organizer : event.organizers) {
        const std::string* canonical = directory.canonical_name(organizer);
        const std::string& display = canonical ? *canonical : organizer;
        const std::string key = fold_for_matching(display);
        if (!key.empty()) name_by_key.emplace(key, display);
      }
    }
    std::map<std::string, std::string> name_by_slug;  // sorted by slug: stable file order
    for (const auto& [key, display] : name_by_key) {
      const std::string slug = slugify(display);
      if (!is_valid_slug(slug)) continue;  // fold_for_matching kept something: cannot happen
      const auto [existing, inserted] = name_by_slug.emplace(slug, display);
      if (!inserted) {
        plan.warnings.push_back("organizers '" + existing->second + "' and '" + display +
                                "' share the file name '" + slug + ".ics'; both are in it");
      }
    }
    for (const auto& [slug, display] : name_by_slug) {
      if (taken.count(slug) != 0) {
        plan.warnings.push_back("organizer feed '" + display + "': slug '" + slug +
                                "' is taken by a named feed or the all-feed; skipped");
        continue;
      }
      FeedSpec spec{options.name + " \u2013 " + display, slug, {}};
      spec.filter.organizers.push_back(display);
      // Organizers that share a slug share the feed.
      for (const auto& [key, other] : name_by_key) {
        if (other != display && slugify(other) == slug) spec.filter.organizers.push_back(other);
      }
      plan.feeds.push_back(std::move(spec));
    }
  }

  for (auto& spec : named) plan.feeds.push_back(std::move(spec));
  return plan;
}

}  // namespace itkal
