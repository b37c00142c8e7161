#include "itkal/model/entry.hpp"

namespace itkal {

const char* to_string(EntryStatus status) {
  return status == EntryStatus::cancelled ? "cancelled" : "confirmed";
}

}  // namespace itkal
