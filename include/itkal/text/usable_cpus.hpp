#pragma once

namespace itkal {

/// The CPUs this process may run on: its affinity mask (taskset, cgroup cpusets), which
/// std::thread::hardware_concurrency ignores; at least 1.
unsigned usable_cpus();

}  // namespace itkal
