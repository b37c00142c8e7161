#include "itkal/model/event.hpp"

namespace itkal {

std::string occurrence_uid(const Event& event, std::size_t index, const std::string& domain) {
  std::string uid = event.id;
  if (index > 0) uid += "-" + std::to_string(index + 1);
  return uid + "@" + domain;
}

}  // namespace itkal
