#include "itkal/text/usable_cpus.hpp"

#include <sched.h>

#include <algorithm>
#include <thread>

namespace itkal {

unsigned usable_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) {
    return static_cast<unsigned>(std::max(CPU_COUNT(&set), 1));
  }
  // No mask to be had (more CPUs than cpu_set_t holds): every CPU the machine has.
  return std::max(std::thread::hardware_concurrency(), 1u);
}

}  // namespace itkal
