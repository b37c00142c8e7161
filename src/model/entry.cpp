#include "itkal/model/entry.hpp"

namespace itkal {

const char* to_string(EntryStatus status) {
  return status == EntryStatus::cancelled ? "cancelled" : "confirmed";
}

std::optional<EntryStatus> entry_status_from_string(std::string_view text) {
  if (text == "cancelled") return EntryStatus::cancelled;
  if (text == "confirmed") return EntryStatus::confirmed;
  return std::nullopt;
}

}  // namespace itkal
