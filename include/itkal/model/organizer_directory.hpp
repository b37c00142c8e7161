#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace itkal {

/// A body that organizes events, with the other spellings that name it.
struct Organizer {
  std::string name;
  std::vector<std::string> aliases;
};

/// The editable directory of organizers (feeds/organizers.json): canonical names, aliases and the
/// trailing words that are event details rather than organizers. Matching folds case, umlaut
/// spelling and punctuation (see fold_for_matching).
class OrganizerDirectory {
 public:
  OrganizerDirectory() = default;
  explicit OrganizerDirectory(std::vector<Organizer> organizers,
                              std::vector<std::string> details = {});

  /// Reads the JSON directory; throws std::runtime_error naming the file on any problem.
  static OrganizerDirectory load(const std::string& path);
  /// Parses the JSON text; `origin` names it in error messages.
  static OrganizerDirectory parse(std::string_view json, const std::string& origin);

  /// The canonical name for a name or alias, or nullptr when the directory does not know it.
  [[nodiscard]] const std::string* canonical_name(std::string_view name) const;
  /// True for words like "Hausmesse" or "Workshop" that describe an event.
  [[nodiscard]] bool is_detail(std::string_view text) const;
  /// The same two look-ups for a key already folded with fold_for_matching.
  [[nodiscard]] const std::string* canonical_name_of_folded(std::string_view folded) const;
  [[nodiscard]] bool is_detail_folded(std::string_view folded) const;
  /// Both look-ups at once, for the parser's hot path.
  struct FoldedMatch {
    const std::string* organizer = nullptr;  ///< canonical name, when the key names one
    bool detail = false;                     ///< the key is a detail word
  };
  [[nodiscard]] FoldedMatch match_folded(std::string_view folded) const;
  [[nodiscard]] const std::vector<Organizer>& organizers() const { return organizers_; }

 private:
  std::vector<Organizer> organizers_;
  /// Hashes std::string and std::string_view alike, so that look-ups need no string.
  struct FoldedKeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const {
      return std::hash<std::string_view>{}(key);
    }
  };
  /// What a folded key is: an organizer (index) and/or a detail word.
  struct FoldedKey {
    std::size_t organizer = static_cast<std::size_t>(-1);
    bool detail = false;
  };
  // One hash table: every trailing segment of every entry is looked up, and a tree took eight
  // string comparisons per look-up.
  std::unordered_map<std::string, FoldedKey, FoldedKeyHash, std::equal_to<>> folded_keys_;
};

}  // namespace itkal
