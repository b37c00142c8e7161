#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <string>

namespace itkal {

/// "YYYY-MM-DD": the one spelling of a date in JSON, messages and keys.
std::string iso_date(const boost::gregorian::date& date);

}  // namespace itkal
