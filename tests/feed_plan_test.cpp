#include "itkal/build/feed_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace itkal {
namespace {

Event event(const std::string& id, std::vector<std::string> organizers) {
  Event result;
  result.id = id;
  result.title = id;
  result.organizers = std::move(organizers);
  return result;
}

OrganizerDirectory directory() {
  return OrganizerDirectory(std::vector<Organizer>{
      {"KDO", {"Kommunale Datenverarbeitung Oldenburg"}}, {"Komm.ONE", {"Komm ONE"}}});
}

std::vector<std::string> slugs(const FeedPlan& plan) {
  std::vector<std::string> result;
  for (const auto& feed : plan.feeds) result.push_back(feed.slug);
  return result;
}

TEST(FeedPlan, AllThenOneFeedPerOrganizerBySlug) {
  const std::vector<Event> events = {
      event("a", {"Freie Hansestadt Bremen", "VITAKO"}),
      event("b", {"Kommunale Datenverarbeitung Oldenburg"}),
      event("c", {"KDO", "komm one"}),
      event("d", {}),
  };
  const FeedPlan plan = plan_feeds(events, directory());
  EXPECT_TRUE(plan.warnings.empty());
  EXPECT_EQ(slugs(plan), (std::vector<std::string>{"all", "freie-hansestadt-bremen", "kdo",
                                                   "komm-one", "vitako"}));
  EXPECT_EQ(plan.feeds[0].name, "VITAKO IT-Kalender");
  EXPECT_TRUE(plan.feeds[0].filter.empty());
  EXPECT_EQ(plan.feeds[2].name, "VITAKO IT-Kalender \u2013 KDO");
  EXPECT_EQ(plan.feeds[2].filter.organizers, (std::vector<std::string>{"KDO"}));
  EXPECT_EQ(plan.feeds[3].name, "VITAKO IT-Kalender \u2013 Komm.ONE");
}

TEST(FeedPlan, IsTheSameWhateverTheEventOrder) {
  std::vector<Event> events = {event("a", {"Dataport"}), event("b", {"KDO"}),
                               event("c", {"ekom21"})};
  const FeedPlan first = plan_feeds(events, directory());
  std::reverse(events.begin(), events.end());
  EXPECT_EQ(first.feeds, plan_feeds(events, directory()).feeds);
}

TEST(FeedPlan, NamedFeedsComeLastAndWinTheirSlug) {
  FeedPlanOptions options;
  FeedSpec north{"Norden", "", {}};
  north.filter.organizers = {"KDO", "Dataport"};
  FeedSpec kdo_online{"KDO online", "kdo", {}};
  kdo_online.filter.online = true;
  options.named = {north, kdo_online, FeedSpec{"Doppelt", "norden", {}},
                   FeedSpec{"Böse", "../etc", {}}, FeedSpec{"Alles", "all", {}}};
  const FeedPlan plan =
      plan_feeds({event("a", {"KDO"}), event("b", {"Dataport"})}, directory(), options);
  EXPECT_EQ(slugs(plan), (std::vector<std::string>{"all", "dataport", "norden", "kdo"}));
  EXPECT_EQ(plan.feeds[2].filter.organizers, north.filter.organizers);
  EXPECT_EQ(plan.feeds[3].filter.online, true);
  ASSERT_EQ(plan.warnings.size(), 4u);
  EXPECT_EQ(plan.warnings[0], "feed 'Doppelt': slug 'norden' is already taken; skipped");
  EXPECT_EQ(plan.warnings[1],
            "feed 'Böse': slug '../etc' is not made of a-z, 0-9 and '-'; skipped");
  EXPECT_EQ(plan.warnings[2], "feed 'Alles': slug 'all' is already taken; skipped");
  EXPECT_EQ(plan.warnings[3],
            "organizer feed 'KDO': slug 'kdo' is taken by a named feed or the all-feed; skipped");
}

TEST(FeedPlan, PerOrganizerFeedsCanBeSwitchedOff) {
  FeedPlanOptions options;
  options.per_organizer = false;
  options.name = "Kalender";
  options.all_slug = "kalender";
  const FeedPlan plan = plan_feeds({event("a", {"KDO"})}, directory(), options);
  EXPECT_EQ(slugs(plan), (std::vector<std::string>{"kalender"}));
}

TEST(FeedPlan, SlugValidity) {
  for (const char* good : {"kdo", "freie-hansestadt-bremen", "ekom21", "a-1"}) {
    EXPECT_TRUE(is_valid_slug(good)) << good;
  }
  for (const char* bad : {"", "-kdo", "kdo-", "a--b", "KDO", "a/b", "..", "ä"}) {
    EXPECT_FALSE(is_valid_slug(bad)) << bad;
  }
}

}  // namespace
}  // namespace itkal
